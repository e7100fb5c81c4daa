import { customerIdSchema, tokenIdSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { auditActorOf } from "../../services/audit.ts";
import { previewErasure } from "../../services/erasure.ts";
import { eraseRemainder } from "../../services/erasure-remainder.ts";
import { executeErasureWithFourEyes } from "../../services/four-eyes.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const requestParam = z.object({ requestId: tokenIdSchema });
const customerParam = z.object({ customerId: customerIdSchema });

/** `/operations/erasure`: erasure requests carried out as anonymisation. Behind the staff session (data-operations.ts). */
export function erasureRoutes(ctx: StaffContext) {
  const { env, now } = ctx;
  return (
    new Hono<StaffEnv>()
      .use(requirePermission("request:handle"))
      .get("/:requestId/preview", validate("param", requestParam), async (c) => {
        const { requestId } = c.req.valid("param");
        const result = await previewErasure(ctx, requestId, staffActor(c, env.TRUST_PROXY), now());
        if (!result.ok) return failure(c, result);
        const { assessment, scope, removes, request, customerId, remainder } = result;
        return c.json({ assessment, scope, removes, request, customerId, remainder }, 200);
      })
      .post("/:requestId/execute", validate("param", requestParam), async (c) => {
        const { requestId } = c.req.valid("param");
        const result = await executeErasureWithFourEyes(ctx, requestId, staffActor(c, env.TRUST_PROXY), now());
        if (!result.ok) return failure(c, result);
        if (result.outcome === "pending") {
          // Issue 14 D: accepted, not done — a second person approves it in "Approvals", and it runs then.
          const { approvalId, ground } = result;
          return c.json({ outcome: "pending" as const, code: "four_eyes_required" as const, approvalId, ground }, 202);
        }
        // Issue 14 A: while a ground holds, the erasure is partial (`partial` says what was kept) instead of refused.
        const { request, suppressed, partial } = result;
        return c.json({ outcome: "done" as const, request, anonymised: partial === null, suppressed, partial }, 200);
      })
      // Issue 14 A: the desk's same-day task once a partial erasure's last ground ended (the preview says when).
      .post("/remainder/:customerId", validate("param", customerParam), async (c) => {
        const actor = staffActor(c, env.TRUST_PROXY);
        const result = await eraseRemainder(ctx, c.req.valid("param").customerId, auditActorOf(actor), actor.ip, now());
        if (!result.ok) return failure(c, result);
        return c.json({ partialErasureId: result.partialErasureId }, 200);
      })
  );
}
