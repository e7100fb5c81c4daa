import { tokenIdParamSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  confirmRecipientNotification,
  viewOpenRecipientNotifications,
} from "../../services/recipient-notifications.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * `/recipient-notifications` (issue 13, Art. 19): the desk's list of parties still to tell of a correction, an
 * erasure or a restriction, and staff confirming they told one. Those who handle requests do this.
 */
export function recipientNotificationRoutes({ db, env, now, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("request:handle"))
    .get("/", requirePermission("customer:read"), async (c) => {
      const list = await viewOpenRecipientNotifications(db, staffActor(c, env.TRUST_PROXY), now());
      return c.json(list, 200);
    })
    .post("/:id/confirm", validate("param", tokenIdParamSchema), async (c) => {
      const { id } = c.req.valid("param");
      const result = await confirmRecipientNotification(db, staffActor(c, env.TRUST_PROXY), id, now());
      if (!result.ok) return failure(c, result);
      return c.json({ notification: result.notification }, 200);
    });
}
