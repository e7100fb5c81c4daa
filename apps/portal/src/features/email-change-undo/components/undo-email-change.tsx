import { ApiError, ErrorMessage, FormActions } from "@tietoni/ui";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useUndoEmailChange } from "../api/undo-email-change.ts";
import { useI18n } from "../messages.ts";

/** The link's `id.secret`: in the fragment, which the browser never sends to a server (no access log holds it). */
const tokenFromLink = () => window.location.hash.replace(/^#/, "");

/**
 * Opening the link changes nothing: a mail scanner that follows links must not undo anything. The change is
 * undone only when the button is pressed, which POSTs the link's secret.
 */
export function UndoEmailChange() {
  const { t } = useI18n();
  const [token] = useState(tokenFromLink);
  const undo = useUndoEmailChange();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    undo.mutate(
      { token },
      {
        // The secret has done its work; it should not stay in the address bar or the history.
        onSuccess: () => window.history.replaceState(null, "", window.location.pathname),
      },
    );
  };

  if (!token) return <ErrorMessage code="undo_link_invalid" />;
  if (undo.isSuccess) {
    return (
      <>
        <div role="status">
          <p className="success-message">{t("undoDone")}</p>
        </div>
        <p>
          <Link to={paths.signIn}>{t("undoSignIn")}</Link>
        </p>
      </>
    );
  }
  const error = undo.error ? (undo.error instanceof ApiError ? undo.error.code : "server_error") : null;
  return (
    <form onSubmit={submit} noValidate className="form">
      <p>{t("undoWhat")}</p>
      <FormActions pending={undo.isPending} label={t("undoButton")} pendingLabel={t("undoPending")} error={error} />
    </form>
  );
}
