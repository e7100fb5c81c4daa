import { type KeptData, registerDescription } from "@tietoni/domain";
import { ApiError, DataTable, ErrorMessage, formatDate, Loading } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { blockerText } from "../../../lib/blocker-text.ts";
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
 * An erasure request: the grounds that block it, what anonymisation removes and what it keeps, and a
 * confirmation step before it is carried out. The BFF re-checks every ground in the same transaction.
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
  const id = useId();
  const preview = useErasurePreview(requestId, pending && !anonymised);
  const execute = useExecuteErasure();
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
          <p>{t("operationsErasureDone")}</p>
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
                </>
              )}

              <h3>{t("operationsRemovesHeading")}</h3>
              <ul>
                {preview.data.removes.map((category) => (
                  <li key={category}>{pick(registerDescription.dataCategories[category].name)}</li>
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

              {!preview.data.assessment.blocked && (
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
                    {execute.isPending ? t("operationsWorking") : t("operationsErasureExecute")}
                  </button>
                </form>
              )}
            </>
          )}
          {executeError && <ErrorMessage code={executeError} />}
        </>
      )}
    </section>
  );
}
