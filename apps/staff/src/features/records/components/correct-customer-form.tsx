import { FormError, fieldErrors, formError, InputField, SelectField, SubmitButton, TextAreaField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { type CorrectCustomerBody, useCorrectCustomer } from "../api/correct-customer.ts";
import { useI18n } from "../messages.ts";

const FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "street",
  "postalCode",
  "city",
  "country",
  "www",
  "language",
  "organisation",
  "businessId",
  "reason",
] as const;
type Field = (typeof FIELDS)[number];

/** Where the BFF names a field of `changes`, and the form field that shows its error. */
const errorPaths: Record<Field, string> = {
  firstName: "changes.firstName",
  lastName: "changes.lastName",
  email: "changes.email",
  phone: "changes.phone",
  street: "changes.postalAddress.street",
  postalCode: "changes.postalAddress.postalCode",
  city: "changes.postalAddress.city",
  country: "changes.postalAddress.country",
  www: "changes.www",
  language: "changes.language",
  organisation: "changes.organisation.name",
  businessId: "changes.organisation.businessId",
  reason: "reason",
};

const empty = () => Object.fromEntries(FIELDS.map((f) => [f, ""])) as Record<Field, string>;

/**
 * Staff correct the customer's fields with a reason: only the fields filled in are sent (an empty field is not
 * changed). Mounted on the customer page by the route.
 */
export function CorrectCustomerForm({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const correct = useCorrectCustomer(customerId);
  const base = useId();
  const [v, setV] = useState(empty);
  const [done, setDone] = useState("");
  const errors = fieldErrors(correct.error);
  const wire = (f: Field) => ({
    id: `${base}-${f}`,
    error: errors.get(errorPaths[f]) ?? (f === "firstName" ? errors.get("changes") : undefined),
    value: v[f],
    onValue: (value: string) => setV((old) => ({ ...old, [f]: value })),
  });
  const newValue = (label: string) => t("recordsNewValue", { field: label });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone("");
    const given = (f: Field) => v[f].trim() !== "";
    const changes: CorrectCustomerBody["changes"] = {};
    if (given("firstName")) changes.firstName = v.firstName;
    if (given("lastName")) changes.lastName = v.lastName;
    if (given("email")) changes.email = v.email;
    if (given("phone")) changes.phone = v.phone;
    if (given("www")) changes.www = v.www;
    if (v.language === "fi" || v.language === "en") changes.language = v.language;
    if (given("street") || given("postalCode") || given("city")) {
      changes.postalAddress = {
        street: v.street,
        postalCode: v.postalCode,
        city: v.city,
        country: v.country.trim() || "FI",
      };
    }
    if (given("organisation")) {
      changes.organisation = { name: v.organisation, businessId: given("businessId") ? v.businessId : null };
    }
    correct.mutate(
      { changes, reason: v.reason },
      {
        onSuccess: ({ changed }) => {
          setDone(changed.length > 0 ? t("recordsCorrected") : t("recordsNothingChanged"));
          setV(empty());
        },
      },
    );
  };

  const headingId = `${base}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("recordsCorrectHeading")}</h2>
      <p>{t("recordsCorrectIntro")}</p>
      <form onSubmit={submit} noValidate className="form">
        <InputField {...wire("firstName")} label={newValue(t("recordsFirstName"))} autoComplete="off" />
        <InputField {...wire("lastName")} label={newValue(t("recordsLastName"))} autoComplete="off" />
        <InputField {...wire("email")} type="email" label={newValue(t("recordsEmail"))} autoComplete="off" />
        <InputField {...wire("phone")} type="tel" label={newValue(t("recordsPhone"))} hint={t("recordsPhoneHint")} />
        <InputField {...wire("street")} label={newValue(t("recordsStreet"))} autoComplete="off" />
        <InputField {...wire("postalCode")} label={newValue(t("recordsPostalCode"))} autoComplete="off" />
        <InputField {...wire("city")} label={newValue(t("recordsCity"))} autoComplete="off" />
        <InputField {...wire("country")} label={newValue(t("recordsCountry"))} placeholder="FI" maxLength={2} />
        <InputField {...wire("www")} type="url" label={newValue(t("recordsWww"))} />
        <SelectField
          {...wire("language")}
          label={newValue(t("recordsLanguage"))}
          placeholder="–"
          options={[
            { value: "fi", label: t("recordsLanguageFi") },
            { value: "en", label: t("recordsLanguageEn") },
          ]}
        />
        <InputField {...wire("organisation")} label={newValue(t("recordsOrganisation"))} autoComplete="off" />
        <InputField {...wire("businessId")} label={t("recordsBusinessId")} placeholder="1234567-8" />
        <TextAreaField {...wire("reason")} label={t("recordsReason")} hint={t("recordsReasonHint")} required rows={3} />
        <FormError code={formError(correct.error, Object.values(errorPaths))} />
        <SubmitButton pending={correct.isPending} label={t("recordsCorrect")} pendingLabel={t("recordsCorrecting")} />
      </form>
      <p role="status" className={done ? "success-message" : undefined}>
        {done}
      </p>
    </section>
  );
}
