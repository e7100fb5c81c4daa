import { confirmTotpInputSchema, iso, staffSignInInputSchema, totpRequired } from "@tietoni/domain";
import { Hono } from "hono";
import { apiError, failure } from "../../http/api-error.ts";
import { clientInfo } from "../../http/client-info.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/session-cookie.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  confirmTotpEnrolment,
  signInStaff,
  signOutStaff,
  signOutStaffEverywhere,
  startTotpEnrolment,
} from "../../services/staff-auth.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * Staff sign-in with a personal user name and password (the notice's "oma henkilökohtainen käyttäjätunnus"),
 * plus an authenticator code for those who enrolled in two-factor sign-in (required for admins).
 */
export function staffAuthRoutes(ctx: StaffContext) {
  const { env, requireStaff } = ctx;
  return (
    new Hono<StaffEnv>()
      .post("/sign-in", validate("json", staffSignInInputSchema), async (c) => {
        const outcome = await signInStaff(ctx, c.req.valid("json"), clientInfo(c, env.TRUST_PROXY));
        if (!outcome.ok) {
          switch (outcome.refusal) {
            case "rate_limited":
              return apiError(c, 429, "rate_limited", "Too many attempts");
            case "totp_required":
              // The password was right; the form asks for the code and sends both again.
              return apiError(c, 401, "totp_required", "Authenticator code required");
            case "sign_in_failed":
              return apiError(c, 401, "sign_in_failed", "Sign-in failed");
          }
        }
        setSessionCookie(c, env, "staff", outcome.token);
        return c.json({ signedIn: true, totpEnrolmentRequired: outcome.totpEnrolmentRequired }, 200);
      })
      .get("/session", requireStaff, (c) => {
        const { username, displayName, role, totpEnabled } = c.get("subject");
        return c.json(
          {
            username,
            displayName,
            role,
            totpEnabled,
            // Until then every other staff route answers 403 totp_required; the app sends them to enrol.
            totpEnrolmentRequired: totpRequired(role) && !totpEnabled,
            expiresAt: iso(c.get("session").expiresAt),
          },
          200,
        );
      })
      .post("/sign-out", requireStaff, async (c) => {
        await signOutStaff(ctx, staffActor(c, env.TRUST_PROXY), c.get("session").id);
        clearSessionCookie(c, env, "staff");
        return c.json({ signedOut: true }, 200);
      })
      // A lost laptop or a session left open elsewhere: the person ends all of their sessions, this one included.
      .post("/sign-out-everywhere", requireStaff, async (c) => {
        const { sessionsEnded } = await signOutStaffEverywhere(ctx, staffActor(c, env.TRUST_PROXY));
        clearSessionCookie(c, env, "staff");
        return c.json({ signedOut: true, sessionsEnded }, 200);
      })
      .post("/totp/enrol", requireStaff, async (c) => {
        const result = await startTotpEnrolment(ctx, staffActor(c, env.TRUST_PROXY), c.get("subject"));
        if (!result.ok) return failure(c, result);
        const { secret, otpauthUri, qrSvg } = result;
        return c.json({ secret, otpauthUri, qrSvg }, 200);
      })
      .post("/totp/confirm", requireStaff, validate("json", confirmTotpInputSchema), async (c) => {
        const { code } = c.req.valid("json");
        const result = await confirmTotpEnrolment(
          ctx,
          staffActor(c, env.TRUST_PROXY),
          code,
          clientInfo(c, env.TRUST_PROXY),
        );
        if (!result.ok) return failure(c, result);
        setSessionCookie(c, env, "staff", result.token);
        return c.json({ totpEnabled: true }, 200);
      })
  );
}
