import { type ApiError, type ErasureBlocker, errorMessages, tokenIdSchema } from "@tietoni/domain";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { type ErasureBlocked, isErasureBlocked, previewErasure } from "../../services/erasure.ts";
import { executeErasureWithFourEyes } from "../../services/four-eyes.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const requestParam = z.object({ requestId: tokenIdSchema });

/**
 * 409 erasure_blocked names the grounds, so staff see what must be settled first: the one error answer that
 * carries more than `ApiError` (its `blockers`), which is why it is not built by `failure`.
 */
const erasureBlocked = (c: Context, f: ErasureBlocked) => {
  const body = {
    error: { code: f.code, message: errorMessages[f.code].en, blockers: f.blockers },
  } satisfies ApiError & { error: { blockers: ErasureBlocker[] } };
  return c.json(body, 409);
};

/** `/operations/erasure`: erasure requests carried out as anonymisation. Behind the staff session (data-operations.ts). */
export function erasureRoutes(ctx: StaffContext) {
  const { env, now } = ctx;
  return new Hono<StaffEnv>()
    .use(requirePermission("request:handle"))
    .get("/:requestId/preview", validate("param", requestParam), async (c) => {
      const { requestId } = c.req.valid("param");
      const result = await previewErasure(ctx, requestId, staffActor(c, env.TRUST_PROXY), now());
      if (!result.ok) return failure(c, result);
      const { assessment, removes, request, customerId } = result;
      return c.json({ assessment, removes, request, customerId }, 200);
    })
    .post("/:requestId/execute", validate("param", requestParam), async (c) => {
      const { requestId } = c.req.valid("param");
      const result = await executeErasureWithFourEyes(ctx, requestId, staffActor(c, env.TRUST_PROXY), now());
      if (!result.ok) return isErasureBlocked(result) ? erasureBlocked(c, result) : failure(c, result);
      if (result.outcome === "pending") {
        // Issue 14 D: accepted, not done — a second person approves it in "Approvals", and it runs then.
        const { approvalId, ground } = result;
        return c.json({ outcome: "pending" as const, code: "four_eyes_required" as const, approvalId, ground }, 202);
      }
      return c.json(
        { outcome: "done" as const, request: result.request, anonymised: true, suppressed: result.suppressed },
        200,
      );
    });
}
