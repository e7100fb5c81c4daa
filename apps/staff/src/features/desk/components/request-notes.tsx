import { FormError, fieldErrors, formatDateTime, formError, TextAreaField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useAddRequestNote } from "../api/add-request-note.ts";
import type { DeskRequest } from "../api/get-desk-request.ts";
import { useI18n } from "../messages.ts";

/** Staff-only notes on a request; the customer never sees them. */
export function RequestNotes({ requestId, notes }: { requestId: string; notes: DeskRequest["notes"] }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState(false);
  const add = useAddRequestNote(requestId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    add.mutate(note, {
      onSuccess: () => {
        setNote("");
        setSaved(true);
      },
    });
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("deskNotesHeading")}</h2>
      <p className="note">{t("deskNotesIntro")}</p>
      {notes.length === 0 ? (
        <p>{t("deskNotesNone")}</p>
      ) : (
        <ul className="desk-notes">
          {notes.map((n, i) => (
            <li key={`${n.at}-${i}`}>
              <p className="desk-text">{n.note}</p>
              <p className="note">{t("deskNoteBy", { name: n.staffName, at: formatDateTime(n.at, locale) })}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate className="form">
        <TextAreaField
          id={`${id}-note`}
          label={t("deskNoteLabel")}
          value={note}
          onValue={setNote}
          maxLength={4000}
          error={fieldErrors(add.error).get("note")}
        />
        <div>
          <button type="submit" disabled={add.isPending}>
            {add.isPending ? t("deskWorking") : t("deskNoteAdd")}
          </button>
        </div>
        <FormError code={formError(add.error, ["note"])} />
        <p role="status">{saved ? t("deskNoteAdded") : ""}</p>
      </form>
    </section>
  );
}
