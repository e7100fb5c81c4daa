import { confirmTotpInputSchema, staffSignInInputSchema, totpRequired } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { verifyPassword } from "../../auth/passwords.ts";
import { attemptSucceeded, attemptWithdrawn, beginSignInAttempt } from "../../auth/sign-in-limits.ts";
import { checkTotpCode, newTotpSecret, totpQrSvg, totpUri } from "../../auth/totp.ts";
import { staffUsers } from "../../db/schema.ts";
import { clientInfo } from "../../http/client-info.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/session-cookie.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { appendAudit } from "../../services/audit.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const signInFailed = { error: { code: "sign_in_failed", message: "Sign-in failed" } } as const;

/**
 * Staff sign-in with a personal user name and password (the notice's "oma henkilökohtainen käyttäjätunnus"),
 * plus an authenticator code for those who enrolled in two-factor sign-in (required for admins).
 */
export function staffAuthRoutes({ db, env, now, sessions, requireStaff }: StaffContext) {
  return (
    new Hono<StaffEnv>()
      .post("/sign-in", validate("json", staffSignInInputSchema), async (c) => {
        const { username: typed, password, totp } = c.req.valid("json");
        // User names are stored lower-cased; "Admin" is the same account and shares its limit.
        const username = typed.toLowerCase();
        const client = clientInfo(c, env.TRUST_PROXY);
        const at = now();
        const attempt = { username, ip: client.ip };
        // Same answer for known and unknown names; refused before any check, so a blocked guess learns nothing.
        if (!beginSignInAttempt(db, attempt, at)) {
          return c.json({ error: { code: "rate_limited", message: "Too many attempts" } } as const, 429);
        }
        const user = db.select().from(staffUsers).where(eq(staffUsers.username, username)).get();
        const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
        // The trail says why (for the admins reading it); the answer never does.
        const failed = (reason: "password" | "disabled" | "no_commitment" | "totp") => {
          appendAudit(
            db,
            {
              actor: { type: "system" },
              action: "staff.sign_in_failed",
              detail: { staffUserId: user?.id ?? null, reason },
              ip: client.ip,
            },
            at,
          );
          return c.json(signInFailed, 401);
        };
        if (!user || !passwordOk) return failed("password");
        if (user.disabledAt !== null) return failed("disabled");
        if (user.confidentialitySignedOn === null) return failed("no_commitment");
        if (user.totpEnabledAt !== null) {
          if (totp === undefined) {
            // The password was right; the form asks for the code and sends both again.
            attemptWithdrawn(db, attempt, at);
            return c.json({ error: { code: "totp_required", message: "Authenticator code required" } } as const, 401);
          }
          // A confirmed enrolment without its secret cannot be checked, so it cannot pass.
          if (user.totpSecret === null || !checkTotpCode(user.totpSecret, totp, at)) return failed("totp");
        }
        // One transaction, so one fsync (synchronous = FULL) instead of three, each blocking the event loop: in a
        // burst of staff sign-ins they stalled customers' requests more than the password hashing did (bench P6).
        const session = db.transaction(() => {
          attemptSucceeded(db, attempt, at);
          const created = sessions.create(user.id, at, client);
          appendAudit(
            db,
            {
              actor: { type: "staff", id: user.id, role: user.role },
              action: "staff.sign_in",
              detail: { twoFactor: user.totpEnabledAt !== null },
              ip: client.ip,
            },
            at,
          );
          return created;
        });
        setSessionCookie(c, env, "staff", session.token);
        return c.json(
          { signedIn: true, totpEnrolmentRequired: totpRequired(user.role) && user.totpEnabledAt === null },
          200,
        );
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
            expiresAt: new Date(c.get("session").expiresAt).toISOString(),
          },
          200,
        );
      })
      .post("/sign-out", requireStaff, (c) => {
        const { id, role } = c.get("subject");
        sessions.invalidate(c.get("session").id);
        appendAudit(db, { actor: { type: "staff", id, role }, action: "staff.sign_out" }, now());
        clearSessionCookie(c, env, "staff");
        return c.json({ signedOut: true }, 200);
      })
      // A lost laptop or a session left open elsewhere: the person ends all of their sessions, this one included.
      .post("/sign-out-everywhere", requireStaff, (c) => {
        const { id, role } = c.get("subject");
        const sessionsEnded = db.transaction((tx) => {
          const ended = sessions.invalidateAll(id);
          appendAudit(
            tx,
            {
              actor: { type: "staff", id, role },
              action: "staff.sign_out_everywhere",
              detail: { sessionsEnded: ended },
              ip: clientInfo(c, env.TRUST_PROXY).ip,
            },
            now(),
          );
          return ended;
        });
        clearSessionCookie(c, env, "staff");
        return c.json({ signedOut: true, sessionsEnded }, 200);
      })
      .post("/totp/enrol", requireStaff, async (c) => {
        const { id, role, username, totpEnabled } = c.get("subject");
        // Replacing a confirmed secret from a session alone would let a stolen session swap the second factor.
        if (totpEnabled) {
          return c.json(
            { error: { code: "invalid_state", message: "Two-factor sign-in is already on" } } as const,
            409,
          );
        }
        const secret = newTotpSecret();
        const otpauthUri = totpUri(secret, username);
        const qrSvg = await totpQrSvg(otpauthUri);
        db.transaction((tx) => {
          tx.update(staffUsers).set({ totpSecret: secret, totpEnabledAt: null }).where(eq(staffUsers.id, id)).run();
          appendAudit(
            tx,
            {
              actor: { type: "staff", id, role },
              action: "staff.totp.enrolment_started",
              detail: { staffUserId: id },
              ip: clientInfo(c, env.TRUST_PROXY).ip,
            },
            now(),
          );
        });
        return c.json({ secret, otpauthUri, qrSvg }, 200);
      })
      .post("/totp/confirm", requireStaff, validate("json", confirmTotpInputSchema), (c) => {
        const { id, role } = c.get("subject");
        const { code } = c.req.valid("json");
        const user = db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
        if (!user || user.totpEnabledAt !== null || user.totpSecret === null) {
          return c.json({ error: { code: "invalid_state", message: "No enrolment to confirm" } } as const, 409);
        }
        const at = now();
        if (!checkTotpCode(user.totpSecret, code, at)) {
          return c.json({ error: { code: "code_invalid", message: "Wrong code" } } as const, 400);
        }
        const client = clientInfo(c, env.TRUST_PROXY);
        // A privilege change: every earlier session (this one included) ends and a fresh one is issued.
        const session = db.transaction((tx) => {
          tx.update(staffUsers).set({ totpEnabledAt: at }).where(eq(staffUsers.id, id)).run();
          sessions.invalidateAll(id);
          appendAudit(
            tx,
            {
              actor: { type: "staff", id, role },
              action: "staff.totp.enabled",
              detail: { staffUserId: id },
              ip: client.ip,
            },
            at,
          );
          return sessions.create(id, at, client);
        });
        setSessionCookie(c, env, "staff", session.token);
        return c.json({ totpEnabled: true }, 200);
      })
  );
}
