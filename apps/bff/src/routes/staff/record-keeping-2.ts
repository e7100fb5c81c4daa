import {
  approvalRejectSchema,
  customerIdSchema,
  invoiceStatusRecordSchema,
  relationshipEndSchema,
  roleEndSchema,
  staffHoldClearSchema,
  staffHoldSetSchema,
  tokenIdSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  clearHold,
  decideApproval,
  endRelationship,
  endRole,
  listMyDecidedApprovals,
  listOpenApprovals,
  recordInvoiceStatus,
  setHold,
} from "../../services/staff-facts.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const customerParam = z.object({ id: customerIdSchema });
const holdParam = z.object({ id: customerIdSchema, holdId: tokenIdSchema });
const invoiceParam = z.object({ id: customerIdSchema, invoiceId: tokenIdSchema });
const roleParam = z.object({ id: customerIdSchema, roleId: tokenIdSchema });
const approvalParam = z.object({ id: tokenIdSchema });

/**
 * `/records` (part 2 of staff record-keeping, issue 12): legal holds, invoice states, the end of a role and of the
 * relationship. Clearing a hold and marking an invoice paid or written off answer 202 `pending` for an agent: the
 * operation waits in `/approvals` for a second person.
 */
export function recordKeeping2Routes(ctx: StaffContext) {
  const { db, env, now, requireStaff } = ctx;
  return new Hono<StaffEnv>()
    .use(requireStaff, requirePermission("customer:write"))
    .post("/:id/holds", validate("param", customerParam), validate("json", staffHoldSetSchema), async (c) => {
      const { id } = c.req.valid("param");
      const r = await setHold(db, id, c.req.valid("json"), staffActor(c, env.TRUST_PROXY), now());
      return r.ok ? c.json({ holdId: r.holdId }, 201) : failure(c, r);
    })
    .post(
      "/:id/holds/:holdId/clear",
      validate("param", holdParam),
      validate("json", staffHoldClearSchema),
      async (c) => {
        const { id, holdId } = c.req.valid("param");
        const r = await clearHold(db, id, holdId, c.req.valid("json"), staffActor(c, env.TRUST_PROXY), now());
        if (!r.ok) return failure(c, r);
        return r.outcome === "pending"
          ? c.json({ outcome: "pending" as const, approvalId: r.approvalId }, 202)
          : c.json({ outcome: "done" as const }, 200);
      },
    )
    .post(
      "/:id/invoices/:invoiceId/status",
      validate("param", invoiceParam),
      validate("json", invoiceStatusRecordSchema),
      async (c) => {
        const { id, invoiceId } = c.req.valid("param");
        const r = await recordInvoiceStatus(
          db,
          id,
          invoiceId,
          c.req.valid("json"),
          staffActor(c, env.TRUST_PROXY),
          now(),
        );
        if (!r.ok) return failure(c, r);
        return r.outcome === "pending"
          ? c.json({ outcome: "pending" as const, approvalId: r.approvalId }, 202)
          : c.json({ outcome: "done" as const }, 200);
      },
    )
    .post("/:id/roles/:roleId/end", validate("param", roleParam), validate("json", roleEndSchema), async (c) => {
      const { id, roleId } = c.req.valid("param");
      const r = await endRole(db, id, roleId, c.req.valid("json"), staffActor(c, env.TRUST_PROXY), now());
      return r.ok ? c.json({ roleId: r.roleId }, 200) : failure(c, r);
    })
    .post(
      "/:id/relationship-end",
      validate("param", customerParam),
      validate("json", relationshipEndSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const r = await endRelationship(db, id, c.req.valid("json"), staffActor(c, env.TRUST_PROXY), now());
        return r.ok ? c.json({ relationshipEnd: r.relationshipEnd }, 200) : failure(c, r);
      },
    );
}

/** `/approvals`: the four-eyes queue. Any staff member with `customer:write` decides another person's request. */
export function approvalRoutes(ctx: StaffContext) {
  const { db, env, now, requireStaff } = ctx;
  return new Hono<StaffEnv>()
    .use(requireStaff, requirePermission("customer:write"))
    .get("/", async (c) => {
      const actor = staffActor(c, env.TRUST_PROXY);
      const approvals = await listOpenApprovals(db, actor);
      const forMe = approvals.filter((a) => !a.own).length;
      return c.json({ approvals, forMe, myDecided: await listMyDecidedApprovals(db, actor, now()) }, 200);
    })
    .post("/:id/approve", validate("param", approvalParam), async (c) => {
      const r = await decideApproval(
        ctx,
        c.req.valid("param").id,
        { approve: true },
        staffActor(c, env.TRUST_PROXY),
        now(),
      );
      return r.ok ? c.json({ outcome: r.outcome }, 200) : failure(c, r);
    })
    .post("/:id/reject", validate("param", approvalParam), validate("json", approvalRejectSchema), async (c) => {
      const r = await decideApproval(
        ctx,
        c.req.valid("param").id,
        { approve: false, input: c.req.valid("json") },
        staffActor(c, env.TRUST_PROXY),
        now(),
      );
      return r.ok ? c.json({ outcome: r.outcome }, 200) : failure(c, r);
    });
}
