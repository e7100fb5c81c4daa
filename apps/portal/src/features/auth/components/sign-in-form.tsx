import { ApiError, ErrorMessage, FieldError } from "@tietoni/ui";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../../../lib/i18n.ts";
import { useRequestCode } from "../api/request-code.ts";
import { useVerifyCode } from "../api/verify-code.ts";

const errorCode = (err: unknown) => (err instanceof ApiError ? err.code : err ? "server_error" : null);

/**
 * Two steps: the e-mail address, then the code mailed to it. The first step's answer is the same
 * for registered and unknown addresses, and so is what this form shows.
 */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"email" | "code">("email");
  const requestCode = useRequestCode();
  const verifyCode = useVerifyCode();
  const emailId = useId();
  const codeId = useId();
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === "code") codeInput.current?.focus();
  }, [step]);

  const submitEmail = (e: FormEvent) => {
    e.preventDefault();
    requestCode.mutate({ email }, { onSuccess: () => setStep("code") });
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    verifyCode.mutate({ email, code }, { onSuccess: onSignedIn });
  };

  if (step === "email") {
    const err = errorCode(requestCode.error);
    return (
      <form onSubmit={submitEmail} noValidate className="form">
        <div className="field">
          <label htmlFor={emailId}>{t("emailLabel")}</label>
          <input
            id={emailId}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `${emailId}-error` : undefined}
          />
          {err && <FieldError id={`${emailId}-error`} code={err} />}
        </div>
        <button type="submit" disabled={requestCode.isPending}>
          {requestCode.isPending ? t("sending") : t("sendCode")}
        </button>
      </form>
    );
  }

  const err = errorCode(verifyCode.error);
  return (
    <form onSubmit={submitCode} noValidate className="form">
      <p role="status">{t("codeSent", { email })}</p>
      <div className="field">
        <label htmlFor={codeId}>{t("codeLabel")}</label>
        <input
          ref={codeInput}
          id={codeId}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `${codeId}-error` : undefined}
        />
        {err && <FieldError id={`${codeId}-error`} code={err} />}
      </div>
      <div className="actions">
        <button type="submit" disabled={verifyCode.isPending}>
          {verifyCode.isPending ? t("verifying") : t("verify")}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setStep("email");
            setCode("");
            verifyCode.reset();
          }}
        >
          {t("useOtherEmail")}
        </button>
      </div>
      {err === "server_error" && <ErrorMessage code={err} />}
    </form>
  );
}
