import { iso, judgeSession, type SessionPolicy } from "@tietoni/domain";
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { customerSessions, customerSignIns } from "../db/schema.ts";
import { fail, notFound, type Result } from "./result.ts";

/*
 * The customer's own sessions and sign-ins; they can end any session but the one they are using. The customer id
 * in every condition is what keeps one customer from seeing or ending another's session.
 */

const SIGN_INS_SHOWN = 50;

/** The session a request came with: whose it is, and which one (it is marked, and cannot be ended here). */
export type CurrentSession = { id: string; sessionId: string };

/** The customer's active sessions, newest use first, and their newest sign-ins. */
export function listCustomerSessions(db: Db, current: CurrentSession, policy: SessionPolicy, at: number) {
  return db.read(async (r) => {
    const sessions = await r
      .select({
        id: customerSessions.id,
        createdAt: customerSessions.createdAt,
        lastSeenAt: customerSessions.lastSeenAt,
        ip: customerSessions.ip,
        userAgent: customerSessions.userAgent,
      })
      .from(customerSessions)
      .where(eq(customerSessions.customerId, current.id))
      .orderBy(desc(customerSessions.lastSeenAt));
    const signIns = await r
      .select({ at: customerSignIns.at, ip: customerSignIns.ip, userAgent: customerSignIns.userAgent })
      .from(customerSignIns)
      .where(eq(customerSignIns.customerId, current.id))
      .orderBy(desc(customerSignIns.at), desc(customerSignIns.id))
      .limit(SIGN_INS_SHOWN);
    return {
      sessions: sessions
        // Expired rows stay until someone presents their cookie; they are not active sessions.
        .filter((s) => s.id === current.sessionId || judgeSession(s, at, policy).valid)
        .map((s) => ({
          ...s,
          createdAt: iso(s.createdAt),
          lastSeenAt: iso(s.lastSeenAt),
          current: s.id === current.sessionId,
        })),
      signIns: signIns.map((s) => ({ ...s, at: iso(s.at) })),
    };
  });
}

/** Ends one other session of the customer; the current one ends with sign-out, which also clears the cookie. */
export async function endCustomerSession(db: Db, current: CurrentSession, id: string): Promise<Result<{ ended: 1 }>> {
  if (id === current.sessionId) return fail(400, "invalid_input");
  const { changes } = await db
    .delete(customerSessions)
    .where(and(eq(customerSessions.id, id), eq(customerSessions.customerId, current.id)))
    .run();
  return changes === 0 ? notFound() : { ok: true, ended: 1 };
}

/** Ends every session of the customer but the current one; answers how many ended. */
export async function endOtherCustomerSessions(db: Db, current: CurrentSession): Promise<{ ended: number }> {
  const { changes } = await db
    .delete(customerSessions)
    .where(and(eq(customerSessions.customerId, current.id), ne(customerSessions.id, current.sessionId)))
    .run();
  return { ended: changes };
}
