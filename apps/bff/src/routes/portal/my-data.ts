import { Hono } from "hono";
import { loadCustomerRecord } from "../../services/customer-record.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** "My data": everything held on the signed-in customer, and only on them. */
export function myDataRoutes({ db, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>().use(requireCustomer).get("/", (c) => {
    // The id comes from the session, never from the request: no parameter can point at someone else.
    const record = loadCustomerRecord(db, c.get("subject").id);
    if (!record) return c.json({ error: { code: "not_found", message: "No record" } } as const, 404);
    return c.json(record, 200);
  });
}
