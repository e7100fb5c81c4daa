import type { MiddlewareHandler } from "hono";
import type { StaffSubject } from "../../auth/permissions.ts";
import type { SessionStore } from "../../auth/session-store.ts";
import type { Deps } from "../../deps.ts";
import type { SessionAuthEnv } from "../../middleware/session-auth/index.ts";

export type StaffEnv = SessionAuthEnv<StaffSubject>;

/** What every staff route factory gets: the app's dependencies, the session store and the auth guard. */
export type StaffContext = Deps & {
  sessions: SessionStore;
  requireStaff: MiddlewareHandler<StaffEnv>;
};
