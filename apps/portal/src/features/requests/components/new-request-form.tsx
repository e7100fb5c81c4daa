import { correctionRequestFields, createRequestInputSchema } from "@tietoni/domain";
import {
  ChoiceGroup,
  checkInput,
  RectificationFields,
  RestrictionGroundChoice,
  TextAreaField,
  useFormFields,
  useRequestDetails,
} from "@tietoni/ui";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useCreateRequest } from "../api/create-request.ts";
import { useRequests } from "../api/get-requests.ts";
import { useI18n } from "../messages.ts";
import { requestSentState } from "../utils/request-sent.ts";
import { RequestFormActions } from "./request-form-actions.tsx";

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

export function NewRequestForm({ initialKind }: { initialKind: RequestKind | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateRequest();
  const [kind, setKind] = useState<RequestKind | null>(initialKind);
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(PATHS, create.error);
  const requestDetails = useRequestDetails(wire);
  // While the record is restricted the contact page refuses edits; the request is then how contact data is corrected.
  const restricted = Boolean(useRequests().data?.restriction);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = kind
      ? checkInput(createRequestInputSchema, requestDetails.candidate(kind))
      : { input: null, errors: new Map([["type", "required"]]) };
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    create.mutate(input, {
      onSuccess: ({ request }) =>
        navigate(paths.requests, { state: requestSentState({ type: request.type, dueOn: request.dueOn }) }),
    });
  };

  const pickKind = (next: RequestKind) => {
    setKind(next);
    setClientErrors(null);
    create.reset();
  };
  const textField = (label: string, hint: string, required: boolean, maxLength: number) => (
    <TextAreaField
      {...wire("text")}
      name="text"
      label={label}
      hint={hint}
      required={required}
      maxLength={maxLength}
      value={requestDetails.fields.details.text}
      onValue={(text) => requestDetails.fields.onChange({ text })}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="form">
      <ChoiceGroup
        {...wire("type")}
        legend={t("requestsKindLegend")}
        options={requestKinds.map(
          (option) =>
            [
              option,
              // While restricted a correction may name any data, contact data included.
              restricted && option === "rectification" ? t("requestsKindRectificationRestricted") : t(kindKeys[option]),
            ] as const,
        )}
        value={kind}
        onChange={pickKind}
      >
        <p className="hint">
          {t("requestsErasureHint")} <Link to={paths.erasure}>{t("requestsErasureLink")}</Link>
        </p>
      </ChoiceGroup>

      {kind === "rectification" && (
        <>
          {restricted ? (
            <p className="note">{t("requestsKindRectificationRestrictedHint")}</p>
          ) : (
            <p className="note">
              {t("requestsKindRectificationHint")} <Link to={paths.contact}>{t("requestsContactLink")}</Link>
            </p>
          )}
          <RectificationFields
            {...requestDetails.fields}
            text={(key) => t(`requests${key}`)}
            reasonHint={t("requestsReasonHint")}
            fields={correctionRequestFields({ restricted })}
          />
        </>
      )}

      {kind === "restriction" && (
        <>
          <RestrictionGroundChoice {...requestDetails.fields} legend={t("requestsGroundLegend")} />
          {textField(t("requestsRestrictionTextLabel"), t("requestsLanguageHint"), false, 2000)}
        </>
      )}

      {kind === "objection" && (
        <p className="note">
          {t("requestsKindObjectionHint")} <Link to={paths.marketing}>{t("requestsMarketingLink")}</Link>
        </p>
      )}
      {(kind === "objection" || kind === "other") &&
        textField(t("requestsFreeTextLabel"), t("requestsFreeTextHint"), true, 4000)}

      <RequestFormActions pending={create.isPending} label={t("requestsSend")} error={formError} />
    </form>
  );
}
