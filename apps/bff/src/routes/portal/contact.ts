import {
  confirmEmailChangeInputSchema,
  reauthenticateInputSchema,
  startEmailChangeInputSchema,
  updateContactInputSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { confirmEmailChange, readFieldChanges, startEmailChange, updateContact } from "../../services/contact.ts";
import { confirmReauthentication, requestReauthenticationCode } from "../../services/reauthentication.ts";
import type { PortalContext, PortalEnv } from "./context.ts";
import { sessionCustomer } from "./customer.ts";

/**
 * The customer's own corrections of their contact fields (Art. 16), the history of every change, and the
 * re-authentication an e-mail change asks for.
 */
export function contactRoutes(ctx: PortalContext) {
  const { db, env, requireCustomer } = ctx;
  return (
    new Hono<PortalEnv>()
      .use(requireCustomer)
      .patch("/", validate("json", updateContactInputSchema), async (c) => {
        const result = await updateContact(ctx, c.get("subject").id, c.req.valid("json"));
        if (!result.ok) return failure(c, result);
        return c.json({ changed: result.changed }, 200);
      })
      .post("/email", validate("json", startEmailChangeInputSchema), async (c) => {
        const result = await startEmailChange(ctx, sessionCustomer(c, env.TRUST_PROXY), c.req.valid("json").email);
        if (!result.ok) return failure(c, result);
        return c.json({ sent: true }, 202);
      })
      // Before an e-mail change, a session older than 5 minutes proves the mailbox again with a code to the current
      // address (services/reauthentication.ts).
      .post("/reauthentication", async (c) => {
        const result = await requestReauthenticationCode(ctx, sessionCustomer(c, env.TRUST_PROXY));
        if (!result.ok) return failure(c, result);
        return c.json({ sent: true }, 202);
      })
      .post("/reauthentication/confirm", validate("json", reauthenticateInputSchema), async (c) => {
        const result = await confirmReauthentication(
          ctx,
          sessionCustomer(c, env.TRUST_PROXY),
          c.req.valid("json").code,
        );
        if (!result.ok) return failure(c, result);
        return c.json({ freshUntil: result.freshUntil }, 200);
      })
      .post("/email/confirm", validate("json", confirmEmailChangeInputSchema), async (c) => {
        const result = await confirmEmailChange(ctx, sessionCustomer(c, env.TRUST_PROXY), c.req.valid("json").code);
        if (!result.ok) return failure(c, result);
        return c.json({ email: result.email }, 200);
      })
      .get("/history", async (c) => {
        return c.json({ changes: await readFieldChanges(db, c.get("subject").id) }, 200);
      })
  );
}
