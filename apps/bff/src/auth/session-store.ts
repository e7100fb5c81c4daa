import { judgeSession, type SessionPolicy } from "@tietoni/domain";
import { eq, sql } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import { customerSessions, staffSessions } from "../db/schema.ts";
import { digestsEqual, randomToken, sha256Hex } from "./tokens.ts";

/** Which table a store keeps its sessions in: customer and staff sessions never share one. */
type SessionTable =
  | { table: "customer_sessions"; subject: "customer_id" }
  | { table: "staff_sessions"; subject: "staff_user_id" };

export type SessionRow = {
  id: string;
  subjectId: string;
  createdAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
};

export type ValidSession = SessionRow & { expiresAt: number };

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * Sessions as lucia-auth.com teaches them: the token is `id.secret`, the row keeps only SHA-256(secret),
 * the secret is compared in constant time, and expiry (idle and absolute) is checked on every request.
 * The statements are built once: this runs on every authenticated request (bench P1).
 */
export function createSessionStore(db: Db, { table, subject }: SessionTable, policy: SessionPolicy) {
  const t = table === "customer_sessions" ? customerSessions : staffSessions;
  const subjectColumn = subject === "customer_id" ? customerSessions.customerId : staffSessions.staffUserId;
  const byId = sql.placeholder("id");
  // Prepared once per read handle: the port has one per connection (writer, reader), each the same object on every
  // `db.read`. One statement for both would run a read that the port put on the reader (a transaction holds the
  // writer) on the writer's handle, which refuses it (issue 14 F: seen in bench P12 during the retention dry run).
  const selects = new WeakMap<Queries, ReturnType<typeof prepareSelect>>();
  const prepareSelect = (r: Queries) =>
    r
      .select({
        id: t.id,
        secretHash: t.secretHash,
        subjectId: subjectColumn,
        createdAt: t.createdAt,
        lastSeenAt: t.lastSeenAt,
        ip: t.ip,
        userAgent: t.userAgent,
      })
      .from(t)
      .where(eq(t.id, byId))
      .prepare();

  return {
    /** Creates a session and returns the token for the cookie; inside the caller's transaction when given one. */
    async create(
      subjectId: string,
      now: number,
      client: { ip: string | null; userAgent: string | null },
      q: Queries = db,
    ) {
      const id = randomToken();
      const secret = randomToken();
      await q.insert(t).values({
        id,
        secretHash: sha256Hex(secret),
        [subject === "customer_id" ? "customerId" : "staffUserId"]: subjectId,
        createdAt: now,
        lastSeenAt: now,
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      } as typeof t.$inferInsert);
      return { token: `${id}.${secret}`, expiresAt: now + Math.min(policy.idleTimeoutMs, policy.absoluteLifetimeMs) };
    },

    /**
     * The session a token names, if the secret matches and it has not expired, with its subject from `load`;
     * null otherwise. Expired sessions and sessions whose subject is gone (`load` gives null) are deleted.
     * The look-ups share one read snapshot: each read transaction of its own costs more in locking system calls
     * than the indexed reads themselves (bench/p1-profile). Writes (touch, delete) follow outside it.
     */
    async authenticate<Subject>(
      token: string,
      now: number,
      load: (r: Queries, subjectId: string) => Promise<Subject | null>,
    ): Promise<{ session: ValidSession; subject: Subject } | null> {
      const [id, secret, extra] = token.split(".");
      if (!id || !secret || extra !== undefined) return null;
      const found = await db.read(async (r) => {
        let select = selects.get(r);
        if (!select) {
          select = prepareSelect(r);
          selects.set(r, select);
        }
        const row = await select.get({ id });
        if (!row || !digestsEqual(row.secretHash, sha256Hex(secret))) return null;
        const verdict = judgeSession(row, now, policy);
        return { row, verdict, subject: verdict.valid ? await load(r, row.subjectId) : null };
      });
      if (!found) return null;
      const { row, verdict, subject } = found;
      if (!verdict.valid || subject === null) {
        await db.delete(t).where(eq(t.id, id));
        return null;
      }
      if (verdict.touch) await db.update(t).set({ lastSeenAt: now }).where(eq(t.id, id));
      const { secretHash: _secretHash, ...session } = row;
      return {
        session: { ...session, lastSeenAt: verdict.touch ? now : row.lastSeenAt, expiresAt: verdict.expiresAt },
        subject,
      };
    },

    async invalidate(id: string, q: Queries = db) {
      await q.delete(t).where(eq(t.id, id));
    },

    /** Ends every session of a subject; returns how many there were. */
    async invalidateAll(subjectId: string, q: Queries = db): Promise<number> {
      const { changes } = await q.delete(t).where(eq(subjectColumn, subjectId)).run();
      return changes;
    },
  };
}
