import { fourEyesSwitchSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { loadFourEyes, setFourEyes } from "../../services/four-eyes.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * `/four-eyes` (issue 14 D): whether an erasure needs a second person, with who switched it, when and why.
 * Administrators read it and switch it (off only with a reason, and only while fewer than two active staff exist).
 */
export function fourEyesRoutes(ctx: StaffContext) {
  const { db, env, now } = ctx;
  return new Hono<StaffEnv>()
    .use(ctx.requireStaff)
    .use(requirePermission("four_eyes:manage"))
    .get("/", async (c) => c.json(await loadFourEyes(db), 200))
    .put("/", validate("json", fourEyesSwitchSchema), async (c) => {
      const result = await setFourEyes(db, staffActor(c, env.TRUST_PROXY), c.req.valid("json"), now());
      if (!result.ok) return failure(c, result);
      return c.json(await loadFourEyes(db), 200);
    });
}
