import { fieldErrors, formError, InputField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useUpdateContact } from "../api/update-contact.ts";
import { useI18n } from "../messages.ts";
import { SaveActions } from "./save-actions.tsx";
import { SavedStatus } from "./saved-status.tsx";

type Field = {
  name: "phone" | "www";
  type: "tel" | "url";
  autoComplete: string;
  texts: {
    heading: "contactPhoneHeading" | "contactWwwHeading";
    label: "contactPhoneLabel" | "contactWwwLabel";
    hint: "contactPhoneHint" | "contactWwwHint";
    saved: "contactPhoneSaved" | "contactWwwSaved";
    removed: "contactPhoneRemoved" | "contactWwwRemoved";
  };
};

export const phoneField: Field = {
  name: "phone",
  type: "tel",
  autoComplete: "tel",
  texts: {
    heading: "contactPhoneHeading",
    label: "contactPhoneLabel",
    hint: "contactPhoneHint",
    saved: "contactPhoneSaved",
    removed: "contactPhoneRemoved",
  },
};

export const wwwField: Field = {
  name: "www",
  type: "url",
  autoComplete: "url",
  texts: {
    heading: "contactWwwHeading",
    label: "contactWwwLabel",
    hint: "contactWwwHint",
    saved: "contactWwwSaved",
    removed: "contactWwwRemoved",
  },
};

/** Edits one single-value contact field directly; saving it emptied, or "Remove", clears it. */
export function SingleFieldForm({ field, current }: { field: Field; current: string | null }) {
  const { t } = useI18n();
  const [value, setValue] = useState(current ?? "");
  const [saved, setSaved] = useState<"saved" | "removed" | null>(null);
  const update = useUpdateContact();
  const id = useId();

  const save = (next: string | null) => {
    setSaved(null);
    update.mutate(
      { [field.name]: next },
      {
        onSuccess: () => {
          if (next === null) setValue("");
          setSaved(next === null ? "removed" : "saved");
        },
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An emptied field is cleared rather than refused.
    save(value.trim() === "" ? null : value);
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(field.texts.heading)}</h2>
      <form onSubmit={submit} noValidate className="form">
        <InputField
          id={id}
          type={field.type}
          name={field.name}
          label={t(field.texts.label)}
          hint={t(field.texts.hint)}
          autoComplete={field.autoComplete}
          value={value}
          onValue={setValue}
          error={fieldErrors(update.error).get(field.name)}
        />
        <SaveActions
          pending={update.isPending}
          canRemove={current !== null}
          onRemove={() => save(null)}
          error={formError(update.error, [field.name])}
        />
      </form>
      <SavedStatus message={saved && t(saved === "saved" ? field.texts.saved : field.texts.removed)} />
    </section>
  );
}
