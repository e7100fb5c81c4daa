import type { Localized } from "../i18n/localized.ts";

/**
 * Issue 14 G: `dpo`, the data-protection officer's read-only seat: the audit trail with its checkpoints and the
 * request statistics, never a customer record beyond what the trail holds.
 */
export const staffRoles = ["agent", "admin", "dpo"] as const;
export type StaffRoleName = (typeof staffRoles)[number];

/** Each role's one name per language, wherever it is shown: the staff app, the portal and every download. */
export const staffRoleNames = {
  agent: { fi: "Asiakaspalvelija", en: "Customer service agent" },
  admin: { fi: "Ylläpitäjä", en: "Administrator" },
  dpo: { fi: "Tietosuojavastaava", en: "Data protection officer" },
} as const satisfies Record<StaffRoleName, Localized>;

export function isStaffRole(value: string | null | undefined): value is StaffRoleName {
  return (staffRoles as readonly (string | null | undefined)[]).includes(value);
}
