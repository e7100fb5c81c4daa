import { Hono } from "hono";
import { customerRecipientNotifications } from "../../services/recipient-notifications.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** `/recipient-notifications` (issue 13, Art. 19): which recipients of the customer's data were told of a change. */
export function recipientNotificationRoutes({ db, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>()
    .use(requireCustomer)
    .get("/", async (c) => c.json(await customerRecipientNotifications(db, c.get("subject").id), 200));
}
