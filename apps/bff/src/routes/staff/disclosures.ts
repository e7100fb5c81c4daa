import { customerIdParamSchema, recordDisclosureSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { recordDisclosure, staffDisclosures } from "../../services/disclosures.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * `/customers/:id/disclosures` (issue 13): the customer's disclosure log on their record (an audited read) and a
 * disclosure recorded by hand — to a collection agency, the accounting partner, an authority.
 */
export function staffDisclosureRoutes({ db, env, now, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .get(
      "/:id/disclosures",
      requirePermission("customer:read"),
      validate("param", customerIdParamSchema),
      async (c) => {
        const result = await staffDisclosures(db, c.req.valid("param").id, staffActor(c, env.TRUST_PROXY), now());
        if (!result.ok) return failure(c, result);
        return c.json({ disclosures: result.disclosures, systems: result.systems }, 200);
      },
    )
    .post(
      "/:id/disclosures",
      requirePermission("disclosure:record"),
      validate("param", customerIdParamSchema),
      validate("json", recordDisclosureSchema),
      async (c) => {
        const result = await recordDisclosure(
          db,
          staffActor(c, env.TRUST_PROXY),
          c.req.valid("param").id,
          c.req.valid("json"),
          now(),
        );
        if (!result.ok) return failure(c, result);
        return c.json({ disclosure: result.disclosure }, 201);
      },
    );
}
