import { iso, judgeSession, type SessionPolicy } from "@tietoni/domain";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { customerSessions, customerSignIns } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { appendAudit } from "./audit.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * The customer's own sessions and sign-ins; they can end any session but the one they are using. The customer id
 * in every condition is what keeps one customer from seeing or ending another's session.
 */

const SIGN_INS_SHOWN = 50;

/**
 * The session a request came with: whose it is, and which one (it is marked, and cannot be ended here); and from
 * where, for the audit trail.
 */
export type CurrentSession = { id: string; sessionId: string; client?: ClientInfo };

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
      // Ties (one millisecond) newest session first, the same on both engines (issue 16).
      .orderBy(desc(customerSessions.lastSeenAt), sql`rowid DESC`);
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

/**
 * Ends one other session of the customer; the current one ends with sign-out, which also clears the cookie. Audited
 * in the same transaction (the ended session's id, never its secret).
 */
export function endCustomerSession(
  { db, now }: Pick<Deps, "db" | "now">,
  current: CurrentSession,
  id: string,
): Promise<Result<{ ended: 1 }>> {
  if (id === current.sessionId) return Promise.resolve(fail(400, "invalid_input"));
  const at = now();
  return transact(db, async (tx) => {
    const { changes } = await tx
      .delete(customerSessions)
      .where(and(eq(customerSessions.id, id), eq(customerSessions.customerId, current.id)))
      .run();
    if (changes === 0) return notFound();
    await appendAudit(
      tx,
      {
        actor: { type: "customer", id: current.id },
        action: "customer.session.ended",
        customerId: current.id,
        detail: { sessionId: id, by: current.sessionId },
        ip: current.client?.ip ?? null,
      },
      at,
    );
    return { ok: true, ended: 1 };
  });
}

/** Ends every session of the customer but the current one; answers how many ended. Audited with the count. */
export function endOtherCustomerSessions(
  { db, now }: Pick<Deps, "db" | "now">,
  current: CurrentSession,
): Promise<{ ended: number }> {
  const at = now();
  return db.transaction(async (tx) => {
    const { changes } = await tx
      .delete(customerSessions)
      .where(and(eq(customerSessions.customerId, current.id), ne(customerSessions.id, current.sessionId)))
      .run();
    await appendAudit(
      tx,
      {
        actor: { type: "customer", id: current.id },
        action: "customer.sessions.ended_others",
        customerId: current.id,
        detail: { ended: changes, by: current.sessionId },
        ip: current.client?.ip ?? null,
      },
      at,
    );
    return { ended: changes };
  });
}
