import { ApiError, DataTable, ErrorMessage, formatDate, formatDateTime, Loading } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { blockerText } from "../../../lib/blocker-text.ts";
import { useSession } from "../../../lib/session.ts";
import { useRetentionDue } from "../api/get-retention-due.ts";
import { type RetentionRunSummary, useRetentionRuns } from "../api/get-retention-runs.ts";
import { type SkipReason, useRetentionRun } from "../api/run-retention.ts";
import type { retentionMessages } from "../messages.ts";
import { useI18n } from "../messages.ts";

const skipTexts: Record<SkipReason, keyof typeof retentionMessages> = {
  not_found: "retentionSkipNotFound",
  already_anonymised: "retentionSkipAlreadyAnonymised",
  not_due: "retentionSkipNotDue",
  blocked: "retentionSkipBlocked",
  restricted: "retentionSkipRestricted",
  legal_hold: "retentionSkipLegalHold",
  pending_request: "retentionSkipPendingRequest",
};

/** Why the dry run lists a due customer as skipped (the reasons retention leaves a customer alone). */
const heldTexts: Record<"restricted" | "legal_hold" | "pending_request", keyof typeof retentionMessages> = {
  restricted: "retentionReasonRestricted",
  legal_hold: "retentionReasonLegalHold",
  pending_request: "retentionReasonPendingRequest",
};

const triggerTexts: Record<RetentionRunSummary["trigger"], keyof typeof retentionMessages> = {
  schedule: "retentionTriggerSchedule",
  manual: "retentionTriggerManual",
  cli: "retentionTriggerCli",
};

const statusTexts: Record<RetentionRunSummary["status"], keyof typeof retentionMessages> = {
  running: "retentionStatusRunning",
  done: "retentionStatusDone",
  failed: "retentionStatusFailed",
};

/** Retention is an administrator's task; the BFF refuses anyone else too. */
export function RetentionPage() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <>
      <h1>{t("retentionTitle")}</h1>
      {session.data?.role === "admin" ? (
        <>
          <RetentionRun />
          <RetentionRuns />
        </>
      ) : (
        <p>{t("retentionAdminOnly")}</p>
      )}
    </>
  );
}

/**
 * The dry run (who is due, who is blocked and why), then a confirmed run in batches of ten with progress.
 * Each batch re-checks every customer on the server, so a stale list cannot anonymise the wrong person.
 */
