import { auditVerifyInputSchema, customerIdSchema, staffIdSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { browseAuditTrail, verifyAuditTrail } from "../../services/audit.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/** A filter's empty form field arrives as ""; it means "no filter", not bad input. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const auditQuerySchema = z.object({
  actorId: optional(staffIdSchema),
  /** An action or a prefix of dot-separated parts: "staff" matches "staff.created" and "staff.sign_in". */
  action: optional(
    z
      .string()
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, "invalid_input")
      .max(100, "too_long"),
  ),
  customerId: optional(customerIdSchema),
  /** Calendar days in Finnish time, both inclusive. */
  from: optional(z.iso.date("date_invalid")),
  to: optional(z.iso.date("date_invalid")),
  /** The `nextBefore` of the previous page. */
  before: optional(z.coerce.number().int("invalid_input").positive("invalid_input")),
  limit: optional(z.coerce.number().int("invalid_input").min(1, "invalid_input").max(100, "invalid_input")),
});

/**
 * The hash-chained audit trail for administrators: browse with filters, newest first, and verify the chain.
 * Both are audited themselves: reading the trail is a read of who handled whose data.
 */
export function auditRoutes({ db, env, now, requireStaff }: StaffContext) {
  return (
    new Hono<StaffEnv>()
      .use(requireStaff)
      .use(requirePermission("audit:read"))
      .get("/", validate("query", auditQuerySchema), async (c) => {
        const page = await browseAuditTrail(db, staffActor(c, env.TRUST_PROXY), c.req.valid("query"), now());
        return c.json(page, 200);
      })
      // Issue 14 E: the chain, its signed checkpoints, and the copies the DPO pasted (optional) checked together.
      .post("/verify", validate("json", auditVerifyInputSchema), async (c) => {
        const { checkpoints } = c.req.valid("json");
        return c.json(await verifyAuditTrail(db, staffActor(c, env.TRUST_PROXY), now(), checkpoints), 200);
      })
  );
}
