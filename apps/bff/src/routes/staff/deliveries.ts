import { deliveryLogQuerySchema, outboxIdParamSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { log } from "../../observability/logger.ts";
import { replayDelivery, retryDelivery, viewDeliveryLog } from "../../services/deliveries.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * `/deliveries`: the outbox's delivery log for administrators (issue 13) — ids and metadata, never content — with
 * retry and replay. A requeued row is delivered by the outbox: the route kicks a pass and answers without waiting.
 */
export function deliveriesRoutes(ctx: StaffContext) {
  const { db, env, now, outbox } = ctx;
  const kick = () => {
    outbox.deliverDue().catch((err: unknown) => log.error({ job: "outbox", err }, "outbox: dispatch pass failed"));
  };
  return new Hono<StaffEnv>()
    .use(ctx.requireStaff)
    .use(requirePermission("deliveries:manage"))
    .get("/", validate("query", deliveryLogQuerySchema), async (c) => {
      const log = await viewDeliveryLog(db, c.req.valid("query"), staffActor(c, env.TRUST_PROXY), now());
      return c.json(log, 200);
    })
    .post("/:id/retry", validate("param", outboxIdParamSchema), async (c) => {
      const result = await retryDelivery(ctx, c.req.valid("param").id, staffActor(c, env.TRUST_PROXY));
      if (!result.ok) return failure(c, result);
      kick();
      return c.json({ delivery: result.delivery }, 200);
    })
    .post("/:id/replay", validate("param", outboxIdParamSchema), async (c) => {
      const result = await replayDelivery(ctx, c.req.valid("param").id, staffActor(c, env.TRUST_PROXY));
      if (!result.ok) return failure(c, result);
      kick();
      return c.json({ delivery: result.delivery }, 200);
    });
}
