import { customerIdParamSchema, customerSearchInputSchema, protectedAddressRevealSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { findCustomers, revealProtectedAddress, viewCustomerRecord } from "../../services/staff-customers.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/** Staff look-ups of customers. Every read leaves an audit entry (SPEC §4). */
export function staffCustomerRoutes({ db, env, now, requireStaff }: StaffContext) {
  return (
    new Hono<StaffEnv>()
      .use(requireStaff)
      .get("/", requirePermission("customer:search"), validate("query", customerSearchInputSchema), async (c) => {
        const hits = await findCustomers(db, c.req.valid("query").q, staffActor(c, env.TRUST_PROXY), now());
        return c.json({ hits }, 200);
      })
      .get("/:id", requirePermission("customer:read"), validate("param", customerIdParamSchema), async (c) => {
        const result = await viewCustomerRecord(db, c.req.valid("param").id, staffActor(c, env.TRUST_PROXY), now());
        if (!result.ok) return failure(c, result);
        return c.json({ ...result.record, recordKeeping: result.recordKeeping }, 200);
      })
      // Issue 12: a protected address, for a stated reason; the read is audited.
      .post(
        "/:id/protected-address",
        requirePermission("customer:read"),
        validate("param", customerIdParamSchema),
        validate("json", protectedAddressRevealSchema),
        async (c) => {
          const result = await revealProtectedAddress(
            db,
            c.req.valid("param").id,
            c.req.valid("json"),
            staffActor(c, env.TRUST_PROXY),
            now(),
          );
          if (!result.ok) return failure(c, result);
          return c.json({ postalAddress: result.postalAddress }, 200);
        },
      )
  );
}
