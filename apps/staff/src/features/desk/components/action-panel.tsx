import { checkExtension, extendedDueDate, helsinkiDate, isPending, type RequestView } from "@tietoni/domain";
import { ErrorMessage, errorCode, FieldError, fieldErrors, formatDate, formError } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useApproveCorrection } from "../api/approve-correction.ts";
import { useCompleteRequest } from "../api/complete-request.ts";
import { useExtendRequest } from "../api/extend-request.ts";
import { useRefuseRequest } from "../api/refuse-request.ts";
import { useStartRequest } from "../api/start-request.ts";
import { useI18n } from "../messages.ts";

type Done = (message: string) => void;

/** Decisions this desk makes; erasure and restriction are carried out in the operations panel below it. */
export function ActionPanel({ request, onDone }: { request: RequestView; onDone: Done }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  if (!isPending(request.state)) {
    const { decision } = request;
    return (
      <section aria-labelledby={headingId} className="desk-panel">
        <h2 id={headingId}>{t("deskActionsHeading")}</h2>
        {decision && <p>{t("deskDecided", { date: formatDate(decision.decidedAt, locale) })}</p>}
        {request.state === "cancelled" && <p>{t("deskDecidedCancelled")}</p>}
        {decision?.outcome === "completed" && <p>{t("deskDecidedCompleted")}</p>}
        {decision?.reasons && (
          <>
            {decision.outcome === "refused" && <p>{t("deskDecidedRefused")}</p>}
            <blockquote className="desk-text">{decision.reasons}</blockquote>
          </>
        )}
      </section>
    );
  }
  const today = helsinkiDate(Date.now());
  const extension = checkExtension(
    {
      state: request.state,
      receivedOn: request.receivedOn,
      dueOn: request.dueOn,
      extendedAt: request.extension?.at ?? null,
    },
    1,
    today,
  );
  const decidedHere = request.type === "access" || request.type === "objection" || request.type === "other";
  return (
    <section aria-labelledby={headingId} className="desk-panel">
      <h2 id={headingId}>{t("deskActionsHeading")}</h2>
      {request.state === "received" && <StartAction requestId={request.id} onDone={onDone} />}
      {request.type === "rectification" && <ApproveAction requestId={request.id} onDone={onDone} />}
      {decidedHere && <CompleteForm requestId={request.id} onDone={onDone} />}
      {(request.type === "erasure" || request.type === "restriction") && <p className="note">{t("deskElsewhere")}</p>}
      {extension.allowed ? (
        <ExtendForm request={request} onDone={onDone} />
      ) : (
        <p className="note">{t("deskExtendNotAllowed")}</p>
      )}
      <RefuseForm requestId={request.id} onDone={onDone} />
    </section>
  );
}

function StartAction({ requestId, onDone }: { requestId: string; onDone: Done }) {
  const { t } = useI18n();
  const id = useId();
  const start = useStartRequest(requestId);
  const err = errorCode(start.error);
  return (
    <div className="desk-action">
      <h3 id={id}>{t("deskStartHeading")}</h3>
      <p>{t("deskStartText")}</p>
      <button
        type="button"
        className="secondary"
        disabled={start.isPending}
        onClick={() => start.mutate(undefined, { onSuccess: () => onDone(t("deskStarted")) })}
      >
        {start.isPending ? t("deskWorking") : t("deskStart")}
      </button>
      {err && <ErrorMessage code={err} />}
    </div>
  );
}

function ApproveAction({ requestId, onDone }: { requestId: string; onDone: Done }) {
  const { t } = useI18n();
  const id = useId();
  const approve = useApproveCorrection(requestId);
  const err = errorCode(approve.error);
  return (
    <div className="desk-action">
      <h3 id={id}>{t("deskApproveHeading")}</h3>
      <p id={`${id}-text`}>{t("deskApproveText")}</p>
      <button
        type="button"
        disabled={approve.isPending}
        aria-describedby={`${id}-text`}
        onClick={() => approve.mutate(undefined, { onSuccess: () => onDone(t("deskApproved")) })}
      >
        {approve.isPending ? t("deskWorking") : t("deskApprove")}
      </button>
      {err && <ErrorMessage code={err} />}
    </div>
  );
}

