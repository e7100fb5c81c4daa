import { Hono } from "hono";
import { markNoticeSeen, noticeChangeFor } from "../../services/notice-versions.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/**
 * Issue 15 B: "our privacy notice changed on <date>" — whether the signed-in customer should be told, and their
 * note that they have seen it (opening the notice page or dismissing the banner). Their own row only.
 */
export function noticeChangeRoutes({ db, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>()
    .use(requireCustomer)
    .get("/", async (c) => c.json({ change: await noticeChangeFor(db, c.get("subject").id) }, 200))
    .post("/seen", async (c) => {
      await markNoticeSeen(db, c.get("subject").id);
      return c.json({ change: null }, 200);
    });
}
