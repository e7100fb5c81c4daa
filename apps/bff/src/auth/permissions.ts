import { createMiddleware } from "hono/factory";
import type { SessionAuthEnv } from "../middleware/session-auth/index.ts";

/** Staff roles and what each may do: the one place permissions are decided. */
export const rolePermissions = {
  agent: ["customer:search", "customer:read"],
  admin: ["customer:search", "customer:read", "staff:manage", "audit:read", "retention:run"],
} as const;

export type StaffRole = keyof typeof rolePermissions;
export type Permission = (typeof rolePermissions)[StaffRole][number];

export type StaffSubject = { id: string; username: string; displayName: string; role: StaffRole };

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return (rolePermissions[role] as readonly Permission[]).includes(permission);
}

/**
 * Refuses the request unless the signed-in staff member's role grants the permission.
 *
 * @example
 * .get("/audit", requirePermission("audit:read"), (c) => …)
 */
export const requirePermission = (permission: Permission) =>
  createMiddleware<SessionAuthEnv<StaffSubject>>(async function requirePermission(c, next) {
    if (!hasPermission(c.get("subject").role, permission)) {
      return c.json({ error: { code: "forbidden", message: `Requires ${permission}` } } as const, 403);
    }
    await next();
  });
