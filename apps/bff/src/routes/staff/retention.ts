import { customerIdSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { apiError } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { auditActorOf } from "../../services/audit.ts";
import { RETENTION_RUN_MAX, retentionDryRun } from "../../services/retention.ts";
import { listRetentionRuns, runRetentionJob } from "../../services/retention-job.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const runInputSchema = z.object({
  ids: z.array(customerIdSchema).min(1, "required").max(RETENTION_RUN_MAX, "too_long"),
});

/**
 * Retention (the notice: 10 years from the end of the customer relationship), for admins only: a dry run
 * that lists who is due and who a ground still blocks or retention leaves alone, then the run in batches the UI
 * shows progress for. Each batch is a run of the retention job (services/retention-job.ts), one at a time with the
 * scheduled run and the CLI: while another runs, 409 retention_running.
 */
export function retentionRoutes(ctx: StaffContext) {
  const { db, env, now, requireStaff } = ctx;
  return (
    new Hono<StaffEnv>()
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
        const outcome = await runRetentionJob(ctx, {
          trigger: "manual",
          ids,
          now,
          actor: auditActorOf(actor),
          ip: actor.ip,
        });
        if (!outcome.started) return apiError(c, 409, "retention_running", "A retention run is under way");
        const { anonymised, skipped } = outcome.result;
        return c.json({ anonymised, skipped }, 200);
      })
      // The latest runs with their counts (no customer ids or names: not a read of anyone's record, so not audited).
      .get("/runs", async (c) => c.json({ runs: await db.read((q) => listRetentionRuns(q)) }, 200))
  );
}
