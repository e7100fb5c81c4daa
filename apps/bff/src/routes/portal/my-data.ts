import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { auditLog } from "../../db/schema.ts";
import { loadCustomerRecord } from "../../services/customer-record.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** "My data": everything held on the signed-in customer, and only on them. */
export function myDataRoutes({ db, requireCustomer }: PortalContext) {
  return (
    new Hono<PortalEnv>()
      .use(requireCustomer)
      .get("/", (c) => {
        // The id comes from the session, never from the request: no parameter can point at someone else.
        const record = loadCustomerRecord(db, c.get("subject").id);
        if (!record) return c.json({ error: { code: "not_found", message: "No record" } } as const, 404);
        return c.json(record, 200);
      })
      // Which staff opened the record and when (Art. 15: the recipients of the data, here the controller's staff).
      .get("/staff-views", (c) => {
        const views = db
          .select({ at: auditLog.at, staffRole: auditLog.actorRole, action: auditLog.action })
          .from(auditLog)
          .where(and(eq(auditLog.customerId, c.get("subject").id), eq(auditLog.actorType, "staff")))
          .orderBy(desc(auditLog.seq))
          .limit(200)
          .all()
          .map((v) => ({ at: new Date(v.at).toISOString(), staffRole: v.staffRole ?? "", action: v.action }));
        return c.json({ views }, 200);
      })
  );
}
