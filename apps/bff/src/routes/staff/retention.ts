import { customerIdSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { auditActorOf } from "../../services/audit.ts";
import { RETENTION_RUN_MAX, retentionDryRun, runRetention } from "../../services/retention.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const runInputSchema = z.object({
  ids: z.array(customerIdSchema).min(1, "required").max(RETENTION_RUN_MAX, "too_long"),
});

/**
 * Retention (the notice: 10 years from the end of the customer relationship), for admins only: a dry run
 * that lists who is due and who a ground still blocks, then the run in batches the UI shows progress for.
 */
export function retentionRoutes(ctx: StaffContext) {
  const { db, env, now, requireStaff } = ctx;
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("retention:run"))
    .get("/due", async (c) => {
      const actor = staffActor(c, env.TRUST_PROXY);
      const dryRun = await retentionDryRun(db, { now: now(), actor: auditActorOf(actor), ip: actor.ip });
      return c.json(dryRun, 200);
    })
    .post("/run", validate("json", runInputSchema), async (c) => {
      const { ids } = c.req.valid("json");
      const actor = staffActor(c, env.TRUST_PROXY);
      const result = await runRetention(ctx, ids, {
        now: now(),
        actor: auditActorOf(actor),
        suppressionKey: env.suppressionKey,
        ip: actor.ip,
      });
      return c.json(result, 200);
    });
}
