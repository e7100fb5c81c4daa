import { isStaffRole, type StaffRoleName, staffRoleNames, staffRoles } from "@tietoni/domain";
import { useId } from "react";
import { useI18n } from "../messages.ts";

type Role = StaffRoleName;

const roleHints = {
  agent: "accountsRoleAgentHint",
  admin: "accountsRoleAdminHint",
  dpo: "accountsRoleDpoHint",
} as const satisfies Record<Role, string>;

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
  const { t, locale } = useI18n();
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
          if (isStaffRole(e.target.value)) onChange(e.target.value);
        }}
      >
        {staffRoles.map((role) => (
          <option key={role} value={role}>
            {staffRoleNames[role][locale]}
          </option>
        ))}
      </select>
      <p id={hintId} className="hint">
        {t(roleHints[value])}
      </p>
    </div>
  );
}
