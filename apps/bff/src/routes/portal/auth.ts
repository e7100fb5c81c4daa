import { iso, requestCodeInputSchema, verifyCodeInputSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { apiError, failure } from "../../http/api-error.ts";
import { clientInfo } from "../../http/client-info.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/session-cookie.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { requestSignInCode, verifySignInCode } from "../../services/customer-sign-in.ts";
import { hasGpcSignal } from "../../services/marketing.ts";
import type { PortalContext } from "./context.ts";

/** Customer sign-in with a one-time code sent to the registered e-mail address. */
export function portalAuthRoutes(ctx: PortalContext) {
  const { env, sessions, requireCustomer } = ctx;
  return new Hono()
    .post("/request-code", validate("json", requestCodeInputSchema), async (c) => {
      const { email } = c.req.valid("json");
      const result = await requestSignInCode(ctx, { email, ip: clientInfo(c, env.TRUST_PROXY).ip });
      if (!result.ok) return apiError(c, 429, "rate_limited", "Too many attempts");
      // The same answer for registered and unknown addresses; the code is issued after it (see the service).
      return c.json({ sent: true }, 202);
    })
    .post("/verify-code", validate("json", verifyCodeInputSchema), async (c) => {
      const { email, code } = c.req.valid("json");
      const gpc = hasGpcSignal(c.req.header("sec-gpc"));
      const result = await verifySignInCode(ctx, { email, code, gpc }, clientInfo(c, env.TRUST_PROXY));
      if (!result.ok) {
        return result.status === 429 ? apiError(c, 429, "rate_limited", "Too many attempts") : failure(c, result);
      }
      setSessionCookie(c, env, "portal", result.token);
      return c.json({ signedIn: true }, 200);
    })
    .get("/session", requireCustomer, (c) => {
      const { firstName, lastName, email } = c.get("subject");
      return c.json({ firstName, lastName, email, expiresAt: iso(c.get("session").expiresAt) }, 200);
    })
    .post("/sign-out", requireCustomer, async (c) => {
      await sessions.invalidate(c.get("session").id);
      clearSessionCookie(c, env, "portal");
      return c.json({ signedOut: true }, 200);
    });
}
