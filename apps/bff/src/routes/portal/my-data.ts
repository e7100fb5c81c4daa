import { Hono, type MiddlewareHandler } from "hono";
import type { Deps } from "../../deps.ts";
import type { SessionAuthEnv } from "../../middleware/session-auth/index.ts";
import type { PortalCustomer } from "../../portal-app.ts";
import { loadCustomerRecord } from "../../services/customer-record.ts";

/** "My data": everything held on the signed-in customer, and only on them. */
export function myDataRoutes({ db }: Deps, requireCustomer: MiddlewareHandler<SessionAuthEnv<PortalCustomer>>) {
  return new Hono<SessionAuthEnv<PortalCustomer>>().use(requireCustomer).get("/", (c) => {
    // The id comes from the session, never from the request: no parameter can point at someone else.
    const record = loadCustomerRecord(db, c.get("subject").id);
    if (!record) return c.json({ error: { code: "not_found", message: "No record" } } as const, 404);
    return c.json(record, 200);
  });
}
