import { FieldError, fieldErrors, formError } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../../../lib/i18n.ts";
import { useUpdateContact } from "../api/update-contact.ts";
import { FormActions } from "./form-actions.tsx";
import { SavedStatus } from "./saved-status.tsx";

export function WwwForm({ current }: { current: string | null }) {
  const { t } = useI18n();
  const [www, setWww] = useState(current ?? "");
  const [saved, setSaved] = useState<"saved" | "removed" | null>(null);
  const update = useUpdateContact();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const err = fieldErrors(update.error).get("www");

  const save = (value: string | null) => {
    setSaved(null);
    update.mutate(
      { www: value },
      {
        onSuccess: () => {
          if (value === null) setWww("");
          setSaved(value === null ? "removed" : "saved");
        },
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An emptied field is cleared rather than refused.
    save(www.trim() === "" ? null : www);
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("contactWwwHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        <div className="field">
          <label htmlFor={id}>{t("contactWwwLabel")}</label>
          <span className="hint" id={hintId}>
            {t("contactWwwHint")}
          </span>
          <input
            id={id}
            type="url"
            name="www"
            autoComplete="url"
            value={www}
            onChange={(e) => setWww(e.target.value)}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `${hintId} ${errorId}` : hintId}
          />
          <FieldError id={errorId} code={err} />
        </div>
        <FormActions
          pending={update.isPending}
          canRemove={current !== null}
          onRemove={() => save(null)}
          error={formError(update.error, ["www"])}
        />
      </form>
      <SavedStatus message={saved && t(saved === "saved" ? "contactWwwSaved" : "contactWwwRemoved")} />
    </section>
  );
}
