import { assessErasure } from "@tietoni/domain";
import { Hono } from "hono";
import { gatherErasureFacts } from "../../services/erasure-facts.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** What erasure would mean for this customer now: the grounds that block it and the data kept anyway. */
export function erasureRoutes({ db, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>().use(requireCustomer).get("/assessment", (c) => {
    const assessment = assessErasure(gatherErasureFacts(db, c.get("subject").id));
    return c.json({ assessment }, 200);
  });
}
