import { type PostalAddress, postalCodeFormat, postalCodeHint } from "@tietoni/domain";
import { fieldErrors, formError, InputField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useUpdateContact } from "../api/update-contact.ts";
import { useI18n } from "../messages.ts";
import { SaveActions } from "./save-actions.tsx";
import { SavedStatus } from "./saved-status.tsx";

type Address = { street: string; postalCode: string; city: string; country: string };

const FIELD_PATHS = ["postalAddress.street", "postalAddress.postalCode", "postalAddress.city", "postalAddress.country"];

export function PostalAddressForm({ current }: { current: Address | null }) {
  const { t, pick } = useI18n();
  const [street, setStreet] = useState(current?.street ?? "");
  const [postalCode, setPostalCode] = useState(current?.postalCode ?? "");
  const [city, setCity] = useState(current?.city ?? "");
  const [country, setCountry] = useState(current?.country ?? "FI");
  const [saved, setSaved] = useState<"saved" | "removed" | null>(null);
  const update = useUpdateContact();
  const id = useId();
  const errors = fieldErrors(update.error);

  const save = (value: PostalAddress | null) => {
    setSaved(null);
    update.mutate(
      { postalAddress: value },
      {
        onSuccess: () => {
          if (value === null) {
            setStreet("");
            setPostalCode("");
            setCity("");
            setCountry("FI");
          }
          setSaved(value === null ? "removed" : "saved");
        },
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = [street, postalCode, city].every((v) => v.trim() === "");
    // The postal code is checked for the country (the domain's postal-codes.ts), here and in the BFF alike.
    save(empty ? null : { street, postalCode, city, country: country.trim() === "" ? "FI" : country });
  };

  const input = (
    name: "street" | "postalCode" | "city" | "country",
    label: string,
    [value, onValue]: [string, (v: string) => void],
    autoComplete: string,
    hint?: string,
  ) => (
    <InputField
      id={`${id}-${name}`}
      name={name}
      label={label}
      hint={hint}
      autoComplete={autoComplete}
      inputMode={name === "postalCode" && postalCodeFormat(country)?.numeric ? "numeric" : undefined}
      value={value}
      onValue={onValue}
      error={errors.get(`postalAddress.${name}`)}
    />
  );

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("contactAddressHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        {input("street", t("contactStreetLabel"), [street, setStreet], "street-address")}
        {input(
          "postalCode",
          t("contactPostalCodeLabel"),
          [postalCode, setPostalCode],
          "postal-code",
          pick(postalCodeHint(country)),
        )}
        {input("city", t("contactCityLabel"), [city, setCity], "address-level2")}
        {input("country", t("contactCountryLabel"), [country, setCountry], "country", t("contactCountryHint"))}
        <SaveActions
          pending={update.isPending}
          canRemove={current !== null}
          onRemove={() => save(null)}
          error={formError(update.error, FIELD_PATHS)}
        />
      </form>
      <SavedStatus message={saved && t(saved === "saved" ? "contactAddressSaved" : "contactAddressRemoved")} />
    </section>
  );
}
