import { createSessionStore } from "../../apps/bff/src/auth/session-store.ts";
import { newTotpSecret } from "../../apps/bff/src/auth/totp.ts";
import { openRegister } from "../../apps/bff/src/db/open.ts";
import { staffUsers } from "../../apps/bff/src/db/schema.ts";
import { parseEnv } from "../../apps/bff/src/env.ts";
import { sessionCookieName } from "../../apps/bff/src/http/session-cookie.ts";
import { benchEnv } from "./register.ts";

/**
 * A signed-in staff member's cookie without the password and authenticator sign-in: the session row is made the
 * way sign-in makes it, so every request still does the full session lookup and account check.
 * A register without the account (seed-large writes no staff) gets it, with a password hash nothing matches. The
 * account is enrolled in two-factor sign-in (every role needs it, issue 11), else its session could only enrol.
 */
export async function staffCookie(
  dir: string,
  overrides: Record<string, string> = {},
  user: { id: string; username: string; role: "agent" | "admin" } = {
    id: "staff-agent",
    username: "agent",
    role: "agent",
  },
): Promise<string> {
  const env = parseEnv(benchEnv(dir, overrides));
  // Issue 16: the PostgreSQL database when the overrides name one (DATABASE_URL), else the SQLite file.
  const db = await openRegister(env);
  try {
    const now = Date.now();
    const totpSecret = newTotpSecret();
    await db
      .insert(staffUsers)
      .values({
        ...user,
        displayName: `Bench ${user.username}`,
        passwordHash: "!bench: no password signs in",
        confidentialitySignedOn: "2021-04-28",
        createdAt: now,
        passwordChangedAt: now,
        totpSecret,
        totpEnabledAt: now,
      })
      // Enrolled also when the account was there unenrolled (a register cached before issue 11).
      .onConflictDoUpdate({ target: staffUsers.id, set: { totpSecret, totpEnabledAt: now } });
    const store = createSessionStore(db, { table: "staff_sessions", subject: "staff_user_id" }, env.sessionPolicy);
    const { token } = await store.create(user.id, now, { ip: "127.0.0.1", userAgent: "bench" });
    return `${sessionCookieName(env, "staff")}=${token}`;
  } finally {
    await db.close();
  }
}
