import { roleSecondFactorInputSchema, staffRoleParamSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { listRolePolicies, setRolePolicy } from "../../services/staff-role-policies.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/** Per role, whether sign-in needs a second factor: administrators read and set it (off only with a reason). */
export function rolePolicyRoutes(ctx: StaffContext) {
  const { db, env } = ctx;
  return new Hono<StaffEnv>()
    .use(ctx.requireStaff)
    .use(requirePermission("staff:manage"))
    .get("/", async (c) => c.json({ policies: await listRolePolicies(db) }, 200))
    .put(
      "/:role",
      validate("param", staffRoleParamSchema),
      validate("json", roleSecondFactorInputSchema),
      async (c) => {
        const { role } = c.req.valid("param");
        const result = await setRolePolicy(ctx, staffActor(c, env.TRUST_PROXY), role, c.req.valid("json"));
        if (!result.ok) return failure(c, result);
        return c.json(result.policy, 200);
      },
    );
}
