import {
  type CorrectableField,
  correctableByRequest,
  correctableFieldNames,
  helsinkiDate,
  isErrorCode,
  type RequestType,
  type RestrictionGround,
  registerRequestInputSchema,
  requestTypeNames,
  requestTypes,
  restrictionGroundNames,
  restrictionGrounds,
} from "@tietoni/domain";
import { ErrorMessage, FieldError, fieldErrors, formError } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useRegisterRequest } from "../api/register-request.ts";
import { useI18n } from "../messages.ts";
import { CustomerPicker, type PickedCustomer } from "./customer-picker.tsx";

const channels = ["paper", "email"] as const;
const channelKeys = { paper: "deskChannelPaper", email: "deskChannelEmail" } as const;

/** The form's inputs by the path the schema and the BFF name them with, in the order they appear. */
const PATHS = [
  "customerId",
  "channel",
  "receivedOn",
  "request.type",
  "request.field",
  "request.newValue",
  "request.reason",
  "request.ground",
  "request.text",
] as const;
type Path = (typeof PATHS)[number];

/** Checks with the same schema the BFF uses, plus the one rule it adds: not received in the future. */
function validate(candidate: unknown, today: string) {
  const result = registerRequestInputSchema.safeParse(candidate);
  const errors = new Map<string, string>();
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.join(".");
      if (!errors.has(path)) errors.set(path, isErrorCode(issue.message) ? issue.message : "required");
    }
  }
  if (result.success && result.data.receivedOn > today) errors.set("receivedOn", "date_in_future");
  return errors.size === 0 && result.success ? { input: result.data, errors: null } : { input: null, errors };
}

