import { Hono } from "hono";
import { listDisclosures } from "../../services/disclosures.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** "Who received my data" (issue 13): every disclosure of the signed-in customer's data, and only theirs. */
export function disclosureRoutes({ db, requireCustomer }: PortalContext) {
  return (
    new Hono<PortalEnv>()
      .use(requireCustomer)
      // The id comes from the session, never from the request: no parameter can point at someone else.
      .get("/", async (c) => c.json({ disclosures: await listDisclosures(db, c.get("subject").id) }, 200))
  );
}
