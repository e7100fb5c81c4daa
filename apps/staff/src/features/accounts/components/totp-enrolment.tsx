import { staffRoleNames } from "@tietoni/domain";
import { CodeField, ErrorMessage, errorCode, fieldErrors, InputField, Loading, SubmitButton } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useSession } from "../../../lib/session.ts";
import { useConfirmTotp } from "../api/confirm-totp.ts";
import { useEnrolTotp } from "../api/enrol-totp.ts";
import { useI18n } from "../messages.ts";

/** Groups of four characters: a 32-character key is easier to read aloud and type that way. */
const grouped = (key: string) => key.match(/.{1,4}/g)?.join(" ") ?? key;

/** The signed-in person's own two-factor sign-in: QR code and manual key, confirmed with a first code. */
export function TotpEnrolment() {
  const { t, locale } = useI18n();
  const session = useSession();
  const enrol = useEnrolTotp();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const headingId = useId();
  const codeId = useId();
  const passwordId = useId();

  if (session.isPending) return <Loading />;
  if (!session.data) return null;

  if (done || session.data.totpEnabled) {
    return (
      <>
        <p className="success-message" role="status">
          {done ? t("accountsSecurityDone") : t("accountsSecurityOn")}
        </p>
        <p>{t("accountsSecurityLost")}</p>
      </>
    );
  }

  const passwordErr = fieldErrors(enrol.error).get("password") ?? null;
  const enrolErr = passwordErr ? null : errorCode(enrol.error);
  const confirmErr = errorCode(confirm.error);
  const codeErr = confirmErr === "code_format" ? "code_format" : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(code.trim(), { onSuccess: () => setDone(true) });
  };

  return (
    <>
      {session.data.totpEnrolmentRequired && (
        <p className="accounts-notice" role="status">
          {t("accountsSecurityRequired", { role: staffRoleNames[session.data.role][locale] })}
        </p>
      )}
      <p>{t("accountsSecurityIntro")}</p>
      {enrolErr && <ErrorMessage code={enrolErr} />}
      {!enrol.data ? (
        // The password again: a session left open must not be enough to bind the account to another phone.
        <form
          onSubmit={(e) => {
            e.preventDefault();
            enrol.mutate(password, { onSuccess: () => setPassword("") });
          }}
          noValidate
          className="form"
        >
          <InputField
            id={passwordId}
            name="password"
            type="password"
            label={t("accountsSecurityPassword")}
            hint={t("accountsSecurityPasswordHint")}
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
            error={passwordErr}
          />
          <SubmitButton
            pending={enrol.isPending}
            label={t("accountsSecurityStart")}
            pendingLabel={t("accountsSecurityStarting")}
          />
        </form>
      ) : (
        <>
          <section aria-labelledby={headingId} className="accounts-enrolment">
            <h3 id={headingId}>{t("accountsSecurityStep1")}</h3>
            <img
              className="accounts-qr"
              src={`data:image/svg+xml;base64,${btoa(enrol.data.qrSvg)}`}
              alt={t("accountsSecurityQrAlt")}
              width={200}
              height={200}
            />
            <dl className="accounts-key">
              <dt>{t("accountsSecurityManualKey")}</dt>
              <dd>
                <code className="accounts-manual-key">{grouped(enrol.data.secret)}</code>
              </dd>
            </dl>
            <p className="hint">{t("accountsSecurityManualHint")}</p>
          </section>
          <section aria-labelledby={`${headingId}-2`}>
            <h3 id={`${headingId}-2`}>{t("accountsSecurityStep2")}</h3>
            <form onSubmit={submit} noValidate className="form">
              {confirmErr === "code_invalid" && (
                <p className="error-message" role="alert">
                  {t("accountsSecurityWrongCode")}
                </p>
              )}
              {confirmErr && confirmErr !== "code_invalid" && !codeErr && <ErrorMessage code={confirmErr} />}
              <CodeField
                id={codeId}
                label={t("accountsCodeLabel")}
                className="accounts-code-input"
                value={code}
                onValue={setCode}
                error={codeErr}
              />
              <SubmitButton
                pending={confirm.isPending}
                label={t("accountsSecurityConfirm")}
                pendingLabel={t("accountsSecurityConfirming")}
              />
            </form>
          </section>
        </>
      )}
    </>
  );
}
