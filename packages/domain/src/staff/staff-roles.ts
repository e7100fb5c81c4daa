import type { Localized } from "../i18n/localized.ts";

export const staffRoles = ["agent", "admin"] as const;
export type StaffRoleName = (typeof staffRoles)[number];

/** Each role's one name per language, wherever it is shown: the staff app, the portal and every download. */
export const staffRoleNames = {
  agent: { fi: "Asiakaspalvelija", en: "Customer service agent" },
  admin: { fi: "Ylläpitäjä", en: "Administrator" },
} as const satisfies Record<StaffRoleName, Localized>;

export function isStaffRole(value: string | null | undefined): value is StaffRoleName {
  return (staffRoles as readonly (string | null | undefined)[]).includes(value);
}
