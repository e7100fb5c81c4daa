import type { StaffRoleName } from "@tietoni/domain";
import { FormError, fieldErrors, formError, InputField, SubmitButton } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useCreateStaffAccount } from "../api/create-staff-account.ts";
import { useI18n } from "../messages.ts";
import { ConfidentialityField, DisplayNameField } from "./account-fields.tsx";
import { RoleSelect } from "./role-select.tsx";

const FIELDS = ["username", "displayName", "role", "password", "confidentialitySignedOn"] as const;

/** A new named staff account; the person gets the initial password from the admin through a safe channel. */
export function CreateAccountForm({ onCreated }: { onCreated: (message: string) => void }) {
  const { t } = useI18n();
  const create = useCreateStaffAccount();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<StaffRoleName>("agent");
  const [password, setPassword] = useState("");
  const [confidentialitySignedOn, setConfidentialitySignedOn] = useState("");
  const headingId = useId();
  const ids = {
    username: useId(),
    displayName: useId(),
    role: useId(),
    password: useId(),
    confidentialitySignedOn: useId(),
  };
  const errors = fieldErrors(create.error);
  const formErr = formError(create.error, FIELDS);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { username, displayName, role, password, confidentialitySignedOn: confidentialitySignedOn || null },
      {
        onSuccess: (account) => {
          onCreated(
            account.approvalPending
              ? `${t("accountsCreated", { username: account.username })} ${t("accountsStatusAwaitingAdmin")}.`
              : t("accountsCreated", { username: account.username }),
          );
          setUsername("");
          setDisplayName("");
          setRole("agent");
          setPassword("");
          setConfidentialitySignedOn("");
        },
      },
    );
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("accountsCreateHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError code={formErr} />
        <InputField
          id={ids.username}
          name="username"
          label={t("accountsUsername")}
          hint={t("accountsUsernameHint")}
          autoComplete="off"
          required
          value={username}
          onValue={setUsername}
          error={errors.get("username")}
        />
        <DisplayNameField
          id={ids.displayName}
          value={displayName}
          onValue={setDisplayName}
          error={errors.get("displayName")}
        />
        <RoleSelect id={ids.role} value={role} onChange={setRole} />
        <InputField
          id={ids.password}
          name="password"
          type="password"
          label={t("accountsInitialPassword")}
          hint={t("accountsPasswordHint")}
          autoComplete="new-password"
          required
          value={password}
          onValue={setPassword}
          error={errors.get("password")}
        />
        <ConfidentialityField
          id={ids.confidentialitySignedOn}
          value={confidentialitySignedOn}
          onValue={setConfidentialitySignedOn}
          error={errors.get("confidentialitySignedOn")}
        />
        <SubmitButton pending={create.isPending} label={t("accountsCreate")} pendingLabel={t("accountsCreating")} />
      </form>
    </section>
  );
}
