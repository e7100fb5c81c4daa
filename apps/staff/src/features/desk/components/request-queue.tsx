import { outboxStatusLabels, requestStateNames, requestStates, requestTypeNames, requestTypes } from "@tietoni/domain";
import { DataTable, ErrorMessage, errorCode, formatDate, Loading, Pager } from "@tietoni/ui";
import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { paths } from "../../../config/paths.ts";
import { type QueueQuery, useRequestQueue } from "../api/get-request-queue.ts";
import { useI18n } from "../messages.ts";
import { DueBadge } from "./due-badge.tsx";
import { QueueCounts } from "./queue-counts.tsx";
import { defaultFilters, QueueFilters, type QueueFilterValues } from "./queue-filters.tsx";

export const channelKeys = {
  portal: "deskChannelPortal",
  paper: "deskChannelPaper",
  email: "deskChannelEmail",
} as const;

/** The filters live in the URL, so Back from a request returns to the same view. */
function filtersFrom(params: URLSearchParams): QueueFilterValues {
  const state = params.get("state");
  const type = params.get("type");
  return {
    state: state === "all" ? "all" : (requestStates.find((s) => s === state) ?? "open"),
    type: requestTypes.find((ty) => ty === type) ?? "all",
    overdue: params.get("overdue") === "true",
    mine: params.get("mine") === "true",
    q: params.get("q") ?? "",
  };
}

function toParams(f: QueueFilterValues): Record<string, string> {
  const p: Record<string, string> = {};
  if (f.state !== defaultFilters.state) p.state = f.state;
  if (f.type !== "all") p.type = f.type;
  if (f.overdue) p.overdue = "true";
  if (f.mine) p.mine = "true";
  if (f.q) p.q = f.q;
  return p;
}

/** The page in the URL (1 when absent or not a positive number). */
function pageFrom(params: URLSearchParams): number {
  const page = Number(params.get("page") ?? "1");
  return Number.isInteger(page) && page >= 1 && page <= 999_999 ? page : 1;
}

function toQuery(f: QueueFilterValues, page: number): QueueQuery {
  return {
    ...(page > 1 ? { page: String(page) } : {}),
    ...(f.state !== "all" ? { state: f.state } : {}),
    ...(f.type !== "all" ? { type: f.type } : {}),
    ...(f.overdue ? { overdue: "true" as const } : {}),
    ...(f.mine ? { mine: "true" as const } : {}),
    ...(f.q ? { q: f.q } : {}),
  };
}

export function RequestQueue() {
  const { t, pick, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = pageFrom(params);
  const queue = useRequestQueue(toQuery(filters, page));
  const captionId = useId();
  const err = errorCode(queue.error);

  return (
    <>
      <p>{t("deskQueueIntro")}</p>
      <p>
        <Link className="button" to={paths.newRequest}>
          {t("deskNewRequestLink")}
        </Link>
      </p>
      {queue.data && <QueueCounts counts={queue.data.counts} />}
      <QueueFilters key={params.toString()} value={filters} onApply={(next) => setParams(toParams(next))} />
      {err && <ErrorMessage code={err} />}
      {queue.isPending && <Loading />}
      {queue.data && (
        <section aria-labelledby={captionId}>
          <h2 id={captionId}>{t("deskQueueCaption")}</h2>
          <p role="status">
            {queue.data.page.total === 0
              ? t("deskQueueNone")
              : queue.data.page.total === 1
                ? t("deskQueueCountOne")
                : t("deskQueueCount", { count: queue.data.page.total })}
          </p>
          <DataTable
            caption={t("deskQueueCaption")}
            noCaption
            className="desk-queue"
            columns={[
              t("deskColRequest"),
              t("deskColDue"),
              t("deskColTimeLeft"),
              t("deskColState"),
              t("deskColReceived"),
              t("deskColChannel"),
              t("deskColAssigned"),
            ]}
            rows={queue.data.requests}
            rowKey={(r) => r.id}
            empty={null}
          >
            {(r) => (
              <>
                <th scope="row">
                  <Link to={paths.request(r.id)}>
                    {pick(requestTypeNames[r.type])}: {r.customerName || t("deskAnonymised")}
                  </Link>
                </th>
                <td>{formatDate(r.dueOn, locale)}</td>
                <td>
                  <DueBadge daysLeft={r.daysLeft} dueStatus={r.dueStatus} />
                </td>
                <td>
                  {pick(requestStateNames[r.state])}
                  {r.noticeUndelivered && (
                    <div className="desk-warning">
                      {t("deskNoticeFlag", { status: pick(outboxStatusLabels[r.noticeUndelivered]) })}
                    </div>
                  )}
                </td>
                <td>{formatDate(r.receivedOn, locale)}</td>
                <td>{t(channelKeys[r.channel])}</td>
                <td>{r.assignedTo?.displayName ?? t("deskUnassigned")}</td>
              </>
            )}
          </DataTable>
          <Pager
            page={queue.data.page}
            shown={queue.data.requests.length}
            onPage={(next) => setParams({ ...toParams(filters), ...(next > 1 ? { page: String(next) } : {}) })}
            texts={{
              label: t("deskPagerLabel"),
              showing: (range) => t("deskPagerShowing", range),
              past: (total) => t("deskPagerPast", { total }),
              previous: t("deskPagerPrevious"),
              next: t("deskPagerNext"),
            }}
          />
        </section>
      )}
    </>
  );
}
