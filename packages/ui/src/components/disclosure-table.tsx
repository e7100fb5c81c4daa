import {
  categoryName,
  type DisclosureView,
  disclosureChannelLabels,
  disclosureLegalBasisLabels,
  disclosureReasonLabels,
  type Localized,
} from "@tietoni/domain";
import type { ReactNode } from "react";
import { formatDateTime } from "../format.ts";
import { useLocale } from "../i18n/create-i18n.tsx";
import { useNotice } from "../notice/notice-provider.tsx";
import { DataTable } from "./data-table.tsx";

const texts = {
  when: { fi: "Milloin", en: "When" },
  recipient: { fi: "Vastaanottaja", en: "Recipient" },
  categories: { fi: "Luovutetut tiedot", en: "Data disclosed" },
  why: { fi: "Miksi", en: "Why" },
  channel: { fi: "Miten", en: "How" },
  legalBasis: { fi: "Peruste", en: "Legal basis" },
  partOf: { fi: "Selosteen vastaanottaja: {name}", en: "Recipient in the notice: {name}" },
  noCategories: {
    fi: "Vain asiakastunnus (tieto tapahtumasta)",
    en: "Your customer ID only (notice of an event)",
  },
} as const satisfies Record<string, Localized>;

/**
 * The disclosure log (issue 13) as the customer and staff see it: when, to whom (the receiving system's registered
 * name and the privacy notice's recipient it belongs to), which categories, why and how. One component for the
 * portal's "who received my data" and the staff record, so both show the same thing.
 */
export function DisclosureTable({
  caption,
  disclosures,
  empty,
}: {
  caption: string;
  disclosures: readonly DisclosureView[];
  empty: ReactNode;
}) {
  const { locale, pick } = useLocale();
  const notice = useNotice();
  return (
    <DataTable
      caption={caption}
      className="disclosures"
      columns={[pick(texts.when), pick(texts.recipient), pick(texts.categories), pick(texts.why), pick(texts.channel)]}
      rows={disclosures}
      rowKey={(d) => d.id}
      empty={empty}
    >
      {(d) => (
        <>
          <td>{formatDateTime(d.at, locale)}</td>
          <td>
            {d.systemName ?? (d.noticeRecipient ? pick(d.noticeRecipient.name) : "")}
            {d.systemName && d.noticeRecipient && (
              <>
                <br />
                <span className="note">{pick(texts.partOf).replace("{name}", pick(d.noticeRecipient.name))}</span>
              </>
            )}
          </td>
          <td>
            {d.categories.length === 0 ? (
              pick(texts.noCategories)
            ) : (
              <ul className="compact">
                {d.categories.map((c) => (
                  <li key={c}>{pick(categoryName(notice, c))}</li>
                ))}
              </ul>
            )}
          </td>
          <td>
            {pick(disclosureReasonLabels[d.reason])}
            <br />
            <span className="note">
              {pick(texts.legalBasis)}: {pick(disclosureLegalBasisLabels[d.legalBasis])}
            </span>
          </td>
          <td>{pick(disclosureChannelLabels[d.channel])}</td>
        </>
      )}
    </DataTable>
  );
}
