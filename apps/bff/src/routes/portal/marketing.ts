import { gpcSignalApplies, setObjectionsInputSchema } from "@tietoni/domain";
import { Hono } from "hono";
import type { Db } from "../../db/port.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  applyGpcSignal,
  hasGpcSignal,
  objectToAllMarketing,
  readObjectionHistory,
  readObjections,
  setObjections,
} from "../../services/marketing.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** The answer of every marketing route: the switches, their history, and whether the browser sent GPC. */
function marketingView(db: Db, customerId: string, gpc: boolean) {
  return { objections: readObjections(db, customerId), history: readObjectionHistory(db, customerId), gpc };
}

/**
 * Objections to marketing and to publication in lists (Art. 21), effective at once.
 *
 * GPC: a GET carrying `Sec-GPC: 1` objects to everything (channel "gpc") before answering, so the page
 * shows it. PUT and object-all never re-apply the signal: an explicit withdrawal in the portal is
 * respected (channel "portal") and outlives later GETs; GPC applies again at the next sign-in with the header.
 */
export function marketingRoutes({ db, now, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>()
    .use(requireCustomer)
    .get("/", (c) => {
      const customerId = c.get("subject").id;
      const gpc = hasGpcSignal(c.req.header("sec-gpc"));
      // At sign-in the signal always applies; here only while the customer has not withdrawn since.
      if (gpc && gpcSignalApplies(readObjectionHistory(db, customerId))) applyGpcSignal(db, customerId, now());
      return c.json(marketingView(db, customerId, gpc), 200);
    })
    .put("/", validate("json", setObjectionsInputSchema), (c) => {
      const customerId = c.get("subject").id;
      setObjections(db, customerId, c.req.valid("json").changes, now());
      return c.json(marketingView(db, customerId, hasGpcSignal(c.req.header("sec-gpc"))), 200);
    })
    .post("/object-all", (c) => {
      const customerId = c.get("subject").id;
      objectToAllMarketing(db, customerId, now());
      return c.json(marketingView(db, customerId, hasGpcSignal(c.req.header("sec-gpc"))), 200);
    });
}
