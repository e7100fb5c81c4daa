import { ApiError, ErrorMessage } from "@tietoni/ui";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../../../lib/i18n.ts";
import { useSignIn } from "../api/sign-in.ts";

/**
 * User name and password, then the authenticator code when the account uses two-factor sign-in.
 * A failure never says which part was wrong.
 */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [askCode, setAskCode] = useState(false);
  const signIn = useSignIn();
  const usernameId = useId();
  const passwordId = useId();
  const codeId = useId();
  const codeHintId = useId();
  const codeInput = useRef<HTMLInputElement>(null);
  const errCode = signIn.error instanceof ApiError ? signIn.error.code : signIn.error ? "server_error" : null;

  // The second step replaces the fields the user was typing in; move focus to the one now expected.
  useEffect(() => {
    if (askCode) codeInput.current?.focus();
  }, [askCode]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = askCode ? { username, password, totp: code.trim() } : { username, password };
    signIn.mutate(input, {
      onSuccess: onSignedIn,
      onError: (err) => {
        if (err instanceof ApiError && err.code === "totp_required") setAskCode(true);
      },
    });
  };

  const startOver = () => {
    setAskCode(false);
    setPassword("");
    setCode("");
    signIn.reset();
  };

  if (askCode) {
    // totp_required is the prompt of this step, not an error; a failure here is about the code.
    const err = errCode === "totp_required" ? null : errCode;
    return (
      <form onSubmit={submit} noValidate className="form">
        {err === "sign_in_failed" ? (
          <p className="error-message" role="alert">
            {t("accountsSignInCodeFailed")}
          </p>
        ) : (
          err && <ErrorMessage code={err} />
        )}
        <div className="field">
          <label htmlFor={codeId}>{t("accountsSignInCodeLabel")}</label>
          <p id={codeHintId} className="hint">
            {t("accountsSignInCodeIntro")}
          </p>
          <input
            ref={codeInput}
            id={codeId}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            aria-describedby={codeHintId}
            className="accounts-code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" disabled={signIn.isPending}>
            {signIn.isPending ? t("signingIn") : t("signIn")}
          </button>
          <button type="button" className="secondary" onClick={startOver}>
            {t("accountsSignInStartOver")}
          </button>
        </div>
      </form>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      {errCode && <ErrorMessage code={errCode} />}
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
