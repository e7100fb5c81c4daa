import { ErrorMessage, errorCode, FormError, fieldErrors, formError, InputField, SubmitButton } from "@tietoni/ui";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { StaffAccount } from "../api/get-staff-accounts.ts";
import { useResetStaffPassword } from "../api/reset-staff-password.ts";
import { useResetStaffTotp } from "../api/reset-staff-totp.ts";
import { useUpdateStaffAccount } from "../api/update-staff-account.ts";
import { useI18n } from "../messages.ts";
import { ConfidentialityField, DisplayNameField } from "./account-fields.tsx";
import { RoleSelect } from "./role-select.tsx";

type Done = (message: string) => void;

/** One account's details, access, password and second factor; each part is its own audited change. */
export function EditAccountPanel({
  account,
  isSelf,
  onDone,
  onClose,
}: {
  account: StaffAccount;
  isSelf: boolean;
  onDone: Done;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel opens below the table: take keyboard and screen-reader users to it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby={headingId} className="accounts-edit">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t("accountsEditHeading", { name: account.displayName })}
      </h2>
      {isSelf && <p className="note">{t("accountsSelfNote")}</p>}
      <DetailsForm account={account} isSelf={isSelf} onDone={onDone} />
      {!isSelf && <AccessToggle account={account} onDone={onDone} />}
      <PasswordForm account={account} onDone={onDone} />
      {!isSelf && <TotpReset account={account} onDone={onDone} />}
      <p>
        <button type="button" className="secondary" onClick={onClose}>
          {t("accountsClose")}
        </button>
      </p>
    </section>
  );
}

const selfRefusal = (code: string | null) => (code === "invalid_state" ? "accountsSelfRefused" : null);

function DetailsForm({ account, isSelf, onDone }: { account: StaffAccount; isSelf: boolean; onDone: Done }) {
  const { t } = useI18n();
  const update = useUpdateStaffAccount();
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState(account.role);
  const [signedOn, setSignedOn] = useState(account.confidentialitySignedOn ?? "");
  const headingId = useId();
  const nameId = useId();
  const roleId = useId();
  const dateId = useId();
  const errors = fieldErrors(update.error);
  const formErr = formError(update.error, ["displayName", "role", "confidentialitySignedOn"]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { id: account.id, input: { displayName, role, confidentialitySignedOn: signedOn || null } },
      { onSuccess: () => onDone(t("accountsSaved")) },
    );
  };

  const refusal = selfRefusal(formErr);
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("accountsDetailsHeading")}</h3>
      {refusal ? (
        <p className="error-message" role="alert">
          {t(refusal)}
        </p>
      ) : (
        formErr && <ErrorMessage code={formErr} />
      )}
      <DisplayNameField id={nameId} value={displayName} onValue={setDisplayName} error={errors.get("displayName")} />
      <RoleSelect id={roleId} value={role} onChange={setRole} disabled={isSelf} />
      <ConfidentialityField
        id={dateId}
        required={isSelf}
        value={signedOn}
        onValue={setSignedOn}
        error={errors.get("confidentialitySignedOn")}
      />
      <SubmitButton pending={update.isPending} label={t("accountsSave")} pendingLabel={t("accountsSaving")} />
    </form>
  );
}

function AccessToggle({ account, onDone }: { account: StaffAccount; onDone: Done }) {
  const { t } = useI18n();
  const update = useUpdateStaffAccount();
  const headingId = useId();
  const hintId = useId();
  const err = errorCode(update.error);
  const toggle = () =>
    update.mutate(
      { id: account.id, input: { disabled: !account.disabled } },
      {
        onSuccess: () =>
          onDone(t(account.disabled ? "accountsEnabledDone" : "accountsDisabledDone", { username: account.username })),
      },
    );
  return (
    <div className="accounts-part">
      <h3 id={headingId}>{t("accountsAccessHeading")}</h3>
      {err && <ErrorMessage code={err} />}
      <p id={hintId} className="hint">
        {t("accountsDisableHint")}
      </p>
      <button
        type="button"
        className={account.disabled ? "secondary" : "danger"}
        aria-describedby={hintId}
        disabled={update.isPending}
        onClick={toggle}
      >
        {account.disabled ? t("accountsEnable") : t("accountsDisable")}
      </button>
    </div>
  );
}

function PasswordForm({ account, onDone }: { account: StaffAccount; onDone: Done }) {
  const { t } = useI18n();
  const reset = useResetStaffPassword();
  const [password, setPassword] = useState("");
  const headingId = useId();
  const inputId = useId();
  const errors = fieldErrors(reset.error);
  const formErr = formError(reset.error, ["password"]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate(
      { id: account.id, password },
      {
        onSuccess: () => {
          setPassword("");
          onDone(t("accountsResetDone"));
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("accountsResetHeading")}</h3>
      <FormError code={formErr} />
      <InputField
        id={inputId}
        name="newPassword"
        type="password"
        label={t("accountsNewPassword")}
        hint={t("accountsResetHint")}
        autoComplete="new-password"
        required
        value={password}
        onValue={setPassword}
        error={errors.get("password")}
      />
      <button type="submit" className="secondary" disabled={reset.isPending}>
        {t("accountsReset")}
      </button>
    </form>
  );
}

function TotpReset({ account, onDone }: { account: StaffAccount; onDone: Done }) {
  const { t } = useI18n();
  const reset = useResetStaffTotp();
  const headingId = useId();
  const hintId = useId();
  const err = errorCode(reset.error);
  return (
    <div className="accounts-part">
      <h3 id={headingId}>{t("accountsTotpHeading")}</h3>
      {err && <ErrorMessage code={err} />}
      {account.totpEnabled ? (
        <>
          <p id={hintId} className="hint">
            {t("accountsTotpResetHint")}
          </p>
          <button
            type="button"
            className="secondary"
            aria-describedby={hintId}
            disabled={reset.isPending}
            onClick={() => reset.mutate(account.id, { onSuccess: () => onDone(t("accountsTotpResetDone")) })}
          >
            {t("accountsTotpReset")}
          </button>
        </>
      ) : (
        <p>{t("accountsTotpNotEnrolled")}</p>
      )}
    </div>
  );
}