/** Registers a request that came by letter or e-mail; the deadline runs from the day it arrived. */
export function NewRequestForm() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const register = useRegisterRequest();
  const id = useId();
  const today = helsinkiDate(Date.now());
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [channel, setChannel] = useState<(typeof channels)[number]>("paper");
  const [receivedOn, setReceivedOn] = useState(today);
  const [type, setType] = useState<RequestType | null>(null);
  const [field, setField] = useState<CorrectableField | "">("");
  const [newValue, setNewValue] = useState("");
  const [reason, setReason] = useState("");
  const [ground, setGround] = useState<RestrictionGround | null>(null);
  const [text, setText] = useState("");
  const [clientErrors, setClientErrors] = useState<Map<string, string> | null>(null);

  const ids: Record<Path, string> = {
    customerId: `${id}-customer`,
    channel: `${id}-channel`,
    receivedOn: `${id}-received`,
    "request.type": `${id}-type`,
    "request.field": `${id}-field`,
    "request.newValue": `${id}-new-value`,
    "request.reason": `${id}-reason`,
    "request.ground": `${id}-ground`,
    "request.text": `${id}-text`,
  };
  const errors = clientErrors ?? fieldErrors(register.error);
  const errorOf = (path: Path) => errors.get(path) ?? null;
  const describedBy = (path: Path, hint = false) =>
    [hint ? `${ids[path]}-hint` : null, errorOf(path) ? `${ids[path]}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  const invalid = (path: Path) => (errorOf(path) ? true : undefined);
  const error = (path: Path) => <FieldError id={`${ids[path]}-error`} code={errorOf(path)} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const request =
      type === "rectification"
        ? { type, field, newValue, reason }
        : type === "restriction"
          ? { type, ground, text }
          : { type, text };
    const { input, errors: found } = validate({ customerId: customer?.id ?? "", channel, receivedOn, request }, today);
    if (!customer) found?.set("customerId", "required");
    setClientErrors(found);
    if (!input || !customer) {
      const first = PATHS.find((path) => found?.has(path));
      const target =
        first === "customerId"
          ? `${ids.customerId}-group`
          : first === "request.type"
            ? `${ids["request.type"]}-${requestTypes[0]}`
            : first === "request.ground"
              ? `${ids["request.ground"]}-${restrictionGrounds[0]}`
              : first && ids[first];
      if (target) {
        const el = document.getElementById(target);
        // A fieldset is not focusable by itself; its first control is.
        (el?.querySelector<HTMLElement>("input, button") ?? el)?.focus();
      }
      return;
    }
    register.mutate(input, { onSuccess: ({ request: created }) => navigate(paths.request(created.id)) });
  };

  const hint = (path: Path, message: string) => (
    <span className="hint" id={`${ids[path]}-hint`}>
      {message}
    </span>
  );
  const formErr = clientErrors ? null : formError(register.error, PATHS);

  return (
    <form onSubmit={submit} noValidate className="form desk-new-request">
      <CustomerPicker
        picked={customer}
        onPick={(c) => {
          setCustomer(c);
          setClientErrors(null);
        }}
        errorId={ids.customerId}
        error={errorOf("customerId")}
      />

      <fieldset>
        <legend>{t("deskNewChannelLegend")}</legend>
        {channels.map((c) => (
          <div className="desk-check" key={c}>
            <input
              type="radio"
              id={`${ids.channel}-${c}`}
              name="channel"
              value={c}
              checked={channel === c}
              onChange={() => setChannel(c)}
            />
            <label htmlFor={`${ids.channel}-${c}`}>{t(channelKeys[c])}</label>
          </div>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={ids.receivedOn}>{t("deskNewReceivedLabel")}</label>
        {hint("receivedOn", t("deskNewReceivedHint"))}
        <input
          id={ids.receivedOn}
          type="date"
          required
          max={today}
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.target.value)}
          aria-invalid={invalid("receivedOn")}
          aria-describedby={describedBy("receivedOn", true)}
        />
        {error("receivedOn")}
      </div>

      <fieldset id={ids["request.type"]} aria-describedby={describedBy("request.type")}>
        <legend>{t("deskNewTypeLegend")}</legend>
        {requestTypes.map((option) => (
          <div className="desk-check" key={option}>
            <input
              type="radio"
              id={`${ids["request.type"]}-${option}`}
              name="type"
              value={option}
              checked={type === option}
              onChange={() => {
                setType(option);
                setClientErrors(null);
              }}
            />
            <label htmlFor={`${ids["request.type"]}-${option}`}>{pick(requestTypeNames[option])}</label>
          </div>
        ))}
        {error("request.type")}
      </fieldset>

      {type === "rectification" && (
        <>
          <div className="field">
            <label htmlFor={ids["request.field"]}>{t("deskNewFieldLabel")}</label>
            <select
              id={ids["request.field"]}
              required
              value={field}
              onChange={(e) => setField(correctableByRequest.find((f) => f === e.target.value) ?? "")}
              aria-invalid={invalid("request.field")}
              aria-describedby={describedBy("request.field")}
            >
              <option value="">{t("deskNewFieldChoose")}</option>
              {correctableByRequest.map((f) => (
                <option key={f} value={f}>
                  {pick(correctableFieldNames[f])}
                </option>
              ))}
            </select>
            {error("request.field")}
          </div>
          <div className="field">
            <label htmlFor={ids["request.newValue"]}>{t("deskNewNewValueLabel")}</label>
            {hint("request.newValue", t("deskNewNewValueHint"))}
            <input
              id={ids["request.newValue"]}
              required
              maxLength={300}
              value={newValue}
              onChange={(e) => setNewValue(e.target.value)}
              aria-invalid={invalid("request.newValue")}
              aria-describedby={describedBy("request.newValue", true)}
            />
            {error("request.newValue")}
          </div>
          <div className="field">
            <label htmlFor={ids["request.reason"]}>{t("deskNewReasonLabel")}</label>
            <textarea
              id={ids["request.reason"]}
              required
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={invalid("request.reason")}
              aria-describedby={describedBy("request.reason")}
            />
            {error("request.reason")}
          </div>
        </>
      )}

      {type === "restriction" && (
        <fieldset id={ids["request.ground"]} aria-describedby={describedBy("request.ground")}>
          <legend>{t("deskNewGroundLegend")}</legend>
          {restrictionGrounds.map((option) => (
            <div className="desk-check" key={option}>
              <input
                type="radio"
                id={`${ids["request.ground"]}-${option}`}
                name="ground"
                value={option}
                checked={ground === option}
                onChange={() => setGround(option)}
              />
              <label htmlFor={`${ids["request.ground"]}-${option}`}>{pick(restrictionGroundNames[option])}</label>
            </div>
          ))}
          {error("request.ground")}
        </fieldset>
      )}

      {type !== null && type !== "rectification" && (
        <div className="field">
          <label htmlFor={ids["request.text"]}>{t("deskNewTextLabel")}</label>
          {hint("request.text", t("deskNewTextHint"))}
          <textarea
            id={ids["request.text"]}
            required={type !== "restriction" && type !== "erasure"}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={invalid("request.text")}
            aria-describedby={describedBy("request.text", true)}
          />
          {error("request.text")}
        </div>
      )}

      <div className="actions">
        <button type="submit" disabled={register.isPending}>
          {register.isPending ? t("deskNewSubmitting") : t("deskNewSubmit")}
        </button>
        <Link className="button secondary" to={paths.requests}>
          {t("deskNewCancel")}
        </Link>
      </div>
      {formErr && <ErrorMessage code={formErr} />}
    </form>
  );
}
