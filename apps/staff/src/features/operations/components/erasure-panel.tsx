import { categoryName, type KeptData, keptGroundName } from "@tietoni/domain";
import { ApiError, DataTable, ErrorMessage, formatDate, Loading, useNotice } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { blockerText } from "../../../lib/blocker-text.ts";
import { useEraseRemainder } from "../api/erase-remainder.ts";
import { useExecuteErasure } from "../api/execute-erasure.ts";
import { useErasurePreview } from "../api/get-erasure-preview.ts";
import type { operationsMessages } from "../messages.ts";
import { useI18n } from "../messages.ts";

type Key = keyof typeof operationsMessages;

const keptTexts: Record<KeptData["what"], { what: Key; rule: Key }> = {
  bookkeeping: { what: "operationsKeptBookkeeping", rule: "operationsKeptBookkeepingRule" },
  suppression: { what: "operationsKeptSuppression", rule: "operationsKeptSuppressionRule" },
  auditTrail: { what: "operationsKeptAuditTrail", rule: "operationsKeptAuditTrailRule" },
};

const errorCode = (err: unknown) => (err instanceof ApiError ? err.code : err ? "server_error" : null);

/**
 * An erasure request: the grounds that hold, what the erasure removes and what each ground keeps until when, and a
 * confirmation step before it is carried out (partially while a ground holds, issue 14 A). The BFF re-reads every
 * ground in the same transaction. After a partial erasure: the remainder, due once the last ground ended.
 */
