import { useId } from "react";
import { useI18n } from "../messages.ts";

type Role = "agent" | "admin";
const isRole = (value: string): value is Role => value === "agent" || value === "admin";

/** The role, with what each one may do under it. */
export function RoleSelect({
  id,
  value,
  onChange,
  disabled,
}: {
  id: string;
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t("accountsRole")}</label>
      <select
        id={id}
        name="role"
        value={value}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(e) => {
          if (isRole(e.target.value)) onChange(e.target.value);
        }}
      >
        <option value="agent">{t("accountsRoleAgent")}</option>
        <option value="admin">{t("accountsRoleAdmin")}</option>
      </select>
      <p id={hintId} className="hint">
        {value === "admin" ? t("accountsRoleAdminHint") : t("accountsRoleAgentHint")}
      </p>
    </div>
  );
}
