import { undoEmailChangeInputSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { failure } from "../../http/api-error.ts";
import { clientInfo } from "../../http/client-info.ts";
import { clearSessionCookie } from "../../http/session-cookie.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { undoEmailChange } from "../../services/email-change-undo.ts";
import type { PortalContext } from "./context.ts";

/**
 * The undo of an e-mail change, from the link mailed to the old address: no session needed (the link is the proof).
 * The portal page reads the link's secret from its fragment and POSTs it only when its button is pressed.
 */
export function emailChangeUndoRoutes(ctx: PortalContext) {
  const { env } = ctx;
  return new Hono().post("/undo", validate("json", undoEmailChangeInputSchema), async (c) => {
    const result = await undoEmailChange(ctx, c.req.valid("json").token, clientInfo(c, env.TRUST_PROXY));
    if (!result.ok) return failure(c, result);
    // Every session of the customer has ended; a cookie this browser holds is dead, so it goes too.
    clearSessionCookie(c, env, "portal");
    return c.json({ undone: true, sessionsEnded: result.sessionsEnded }, 200);
  });
}