export function ErasurePanel({
  requestId,
  pending,
  anonymised,
  decidedAt,
}: {
  requestId: string;
  pending: boolean;
  anonymised: boolean;
  decidedAt: string | null;
}) {
  const { t, pick, locale } = useI18n();
  const notice = useNotice();
  const id = useId();
  // A decided request is previewed too while the record stands: a partial erasure's remainder may be due.
  const preview = useErasurePreview(requestId, !anonymised);
  const execute = useExecuteErasure();
  const remainder = useEraseRemainder();
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!confirmed) {
      setConfirmMissing(true);
      return;
    }
    execute.mutate(requestId);
  };

  // Issue 14 D: 202 — the erasure waits for a second person's approval instead of running now.
  const done = execute.data?.outcome === "done" ? execute.data : undefined;
  const waiting = execute.data?.outcome === "pending" ? execute.data : undefined;
  const executeError = errorCode(execute.error);

  return (
    <section aria-labelledby={`${id}-heading`} className="operations-panel">
      <h2 id={`${id}-heading`}>{t("operationsErasureHeading")}</h2>
      {done && (
        <div className="success-message" role="status">
          <p>{done.partial ? t("operationsErasurePartialDone") : t("operationsErasureDone")}</p>
          {done.suppressed && <p>{t("operationsErasureSuppressed")}</p>}
        </div>
      )}
      {waiting && (
        <div className="success-message" role="status">
          <p>{t("operationsErasureWaits")}</p>
          <p>
            {t(waiting.ground === "registrant" ? "operationsErasureWaitsRegistrant" : "operationsErasureWaitsCleared")}
          </p>
        </div>
      )}
      {!done && !pending && (
        <p>
          {decidedAt
            ? t("operationsErasureCompleted", { date: formatDate(decidedAt, locale) })
            : t("operationsNotPending")}
        </p>
      )}
      {!pending && !anonymised && preview.data?.remainder && (
        <section aria-labelledby={`${id}-remainder`}>
          <h3 id={`${id}-remainder`}>{t("operationsRemainderHeading")}</h3>
          {remainder.data ? (
            <p role="status" className="success-message">
              {t("operationsRemainderDone")}
            </p>
          ) : (
            <>
              <p className={preview.data.remainder.due ? "desk-warning" : undefined}>
                {t(preview.data.remainder.due ? "operationsRemainderDue" : "operationsRemainderHeld", {
                  date: formatDate(new Date(preview.data.remainder.erasedAt).toISOString(), locale),
                })}
              </p>
              {preview.data.remainder.due && (
                <button
                  type="button"
                  className="danger"
                  disabled={remainder.isPending}
                  onClick={() => remainder.mutate(preview.data.customerId)}
                >
                  {remainder.isPending ? t("operationsWorking") : t("operationsRemainderExecute")}
                </button>
              )}
            </>
          )}
          {errorCode(remainder.error) && <ErrorMessage code={errorCode(remainder.error) ?? "server_error"} />}
        </section>
      )}
      {!done && pending && anonymised && <p>{t("operationsAlreadyAnonymised")}</p>}
      {!done && !waiting && pending && !anonymised && (
        <>
          <p>{t("operationsErasureIntro")}</p>
          {preview.isPending && <Loading />}
          {preview.error && <ErrorMessage code={errorCode(preview.error) ?? "server_error"} />}
          {preview.data && (
            <>
              <h3>{t("operationsBlockersHeading")}</h3>
              {preview.data.assessment.blockers.length === 0 ? (
                <p>{t("operationsBlockersNone")}</p>
              ) : (
                <>
                  <ul className="operations-blockers">
                    {preview.data.assessment.blockers.map((blocker) => (
                      <li key={blocker.ground}>{blockerText(t, blocker)}</li>
                    ))}
                  </ul>
                  <p>{t("operationsBlockedNote")}</p>
                  <h3>{t("operationsScopeHeading")}</h3>
                  <DataTable
                    caption={t("operationsScopeCaption")}
                    columns={[t("operationsScopeGround"), t("operationsScopeData"), t("operationsKeptUntil")]}
                    rows={preview.data.scope.kept}
                    rowKey={(k) => `${k.ground}-${k.detail.holdId ?? ""}`}
                  >
                    {(k) => (
                      <>
                        <th scope="row">{pick(keptGroundName(k))}</th>
                        <td>{k.categories.map((c) => pick(categoryName(notice, c))).join(", ")}</td>
                        <td>
                          {k.until === null
                            ? t("operationsScopeUntilGroundEnds")
                            : t("operationsKeptUntilDate", { date: formatDate(k.until, locale) })}
                        </td>
                      </>
                    )}
                  </DataTable>
                </>
              )}

              <h3>{t("operationsRemovesHeading")}</h3>
              <ul>
                {preview.data.removes.map((category) => (
                  <li key={category}>{pick(categoryName(notice, category))}</li>
                ))}
                <li>{t("operationsRemovesSessions")}</li>
                <li>{t("operationsRemovesHistory")}</li>
                <li>{t("operationsRemovesRequestTexts")}</li>
              </ul>

              <h3>{t("operationsKeptHeading")}</h3>
              <DataTable
                caption={t("operationsKeptCaption")}
                columns={[t("operationsKeptWhat"), t("operationsKeptRule"), t("operationsKeptUntil")]}
                rows={preview.data.assessment.kept}
                rowKey={(kept) => kept.what}
              >
                {(kept) => (
                  <>
                    <th scope="row">{t(keptTexts[kept.what].what)}</th>
                    <td>{t(keptTexts[kept.what].rule)}</td>
                    <td>
                      {kept.until === null
                        ? t("operationsKeptForever")
                        : t("operationsKeptUntilDate", { date: formatDate(kept.until, locale) })}
                    </td>
                  </>
                )}
              </DataTable>

              <form onSubmit={submit} noValidate className="operations-confirm">
                <h3>{t("operationsConfirmHeading")}</h3>
                <div className="field operations-check">
                  <input
                    id={`${id}-confirm`}
                    type="checkbox"
                    checked={confirmed}
                    onChange={(e) => {
                      setConfirmed(e.target.checked);
                      if (e.target.checked) setConfirmMissing(false);
                    }}
                    aria-invalid={confirmMissing ? true : undefined}
                    aria-describedby={confirmMissing ? `${id}-confirm-error` : undefined}
                  />
                  <label htmlFor={`${id}-confirm`}>{t("operationsErasureConfirmLabel")}</label>
                  {confirmMissing && (
                    <p className="field-error" id={`${id}-confirm-error`}>
                      {t("operationsConfirmRequired")}
                    </p>
                  )}
                </div>
                <button type="submit" className="danger" disabled={execute.isPending}>
                  {execute.isPending
                    ? t("operationsWorking")
                    : t(preview.data.scope.complete ? "operationsErasureExecute" : "operationsErasurePartialExecute")}
                </button>
              </form>
            </>
          )}
          {executeError && <ErrorMessage code={executeError} />}
        </>
      )}
    </section>
  );
}
