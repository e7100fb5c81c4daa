import { helsinkiDate, marketingPurposes } from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { mailingListCsv, mailingListSummary } from "../../services/mailing-list.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const purposeQuery = z.object({ purpose: z.enum(marketingPurposes) });

/**
 * `/operations/mailing-list`: the list for direct advertising (the notice: unless the customer forbids it), which
 * reads the whole register. Behind the staff session (data-operations.ts).
 */
export function mailingListRoutes({ db, env, now }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requirePermission("customer:read"))
    .get("/summary", validate("query", purposeQuery), async (c) => {
      const { purpose } = c.req.valid("query");
      // Counts only: no customer's data is shown, so this is not audited as a read.
      return c.json(await mailingListSummary(db, env.suppressionKey, purpose), 200);
    })
    .get("/", validate("query", purposeQuery), (c) => {
      const { purpose } = c.req.valid("query");
      const body = mailingListCsv(db, env.suppressionKey, purpose, staffActor(c, env.TRUST_PROXY), now);
      const filename = `mailing-list-${purpose}-${helsinkiDate(now())}.csv`;
      return c.body(body, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      });
    });
}
