import { errorCode, FormActions } from "@tietoni/ui";
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useI18n } from "../../../lib/i18n.ts";
import { useVerifyLink } from "../api/verify-link.ts";

/**
 * The sign-in link's page. The secret is in the URL's fragment, which browsers never send to a server, so it is in
 * no log; it leaves the browser only when the customer presses "Sign in". Opening the page signs no one in: mail
 * scanners that open every link in a message would otherwise use it up, or sign in for whoever opened it.
 */
export function LinkSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  // The page's language goes with the sign-in: it becomes the language of the customer's mail (issue 13).
  const { t, locale } = useI18n();
  const [link] = useState(() => window.location.hash.slice(1));
  const verifyLink = useVerifyLink();

  // Out of the address bar and the history once read: the page keeps it until the button is pressed.
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname);
  }, []);

  if (!link) {
    return (
      <>
        <p role="alert">{t("linkMissing")}</p>
        <p>
          <Link to={paths.signIn}>{t("toSignIn")}</Link>
        </p>
      </>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    verifyLink.mutate({ link, language: locale }, { onSuccess: onSignedIn });
  };
  const err = errorCode(verifyLink.error);
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormActions pending={verifyLink.isPending} label={t("verify")} pendingLabel={t("verifying")} error={err} />
      {err && (
        <p>
          <Link to={paths.signIn}>{t("toSignIn")}</Link>
        </p>
      )}
    </form>
  );
}
