import {
  checkExtension,
  extendedDueDate,
  helsinkiDate,
  isPending,
  type RequestView,
  requestDecidedOn,
} from "@tietoni/domain";
import { ErrorMessage, errorCode, FormError, fieldErrors, formatDate, formError, TextAreaField } from "@tietoni/ui";
import { type FormEvent, type ReactNode, useId, useState } from "react";
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
  const decidedOn = requestDecidedOn[request.type];
  return (
    <section aria-labelledby={headingId} className="desk-panel">
      <h2 id={headingId}>{t("deskActionsHeading")}</h2>
      {request.state === "received" && <StartAction requestId={request.id} onDone={onDone} />}
      {request.type === "rectification" && <ApproveAction requestId={request.id} onDone={onDone} />}
      {decidedOn === "desk" && <CompleteForm requestId={request.id} onDone={onDone} />}
      {decidedOn === "operations" && <p className="note">{t("deskElsewhere")}</p>}
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
  const start = useStartRequest(requestId);
  return (
    <ConfirmAction
      heading={t("deskStartHeading")}
      text={t("deskStartText")}
      label={t("deskStart")}
      variant="secondary"
      mutation={start}
      onClick={() => start.mutate(undefined, { onSuccess: () => onDone(t("deskStarted")) })}
    />
  );
}

function ApproveAction({ requestId, onDone }: { requestId: string; onDone: Done }) {
  const { t } = useI18n();
  const approve = useApproveCorrection(requestId);
  return (
    <ConfirmAction
      heading={t("deskApproveHeading")}
      text={t("deskApproveText")}
      label={t("deskApprove")}
      mutation={approve}
      onClick={() => approve.mutate(undefined, { onSuccess: () => onDone(t("deskApproved")) })}
    />
  );
}

/** A step taken with one button, explained by the text above it. */
function ConfirmAction({
  heading,
  text,
  label,
  variant,
  mutation,
  onClick,
}: {
  heading: string;
  text: string;
  label: string;
  variant?: "secondary";
  mutation: { isPending: boolean; error: unknown };
  onClick: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const err = errorCode(mutation.error);
  return (
    <div className="desk-action">
      <h3 id={id}>{heading}</h3>
      <p id={`${id}-text`}>{text}</p>
      <button
        type="button"
        className={variant}
        disabled={mutation.isPending}
        aria-describedby={`${id}-text`}
        onClick={onClick}
      >
        {mutation.isPending ? t("deskWorking") : label}
      </button>
      {err && <ErrorMessage code={err} />}
    </div>
  );
}

function CompleteForm({ requestId, onDone }: { requestId: string; onDone: Done }) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const complete = useCompleteRequest(requestId);
  return (
    <DecisionForm
      heading={t("deskCompleteHeading")}
      text={t("deskCompleteText")}
      field="note"
      fieldLabel={t("deskCompleteNote")}
      value={note}
      onValue={setNote}
      label={t("deskComplete")}
      mutation={complete}
      onSubmit={() => complete.mutate(note, { onSuccess: () => onDone(t("deskCompleted")) })}
    />
  );
}

function ExtendForm({ request, onDone }: { request: RequestView; onDone: Done }) {
  const { t, locale } = useI18n();
  const [months, setMonths] = useState<1 | 2>(2);
  const [reasons, setReasons] = useState("");
  const extend = useExtendRequest(request.id);
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
    <DecisionForm
      heading={t("deskExtendHeading")}
      text={t("deskExtendText")}
      field="reasons"
      fieldLabel={t("deskExtendReasons")}
      value={reasons}
      onValue={setReasons}
      label={t("deskExtend")}
      variant="secondary"
      mutation={extend}
      onSubmit={() => extend.mutate({ months, reasons }, { onSuccess: () => onDone(t("deskExtended")) })}
    >
      {(id) => (
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
      )}
    </DecisionForm>
  );
}

function RefuseForm({ requestId, onDone }: { requestId: string; onDone: Done }) {
  const { t } = useI18n();
  const [reasons, setReasons] = useState("");
  const refuse = useRefuseRequest(requestId);
  return (
    <DecisionForm
      heading={t("deskRefuseHeading")}
      text={t("deskRefuseWarning")}
      warning
      field="reasons"
      fieldLabel={t("deskRefuseReasons")}
      required
      value={reasons}
      onValue={setReasons}
      label={t("deskRefuse")}
      variant="danger"
      mutation={refuse}
      onSubmit={() => refuse.mutate(reasons, { onSuccess: () => onDone(t("deskRefused")) })}
    />
  );
}

/**
 * A decision written out in one text field: a heading, the text (or warning) that describes the field, any other
 * controls (`children`, given the form's id), the field and the button; the BFF's refusal shows under either.
 */
function DecisionForm({
  heading,
  text,
  warning,
  field,
  fieldLabel,
  required,
  value,
  onValue,
  label,
  variant,
  mutation,
  onSubmit,
  children,
}: {
  heading: string;
  text: string;
  warning?: boolean;
  field: "note" | "reasons";
  fieldLabel: string;
  required?: boolean;
  value: string;
  onValue: (value: string) => void;
  label: string;
  variant?: "secondary" | "danger";
  mutation: { isPending: boolean; error: unknown };
  onSubmit: () => void;
  children?: (id: string) => ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate className="form desk-action" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      <p id={`${id}-text`} className={warning ? "desk-warning" : undefined}>
        {text}
      </p>
      {children?.(id)}
      <TextAreaField
        id={`${id}-${field}`}
        label={fieldLabel}
        describedBy={`${id}-text`}
        value={value}
        onValue={onValue}
        maxLength={4000}
        required={required}
        error={fieldErrors(mutation.error).get(field)}
      />
      <div>
        <button type="submit" className={variant} disabled={mutation.isPending}>
          {mutation.isPending ? t("deskWorking") : label}
        </button>
      </div>
      <FormError code={formError(mutation.error, [field])} />
    </form>
  );
}
