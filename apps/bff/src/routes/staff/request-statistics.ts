import { requestStatisticsQuerySchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { viewRequestStatistics } from "../../services/request-statistics.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * Issue 14 G: `/request-statistics` — requests received, completed, refused, extended and overdue and the median days
 * to answer, per month and type, for the data-protection officer and admins (`requests:statistics`). Counts only.
 */
export function requestStatisticsRoutes({ db, env, now, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("requests:statistics"))
    .get("/", validate("query", requestStatisticsQuerySchema), async (c) => {
      const report = await viewRequestStatistics(db, staffActor(c, env.TRUST_PROXY), c.req.valid("query"), now());
      return c.json(report, 200);
    });
}
