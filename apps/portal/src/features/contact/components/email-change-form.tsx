import { ApiError, CodeField, FormActions, InputField, useCodeStep } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useConfirmEmailChange } from "../api/confirm-email-change.ts";
import { useConfirmReauthentication } from "../api/confirm-reauthentication.ts";
import { useRequestReauthentication } from "../api/request-reauthentication.ts";
import { useStartEmailChange } from "../api/start-email-change.ts";
import { useI18n } from "../messages.ts";
import { SavedStatus } from "./saved-status.tsx";

/** Splits a refusal into an error under the step's input (codes about what was typed) and one for the form. */
function split(err: unknown, fieldCodes: readonly string[]): { field: string | null; form: string | null } {
  if (!err) return { field: null, form: null };
  if (!(err instanceof ApiError)) return { field: null, form: "server_error" };
  return fieldCodes.includes(err.code) ? { field: err.code, form: null } : { field: null, form: err.code };
}

const EMAIL_CODES = ["email_invalid", "email_unchanged", "email_unavailable", "required", "too_long"];
const CODE_CODES = ["code_invalid", "code_format", "required"];
/** The answer that sends the form to the re-authentication step: not an error to show. */
const REAUTHENTICATION_REQUIRED = "reauthentication_required";

const needsReauthentication = (err: unknown) => err instanceof ApiError && err.code === REAUTHENTICATION_REQUIRED;

/**
 * Up to three steps: the new address; when the sign-in is over 5 minutes old, a code mailed to the CURRENT address
 * (a borrowed session must not move the account); then the code mailed to the new address. The address changes
 * only when that last code proves the customer holds the new mailbox.
 */
export function EmailChangeForm({ current }: { current: string }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [reauthCode, setReauthCode] = useState("");
  const { askingCode, setAskingCode, codeInput } = useCodeStep();
  const reauth = useCodeStep();
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const start = useStartEmailChange();
  const confirm = useConfirmEmailChange();
  const requestReauth = useRequestReauthentication();
  const confirmReauth = useConfirmReauthentication();
  const id = useId();

  const startChange = () =>
    start.mutate(
      { email },
      {
        onSuccess: () => setAskingCode(true),
        onError: (err) => {
          if (needsReauthentication(err)) {
            requestReauth.mutate(undefined, { onSuccess: () => reauth.setAskingCode(true) });
          }
        },
      },
    );
  const submitEmail = (e: FormEvent) => {
    e.preventDefault();
    setChangedTo(null);
    requestReauth.reset();
    startChange();
  };
  const submitReauth = (e: FormEvent) => {
    e.preventDefault();
    confirmReauth.mutate(
      { code: reauthCode },
      {
        onSuccess: () => {
          reauth.setAskingCode(false);
          setReauthCode("");
          startChange();
        },
      },
    );
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(
      { code },
      {
        onSuccess: (body) => {
          setChangedTo(body.email);
          setAskingCode(false);
          setEmail("");
          setCode("");
          start.reset();
        },
      },
    );
  };
  const restart = () => {
    setAskingCode(false);
    reauth.setAskingCode(false);
    setCode("");
    setReauthCode("");
    confirm.reset();
    confirmReauth.reset();
    start.reset();
  };

  const startErr = split(needsReauthentication(start.error) ? requestReauth.error : start.error, EMAIL_CODES);
  const confirmErr = split(confirm.error, CODE_CODES);
  const reauthErr = split(confirmReauth.error, CODE_CODES);

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("contactEmailHeading")}</h2>
      <p>{t("contactEmailCurrent", { email: current })}</p>
      <p className="note">{t("contactEmailIntro")}</p>
      {reauth.askingCode ? (
        <form onSubmit={submitReauth} noValidate className="form" aria-labelledby={`${id}-reauth-heading`}>
          <h3 id={`${id}-reauth-heading`}>{t("contactReauthHeading")}</h3>
          <p role="status">{t("contactReauthSent", { email: current })}</p>
          <CodeField
            ref={reauth.codeInput}
            id={`${id}-reauth-code`}
            label={t("contactReauthCodeLabel")}
            pattern="[0-9]{6}"
            value={reauthCode}
            onValue={setReauthCode}
            error={reauthErr.field}
          />
          <FormActions
            pending={confirmReauth.isPending || start.isPending}
            label={t("contactReauthConfirm")}
            pendingLabel={t("contactConfirming")}
            error={reauthErr.form}
          >
            <button type="button" className="secondary" onClick={restart}>
              {t("contactCancel")}
            </button>
          </FormActions>
        </form>
      ) : !askingCode ? (
        <form onSubmit={submitEmail} noValidate className="form">
          <InputField
            id={`${id}-email`}
            type="email"
            name="email"
            label={t("contactNewEmailLabel")}
            autoComplete="email"
            required
            value={email}
            onValue={setEmail}
            error={startErr.field}
          />
          <FormActions
            pending={start.isPending || requestReauth.isPending}
            label={t("contactSendEmailCode")}
            pendingLabel={t("contactSending")}
            error={startErr.form}
          />
        </form>
      ) : (
        <form onSubmit={submitCode} noValidate className="form">
          <p role="status">{t("contactEmailCodeSent", { email })}</p>
          <CodeField
            ref={codeInput}
            id={`${id}-code`}
            label={t("contactEmailCodeLabel")}
            pattern="[0-9]{6}"
            value={code}
            onValue={setCode}
            error={confirmErr.field}
          />
          <FormActions
            pending={confirm.isPending}
            label={t("contactConfirmEmail")}
            pendingLabel={t("contactConfirming")}
            error={confirmErr.form}
          >
            <button type="button" className="secondary" onClick={restart}>
              {t("contactUseOtherEmail")}
            </button>
          </FormActions>
        </form>
      )}
      <SavedStatus message={changedTo && t("contactEmailChanged", { email: changedTo })} />
    </section>
  );
}
