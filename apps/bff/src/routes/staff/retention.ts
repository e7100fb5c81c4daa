import { helsinkiDate } from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { clientInfo } from "../../http/client-info.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { auditRetentionDryRun, findRetentionDue, RETENTION_RUN_MAX, runRetention } from "../../services/retention.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const runInputSchema = z.object({
  ids: z
    .array(z.string().regex(/^[a-z0-9]{1,40}$/, "id_invalid"))
    .min(1, "required")
    .max(RETENTION_RUN_MAX, "too_long"),
});

/**
 * Retention (the notice: 10 years from the end of the customer relationship), for admins only: a dry run
 * that lists who is due and who a ground still blocks, then the run in batches the UI shows progress for.
 */
export function retentionRoutes({ db, env, now, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("retention:run"))
    .get("/due", (c) => {
      const { id, role } = c.get("subject");
      const at = now();
      const dryRun = db.transaction((tx) => {
        const result = findRetentionDue(tx, helsinkiDate(at));
        auditRetentionDryRun(tx, result, {
          now: at,
          actor: { type: "staff", id, role },
          ip: clientInfo(c, env.TRUST_PROXY).ip,
        });
        return result;
      });
      return c.json(dryRun, 200);
    })
    .post("/run", validate("json", runInputSchema), (c) => {
      const { ids } = c.req.valid("json");
      const { id, role } = c.get("subject");
      const result = runRetention(db, ids, {
        now: now(),
        actor: { type: "staff", id, role },
        suppressionKey: env.suppressionKey,
        ip: clientInfo(c, env.TRUST_PROXY).ip,
      });
      return c.json(result, 200);
    });
}
