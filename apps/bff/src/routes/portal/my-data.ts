import { Hono } from "hono";
import { apiError } from "../../http/api-error.ts";
import { loadCustomerRecord } from "../../services/customer-record.ts";
import { listStaffViews } from "../../services/staff-views.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** "My data": everything held on the signed-in customer, and only on them. */
export function myDataRoutes({ db, now, requireCustomer }: PortalContext) {
  return (
    new Hono<PortalEnv>()
      .use(requireCustomer)
      .get("/", async (c) => {
        // The id comes from the session, never from the request: no parameter can point at someone else.
        const record = await loadCustomerRecord(db, c.get("subject").id, { now: now(), audience: "customer" });
        if (!record) return apiError(c, 404, "not_found", "No record");
        return c.json(record, 200);
      })
      // Which staff opened the record and when (Art. 15: the recipients of the data, here the controller's staff).
      .get("/staff-views", async (c) => c.json({ views: await listStaffViews(db, c.get("subject").id) }, 200))
  );
}
