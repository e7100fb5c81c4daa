import type { MiddlewareHandler } from "hono";
import type { StaffSubject } from "../../auth/permissions.ts";
import type { SessionStore } from "../../auth/session-store.ts";
import type { Deps } from "../../deps.ts";
import type { SessionAuthEnv } from "../../middleware/session-auth/index.ts";

export type StaffEnv = SessionAuthEnv<StaffSubject>;

/** What every staff route factory gets: the app's dependencies, the session store and the auth guards. */
export type StaffContext = Deps & {
  sessions: SessionStore;
  /** A valid session that is not limited: the guard of every staff route. */
  requireStaff: MiddlewareHandler<StaffEnv>;
  /**
   * Any valid session, also one limited to changing the password or enrolling a second factor: only for the
   * routes those steps need (session, sign-out, password change, enrolment).
   */
  requireStaffSession: MiddlewareHandler<StaffEnv>;
};
