import {
  correctCustomerInputSchema,
  createCustomerInputSchema,
  customerIdParamSchema,
  recordObjectionInputSchema,
  tokenIdParamSchema,
  verifyIdentityInputSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { produceAccessExport, verifyRequestIdentity } from "../../services/paper-access.ts";
import { correctCustomerByStaff, createCustomerByStaff, recordObjectionByStaff } from "../../services/staff-records.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/*
 * Staff record-keeping, part 1 (issue 12): what arrives by phone, letter or e-mail. Mounted at /api/staff/records
 * (part 2, routes/staff/record-keeping-2.ts, is mounted there too, with paths of its own).
 */

/** Create a customer, correct any field, record an objection: `customer:write` (agents and admins). */
export function staffRecordRoutes(ctx: StaffContext) {
  const { env, requireStaff } = ctx;
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("customer:write"))
    .post("/", validate("json", createCustomerInputSchema), async (c) => {
      const r = await createCustomerByStaff(ctx, c.req.valid("json"), staffActor(c, env.TRUST_PROXY));
      if (!r.ok) return failure(c, r);
      return c.json({ id: r.id }, 201);
    })
    .patch(
      "/:id/fields",
      validate("param", customerIdParamSchema),
      validate("json", correctCustomerInputSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const r = await correctCustomerByStaff(ctx, id, c.req.valid("json"), staffActor(c, env.TRUST_PROXY));
        if (!r.ok) return failure(c, r);
        return c.json({ changed: r.changed }, 200);
      },
    )
    .post(
      "/:id/objections",
      validate("param", customerIdParamSchema),
      validate("json", recordObjectionInputSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const r = await recordObjectionByStaff(ctx, id, c.req.valid("json"), staffActor(c, env.TRUST_PROXY));
        if (!r.ok) return failure(c, r);
        return c.json({ changed: r.changed }, 200);
      },
    );
}

/**
 * A paper (or e-mail) access request: record how the requester's identity was verified, then send the customer's
 * export to the address on record. Mounted at /api/staff/requests beside the desk's routes.
 */
export function paperAccessRoutes(ctx: StaffContext) {
  const { env, requireStaff } = ctx;
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("request:handle"))
    .post(
      "/:id/identity",
      validate("param", tokenIdParamSchema),
      validate("json", verifyIdentityInputSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const r = await verifyRequestIdentity(ctx, id, c.req.valid("json"), staffActor(c, env.TRUST_PROXY));
        if (!r.ok) return failure(c, r);
        return c.json({ identity: r.identity }, 200);
      },
    )
    .post("/:id/export", requirePermission("customer:read"), validate("param", tokenIdParamSchema), async (c) => {
      const { id } = c.req.valid("param");
      const r = await produceAccessExport(ctx, id, staffActor(c, env.TRUST_PROXY));
      if (!r.ok) return failure(c, r);
      return c.json(r.produced, 200);
    });
}
