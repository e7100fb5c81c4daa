import {
  customerIdSchema,
  liftRestrictionInputSchema,
  liftToldOtherwiseInputSchema,
  tokenIdSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  applyRestriction,
  liftRestriction,
  notifyRestrictionLift,
  recordLiftToldOtherwise,
  viewCustomerRestriction,
} from "../../services/restriction.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const requestParam = z.object({ requestId: tokenIdSchema });
const restrictionParam = z.object({ restrictionId: tokenIdSchema });
const customerParam = z.object({ customerId: customerIdSchema });

/** `/operations/restriction`: restriction of processing (Art. 18). Behind the staff session (data-operations.ts). */
export function restrictionRoutes(ctx: StaffContext) {
  const { db, env, now } = ctx;
  return (
    new Hono<StaffEnv>()
      .use(requirePermission("request:handle"))
      .post("/:requestId/apply", validate("param", requestParam), async (c) => {
        const { requestId } = c.req.valid("param");
        const result = await applyRestriction(ctx, requestId, staffActor(c, env.TRUST_PROXY), now());
        if (!result.ok) return failure(c, result);
        return c.json({ restriction: result.restriction, request: result.request }, 201);
      })
      .get("/customer/:customerId", validate("param", customerParam), async (c) => {
        const { customerId } = c.req.valid("param");
        const result = await viewCustomerRestriction(db, customerId, staffActor(c, env.TRUST_PROXY), now());
        if (!result.ok) return failure(c, result);
        return c.json({ restriction: result.restriction }, 200);
      })
      .post("/:restrictionId/notify-lift", validate("param", restrictionParam), async (c) => {
        const { restrictionId } = c.req.valid("param");
        const result = await notifyRestrictionLift(ctx, restrictionId, staffActor(c, env.TRUST_PROXY), now());
        if (!result.ok) return failure(c, result);
        return c.json({ restriction: result.restriction }, 200);
      })
      .post(
        "/:restrictionId/lift",
        validate("param", restrictionParam),
        validate("json", liftRestrictionInputSchema),
        async (c) => {
          const { restrictionId } = c.req.valid("param");
          const { reason } = c.req.valid("json");
          const result = await liftRestriction(ctx, restrictionId, staffActor(c, env.TRUST_PROXY), reason, now());
          if (!result.ok) return failure(c, result);
          return c.json({ restriction: result.restriction }, 200);
        },
      )
      // Issue 13 E: the notice's mail failed (or there is no address): staff record how they told the customer.
      .post(
        "/:restrictionId/told-otherwise",
        validate("param", restrictionParam),
        validate("json", liftToldOtherwiseInputSchema),
        async (c) => {
          const { restrictionId } = c.req.valid("param");
          const { method } = c.req.valid("json");
          const actor = staffActor(c, env.TRUST_PROXY);
          const result = await recordLiftToldOtherwise(db, restrictionId, method, actor, now());
          if (!result.ok) return failure(c, result);
          return c.json({ restriction: result.restriction }, 200);
        },
      )
  );
}