function CompleteForm({ requestId, onDone }: { requestId: string; onDone: Done }) {
  const { t } = useI18n();
  const id = useId();
  const [note, setNote] = useState("");
  const complete = useCompleteRequest(requestId);
  const fieldErr = fieldErrors(complete.error).get("note") ?? null;
  const formErr = formError(complete.error, ["note"]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    complete.mutate(note, { onSuccess: () => onDone(t("deskCompleted")) });
  };
  return (
    <form onSubmit={submit} noValidate className="form desk-action" aria-labelledby={id}>
      <h3 id={id}>{t("deskCompleteHeading")}</h3>
      <p id={`${id}-text`}>{t("deskCompleteText")}</p>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("deskCompleteNote")}</label>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={4000}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={fieldErr ? true : undefined}
          aria-describedby={[`${id}-text`, fieldErr ? `${id}-note-error` : null].filter(Boolean).join(" ")}
        />
        <FieldError id={`${id}-note-error`} code={fieldErr} />
      </div>
      <div>
        <button type="submit" disabled={complete.isPending}>
          {complete.isPending ? t("deskWorking") : t("deskComplete")}
        </button>
      </div>
      {formErr && <ErrorMessage code={formErr} />}
    </form>
  );
}

function ExtendForm({ request, onDone }: { request: RequestView; onDone: Done }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [months, setMonths] = useState<1 | 2>(2);
  const [reasons, setReasons] = useState("");
  const extend = useExtendRequest(request.id);
  const fieldErr = fieldErrors(extend.error).get("reasons") ?? null;
  const formErr = formError(extend.error, ["reasons"]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    extend.mutate({ months, reasons }, { onSuccess: () => onDone(t("deskExtended")) });
  };
  const options = [
    {
      value: 1 as const,
      label: t("deskExtendOne", { date: formatDate(extendedDueDate(request.receivedOn, 1), locale) }),
    },
    {
      value: 2 as const,
      label: t("deskExtendTwo", { date: formatDate(extendedDueDate(request.receivedOn, 2), locale) }),
    },
  ];
  return (
    <form onSubmit={submit} noValidate className="form desk-action" aria-labelledby={id}>
      <h3 id={id}>{t("deskExtendHeading")}</h3>
      <p id={`${id}-text`}>{t("deskExtendText")}</p>
      <fieldset>
        <legend>{t("deskExtendMonths")}</legend>
        {options.map((o) => (
          <div className="desk-check" key={o.value}>
            <input
              type="radio"
              id={`${id}-months-${o.value}`}
              name={`${id}-months`}
              checked={months === o.value}
              onChange={() => setMonths(o.value)}
            />
            <label htmlFor={`${id}-months-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-reasons`}>{t("deskExtendReasons")}</label>
        <textarea
          id={`${id}-reasons`}
          value={reasons}
          maxLength={4000}
          onChange={(e) => setReasons(e.target.value)}
          aria-invalid={fieldErr ? true : undefined}
          aria-describedby={[`${id}-text`, fieldErr ? `${id}-reasons-error` : null].filter(Boolean).join(" ")}
        />
        <FieldError id={`${id}-reasons-error`} code={fieldErr} />
      </div>
      <div>
        <button type="submit" className="secondary" disabled={extend.isPending}>
          {extend.isPending ? t("deskWorking") : t("deskExtend")}
        </button>
      </div>
      {formErr && <ErrorMessage code={formErr} />}
    </form>
  );
}

function RefuseForm({ requestId, onDone }: { requestId: string; onDone: Done }) {
  const { t } = useI18n();
  const id = useId();
  const [reasons, setReasons] = useState("");
  const refuse = useRefuseRequest(requestId);
  const fieldErr = fieldErrors(refuse.error).get("reasons") ?? null;
  const formErr = formError(refuse.error, ["reasons"]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    refuse.mutate(reasons, { onSuccess: () => onDone(t("deskRefused")) });
  };
  return (
    <form onSubmit={submit} noValidate className="form desk-action" aria-labelledby={id}>
      <h3 id={id}>{t("deskRefuseHeading")}</h3>
      <p id={`${id}-warning`} className="desk-warning">
        {t("deskRefuseWarning")}
      </p>
      <div className="field">
        <label htmlFor={`${id}-reasons`}>{t("deskRefuseReasons")}</label>
        <textarea
          id={`${id}-reasons`}
          value={reasons}
          maxLength={4000}
          required
          onChange={(e) => setReasons(e.target.value)}
          aria-invalid={fieldErr ? true : undefined}
          aria-describedby={[`${id}-warning`, fieldErr ? `${id}-reasons-error` : null].filter(Boolean).join(" ")}
        />
        <FieldError id={`${id}-reasons-error`} code={fieldErr} />
      </div>
      <div>
        <button type="submit" className="danger" disabled={refuse.isPending}>
          {refuse.isPending ? t("deskWorking") : t("deskRefuse")}
        </button>
      </div>
      {formErr && <ErrorMessage code={formErr} />}
    </form>
  );
}
