import {
  helsinkiDate,
  type RequestType,
  registerRequestInputSchema,
  requestTypeNames,
  requestTypes,
} from "@tietoni/domain";
import {
  ChoiceGroup,
  FormActions,
  InputField,
  issueErrors,
  RectificationFields,
  type RequestDetailName,
  RestrictionGroundChoice,
  TextAreaField,
  useFormFields,
  useRequestDetails,
} from "@tietoni/ui";
import { type FormEvent, useState } from "react";
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

/** Checks with the same schema the BFF uses, plus the two rules it adds: a customer, not received in the future. */
function validate(candidate: { customerId: string; [key: string]: unknown }, today: string) {
  const result = registerRequestInputSchema.safeParse(candidate);
  const errors = result.success ? new Map<string, string>() : issueErrors(result.error.issues);
  if (!candidate.customerId) errors.set("customerId", "required");
  if (result.success && result.data.receivedOn > today) errors.set("receivedOn", "date_in_future");
  return errors.size === 0 && result.success ? { input: result.data, errors: null } : { input: null, errors };
}

/** Registers a request that came by letter or e-mail; the deadline runs from the day it arrived. */
export function NewRequestForm() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const register = useRegisterRequest();
  const today = helsinkiDate(Date.now());
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [channel, setChannel] = useState<(typeof channels)[number]>("paper");
  const [receivedOn, setReceivedOn] = useState(today);
  const [type, setType] = useState<RequestType | null>(null);
  const { wire, idOf, errorOf, formError, setClientErrors, focusFirst } = useFormFields(PATHS, register.error);
  // The details sit under "request" in this form's input.
  const requestDetails = useRequestDetails((name: RequestDetailName) => wire(`request.${name}`));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const request = requestDetails.candidate(type);
    const { input, errors } = validate({ customerId: customer?.id ?? "", channel, receivedOn, request }, today);
    setClientErrors(errors);
    if (errors) return focusFirst(errors);
    register.mutate(input, { onSuccess: ({ request: created }) => navigate(paths.request(created.id)) });
  };

  return (
    <form onSubmit={submit} noValidate className="form desk-new-request">
      <CustomerPicker
        picked={customer}
        onPick={(c) => {
          setCustomer(c);
          setClientErrors(null);
        }}
        id={idOf("customerId")}
        error={errorOf("customerId")}
      />

      <ChoiceGroup
        id={idOf("channel")}
        legend={t("deskNewChannelLegend")}
        options={channels.map((c) => [c, t(channelKeys[c])] as const)}
        value={channel}
        onChange={setChannel}
      />

      <InputField
        {...wire("receivedOn")}
        label={t("deskNewReceivedLabel")}
        hint={t("deskNewReceivedHint")}
        type="date"
        required
        max={today}
        value={receivedOn}
        onValue={setReceivedOn}
      />

      <ChoiceGroup
        {...wire("request.type")}
        legend={t("deskNewTypeLegend")}
        options={requestTypes.map((option) => [option, pick(requestTypeNames[option])] as const)}
        value={type}
        onChange={(option) => {
          setType(option);
          setClientErrors(null);
        }}
      />

      {type === "rectification" && (
        <RectificationFields {...requestDetails.fields} text={(key) => t(`deskNew${key}`)} />
      )}

      {type === "restriction" && (
        <RestrictionGroundChoice {...requestDetails.fields} legend={t("deskNewGroundLegend")} />
      )}

      {type !== null && type !== "rectification" && (
        <TextAreaField
          {...wire("request.text")}
          name="text"
          label={t("deskNewTextLabel")}
          hint={t("deskNewTextHint")}
          required={type !== "restriction" && type !== "erasure"}
          maxLength={4000}
          value={requestDetails.fields.details.text}
          onValue={(text) => requestDetails.fields.onChange({ text })}
        />
      )}

      <FormActions
        pending={register.isPending}
        label={t("deskNewSubmit")}
        pendingLabel={t("deskNewSubmitting")}
        error={formError}
      >
        <Link className="button secondary" to={paths.requests}>
          {t("deskNewCancel")}
        </Link>
      </FormActions>
    </form>
  );
}
