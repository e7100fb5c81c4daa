import { desc } from "drizzle-orm";
import { sha256Hex } from "../auth/tokens.ts";
import type { Db, Tx } from "../db/port.ts";
import { auditLog } from "../db/schema.ts";

export type AuditActor =
  | { type: "staff"; id: string; role: string }
  | { type: "customer"; id: string }
  | { type: "system" };

/** Who acts in a staff request: the signed-in person, their role, and the address the act came from. */
export type StaffActor = { id: string; role: string; ip: string | null };

/** The audit trail's view of a staff actor. */
export function auditActorOf(actor: StaffActor): Extract<AuditActor, { type: "staff" }> {
  return { type: "staff", id: actor.id, role: actor.role };
}

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  customerId?: string | null;
  /** Ids and facts, never personal data: the trail outlives an erasure. */
  detail?: Record<string, unknown>;
  ip?: string | null;
};

const GENESIS = "0".repeat(64);

type ChainFields = {
  seq: number;
  at: number;
  actorType: AuditActor["type"];
  actorId: string | null;
  actorRole: string | null;
  action: string;
  customerId: string | null;
  detail: string;
  ip: string | null;
  prevHash: string;
};

/** The hash covers every column but the hash itself, in a fixed order, so any edit changes it. */
function entryHash(f: ChainFields): string {
  return sha256Hex(
    JSON.stringify([
      f.seq,
      f.at,
      f.actorType,
      f.actorId,
      f.actorRole,
      f.action,
      f.customerId,
      f.detail,
      f.ip,
      f.prevHash,
    ]),
  );
}

/**
 * Appends one entry to the hash chain inside the caller's transaction, so an audited change and its entry commit
 * together or not at all, and two appends never read the same chain head.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry, now: number): Promise<void> {
  const last = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  const { actor } = entry;
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    at: now,
    actorType: actor.type,
    actorId: actor.type === "system" ? null : actor.id,
    actorRole: actor.type === "staff" ? actor.role : null,
    action: entry.action,
    customerId: entry.customerId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
    ip: entry.ip ?? null,
    prevHash: last?.hash ?? GENESIS,
  };
  await tx.insert(auditLog).values({ ...fields, hash: entryHash(fields) });
}

/** An audit entry of its own, for a read or an act that changes nothing else. */
export function recordAudit(db: Db, entry: AuditEntry, now: number): Promise<void> {
  return db.transaction((tx) => appendAudit(tx, entry, now));
}

export type ChainVerdict = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenSeq: number };

/** Walks the whole chain; names the first entry whose content, link or position was altered. */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  // Streamed row by row from one snapshot: the trail grows without bound and must not be loaded whole.
  const snapshot = db.openSnapshot();
  try {
    const rows = snapshot.iterate<ChainFields & { hash: string }>(
      `SELECT seq, at, actor_type AS actorType, actor_id AS actorId, actor_role AS actorRole, action,
              customer_id AS customerId, detail, ip, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
    );
    for (const row of rows) {
      entries += 1;
      // A gap in seq means a row was deleted; the first row after the gap is the first broken one.
      if (row.seq !== expectedSeq || row.prevHash !== prevHash || entryHash(row) !== row.hash) {
        return { ok: false, entries, firstBrokenSeq: row.seq };
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    return { ok: true, entries };
  } finally {
    snapshot.close();
  }
}
