import {
  changeOwnPasswordInputSchema,
  confirmTotpInputSchema,
  iso,
  staffSessionLimit,
  staffSignInInputSchema,
  startTotpEnrolmentInputSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { allowLimitedTo } from "../../auth/permissions.ts";
import { apiError, failure } from "../../http/api-error.ts";
import { clientInfo } from "../../http/client-info.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/session-cookie.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  changeOwnPassword,
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
 * plus an authenticator code (required of every role unless an admin switched it off for the role).
 *
 * These routes take any valid session, also a limited one (`requireStaffSession`): a person who must first
 * change the password or enrol needs them. Every other staff route refuses such a session.
 */
export function staffAuthRoutes(ctx: StaffContext) {
  const { env, requireStaffSession } = ctx;
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
        const { totpEnrolmentRequired, passwordChangeRequired } = outcome;
        return c.json({ signedIn: true, totpEnrolmentRequired, passwordChangeRequired }, 200);
      })
      .get("/session", requireStaffSession, (c) => {
        const { username, displayName, role, totpEnabled, secondFactorRequired, mustChangePassword } = c.get("subject");
        const limit = staffSessionLimit(c.get("subject"));
        return c.json(
          {
            username,
            displayName,
            role,
            totpEnabled,
            secondFactorRequired,
            // Until then every other staff route answers 403 password_change_required or totp_required; the app
            // sends the person to the one step left, the password first.
            passwordChangeRequired: mustChangePassword,
            totpEnrolmentRequired: limit === "totp_enrolment",
            expiresAt: iso(c.get("session").expiresAt),
          },
          200,
        );
      })
      .post("/sign-out", requireStaffSession, async (c) => {
        await signOutStaff(ctx, staffActor(c, env.TRUST_PROXY), c.get("session").id);
        clearSessionCookie(c, env, "staff");
        return c.json({ signedOut: true }, 200);
      })
      // A lost laptop or a session left open elsewhere: the person ends all of their sessions, this one included.
      .post("/sign-out-everywhere", requireStaffSession, async (c) => {
        const { sessionsEnded } = await signOutStaffEverywhere(ctx, staffActor(c, env.TRUST_PROXY));
        clearSessionCookie(c, env, "staff");
        return c.json({ signedOut: true, sessionsEnded }, 200);
      })
      // The person's own password change (also the forced one after an admin set the password).
      .post(
        "/password",
        requireStaffSession,
        allowLimitedTo("password_change"),
        validate("json", changeOwnPasswordInputSchema),
        async (c) => {
          const result = await changeOwnPassword(
            ctx,
            staffActor(c, env.TRUST_PROXY),
            c.get("subject"),
            c.req.valid("json"),
            clientInfo(c, env.TRUST_PROXY),
          );
          if (!result.ok) return failure(c, result);
          setSessionCookie(c, env, "staff", result.token);
          return c.json({ passwordChanged: true }, 200);
        },
      )
      .post(
        "/totp/enrol",
        requireStaffSession,
        allowLimitedTo("totp_enrolment"),
        validate("json", startTotpEnrolmentInputSchema),
        async (c) => {
          const { password } = c.req.valid("json");
          const result = await startTotpEnrolment(ctx, staffActor(c, env.TRUST_PROXY), c.get("subject"), password);
          if (!result.ok) return failure(c, result);
          const { secret, otpauthUri, qrSvg } = result;
          return c.json({ secret, otpauthUri, qrSvg }, 200);
        },
      )
      .post(
        "/totp/confirm",
        requireStaffSession,
        allowLimitedTo("totp_enrolment"),
        validate("json", confirmTotpInputSchema),
        async (c) => {
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
        },
      )
  );
}
