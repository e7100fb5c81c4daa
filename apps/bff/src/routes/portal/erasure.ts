import { Hono } from "hono";
import { customerErasureScope } from "../../services/erasure-facts.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/**
 * What erasure would mean for this customer now: the grounds that hold, what each would keep and until when, what
 * would be erased (issue 14 A), and what a partial erasure already done kept.
 */
export function erasureRoutes({ db, env, now, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>().use(requireCustomer).get("/assessment", async (c) => {
    return c.json(await customerErasureScope(db, c.get("subject").id, now(), env.FINANCIAL_YEAR_END), 200);
  });
}
