import {
  categoryName,
  type DataCategoryId,
  erasureGroundTexts,
  type KeptByGround,
  keptGroundName,
} from "@tietoni/domain";
import { DataTable, formatDate, useNotice } from "@tietoni/ui";
import { useId } from "react";
import { useI18n } from "../messages.ts";

/**
 * Issue 14 A: what an erasure keeps, on which ground and until when, and what it erases — before the request (what
 * would happen now) and after a partial erasure (what happened). The same table both times, from the domain's scope.
 */
export function ErasureScopeView({
  kept,
  erased,
  heading,
  level = 2,
}: {
  kept: readonly KeptByGround[];
  erased: readonly DataCategoryId[];
  heading: string;
  level?: 2 | 3 | 4;
}) {
  const { t, pick, locale } = useI18n();
  const id = useId();
  const notice = useNotice();
  const Heading = `h${level}` as const;
  const Sub = `h${Math.min(level + 1, 6)}` as "h3";
  const category = (c: DataCategoryId) => pick(categoryName(notice, c));
  return (
    <section aria-labelledby={id} className="requests-erasure-scope">
      <Heading id={id}>{heading}</Heading>
      <DataTable
        caption={t("requestsScopeKeptCaption")}
        columns={[t("requestsScopeGround"), t("requestsScopeKeptData"), t("requestsKeptRule"), t("requestsKeptUntil")]}
        rows={kept}
        rowKey={(k) => `${k.ground}-${k.detail.holdId ?? ""}`}
      >
        {(k) => (
          <>
            <th scope="row">{pick(keptGroundName(k))}</th>
            <td>{k.categories.map(category).join(", ")}</td>
            <td>{pick(erasureGroundTexts[k.ground].rule)}</td>
            <td>
              {k.until === null
                ? t("requestsScopeUntilGroundEnds")
                : t("requestsKeptUntilDate", { date: formatDate(k.until, locale) })}
            </td>
          </>
        )}
      </DataTable>
      <Sub>{t("requestsScopeErasedHeading")}</Sub>
      {erased.length === 0 ? (
        <p>{t("requestsScopeErasedNone")}</p>
      ) : (
        <ul>
          {erased.map((c) => (
            <li key={c}>{category(c)}</li>
          ))}
          <li>{t("requestsScopeErasedAlways")}</li>
        </ul>
      )}
      <p>{t("requestsScopeRemainder")}</p>
    </section>
  );
}
