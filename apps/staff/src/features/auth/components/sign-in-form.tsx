import { ApiError, CodeField, ErrorMessage, FormActions, InputField, SubmitButton } from "@tietoni/ui";
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
        <CodeField
          ref={codeInput}
          id={codeId}
          name="totp"
          label={t("accountsSignInCodeLabel")}
          hint={t("accountsSignInCodeIntro")}
          pattern="[0-9]{6}"
          className="accounts-code-input"
          value={code}
          onValue={setCode}
        />
        <FormActions pending={signIn.isPending} label={t("signIn")} pendingLabel={t("signingIn")}>
          <button type="button" className="secondary" onClick={startOver}>
            {t("accountsSignInStartOver")}
          </button>
        </FormActions>
      </form>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      {errCode && <ErrorMessage code={errCode} />}
      <InputField
        id={usernameId}
        name="username"
        label={t("usernameLabel")}
        autoComplete="username"
        required
        value={username}
        onValue={setUsername}
      />
      <InputField
        id={passwordId}
        name="password"
        type="password"
        label={t("passwordLabel")}
        autoComplete="current-password"
        required
        value={password}
        onValue={setPassword}
      />
      <SubmitButton pending={signIn.isPending} label={t("signIn")} pendingLabel={t("signingIn")} />
    </form>
  );
}
