import { setObjectionsInputSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { hasGpcSignal, objectToAllMarketing, openMarketing, setObjections } from "../../services/marketing.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/**
 * Objections to marketing and to publication in lists (Art. 21), effective at once. Every answer is the switches,
 * their history, and whether the browser sent GPC.
 *
 * GPC: a GET carrying `Sec-GPC: 1` objects to everything (channel "gpc") before answering, so the page
 * shows it. PUT and object-all never re-apply the signal: an explicit withdrawal in the portal is
 * respected (channel "portal") and outlives later GETs; GPC applies again at the next sign-in with the header.
 */
export function marketingRoutes(deps: PortalContext) {
  const { env, now, requireCustomer } = deps;
  return new Hono<PortalEnv>()
    .use(requireCustomer)
    .get("/", async (c) => {
      const gpc = hasGpcSignal(c.req.header("sec-gpc"));
      return c.json(await openMarketing(deps, c.get("subject").id, gpc, now()), 200);
    })
    .put("/", validate("json", setObjectionsInputSchema), async (c) => {
      const gpc = hasGpcSignal(c.req.header("sec-gpc"));
      const { changes } = c.req.valid("json");
      const max = env.LIMIT_MARKETING_WITHDRAWALS_PER_HOUR;
      const result = await setObjections(deps, c.get("subject").id, changes, gpc, now(), max);
      if (!result.ok) return failure(c, result);
      return c.json(result.view, 200);
    })
    .post("/object-all", async (c) => {
      const gpc = hasGpcSignal(c.req.header("sec-gpc"));
      return c.json(await objectToAllMarketing(deps, c.get("subject").id, gpc, now()), 200);
    });
}
