import { judgeSession, type SessionPolicy } from "@tietoni/domain";
import type { Db } from "../db/client.ts";
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
 * Plain prepared statements: this runs on every authenticated request.
 */
export function createSessionStore(db: Db, { table, subject }: SessionTable, policy: SessionPolicy) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `INSERT INTO ${table} (id, secret_hash, ${subject}, created_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = sqlite.prepare<[string], SessionRow & { secretHash: string }>(
    `SELECT id, secret_hash AS secretHash, ${subject} AS subjectId, created_at AS createdAt, last_seen_at AS lastSeenAt, ip, user_agent AS userAgent FROM ${table} WHERE id = ?`,
  );
  const touch = sqlite.prepare(`UPDATE ${table} SET last_seen_at = ? WHERE id = ?`);
  const remove = sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`);
  const removeAllOf = sqlite.prepare(`DELETE FROM ${table} WHERE ${subject} = ?`);

  return {
    /** Creates a session and returns the token for the cookie. */
    create(subjectId: string, now: number, client: { ip: string | null; userAgent: string | null }) {
      const id = randomToken();
      const secret = randomToken();
      insert.run(id, sha256Hex(secret), subjectId, now, now, client.ip, client.userAgent?.slice(0, 300) ?? null);
      return { token: `${id}.${secret}`, expiresAt: now + Math.min(policy.idleTimeoutMs, policy.absoluteLifetimeMs) };
    },

    /**
     * The session a token names, if the secret matches and it has not expired, with its subject from `load`;
     * null otherwise. Expired sessions and sessions whose subject is gone (`load` gives null) are deleted.
     * The look-ups share one read transaction: each transaction of its own costs more in locking system calls
     * than the indexed reads themselves (bench/p1-profile). Writes (touch, delete) follow outside it.
     */
    authenticate<Subject>(
      token: string,
      now: number,
      load: (subjectId: string) => Subject | null,
    ): { session: ValidSession; subject: Subject } | null {
      const [id, secret, extra] = token.split(".");
      if (!id || !secret || extra !== undefined) return null;
      const found = sqlite.transaction(() => {
        const row = select.get(id);
        if (!row || !digestsEqual(row.secretHash, sha256Hex(secret))) return null;
        const verdict = judgeSession(row, now, policy);
        return { row, verdict, subject: verdict.valid ? load(row.subjectId) : null };
      })();
      if (!found) return null;
      const { row, verdict, subject } = found;
      if (!verdict.valid || subject === null) {
        remove.run(id);
        return null;
      }
      if (verdict.touch) touch.run(now, id);
      const { secretHash: _secretHash, ...session } = row;
      return {
        session: { ...session, lastSeenAt: verdict.touch ? now : row.lastSeenAt, expiresAt: verdict.expiresAt },
        subject,
      };
    },

    invalidate(id: string) {
      remove.run(id);
    },

    /** Ends every session of a subject; returns how many there were. */
    invalidateAll(subjectId: string): number {
      return removeAllOf.run(subjectId).changes;
    },
  };
}
