import type { MiddlewareHandler } from "hono";
import type { SessionStore } from "../../auth/session-store.ts";
import type { Deps } from "../../deps.ts";
import type { SessionAuthEnv } from "../../middleware/session-auth/index.ts";
import type { findActiveCustomer } from "../../services/customer-record.ts";

export type PortalCustomer = NonNullable<Awaited<ReturnType<typeof findActiveCustomer>>>;
export type PortalEnv = SessionAuthEnv<PortalCustomer>;

/** What every portal route factory gets: the app's dependencies, the session store and the auth guard. */
export type PortalContext = Deps & {
  sessions: SessionStore;
  requireCustomer: MiddlewareHandler<PortalEnv>;
};
