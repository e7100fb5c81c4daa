import { marketingChannelNames, marketingPurposeNames } from "@tietoni/domain";
import { DataTable, formatDateTime } from "@tietoni/ui";
import { useId } from "react";
import type { RecordFacts } from "../api/get-record-facts.ts";
import { useI18n } from "../messages.ts";

/** The objections in force, each with the day and channel of the change that made it (portal, staff, import…). */
export function ObjectionsSection({ objections }: { objections: RecordFacts["objections"] }) {
  const { t, pick, locale } = useI18n();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("factsObjectionsHeading")}</h3>
      <DataTable
        caption={t("factsObjectionsCaption")}
        columns={[t("factsColPurpose"), t("factsColSince"), t("factsColChannel")]}
        rows={objections}
        rowKey={(o) => o.purpose}
        empty={<p>{t("factsObjectionsNone")}</p>}
      >
        {(o) => (
          <>
            <th scope="row">{pick(marketingPurposeNames[o.purpose].name)}</th>
            <td>{o.since ? formatDateTime(o.since, locale) : t("factsUnknown")}</td>
            <td>{o.channel ? pick(marketingChannelNames[o.channel]) : t("factsUnknown")}</td>
          </>
        )}
      </DataTable>
    </section>
  );
}
