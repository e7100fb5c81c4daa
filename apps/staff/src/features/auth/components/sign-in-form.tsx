import { ApiError, CodeField, ErrorMessage, FormActions, InputField, SubmitButton, useCodeStep } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
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
  const { askingCode, setAskingCode, codeInput } = useCodeStep();
  const signIn = useSignIn();
  const usernameId = useId();
  const passwordId = useId();
  const codeId = useId();
  const errCode = signIn.error instanceof ApiError ? signIn.error.code : signIn.error ? "server_error" : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = askingCode ? { username, password, totp: code.trim() } : { username, password };
    signIn.mutate(input, {
      onSuccess: onSignedIn,
      onError: (err) => {
        if (err instanceof ApiError && err.code === "totp_required") setAskingCode(true);
      },
    });
  };

  const startOver = () => {
    setAskingCode(false);
    setPassword("");
    setCode("");
    signIn.reset();
  };

  if (askingCode) {
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
