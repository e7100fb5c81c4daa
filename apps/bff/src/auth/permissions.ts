import { totpRequired } from "@tietoni/domain";
import { createMiddleware } from "hono/factory";
import { apiError } from "../http/api-error.ts";
import type { SessionAuthEnv } from "../middleware/session-auth/index.ts";

/** Staff roles and what each may do: the one place permissions are decided. */
export const rolePermissions = {
  agent: ["customer:search", "customer:read", "request:handle"],
  admin: ["customer:search", "customer:read", "request:handle", "staff:manage", "audit:read", "retention:run"],
} as const;

export type StaffRole = keyof typeof rolePermissions;
export type Permission = (typeof rolePermissions)[StaffRole][number];

export type StaffSubject = {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  /** Two-factor sign-in confirmed; a role that requires it gets no permission until it is. */
  totpEnabled: boolean;
};

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return (rolePermissions[role] as readonly Permission[]).includes(permission);
}

/**
 * Refuses the request unless the signed-in staff member's role grants the permission. A role that must use
 * two-factor sign-in (admins) is refused everything with `totp_required` until enrolment is confirmed; the
 * session, sign-out and enrolment routes do not use this guard, so they stay open.
 *
 * @example
 * .get("/audit", requirePermission("audit:read"), (c) => …)
 */
export const requirePermission = (permission: Permission) =>
  createMiddleware<SessionAuthEnv<StaffSubject>>(async function requirePermission(c, next) {
    const { role, totpEnabled } = c.get("subject");
    if (totpRequired(role) && !totpEnabled) {
      return apiError(c, 403, "totp_required", "Enrol in two-factor sign-in first");
    }
    if (!hasPermission(role, permission)) {
      return apiError(c, 403, "forbidden", `Requires ${permission}`);
    }
    await next();
  });
