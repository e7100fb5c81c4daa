import { staffSignInInputSchema } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { verifyPassword } from "../../auth/passwords.ts";
import { staffUsers } from "../../db/schema.ts";
import { clientInfo } from "../../http/client-info.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/session-cookie.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { appendAudit } from "../../services/audit.ts";
import type { StaffContext } from "./context.ts";

/** Staff sign-in with a personal user name and password (the notice's "oma henkilökohtainen käyttäjätunnus"). */
export function staffAuthRoutes({ db, env, now, sessions, requireStaff }: StaffContext) {
  return new Hono()
    .post("/sign-in", validate("json", staffSignInInputSchema), async (c) => {
      const { username, password } = c.req.valid("json");
      const user = db.select().from(staffUsers).where(eq(staffUsers.username, username)).get();
      const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
      const client = clientInfo(c, env.TRUST_PROXY);
      // One answer for every failure: it must not tell which part was wrong.
      const allowed = user && passwordOk && user.disabledAt === null && user.confidentialitySignedOn !== null;
      if (!allowed) {
        appendAudit(
          db,
          {
            actor: { type: "system" },
            action: "staff.sign_in_failed",
            detail: { staffUserId: user?.id ?? null },
            ip: client.ip,
          },
          now(),
        );
        return c.json({ error: { code: "sign_in_failed", message: "Sign-in failed" } } as const, 401);
      }
      const at = now();
      const session = sessions.create(user.id, at, client);
      appendAudit(
        db,
        { actor: { type: "staff", id: user.id, role: user.role }, action: "staff.sign_in", ip: client.ip },
        at,
      );
      setSessionCookie(c, env, "staff", session.token);
      return c.json({ signedIn: true }, 200);
    })
    .get("/session", requireStaff, (c) => {
      const { username, displayName, role } = c.get("subject");
      return c.json(
        { username, displayName, role, expiresAt: new Date(c.get("session").expiresAt).toISOString() },
        200,
      );
    })
    .post("/sign-out", requireStaff, (c) => {
      const { id, role } = c.get("subject");
      sessions.invalidate(c.get("session").id);
      appendAudit(db, { actor: { type: "staff", id, role }, action: "staff.sign_out" }, now());
      clearSessionCookie(c, env, "staff");
      return c.json({ signedOut: true }, 200);
    });
}
