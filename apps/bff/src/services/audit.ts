import { type AuditAction, addDays, iso } from "@tietoni/domain";
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { sha256Hex } from "../auth/tokens.ts";
import type { Db, Tx } from "../db/port.ts";
import { auditLog, auditSubjects, staffUsers } from "../db/schema.ts";

export type AuditActor =
  | { type: "staff"; id: string; role: string }
  | { type: "customer"; id: string }
  | { type: "system" }
  | { type: "client"; id: string };

/**
 * A connected system's API client acting through the integration API (issue 12): named in the trail by its id
 * (`api_clients.id`), which the audit view resolves to the client's and the system's names.
 */
export type ClientActor = {
  clientId: string;
  clientName: string;
  systemId: string;
  systemName: string;
  ip: string | null;
};

/** An entry for what an API client did. */
export function byClient(actor: ClientActor, entry: Omit<AuditEntry, "actor" | "ip">): AuditEntry {
  return { actor: { type: "client", id: actor.clientId }, ...entry, ip: actor.ip };
}

/** Who acts in a staff request: the signed-in person, their role, and the address the act came from. */
export type StaffActor = { id: string; role: string; ip: string | null };

/** The audit trail's view of a staff actor. */
export function auditActorOf(actor: StaffActor): Extract<AuditActor, { type: "staff" }> {
  return { type: "staff", id: actor.id, role: actor.role };
}

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  customerId?: string | null;
  /**
   * The customers the entry concerns besides `customerId` (a search result, a mailing list): indexed in
   * audit_subjects, so each of them can be shown the read; the detail gets a digest of them, so the chain proves
   * the list.
   */
  subjects?: readonly string[];
  /** Ids and facts, never personal data: the trail outlives an erasure. */
  detail?: Record<string, unknown>;
  ip?: string | null;
};

/** An entry for what a staff member did: they are its actor, and their request's address is its address. */
export function byStaff(actor: StaffActor, entry: Omit<AuditEntry, "actor" | "ip">): AuditEntry {
  return { actor: auditActorOf(actor), ...entry, ip: actor.ip };
}

const GENESIS = "0".repeat(64);
const SUBJECTS_PER_STATEMENT = 10_000;

type ChainFields = {
  seq: number;
  at: number;
  actorType: AuditActor["type"];
  actorId: string | null;
  actorRole: string | null;
  action: AuditAction;
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
  const subjects = [...new Set(entry.subjects ?? [])].sort();
  const detail =
    subjects.length > 0 ? { ...entry.detail, subjectsDigest: sha256Hex(subjects.join(",")) } : entry.detail;
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    at: now,
    actorType: actor.type,
    actorId: actor.type === "system" ? null : actor.id,
    actorRole: actor.type === "staff" ? actor.role : null,
    action: entry.action,
    customerId: entry.customerId ?? null,
    detail: JSON.stringify(detail ?? {}),
    ip: entry.ip ?? null,
    prevHash: last?.hash ?? GENESIS,
  };
  await tx.insert(auditLog).values({ ...fields, hash: entryHash(fields) });
  // One statement of constant text per slice, the ids as one JSON parameter: building a many-row INSERT cost more
  // than writing it (bench P4). Sliced so a mailing list of a million customers never makes one huge parameter.
  for (let i = 0; i < subjects.length; i += SUBJECTS_PER_STATEMENT) {
    const slice = JSON.stringify(subjects.slice(i, i + SUBJECTS_PER_STATEMENT));
    await tx.exec(
      sql`INSERT INTO ${auditSubjects} (customer_id, seq) SELECT value, ${fields.seq} FROM json_each(${slice})`,
    );
  }
}

/** An audit entry of its own, for a read or an act that changes nothing else. */
export function recordAudit(db: Db, entry: AuditEntry, now: number): Promise<void> {
  return db.transaction((tx) => appendAudit(tx, entry, now));
}

/** Whether an entry's indexed customers are the ones its detail's digest names (entries without one: none). */
function subjectsMatch({ action, detail, subjects }: { action: string; detail: string; subjects: string | null }) {
  let digest: unknown;
  try {
    digest = (JSON.parse(detail) as { subjectsDigest?: unknown }).subjectsDigest;
  } catch {
    return subjects === null;
  }
  // Searches from before the digest existed were indexed from their detail by migration 0007.
  if (digest === undefined) return subjects === null || action === "customer.search";
  return subjects !== null && digest === sha256Hex(subjects);
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
    const rows = snapshot.iterate<ChainFields & { hash: string; subjects: string | null }>(
      // Each entry with the customers indexed for it (audit_subjects), in the order their digest was taken.
      `SELECT seq, at, actor_type AS actorType, actor_id AS actorId, actor_role AS actorRole, action,
              customer_id AS customerId, detail, ip, prev_hash AS prevHash, hash,
              (SELECT group_concat(customer_id, ',') FROM
                (SELECT customer_id FROM audit_subjects s WHERE s.seq = a.seq ORDER BY customer_id)) AS subjects
       FROM audit_log a ORDER BY seq`,
    );
    for (const row of rows) {
      entries += 1;
      // A gap in seq means a row was deleted; the first row after the gap is the first broken one.
      if (row.seq !== expectedSeq || row.prevHash !== prevHash || entryHash(row) !== row.hash) {
        return { ok: false, entries, firstBrokenSeq: row.seq };
      }
      // The hashed detail proves which customers an entry concerns; a customer added to or left out of its index
      // would show someone a read that did not happen, or hide one that did.
      if (!subjectsMatch(row)) return { ok: false, entries, firstBrokenSeq: row.seq };
      prevHash = row.hash;
      expectedSeq += 1;
    }
    return { ok: true, entries };
  } finally {
    snapshot.close();
  }
}

