import { customerIdParamSchema, customerSearchInputSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { clientInfo } from "../../http/client-info.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { appendAudit } from "../../services/audit.ts";
import { loadCustomerRecord } from "../../services/customer-record.ts";
import { searchCustomers } from "../../services/customer-search.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/** Staff look-ups of customers. Every read leaves an audit entry (SPEC §4). */
export function staffCustomerRoutes({ db, env, now, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .get("/", requirePermission("customer:search"), validate("query", customerSearchInputSchema), (c) => {
      const { q } = c.req.valid("query");
      const { id, role } = c.get("subject");
      const hits = searchCustomers(db, q);
      // The query itself may hold a name; the trail keeps which records were shown instead.
      appendAudit(
        db,
        {
          actor: { type: "staff", id, role },
          action: "customer.search",
          detail: { resultIds: hits.map((h) => h.id) },
          ip: clientInfo(c, env.TRUST_PROXY).ip,
        },
        now(),
      );
      return c.json({ hits }, 200);
    })
    .get("/:id", requirePermission("customer:read"), validate("param", customerIdParamSchema), (c) => {
      const { id: customerId } = c.req.valid("param");
      const { id, role } = c.get("subject");
      const record = db.transaction((tx) => {
        const found = loadCustomerRecord(db, customerId);
        if (found) {
          appendAudit(
            tx,
            {
              actor: { type: "staff", id, role },
              action: "customer.record.viewed",
              customerId,
              ip: clientInfo(c, env.TRUST_PROXY).ip,
            },
            now(),
          );
        }
        return found;
      });
      if (!record) return c.json({ error: { code: "not_found", message: "No such customer" } } as const, 404);
      return c.json(record, 200);
    });
}
