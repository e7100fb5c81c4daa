import { type ProtectedAddressReason, protectedAddressReasons } from "@tietoni/domain";
import { ApiError, FormActions, SelectField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useRevealProtectedAddress } from "../api/reveal-protected-address.ts";
import { protectedAddressReasonLabels, useI18n } from "../protected-address-messages.ts";

/**
 * Stands in for a postal address under a non-disclosure flag: says it is protected, and shows it only after the
 * member of staff has chosen why (the BFF audits the read with that reason; the customer sees it).
 */
export function ProtectedAddress({ customerId }: { customerId: string }) {
  const { t, pick } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const reveal = useRevealProtectedAddress(customerId);
  const address = reveal.data?.postalAddress;

  if (address) {
    return (
      <span className="protected-address">
        <strong>{t("protectedAddressShown")}:</strong> {address.street}, {address.postalCode} {address.city},{" "}
        {address.country}
      </span>
    );
  }

  if (!open) {
    return (
      <span className="protected-address">
        {t("protectedAddressNotice")}{" "}
        <button type="button" onClick={() => setOpen(true)}>
          {t("protectedAddressShow")}
        </button>
      </span>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = protectedAddressReasons.find((r) => r === reason);
    if (!chosen) {
      setMissing(true);
      return;
    }
    setMissing(false);
    reveal.mutate(chosen satisfies ProtectedAddressReason);
  };

  return (
    <form className="protected-address" onSubmit={submit} noValidate>
      <p>{t("protectedAddressNotice")}</p>
      <SelectField
        id={`${id}-reason`}
        label={t("protectedAddressReasonLabel")}
        hint={t("protectedAddressReasonHint")}
        value={reason}
        onValue={setReason}
        required
        placeholder={t("protectedAddressChoose")}
        options={protectedAddressReasons.map((r) => ({ value: r, label: pick(protectedAddressReasonLabels[r]) }))}
        error={missing ? "protected_address_reason_required" : null}
      />
      <FormActions
        pending={reveal.isPending}
        label={t("protectedAddressSubmit")}
        pendingLabel={t("protectedAddressSubmitting")}
        error={reveal.error ? (reveal.error instanceof ApiError ? reveal.error.code : "server_error") : null}
      >
        <button type="button" onClick={() => setOpen(false)}>
          {t("protectedAddressCancel")}
        </button>
      </FormActions>
    </form>
  );
}
