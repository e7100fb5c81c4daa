import { Hono } from "hono";
import { assessCustomerErasure } from "../../services/erasure-facts.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** What erasure would mean for this customer now: the grounds that block it and the data kept anyway. */
export function erasureRoutes({ db, env, now, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>().use(requireCustomer).get("/assessment", async (c) => {
    // The bookkeeping period shown counts from the company's financial-year end (FINANCIAL_YEAR_END).
    const assessment = await assessCustomerErasure(db, c.get("subject").id, now(), env.FINANCIAL_YEAR_END);
    return c.json({ assessment }, 200);
  });
}
