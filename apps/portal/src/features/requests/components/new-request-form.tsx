import {
  type CorrectableField,
  correctableByRequest,
  correctableFieldNames,
  createRequestInputSchema,
  isErrorCode,
  type RestrictionGround,
  restrictionGroundNames,
  restrictionGrounds,
} from "@tietoni/domain";
import { ErrorMessage, FieldError, fieldErrors, formError } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useCreateRequest } from "../api/create-request.ts";
import { useI18n } from "../messages.ts";
import { requestSentState } from "../utils/request-sent.ts";

/** The kinds of request this form opens; erasure has a page of its own, access is the portal itself. */
export const requestKinds = ["rectification", "restriction", "objection", "other"] as const;
export type RequestKind = (typeof requestKinds)[number];

export const isRequestKind = (value: unknown): value is RequestKind => requestKinds.some((kind) => kind === value);

const kindKeys = {
  rectification: "requestsKindRectification",
  restriction: "requestsKindRestriction",
  objection: "requestsKindObjection",
  other: "requestsKindOther",
} as const;

/** The form's inputs by the path the schema and the BFF name them with, in the order they appear. */
const PATHS = ["type", "field", "newValue", "reason", "ground", "text"] as const;
type Path = (typeof PATHS)[number];

/** Field errors as the BFF would give them, checked with the same schema before anything is sent. */
function validate(candidate: unknown) {
  const result = createRequestInputSchema.safeParse(candidate);
  if (result.success) return { input: result.data, errors: null };
  const errors = new Map<string, string>();
  for (const issue of result.error.issues) {
    const path = issue.path.join(".");
    // A choice left unmade fails as an enum mismatch; the options themselves all come from the domain.
    if (!errors.has(path)) errors.set(path, isErrorCode(issue.message) ? issue.message : "required");
  }
  return { input: null, errors };
}

