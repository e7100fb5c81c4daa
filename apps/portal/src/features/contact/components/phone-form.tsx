import { FieldError, fieldErrors, formError } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../../../lib/i18n.ts";
import { useUpdateContact } from "../api/update-contact.ts";
import { FormActions } from "./form-actions.tsx";
import { SavedStatus } from "./saved-status.tsx";

export function PhoneForm({ current }: { current: string | null }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState(current ?? "");
  const [saved, setSaved] = useState<"saved" | "removed" | null>(null);
  const update = useUpdateContact();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const err = fieldErrors(update.error).get("phone");

  const save = (value: string | null) => {
    setSaved(null);
    update.mutate(
      { phone: value },
      {
        onSuccess: () => {
          if (value === null) setPhone("");
          setSaved(value === null ? "removed" : "saved");
        },
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An emptied field is cleared rather than refused.
    save(phone.trim() === "" ? null : phone);
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("contactPhoneHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        <div className="field">
          <label htmlFor={id}>{t("contactPhoneLabel")}</label>
          <span className="hint" id={hintId}>
            {t("contactPhoneHint")}
          </span>
          <input
            id={id}
            type="tel"
            name="phone"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `${hintId} ${errorId}` : hintId}
          />
          <FieldError id={errorId} code={err} />
        </div>
        <FormActions
          pending={update.isPending}
          canRemove={current !== null}
          onRemove={() => save(null)}
          error={formError(update.error, ["phone"])}
        />
      </form>
      <SavedStatus message={saved && t(saved === "saved" ? "contactPhoneSaved" : "contactPhoneRemoved")} />
    </section>
  );
}