/*
 * The trail for administrators: browse with filters, newest first, and verify the chain. Both are audited
 * themselves: reading the trail is a read of who handled whose data.
 */

/** Filters of a page of the trail; all optional. */
export type AuditFilters = {
  actorId?: string | undefined;
  /** An action or a prefix of dot-separated parts: "staff" matches "staff.created" and "staff.sign_in". */
  action?: string | undefined;
  customerId?: string | undefined;
  /** Calendar days in Finnish time (YYYY-MM-DD), both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** The `nextBefore` of the previous page. */
  before?: number | undefined;
  limit?: number | undefined;
};

export type AuditTrailEntry = {
  seq: number;
  at: string;
  actorType: AuditActor["type"];
  actorId: string | null;
  /** Only staff actors are named: a customer's name stays out of the trail's view. */
  actorName: string | null;
  actorRole: string | null;
  action: string;
  customerId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
};

export type AuditTrailPage = { entries: AuditTrailEntry[]; nextBefore: number | null };

/** UTC milliseconds of 00:00 in Helsinki on a calendar day (DST changes at 03:00/04:00, never at midnight). */
function helsinkiMidnight(isoDate: string): number {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Helsinki",
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(utcMidnight);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  // At UTC midnight Helsinki reads +2 or +3 hours; its own midnight came that much earlier.
  return utcMidnight - (hour * 60 + minute) * 60_000;
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : {};
  } catch {
    // An unreadable detail must not hide the rest of the trail; verification reports the tampering.
    return {};
  }
}

function filterConditions(filters: AuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.action) {
    const prefix = `${filters.action}.`;
    conditions.push(
      sql`(${auditLog.action} = ${filters.action} OR substr(${auditLog.action}, 1, ${prefix.length}) = ${prefix})`,
    );
  }
  if (filters.customerId) conditions.push(eq(auditLog.customerId, filters.customerId));
  if (filters.from) conditions.push(gte(auditLog.at, helsinkiMidnight(filters.from)));
  if (filters.to) conditions.push(lt(auditLog.at, helsinkiMidnight(addDays(filters.to, 1))));
  if (filters.before) conditions.push(lt(auditLog.seq, filters.before));
  return conditions;
}

/** One page of the trail, newest first, audited in the same transaction as the read. */
export async function browseAuditTrail(
  db: Db,
  actor: StaffActor,
  filters: AuditFilters,
  now: number,
): Promise<AuditTrailPage> {
  const limit = filters.limit ?? 50;
  const rows = await db.transaction(async (tx) => {
    const page = await tx
      .select({
        seq: auditLog.seq,
        at: auditLog.at,
        actorType: auditLog.actorType,
        actorId: auditLog.actorId,
        actorName: staffUsers.displayName,
        actorRole: auditLog.actorRole,
        action: auditLog.action,
        customerId: auditLog.customerId,
        detail: auditLog.detail,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .leftJoin(staffUsers, and(eq(auditLog.actorType, "staff"), eq(staffUsers.id, auditLog.actorId)))
      .where(and(...filterConditions(filters)))
      .orderBy(desc(auditLog.seq))
      .limit(limit + 1);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "audit.viewed",
        // The filters (a customer id among them) stay in the detail: the customer's own log lists reads of
        // their record, not an admin's look at the trail.
        detail: { filters, shown: Math.min(page.length, limit) },
      }),
      now,
    );
    return page;
  });
  const entries = rows.slice(0, limit).map((row) => ({ ...row, at: iso(row.at), detail: parseDetail(row.detail) }));
  const nextBefore = rows.length > limit ? (entries.at(-1)?.seq ?? null) : null;
  return { entries, nextBefore };
}

/** Verifies the whole chain and audits the verdict. */
export async function verifyAuditTrail(db: Db, actor: StaffActor, now: number): Promise<ChainVerdict> {
  const verdict = await verifyAuditChain(db);
  await recordAudit(db, byStaff(actor, { action: "audit.verified", detail: { ...verdict } }), now);
  return verdict;
}
