import { ErrorMessage, FieldError, fieldErrors, formError } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useCreateStaffAccount } from "../api/create-staff-account.ts";
import { useI18n } from "../messages.ts";
import { RoleSelect } from "./role-select.tsx";

const FIELDS = ["username", "displayName", "role", "password", "confidentialitySignedOn"] as const;

/** A new named staff account; the person gets the initial password from the admin through a safe channel. */
export function CreateAccountForm({ onCreated }: { onCreated: (message: string) => void }) {
  const { t } = useI18n();
  const create = useCreateStaffAccount();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<"agent" | "admin">("agent");
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
          onCreated(t("accountsCreated", { username: account.username }));
          setUsername("");
          setDisplayName("");
          setRole("agent");
          setPassword("");
          setConfidentialitySignedOn("");
        },
      },
    );
  };

  /** Props that tie an input to its hint and its error. */
  const described = (field: (typeof FIELDS)[number], hint?: boolean) => {
    const error = errors.get(field);
    const describedBy = [hint ? `${ids[field]}-hint` : null, error ? `${ids[field]}-error` : null].filter(Boolean);
    return {
      id: ids[field],
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy.length > 0 ? describedBy.join(" ") : undefined,
    };
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("accountsCreateHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        {formErr && <ErrorMessage code={formErr} />}
        <div className="field">
          <label htmlFor={ids.username}>{t("accountsUsername")}</label>
          <p id={`${ids.username}-hint`} className="hint">
            {t("accountsUsernameHint")}
          </p>
          <input
            {...described("username", true)}
            name="username"
            autoComplete="off"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <FieldError id={`${ids.username}-error`} code={errors.get("username")} />
        </div>
        <div className="field">
          <label htmlFor={ids.displayName}>{t("accountsDisplayName")}</label>
          <input
            {...described("displayName")}
            name="displayName"
            autoComplete="off"
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
          <FieldError id={`${ids.displayName}-error`} code={errors.get("displayName")} />
        </div>
        <RoleSelect id={ids.role} value={role} onChange={setRole} />
        <div className="field">
          <label htmlFor={ids.password}>{t("accountsInitialPassword")}</label>
          <p id={`${ids.password}-hint`} className="hint">
            {t("accountsPasswordHint")}
          </p>
          <input
            {...described("password", true)}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FieldError id={`${ids.password}-error`} code={errors.get("password")} />
        </div>
        <div className="field">
          <label htmlFor={ids.confidentialitySignedOn}>{t("accountsConfidentiality")}</label>
          <p id={`${ids.confidentialitySignedOn}-hint`} className="hint">
            {t("accountsConfidentialityHint")}
          </p>
          <input
            {...described("confidentialitySignedOn", true)}
            name="confidentialitySignedOn"
            type="date"
            value={confidentialitySignedOn}
            onChange={(e) => setConfidentialitySignedOn(e.target.value)}
          />
          <FieldError id={`${ids.confidentialitySignedOn}-error`} code={errors.get("confidentialitySignedOn")} />
        </div>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t("accountsCreating") : t("accountsCreate")}
        </button>
      </form>
    </section>
  );
}
