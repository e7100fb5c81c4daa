import { inboundIssueParamSchema, inboundIssuesQuerySchema, resolveInboundIssueInputSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { listInboundIssues, resolveInboundIssue } from "../../services/inbound-issues.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/** `/inbound-issues`: the desk's inbox of incoming data a connected system sent and a person must decide (issue 12). */
export function inboundIssueRoutes(ctx: StaffContext) {
  const { db, env, now, requireStaff } = ctx;
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("customer:write"))
    .get("/", validate("query", inboundIssuesQuerySchema), async (c) => {
      const page = await listInboundIssues(db, c.req.valid("query"), staffActor(c, env.TRUST_PROXY), now());
      return c.json(page, 200);
    })
    .post(
      "/:id/resolve",
      validate("param", inboundIssueParamSchema),
      validate("json", resolveInboundIssueInputSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const { resolution } = c.req.valid("json");
        const result = await resolveInboundIssue(ctx, id, resolution, staffActor(c, env.TRUST_PROXY), now());
        if (!result.ok) return failure(c, result);
        return c.json({ id: result.id, resolution: result.resolution }, 200);
      },
    );
}
