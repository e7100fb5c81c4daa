import { type StaffSessionLimit, staffSessionLimit } from "@tietoni/domain";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { apiError } from "../http/api-error.ts";
import type { SessionAuthEnv } from "../middleware/session-auth/index.ts";

/** Staff roles and what each may do: the one place permissions are decided. */
export const rolePermissions = {
  agent: ["customer:search", "customer:read", "request:handle", "customer:write", "disclosure:record"],
  admin: [
    "customer:search",
    "customer:read",
    "request:handle",
    "customer:write",
    "staff:manage",
    "audit:read",
    "retention:run",
    // Issue 12: connected systems, their API clients, and file imports.
    "systems:manage",
    "import:run",
    // Issue 13: disclosures recorded by hand (agents too), and the outbox's delivery log with retry and replay.
    "disclosure:record",
    "deliveries:manage",
    // Issue 14: the trail's export and the request statistics (the DPO's too), and the four-eyes switch.
    "audit:export",
    "requests:statistics",
    "four_eyes:manage",
    // Issue 15 B: the notice check (what an auditor would question in the privacy notice).
    "notice:check",
  ],
  /**
   * Issue 14 G: the data-protection officer reads the trail (with its checkpoints) and the request statistics, and
   * exports the trail, and (issue 15 B) reads the notice check; nothing else: no customer record, no change.
   */
  dpo: ["audit:read", "audit:export", "requests:statistics", "notice:check"],
} as const;

export type StaffRole = keyof typeof rolePermissions;
export type Permission = (typeof rolePermissions)[StaffRole][number];

export type StaffSubject = {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  /** Two-factor sign-in confirmed. */
  totpEnabled: boolean;
  /** The role's policy (no policy: required); until enrolled such a session may only enrol. */
  secondFactorRequired: boolean;
  /** An admin set the password (reset or new account); until changed the session may only change it. */
  mustChangePassword: boolean;
};

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return (rolePermissions[role] as readonly Permission[]).includes(permission);
}

/** The refusal of a limited session: the app reads the code and sends the person to the one page left open. */
export function sessionLimitRefusal(c: Context, limit: StaffSessionLimit) {
  return limit === "password_change"
    ? apiError(c, 403, "password_change_required", "Change your password first")
    : apiError(c, 403, "totp_required", "Enrol in two-factor sign-in first");
}

/**
 * Refuses a limited session (see `staffSessionLimit`): mounted after the session check on every staff route
 * except the few a limited session needs (session, sign-out, password change, enrolment), so a route added later
 * is closed to it without a thought.
 */
export const refuseLimitedSession = createMiddleware<SessionAuthEnv<StaffSubject>>(
  async function refuseLimitedSession(c, next) {
    const limit = staffSessionLimit(c.get("subject"));
    if (limit) return sessionLimitRefusal(c, limit);
    await next();
  },
);

/**
 * For the route of one step (the password change, enrolment): open to a full session and to a session limited
 * to this step, closed to one limited to another (the password is changed before anything else, enrolment too).
 */
export const allowLimitedTo = (step: StaffSessionLimit) =>
  createMiddleware<SessionAuthEnv<StaffSubject>>(async function allowLimitedTo(c, next) {
    const limit = staffSessionLimit(c.get("subject"));
    if (limit !== null && limit !== step) return sessionLimitRefusal(c, limit);
    await next();
  });

/**
 * Refuses the request unless the signed-in staff member's role grants the permission (and, again, unless the
 * session is limited: the route's guard says so even where it is mounted without the staff guard).
 *
 * @example
 * .get("/audit", requirePermission("audit:read"), (c) => …)
 */
export const requirePermission = (permission: Permission) =>
  createMiddleware<SessionAuthEnv<StaffSubject>>(async function requirePermission(c, next) {
    const subject = c.get("subject");
    const limit = staffSessionLimit(subject);
    if (limit) return sessionLimitRefusal(c, limit);
    if (!hasPermission(subject.role, permission)) {
      return apiError(c, 403, "forbidden", `Requires ${permission}`);
    }
    await next();
  });