export function NewRequestForm({ initialKind }: { initialKind: RequestKind | null }) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const create = useCreateRequest();
  const id = useId();
  const [kind, setKind] = useState<RequestKind | null>(initialKind);
  const [field, setField] = useState<CorrectableField | "">("");
  const [newValue, setNewValue] = useState("");
  const [reason, setReason] = useState("");
  const [ground, setGround] = useState<RestrictionGround | null>(null);
  const [text, setText] = useState("");
  const [clientErrors, setClientErrors] = useState<Map<string, string> | null>(null);

  const ids: Record<Path, string> = {
    type: `${id}-type`,
    field: `${id}-field`,
    newValue: `${id}-new-value`,
    reason: `${id}-reason`,
    ground: `${id}-ground`,
    text: `${id}-text`,
  };
  const errors = clientErrors ?? fieldErrors(create.error);
  const errorOf = (path: Path) => errors.get(path) ?? null;
  const describedBy = (path: Path, hint = false) =>
    [hint ? `${ids[path]}-hint` : null, errorOf(path) ? `${ids[path]}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  const invalid = (path: Path) => (errorOf(path) ? true : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const candidate =
      kind === "rectification"
        ? { type: kind, field, newValue, reason }
        : kind === "restriction"
          ? { type: kind, ground, text }
          : { type: kind, text };
    const { input, errors: found } = kind
      ? validate(candidate)
      : { input: null, errors: new Map([["type", "required"]]) };
    setClientErrors(found);
    if (!input) {
      // Focus goes to the first field in error; for a radio group, to its first option.
      const first = PATHS.find((path) => found?.has(path));
      const target =
        first === "type"
          ? `${ids.type}-${requestKinds[0]}`
          : first === "ground"
            ? `${ids.ground}-${restrictionGrounds[0]}`
            : first && ids[first];
      if (target) document.getElementById(target)?.focus();
      return;
    }
    create.mutate(input, {
      onSuccess: ({ request }) =>
        navigate(paths.requests, { state: requestSentState({ type: request.type, dueOn: request.dueOn }) }),
    });
  };

  const hint = (path: Path, message: string) => (
    <span className="hint" id={`${ids[path]}-hint`}>
      {message}
    </span>
  );
  const error = (path: Path) => <FieldError id={`${ids[path]}-error`} code={errorOf(path)} />;
  const pickKind = (next: RequestKind) => {
    setKind(next);
    setClientErrors(null);
    create.reset();
  };
  const formErr = clientErrors ? null : formError(create.error, PATHS);

  return (
    <form onSubmit={submit} noValidate className="form">
      <fieldset id={ids.type} aria-describedby={describedBy("type")}>
        <legend>{t("requestsKindLegend")}</legend>
        {requestKinds.map((option) => (
          <div className="requests-choice" key={option}>
            <input
              type="radio"
              id={`${ids.type}-${option}`}
              name="type"
              value={option}
              checked={kind === option}
              onChange={() => pickKind(option)}
            />
            <label htmlFor={`${ids.type}-${option}`}>{t(kindKeys[option])}</label>
          </div>
        ))}
        {error("type")}
        <p className="hint">
          {t("requestsErasureHint")} <Link to={paths.erasure}>{t("requestsErasureLink")}</Link>
        </p>
      </fieldset>

      {kind === "rectification" && (
        <>
          <p className="note">
            {t("requestsKindRectificationHint")} <Link to={paths.contact}>{t("requestsContactLink")}</Link>
          </p>
          <div className="field">
            <label htmlFor={ids.field}>{t("requestsFieldLabel")}</label>
            <select
              id={ids.field}
              name="field"
              required
              value={field}
              onChange={(e) => setField(correctableByRequest.find((f) => f === e.target.value) ?? "")}
              aria-invalid={invalid("field")}
              aria-describedby={describedBy("field")}
            >
              <option value="">{t("requestsFieldChoose")}</option>
              {correctableByRequest.map((f) => (
                <option key={f} value={f}>
                  {pick(correctableFieldNames[f])}
                </option>
              ))}
            </select>
            {error("field")}
          </div>
          <div className="field">
            <label htmlFor={ids.newValue}>{t("requestsNewValueLabel")}</label>
            {hint("newValue", t("requestsNewValueHint"))}
            <input
              id={ids.newValue}
              name="newValue"
              required
              maxLength={300}
              value={newValue}
              onChange={(e) => setNewValue(e.target.value)}
              aria-invalid={invalid("newValue")}
              aria-describedby={describedBy("newValue", true)}
            />
            {error("newValue")}
          </div>
          <div className="field">
            <label htmlFor={ids.reason}>{t("requestsReasonLabel")}</label>
            {hint("reason", t("requestsReasonHint"))}
            <textarea
              id={ids.reason}
              name="reason"
              required
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={invalid("reason")}
              aria-describedby={describedBy("reason", true)}
            />
            {error("reason")}
          </div>
        </>
      )}

      {kind === "restriction" && (
        <>
          <fieldset id={ids.ground} aria-describedby={describedBy("ground")}>
            <legend>{t("requestsGroundLegend")}</legend>
            {restrictionGrounds.map((option) => (
              <div className="requests-choice" key={option}>
                <input
                  type="radio"
                  id={`${ids.ground}-${option}`}
                  name="ground"
                  value={option}
                  checked={ground === option}
                  onChange={() => setGround(option)}
                />
                <label htmlFor={`${ids.ground}-${option}`}>{pick(restrictionGroundNames[option])}</label>
              </div>
            ))}
            {error("ground")}
          </fieldset>
          <div className="field">
            <label htmlFor={ids.text}>{t("requestsRestrictionTextLabel")}</label>
            {hint("text", t("requestsLanguageHint"))}
            <textarea
              id={ids.text}
              name="text"
              maxLength={2000}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={invalid("text")}
              aria-describedby={describedBy("text", true)}
            />
            {error("text")}
          </div>
        </>
      )}

      {(kind === "objection" || kind === "other") && (
        <>
          {kind === "objection" && (
            <p className="note">
              {t("requestsKindObjectionHint")} <Link to={paths.marketing}>{t("requestsMarketingLink")}</Link>
            </p>
          )}
          <div className="field">
            <label htmlFor={ids.text}>{t("requestsFreeTextLabel")}</label>
            {hint("text", t("requestsFreeTextHint"))}
            <textarea
              id={ids.text}
              name="text"
              required
              maxLength={4000}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={invalid("text")}
              aria-describedby={describedBy("text", true)}
            />
            {error("text")}
          </div>
        </>
      )}

      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t("requestsSending") : t("requestsSend")}
        </button>
        <Link className="button secondary" to={paths.requests}>
          {t("requestsBackToList")}
        </Link>
      </div>
      {formErr && <ErrorMessage code={formErr} />}
    </form>
  );
}
