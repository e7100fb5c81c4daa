import { ApiError, ErrorMessage } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../../../lib/i18n.ts";
import { useSignIn } from "../api/sign-in.ts";

/** User name and password; a failure never says which of the two was wrong. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn();
  const usernameId = useId();
  const passwordId = useId();
  const err = signIn.error instanceof ApiError ? signIn.error.code : signIn.error ? "server_error" : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ username, password }, { onSuccess: onSignedIn });
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      {err && <ErrorMessage code={err} />}
      <div className="field">
        <label htmlFor={usernameId}>{t("usernameLabel")}</label>
        <input
          id={usernameId}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={passwordId}>{t("passwordLabel")}</label>
        <input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <button type="submit" disabled={signIn.isPending}>
        {signIn.isPending ? t("signingIn") : t("signIn")}
      </button>
    </form>
  );
}
