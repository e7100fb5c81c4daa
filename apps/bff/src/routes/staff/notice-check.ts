import { checkNotice } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { registerDescription } from "../../notice/notice.ts";
import { noticeVersionInForce } from "../../services/notice-versions.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * Issue 15 B: `/notice-check` — what an auditor would question in the notice this process serves, with the version
 * in force, for admins and the data-protection officer (`notice:check`). It only reads: the notice is the
 * controller's statement and nothing is changed on its behalf. No customer's data, so no audit entry.
 */
export function noticeCheckRoutes({ db, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("notice:check"))
    .get("/", async (c) =>
      c.json(
        {
          warnings: checkNotice(registerDescription),
          version: await db.read((r) => noticeVersionInForce(r)),
          noticeDate: registerDescription.noticeDate,
        },
        200,
      ),
    );
}
