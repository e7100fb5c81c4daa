import { Hono } from "hono";
import { assessCustomerErasure } from "../../services/erasure-facts.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** What erasure would mean for this customer now: the grounds that block it and the data kept anyway. */
export function erasureRoutes({ db, now, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>().use(requireCustomer).get("/assessment", async (c) => {
    return c.json({ assessment: await assessCustomerErasure(db, c.get("subject").id, now()) }, 200);
  });
}