function RetentionRun() {
  const { t, locale } = useI18n();
  const id = useId();
  const due = useRetentionDue();
  const { state, start } = useRetentionRun();
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const running = state.status === "running";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!due.data || running) return;
    if (!confirmed) {
      setConfirmMissing(true);
      return;
    }
    setConfirmed(false);
    void start(due.data.customers.map((c) => c.id));
  };

  return (
    <>
      <p>{t("retentionIntro")}</p>
      <p>{t("retentionSchedule")}</p>
      {state.status !== "idle" && (
        <section aria-labelledby={`${id}-progress`} className="retention-progress">
          <h2 id={`${id}-progress`} className="visually-hidden">
            {t("retentionProgressLabel")}
          </h2>
          <progress max={Math.max(state.total, 1)} value={state.processed} aria-label={t("retentionProgressLabel")} />
          <div role="status">
            {state.status === "running" && (
              <p>{t("retentionProgress", { processed: state.processed, total: state.total })}</p>
            )}
            {state.status === "done" && (
              <p className="success-message">
                {t("retentionDone", { anonymised: state.anonymised.length, skipped: state.skipped.length })}
              </p>
            )}
          </div>
          {state.status === "failed" && (
            <>
              <ErrorMessage code={state.error ?? "server_error"} />
              <p>{t("retentionFailed", { processed: state.processed, total: state.total })}</p>
            </>
          )}
          {state.status !== "running" && state.skipped.length > 0 && (
            <>
              <h3>{t("retentionSkippedHeading")}</h3>
              <ul>
                {state.skipped.map((s) => (
                  <li key={s.id}>{t(skipTexts[s.reason], { id: s.id })}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {due.isPending && <Loading />}
      {due.error && <ErrorMessage code={due.error instanceof ApiError ? due.error.code : "server_error"} />}
      {due.data && (
        <>
          <section aria-labelledby={`${id}-due`}>
            <h2 id={`${id}-due`}>{t("retentionDueHeading", { count: due.data.customers.length })}</h2>
            <DataTable
              caption={t("retentionDueCaption")}
              columns={[
                t("retentionColName"),
                t("retentionColId"),
                t("retentionColEnded"),
                t("retentionColRetentionEnded"),
              ]}
              rows={due.data.customers}
              rowKey={(c) => c.id}
              empty={<p>{t("retentionDueNone")}</p>}
            >
              {(c) => (
                <>
                  <CustomerCells customer={c} />
                  <td>{formatDate(c.relationshipEnd, locale)}</td>
                  <td>{formatDate(c.retentionEndedOn, locale)}</td>
                </>
              )}
            </DataTable>
          </section>

          {due.data.blocked.length > 0 && (
            <section aria-labelledby={`${id}-blocked`}>
              <h2 id={`${id}-blocked`}>{t("retentionBlockedHeading", { count: due.data.blocked.length })}</h2>
              <p>{t("retentionBlockedIntro")}</p>
              <DataTable
                caption={t("retentionBlockedCaption")}
                columns={[
                  t("retentionColName"),
                  t("retentionColId"),
                  t("retentionColRetentionEnded"),
                  t("retentionColGrounds"),
                ]}
                rows={due.data.blocked}
                rowKey={(c) => c.id}
              >
                {(c) => (
                  <>
                    <CustomerCells customer={c} />
                    <td>{formatDate(c.retentionEndedOn, locale)}</td>
                    <td>
                      <ul>
                        {c.blockers.map((b) => (
                          <li key={b.ground}>{blockerText(t, b)}</li>
                        ))}
                      </ul>
                    </td>
                  </>
                )}
              </DataTable>
            </section>
          )}

          {due.data.skipped.length > 0 && (
            <section aria-labelledby={`${id}-held`}>
              <h2 id={`${id}-held`}>{t("retentionHeldHeading", { count: due.data.skipped.length })}</h2>
              <p>{t("retentionHeldIntro")}</p>
              <DataTable
                caption={t("retentionHeldCaption")}
                columns={[
                  t("retentionColName"),
                  t("retentionColId"),
                  t("retentionColRetentionEnded"),
                  t("retentionColReason"),
                ]}
                rows={due.data.skipped}
                rowKey={(c) => c.id}
              >
                {(c) => (
                  <>
                    <CustomerCells customer={c} />
                    <td>{formatDate(c.retentionEndedOn, locale)}</td>
                    <td>{t(heldTexts[c.reason])}</td>
                  </>
                )}
              </DataTable>
            </section>
          )}

          {due.data.customers.length > 0 && (
            <form onSubmit={submit} noValidate className="operations-confirm">
              <h2>{t("retentionConfirmHeading")}</h2>
              <div className="field operations-check">
                <input
                  id={`${id}-confirm`}
                  type="checkbox"
                  checked={confirmed}
                  disabled={running}
                  onChange={(e) => {
                    setConfirmed(e.target.checked);
                    if (e.target.checked) setConfirmMissing(false);
                  }}
                  aria-invalid={confirmMissing ? true : undefined}
                  aria-describedby={confirmMissing ? `${id}-confirm-error` : undefined}
                />
                <label htmlFor={`${id}-confirm`}>{t("retentionConfirmLabel")}</label>
                {confirmMissing && (
                  <p className="field-error" id={`${id}-confirm-error`}>
                    {t("retentionConfirmRequired")}
                  </p>
                )}
              </div>
              <button type="submit" className="danger" disabled={running}>
                {running ? t("retentionRunning") : t("retentionRun", { count: due.data.customers.length })}
              </button>
            </form>
          )}
        </>
      )}
    </>
  );
}

/** The last runs, whoever started them, with their counts (the skipped summed over their reasons). */
function RetentionRuns() {
  const { t, locale } = useI18n();
  const id = useId();
  const runs = useRetentionRuns();
  return (
    <section aria-labelledby={`${id}-runs`}>
      <h2 id={`${id}-runs`}>{t("retentionRunsHeading")}</h2>
      {runs.isPending && <Loading />}
      {runs.error && <ErrorMessage code={runs.error instanceof ApiError ? runs.error.code : "server_error"} />}
      {runs.data && (
        <DataTable
          caption={t("retentionRunsCaption")}
          columns={[
            t("retentionColStarted"),
            t("retentionColTrigger"),
            t("retentionColStatus"),
            t("retentionColAnonymised"),
            t("retentionColSkipped"),
            t("retentionColRemainders"),
            t("retentionColBookkeeping"),
          ]}
          rows={runs.data.runs}
          rowKey={(r) => r.id}
          empty={<p>{t("retentionRunsNone")}</p>}
        >
          {(r) => (
            <>
              <th scope="row">{formatDateTime(new Date(r.startedAt).toISOString(), locale)}</th>
              <td>{t(triggerTexts[r.trigger])}</td>
              <td>{t(statusTexts[r.status])}</td>
              <td>{r.counts?.anonymised ?? "–"}</td>
              <td>{r.counts ? Object.values(r.counts.skipped).reduce((a, b) => a + (b ?? 0), 0) : "–"}</td>
              <td>{r.counts?.remaindersErased ?? "–"}</td>
              <td>{r.counts?.bookkeepingRows ?? "–"}</td>
            </>
          )}
        </DataTable>
      )}
    </section>
  );
}

/** The customer's name, linking to their record, and id: the first cells of the lists. */
function CustomerCells({ customer }: { customer: { id: string; name: string } }) {
  return (
    <>
      <th scope="row">
        <Link to={paths.customer(customer.id)}>{customer.name}</Link>
      </th>
      <td>{customer.id}</td>
    </>
  );
}
