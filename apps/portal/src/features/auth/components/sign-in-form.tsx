import { CodeField, errorCode, FormActions, InputField, SubmitButton, useCodeStep } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../../../lib/i18n.ts";
import { useRequestCode } from "../api/request-code.ts";
import { useVerifyCode } from "../api/verify-code.ts";

/**
 * Two steps: the e-mail address, then the code mailed to it. The first step's answer is the same
 * for registered and unknown addresses, and so is what this form shows. Both steps send the page's language
 * (issue 13): the code mail is written in it, and the sign-in makes it the language of the customer's mail.
 */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const { askingCode, setAskingCode, codeInput } = useCodeStep();
  const requestCode = useRequestCode();
  const verifyCode = useVerifyCode();
  const emailId = useId();
  const codeId = useId();

  const submitEmail = (e: FormEvent) => {
    e.preventDefault();
    requestCode.mutate({ email, language: locale }, { onSuccess: () => setAskingCode(true) });
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    verifyCode.mutate({ email, code, language: locale }, { onSuccess: onSignedIn });
  };

  if (!askingCode) {
    return (
      <form onSubmit={submitEmail} noValidate className="form">
        <InputField
          id={emailId}
          type="email"
          name="email"
          label={t("emailLabel")}
          autoComplete="email"
          required
          value={email}
          onValue={setEmail}
          error={errorCode(requestCode.error)}
        />
        <p className="hint">{t("mailLanguageNote")}</p>
        <SubmitButton pending={requestCode.isPending} label={t("sendCode")} pendingLabel={t("sending")} />
      </form>
    );
  }

  const err = errorCode(verifyCode.error);
  return (
    <form onSubmit={submitCode} noValidate className="form">
      <p role="status">{t("codeSent", { email })}</p>
      <CodeField
        ref={codeInput}
        id={codeId}
        label={t("codeLabel")}
        hint={t("codeHint")}
        // Eight digits, grouped in the mail as "1234 5678": spaces are welcome, the BFF drops them.
        pattern="[0-9 ]{8,12}"
        maxLength={12}
        value={code}
        onValue={setCode}
        error={err}
      />
      <FormActions
        pending={verifyCode.isPending}
        label={t("verify")}
        pendingLabel={t("verifying")}
        // A server failure is announced for the whole form as well as under the code.
        error={err === "server_error" ? err : null}
      >
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setAskingCode(false);
            setCode("");
            verifyCode.reset();
          }}
        >
          {t("useOtherEmail")}
        </button>
      </FormActions>
    </form>
  );
}
