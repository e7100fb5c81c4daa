import { ErrorMessage, FieldError, fieldErrors, formatDateTime, formError } from "@tietoni/ui";
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
  const fieldErr = fieldErrors(add.error).get("note") ?? null;
  const formErr = formError(add.error, ["note"]);

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
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("deskNoteLabel")}</label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={4000}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={fieldErr ? true : undefined}
            aria-describedby={fieldErr ? `${id}-note-error` : undefined}
          />
          <FieldError id={`${id}-note-error`} code={fieldErr} />
        </div>
        <div>
          <button type="submit" disabled={add.isPending}>
            {add.isPending ? t("deskWorking") : t("deskNoteAdd")}
          </button>
        </div>
        {formErr && <ErrorMessage code={formErr} />}
        <p role="status">{saved ? t("deskNoteAdded") : ""}</p>
      </form>
    </section>
  );
}
