import { type MarketingPurpose, marketingPurposeNames, marketingPurposes, objectionsBarring } from "@tietoni/domain";
import { ApiError, ErrorMessage, Loading } from "@tietoni/ui";
import { useId, useState } from "react";
import { mailingListCsvUrl, useMailingListSummary } from "../api/get-mailing-list-summary.ts";
import { useI18n } from "../messages.ts";

/**
 * The direct-advertising list: pick the purpose, see how many customers the purpose check lets on it and
 * why the others are left out, then download the CSV (streamed by the BFF and logged as an export).
 */
export function MailingListPage() {
  const { t, pick } = useI18n();
  const id = useId();
  const [purpose, setPurpose] = useState<MarketingPurpose>("directAdvertising");
  const summary = useMailingListSummary(purpose);

  return (
    <>
      <h1>{t("operationsMailingTitle")}</h1>
      <p>{t("operationsMailingIntro")}</p>
      <div className="field">
        <label htmlFor={`${id}-purpose`}>{t("operationsMailingPurpose")}</label>
        <span className="hint" id={`${id}-purpose-hint`}>
          {pick(marketingPurposeNames[purpose].description)}{" "}
          {t("operationsMailingBarredBy", {
            // The file is a list: the same table the BFF's check reads, with the ban on publication in lists.
            purposes: objectionsBarring(purpose, { asList: true })
              .map((p) => pick(marketingPurposeNames[p].name))
              .join(", "),
          })}
        </span>
        <select
          id={`${id}-purpose`}
          value={purpose}
          aria-describedby={`${id}-purpose-hint`}
          onChange={(e) => {
            const chosen = marketingPurposes.find((p) => p === e.target.value);
            if (chosen) setPurpose(chosen);
          }}
        >
          {marketingPurposes.map((p) => (
            <option key={p} value={p}>
              {pick(marketingPurposeNames[p].name)}
            </option>
          ))}
        </select>
      </div>

      <section aria-labelledby={`${id}-summary`}>
        <h2 id={`${id}-summary`}>{t("operationsMailingSummaryHeading")}</h2>
        {summary.isPending && <Loading />}
        {summary.error && (
          <ErrorMessage code={summary.error instanceof ApiError ? summary.error.code : "server_error"} />
        )}
        {summary.data && (
          <>
            <dl className="fields operations-summary">
              <dt>{t("operationsMailingEligible")}</dt>
              <dd>{t("operationsMailingCount", { count: summary.data.eligible })}</dd>
              <dt>{t("operationsMailingExcludedObjected")}</dt>
              <dd>{t("operationsMailingCount", { count: summary.data.excluded.objected })}</dd>
              <dt>{t("operationsMailingExcludedRestricted")}</dt>
              <dd>{t("operationsMailingCount", { count: summary.data.excluded.restricted })}</dd>
              <dt>{t("operationsMailingExcludedErased")}</dt>
              <dd>{t("operationsMailingCount", { count: summary.data.excluded.erased })}</dd>
              <dt>{t("operationsMailingExcludedSuppressed")}</dt>
              <dd>{t("operationsMailingCount", { count: summary.data.excluded.suppressed })}</dd>
              <dt>{t("operationsMailingExcludedAddressProtected")}</dt>
              <dd>{t("operationsMailingCount", { count: summary.data.excluded.addressProtected })}</dd>
            </dl>
            <p className="note">{t("operationsMailingOverlap")}</p>
            <p>
              <a className="button" href={mailingListCsvUrl(purpose)} download>
                {t("operationsMailingDownload", { count: summary.data.eligible })}
              </a>
            </p>
            <p className="note">{t("operationsMailingColumns")}</p>
          </>
        )}
      </section>
    </>
  );
}
