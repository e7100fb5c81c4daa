import { iso, requestCodeInputSchema, verifyCodeInputSchema, verifyLinkInputSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { failure } from "../../http/api-error.ts";
import { clientInfo } from "../../http/client-info.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/session-cookie.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { requestSignInCode, signOut, verifySignInCode, verifySignInLink } from "../../services/customer-sign-in.ts";
import { hasGpcSignal } from "../../services/marketing.ts";
import type { PortalContext } from "./context.ts";

/** Customer sign-in with a one-time code or link sent to the registered e-mail address. */
export function portalAuthRoutes(ctx: PortalContext) {
  const { env, requireCustomer } = ctx;
  return (
    new Hono()
      .post("/request-code", validate("json", requestCodeInputSchema), async (c) => {
        const { email, language } = c.req.valid("json");
        const result = await requestSignInCode(ctx, { email, language, ip: clientInfo(c, env.TRUST_PROXY).ip });
        if (!result.ok) return failure(c, result);
        // The same answer for registered and unknown addresses; the code is issued after it (see the service).
        return c.json({ sent: true }, 202);
      })
      .post("/verify-code", validate("json", verifyCodeInputSchema), async (c) => {
        const { email, code, language } = c.req.valid("json");
        const gpc = hasGpcSignal(c.req.header("sec-gpc"));
        const result = await verifySignInCode(ctx, { email, code, gpc, language }, clientInfo(c, env.TRUST_PROXY));
        if (!result.ok) return failure(c, result);
        setSessionCookie(c, env, "portal", result.token);
        return c.json({ signedIn: true }, 200);
      })
      // The link page posts the secret from its URL's fragment when the customer presses "Sign in".
      .post("/verify-link", validate("json", verifyLinkInputSchema), async (c) => {
        const { link, language } = c.req.valid("json");
        const gpc = hasGpcSignal(c.req.header("sec-gpc"));
        const result = await verifySignInLink(ctx, { link, gpc, language }, clientInfo(c, env.TRUST_PROXY));
        if (!result.ok) return failure(c, result);
        setSessionCookie(c, env, "portal", result.token);
        return c.json({ signedIn: true }, 200);
      })
      .get("/session", requireCustomer, (c) => {
        const { firstName, lastName, email } = c.get("subject");
        return c.json({ firstName, lastName, email, expiresAt: iso(c.get("session").expiresAt) }, 200);
      })
      .post("/sign-out", requireCustomer, async (c) => {
        const session = { sessionId: c.get("session").id, customerId: c.get("subject").id };
        await signOut(ctx, { ...session, ip: clientInfo(c, env.TRUST_PROXY).ip });
        clearSessionCookie(c, env, "portal");
        return c.json({ signedOut: true }, 200);
      })
  );
}
