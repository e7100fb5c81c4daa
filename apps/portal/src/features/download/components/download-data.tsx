import { ApiError, DataTable, EmptyState, ErrorMessage, formatDateTime, Loading } from "@tietoni/ui";
import { useId } from "react";
import { useSearchParams } from "react-router";
import { type DownloadHistory, useDownloadHistory, useRefreshDownloadHistory } from "../api/get-download-history.ts";
import type { downloadMessages } from "../messages.ts";
import { useI18n } from "../messages.ts";

type Format = DownloadHistory["downloads"][number]["format"];

/**
 * The export's URLs: plain links, so the browser downloads the file itself with the session cookie. No `download`
 * attribute: the file comes as an attachment and the page stays, while a refusal (another download still running)
 * sends the browser back here with `?error=<code>`, which the page shows in the customer's language.
 */
const exportBase = "/api/portal/export";
const schemaUrl = `${exportBase}/schema/v2.json`;

const formatNameKeys: Record<Format, keyof typeof downloadMessages> = {
  json: "downloadFormatJson",
  csv: "downloadFormatCsv",
  html: "downloadFormatHtml",
};

const errorCode = (err: unknown) => (err instanceof ApiError ? err.code : "server_error");

/** The refusals the export routes send back here; anything else in the URL is ignored. */
const downloadErrors = new Set(["export_in_progress", "export_address_busy", "export_busy", "not_found"]);

/** "Download my data" (Art. 15 and 20): the three formats and the customer's earlier downloads. */
export function DownloadData() {
  const { t, locale } = useI18n();
  const refreshHistory = useRefreshDownloadHistory();
  const headingIds = { json: useId(), csv: useId(), html: useId() };
  const refusal = useSearchParams()[0].get("error");
  return (
    <>
      <h1>{t("downloadTitle")}</h1>
      {refusal && downloadErrors.has(refusal) && <ErrorMessage code={refusal} />}
      <p>{t("downloadIntro")}</p>
      <section className="download-format" aria-labelledby={headingIds.json}>
        <h2 id={headingIds.json}>{t("downloadJsonHeading")}</h2>
        <p>{t("downloadJsonText")}</p>
        <p className="actions">
          <a className="button" href={`${exportBase}/json`} onClick={refreshHistory}>
            {t("downloadJsonLink")}
          </a>
        </p>
        <p>
          <a href={schemaUrl}>{t("downloadJsonSchemaLink")}</a>
        </p>
      </section>
      <section className="download-format" aria-labelledby={headingIds.csv}>
        <h2 id={headingIds.csv}>{t("downloadCsvHeading")}</h2>
        <p>{t("downloadCsvText")}</p>
        <p className="actions">
          <a className="button" href={`${exportBase}/csv`} onClick={refreshHistory}>
            {t("downloadCsvLink")}
          </a>
        </p>
      </section>
      <section className="download-format" aria-labelledby={headingIds.html}>
        <h2 id={headingIds.html}>{t("downloadHtmlHeading")}</h2>
        <p>{t("downloadHtmlText")}</p>
        <p className="actions">
          <a className="button" href={`${exportBase}/html?lang=${encodeURIComponent(locale)}`} onClick={refreshHistory}>
            {t("downloadHtmlLink")}
          </a>
        </p>
      </section>
      <DownloadHistoryTable />
    </>
  );
}

function DownloadHistoryTable() {
  const { t, locale } = useI18n();
  const headingId = useId();
  const history = useDownloadHistory();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("downloadHistoryHeading")}</h2>
      {history.isPending && <Loading />}
      {history.isError && <ErrorMessage code={errorCode(history.error)} />}
      {history.data && (
        <DataTable
          caption={t("downloadHistoryCaption")}
          columns={[t("downloadHistoryWhen"), t("downloadHistoryFormat")]}
          rows={history.data.downloads}
          // Downloads have no id in the answer; the list is append-only and newest first.
          rowKey={(download, index) => `${download.at}-${index}`}
          empty={<EmptyState>{t("downloadNoHistory")}</EmptyState>}
        >
          {(download) => (
            <>
              <td>{formatDateTime(download.at, locale)}</td>
              <td>{t(formatNameKeys[download.format])}</td>
            </>
          )}
        </DataTable>
      )}
    </section>
  );
}
