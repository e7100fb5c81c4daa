import { FormError, fieldErrors, formError, InputField, SelectField, SubmitButton, TextAreaField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useNavigate } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useCreateCustomer } from "../api/create-customer.ts";
import { useI18n } from "../messages.ts";

const FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "postalAddress.street",
  "postalAddress.postalCode",
  "postalAddress.city",
  "postalAddress.country",
  "www",
  "language",
  "relationshipStart",
  "organisation.name",
  "organisation.businessId",
  "organisation.role",
  "reason",
] as const;
type Field = (typeof FIELDS)[number];

const orNull = (v: string) => (v.trim() === "" ? null : v);

/** A new customer from a phone call, a letter or an e-mail; on success the customer's record opens. */
export function NewCustomerForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateCustomer();
  const base = useId();
  const [v, setV] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, f === "organisation.role" ? "representative" : ""])) as never,
  );
  const set = (f: Field) => (value: string) => setV((old) => ({ ...old, [f]: value }));
  const errors = fieldErrors(create.error);
  const wire = (f: Field) => ({ id: `${base}-${f}`, error: errors.get(f), value: v[f], onValue: set(f) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const address = [v["postalAddress.street"], v["postalAddress.postalCode"], v["postalAddress.city"]];
    const language = v.language === "fi" || v.language === "en" ? v.language : null;
    create.mutate(
      {
        firstName: v.firstName,
        lastName: v.lastName,
        email: orNull(v.email),
        phone: orNull(v.phone),
        postalAddress: address.every((a) => a.trim() === "")
          ? null
          : {
              street: v["postalAddress.street"],
              postalCode: v["postalAddress.postalCode"],
              city: v["postalAddress.city"],
              country: v["postalAddress.country"].trim() || "FI",
            },
        www: orNull(v.www),
        language,
        relationshipStart: orNull(v.relationshipStart),
        organisation:
          v["organisation.name"].trim() === ""
            ? null
            : {
                name: v["organisation.name"],
                businessId: orNull(v["organisation.businessId"]),
                role: v["organisation.role"] === "contactPerson" ? "contactPerson" : "representative",
              },
        reason: v.reason,
      },
      { onSuccess: ({ id }) => navigate(paths.customer(id)) },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <InputField {...wire("firstName")} label={t("recordsFirstName")} autoComplete="off" required />
      <InputField {...wire("lastName")} label={t("recordsLastName")} autoComplete="off" required />
      <InputField {...wire("email")} type="email" label={t("recordsEmail")} autoComplete="off" />
      <InputField {...wire("phone")} type="tel" label={t("recordsPhone")} hint={t("recordsPhoneHint")} />
      <InputField {...wire("postalAddress.street")} label={t("recordsStreet")} autoComplete="off" />
      <InputField {...wire("postalAddress.postalCode")} label={t("recordsPostalCode")} autoComplete="off" />
      <InputField {...wire("postalAddress.city")} label={t("recordsCity")} autoComplete="off" />
      <InputField {...wire("postalAddress.country")} label={t("recordsCountry")} placeholder="FI" maxLength={2} />
      <InputField {...wire("www")} type="url" label={t("recordsWww")} />
      <SelectField
        {...wire("language")}
        label={t("recordsLanguage")}
        placeholder={t("recordsLanguageDefault")}
        options={[
          { value: "fi", label: t("recordsLanguageFi") },
          { value: "en", label: t("recordsLanguageEn") },
        ]}
      />
      <InputField
        {...wire("relationshipStart")}
        type="date"
        label={t("recordsRelationshipStart")}
        hint={t("recordsRelationshipStartHint")}
      />
      <InputField {...wire("organisation.name")} label={t("recordsOrganisation")} autoComplete="off" />
      <InputField {...wire("organisation.businessId")} label={t("recordsBusinessId")} placeholder="1234567-8" />
      <SelectField
        {...wire("organisation.role")}
        label={t("recordsRole")}
        options={[
          { value: "representative", label: t("recordsRoleRepresentative") },
          { value: "contactPerson", label: t("recordsRoleContactPerson") },
        ]}
      />
      <TextAreaField {...wire("reason")} label={t("recordsReason")} hint={t("recordsReasonHint")} required rows={3} />
      <FormError code={formError(create.error, FIELDS)} />
      <SubmitButton pending={create.isPending} label={t("recordsCreate")} pendingLabel={t("recordsCreating")} />
    </form>
  );
}
