import { requestTypeNames } from "@tietoni/domain";
import { DataTable, ErrorMessage, errorCode, formatDate, Loading } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useSearchParams } from "react-router";
import { type StatisticsPeriod, useRequestStatistics } from "../api/get-request-statistics.ts";
import { useI18n } from "../messages.ts";

/** The period in the URL (Back and reload keep it), the figures below as a table of month × type. */
export function RequestStatisticsPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const period: StatisticsPeriod = { from: params.get("from") ?? "", to: params.get("to") ?? "" };
  const statistics = useRequestStatistics(period);
  const err = errorCode(statistics.error);
  return (
    <>
      <PeriodForm
        key={params.toString()}
        initial={period}
        onApply={(next) =>
          setParams(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== "")), { replace: false })
        }
      />
      {err && <ErrorMessage code={err} />}
      {statistics.isPending && !err && <Loading />}
      {statistics.data && (
        <>
          <p role="status">
            {t("statisticsShowing", {
              from: formatDate(statistics.data.from, locale),
              to: formatDate(statistics.data.to, locale),
              today: formatDate(statistics.data.today, locale),
            })}
          </p>
          <StatisticsTable rows={statistics.data.rows} />
          <p className="note">{t("statisticsDefinitions")}</p>
        </>
      )}
    </>
  );
}

function PeriodForm({ initial, onApply }: { initial: StatisticsPeriod; onApply: (period: StatisticsPeriod) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form onSubmit={submit} className="form form-inline" aria-label={t("statisticsPeriodLabel")}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("statisticsFrom")}</label>
        <input
          id={`${id}-from`}
          name="from"
          type="date"
          aria-describedby={`${id}-hint`}
          value={draft.from}
          onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("statisticsTo")}</label>
        <input
          id={`${id}-to`}
          name="to"
          type="date"
          aria-describedby={`${id}-hint`}
          value={draft.to}
          onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
        />
      </div>
      <p id={`${id}-hint`} className="hint">
        {t("statisticsPeriodHint")}
      </p>
      <div className="actions">
        <button type="submit">{t("statisticsApply")}</button>
      </div>
    </form>
  );
}

type Row = NonNullable<ReturnType<typeof useRequestStatistics>["data"]>["rows"][number];

/** A month name in the reader's language: "marraskuu 2026", "November 2026". */
function monthName(month: string, locale: "fi" | "en"): string {
  return new Intl.DateTimeFormat(locale === "fi" ? "fi-FI" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(Date.parse(`${month}-01T00:00:00Z`));
}

function StatisticsTable({ rows }: { rows: Row[] }) {
  const { t, locale, pick } = useI18n();
  const number = (n: number) => n.toLocaleString(locale === "fi" ? "fi-FI" : "en-GB");
  return (
    <DataTable
      caption={t("statisticsCaption")}
      className="request-statistics-table"
      columns={[
        t("statisticsColMonth"),
        t("statisticsColType"),
        { label: t("statisticsColReceived"), number: true },
        { label: t("statisticsColCompleted"), number: true },
        { label: t("statisticsColRefused"), number: true },
        { label: t("statisticsColExtended"), number: true },
        { label: t("statisticsColOverdue"), number: true },
        { label: t("statisticsColMedian"), number: true },
      ]}
      rows={rows}
      rowKey={(row) => `${row.month} ${row.type}`}
      empty={<p>{t("statisticsNone")}</p>}
    >
      {(row) => (
        <>
          <th scope="row">{monthName(row.month, locale)}</th>
          <th scope="row">{pick(requestTypeNames[row.type])}</th>
          <td className="number">{number(row.received)}</td>
          <td className="number">{number(row.completed)}</td>
          <td className="number">{number(row.refused)}</td>
          <td className="number">{number(row.extended)}</td>
          <td className="number">{number(row.overdue)}</td>
          <td className="number">
            {row.medianDaysToAnswer === null ? t("statisticsNoMedian") : number(row.medianDaysToAnswer)}
          </td>
        </>
      )}
    </DataTable>
  );
}
