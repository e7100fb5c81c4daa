import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign as signBytes,
  verify as verifySignature,
} from "node:crypto";
import { type AuditAction, type AuditCheckpoint, addDays, checkpointSignedText, iso } from "@tietoni/domain";
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { sha256Hex } from "../auth/tokens.ts";
import { jsonValues } from "../db/dialect.ts";
import type { Db, Snapshot, Tx } from "../db/port.ts";
import { auditCheckpoints, auditLog, auditSubjects, staffUsers } from "../db/schema.ts";
import { DEMO_AUDIT_HMAC_KEY, DEMO_AUDIT_SIGNING_KEY } from "../env.ts";
import { auditCheckpointMail } from "../mail/audit-templates.ts";
import type { MailQueue } from "../mail/mail-queue.ts";
import { log } from "../observability/logger.ts";

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

/*
 * Issue 14 E — the keys. The chain is keyed (HMAC-SHA-256) and anchored (Ed25519-signed checkpoints), with keys
 * from configuration that never enter the database: whoever holds only the database file can neither recompute a
 * rewritten span's hashes nor sign a checkpoint for a cut tail. The keys are given to this module ONCE, by
 * `createDeps` (`configureAudit`), instead of through `appendAudit`'s ~150 call sites: every append in the process
 * must use the same key anyway, and a key passed per call could differ by mistake. Until configured (a unit test
 * without deps, the crash test's checker) the demo keys apply, the ones env.ts falls back to outside production.
 */

export type AuditConfigInput = {
  /** AUDIT_HMAC_KEY. */
  hmacKey: string;
  /** AUDIT_SIGNING_KEY: Ed25519 private key, PKCS#8 as base64 DER or PEM. */
  signingKey: string;
  /** Keys of earlier keyed spans, for verification only (AUDIT_HMAC_PREVIOUS_KEYS). */
  previousHmacKeys?: readonly string[];
  /** Public keys (SPKI, base64 DER or PEM) of earlier signing keys, for verification only. */
  previousPublicKeys?: readonly string[];
  /** A checkpoint every this many entries (AUDIT_CHECKPOINT_EVERY)… */
  checkpointEvery?: number;
  /** …and one once this long has passed since the last while entries are written (AUDIT_CHECKPOINT_MINUTES). */
  checkpointMinutes?: number;
  /** DPO_MAIL_TO: where each checkpoint is mailed; unset, checkpoints are only kept in the table. */
  dpoMailTo?: string | undefined;
  mail?: MailQueue;
};

type AuditConfig = {
  hmacKey: string;
  hmacKeyId: string;
  /** Every HMAC key verification knows, by id: the current one and earlier ones. */
  hmacKeys: Map<string, string>;
  signingKey: KeyObject;
  signingKeyId: string;
  publicKeyPem: string;
  /** Every public key verification knows, by id. */
  publicKeys: Map<string, KeyObject>;
  checkpointEvery: number;
  checkpointMs: number;
  dpoMailTo: string | undefined;
  mail: MailQueue | undefined;
};

/** A key's id in the trail: a fingerprint that names the key without revealing it. */
export function hmacKeyId(key: string): string {
  return createHash("sha256").update(`tietoni-audit-key-id:${key}`).digest("hex").slice(0, 16);
}

function publicKeyId(key: KeyObject): string {
  return createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

function readKey(text: string, kind: "private" | "public"): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith("-----BEGIN")
    ? kind === "private"
      ? createPrivateKey(trimmed)
      : createPublicKey(trimmed)
    : kind === "private"
      ? createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" })
      : createPublicKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "spki" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`the audit ${kind} key must be an Ed25519 key`);
  return key;
}

function buildConfig(input: AuditConfigInput): AuditConfig {
  const signingKey = readKey(input.signingKey, "private");
  const publicKey = createPublicKey(signingKey);
  const hmacKeys = new Map<string, string>();
  for (const key of [input.hmacKey, ...(input.previousHmacKeys ?? [])]) hmacKeys.set(hmacKeyId(key), key);
  const publicKeys = new Map<string, KeyObject>([[publicKeyId(publicKey), publicKey]]);
  for (const text of input.previousPublicKeys ?? []) {
    const key = readKey(text, "public");
    publicKeys.set(publicKeyId(key), key);
  }
  return {
    hmacKey: input.hmacKey,
    hmacKeyId: hmacKeyId(input.hmacKey),
    hmacKeys,
    signingKey,
    signingKeyId: publicKeyId(publicKey),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    publicKeys,
    checkpointEvery: input.checkpointEvery ?? 1000,
    checkpointMs: (input.checkpointMinutes ?? 60) * 60_000,
    dpoMailTo: input.dpoMailTo,
    mail: input.mail,
  };
}

let config: AuditConfig | null = null;
const current = (): AuditConfig => {
  config ??= buildConfig({ hmacKey: DEMO_AUDIT_HMAC_KEY, signingKey: DEMO_AUDIT_SIGNING_KEY });
  return config;
};

/** Sets the keys and the checkpoint policy for every append and verification in this process (from `createDeps`). */
export function configureAudit(input: AuditConfigInput): void {
  config = buildConfig(input);
}

/** The ids of the keys in use now: the HMAC key's and the checkpoint signing key's (the staff app shows them). */
export function auditKeyIds(): { hmacKeyId: string; signingKeyId: string } {
  const c = current();
  return { hmacKeyId: c.hmacKeyId, signingKeyId: c.signingKeyId };
}

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

/** The hashed text covers every column but the hash itself, in a fixed order, so any edit changes it. */
function hashedText(f: ChainFields, keyId: string | null): string {
  const fields = [f.seq, f.at, f.actorType, f.actorId, f.actorRole, f.action, f.customerId, f.detail, f.ip, f.prevHash];
  // A keyed entry's text names its key too, so an entry cannot be passed off as made with another key.
  return JSON.stringify(keyId === null ? fields : [...fields, keyId]);
}

/**
 * An entry's hash: plain SHA-256 for an entry from before the trail was keyed (key id null), HMAC-SHA-256 with the
 * key its id names after. Null: a keyed entry whose key this process does not know.
 */
function entryHash(f: ChainFields, keyId: string | null, keys: Map<string, string>): string | null {
  if (keyId === null) return sha256Hex(hashedText(f, null));
  const key = keys.get(keyId);
  return key === undefined ? null : createHmac("sha256", key).update(hashedText(f, keyId)).digest("hex");
}

/**
 * Appends one entry to the hash chain inside the caller's transaction, so an audited change and its entry commit
 * together or not at all, and two appends never read the same chain head. When the entry crosses the checkpoint
 * threshold, the checkpoint is written (and mailed) in the same transaction: it costs one signature, and a
 * checkpoint can never name a head that was rolled back.
 *
 * One chain, never a fork, however many processes write (issue 16): the head is read and the next entry written
 * with no lock of this function's own, because the port runs one write transaction at a time across every
 * instance on the database. On SQLite the file has one writer; on PostgreSQL every write transaction takes
 * `pg_advisory_xact_lock(WRITER_LOCK)` before its first statement (db/postgres/client.ts) and runs READ COMMITTED,
 * so the head read below takes its snapshot after the previous writer committed. (REPEATABLE READ would fix the
 * snapshot before the lock was granted and read a stale head; seq's primary key would then refuse the fork.)
 * Tested with two ports on one database (audit-instances.test.ts).
 */
export async function appendAudit(tx: Tx, entry: AuditEntry, now: number): Promise<void> {
  const c = current();
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
  const hash = entryHash(fields, c.hmacKeyId, c.hmacKeys) as string;
  await tx.insert(auditLog).values({ ...fields, hash, keyId: c.hmacKeyId });
  // One statement of constant text per slice, the ids as one JSON parameter: building a many-row INSERT cost more
  // than writing it (bench P4). Sliced so a mailing list of a million customers never makes one huge parameter.
  for (let i = 0; i < subjects.length; i += SUBJECTS_PER_STATEMENT) {
    const slice = JSON.stringify(subjects.slice(i, i + SUBJECTS_PER_STATEMENT));
    await tx.exec(
      sql`INSERT INTO ${auditSubjects} (customer_id, seq)
          SELECT value, CAST(${fields.seq} AS BIGINT) FROM (${jsonValues(tx, slice)}) AS s`,
    );
  }
  await checkpointIfDue(tx, { seq: fields.seq, head: hash }, now);
}

/**
 * Writes a checkpoint of the head when one is due: none yet (the first keyed entry is anchored at once), N entries
 * since the last, or the configured time since the last with entries written in between. Returns it, or null.
 */
async function checkpointIfDue(
  tx: Tx,
  head: { seq: number; head: string },
  now: number,
): Promise<AuditCheckpoint | null> {
  const c = current();
  const last = await tx
    .select({ seq: auditCheckpoints.seq, at: auditCheckpoints.at })
    .from(auditCheckpoints)
    .orderBy(desc(auditCheckpoints.seq))
    .limit(1)
    .get();
  if (last && (last.seq >= head.seq || (head.seq - last.seq < c.checkpointEvery && now - last.at < c.checkpointMs)))
    return null;
  const unsigned = { seq: head.seq, head: head.head, at: iso(now) };
  const checkpoint: AuditCheckpoint = {
    ...unsigned,
    keyId: c.signingKeyId,
    signature: signBytes(null, Buffer.from(checkpointSignedText(unsigned)), c.signingKey).toString("base64"),
  };
  // The DPO's copy leaves through the outbox, committed with the checkpoint: neither exists without the other.
  const outboxId =
    c.dpoMailTo && c.mail
      ? await c.mail.enqueueMail(tx, auditCheckpointMail(c.dpoMailTo, checkpoint, c.publicKeyPem), {
          template: "audit_checkpoint",
          params: { seq: String(head.seq) },
        })
      : null;
  await tx.insert(auditCheckpoints).values({
    seq: checkpoint.seq,
    head: checkpoint.head,
    at: now,
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
    outboxId,
  });
  return checkpoint;
}

/**
 * The hourly promise when nothing crosses N: anchors the head if entries were written since the last checkpoint and
 * the configured time has passed. Run by the server's schedule (`startAuditCheckpoints`) and harmless to repeat.
 */
export async function writeDueCheckpoint(db: Db, now: number): Promise<AuditCheckpoint | null> {
  return db.transaction(async (tx) => {
    const head = await tx
      .select({ seq: auditLog.seq, head: auditLog.hash })
      .from(auditLog)
      .orderBy(desc(auditLog.seq))
      .limit(1)
      .get();
    return head ? checkpointIfDue(tx, head, now) : null;
  });
}

/** Checks every few minutes whether the head needs anchoring; stops with the server. */
export function startAuditCheckpoints(
  deps: { db: Db; now: () => number },
  everyMs = Math.min(5 * 60_000, current().checkpointMs),
): { stop: () => void; ran: () => Promise<void> } {
  let last: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    // Issue 16: one instance at a time on a shared database (the due check inside keeps it right regardless).
    last = last.then(() =>
      deps.db
        .exclusive("audit-checkpoint", () => writeDueCheckpoint(deps.db, deps.now()))
        .then(
          () => undefined,
          (err: unknown) =>
            log.error({ job: "audit-checkpoint", err }, "writing a checkpoint failed; the next check tries again"),
        ),
    );
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), ran: () => last };
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

/** Why a checkpoint — kept in the database, or a copy the DPO holds — does not hold. */
export type CheckpointProblemReason =
  /** The signature does not match the checkpoint's text: it was edited, or forged without the key. */
  | "signature_invalid"
  /** Signed by a key this process does not know (configure the earlier public key to check it). */
  | "unknown_key"
  /** The chain has another hash at that entry: the span up to it was rewritten. */
  | "head_mismatch"
  /** The checkpoint names an entry past the chain's end: the tail was cut. */
  | "beyond_chain"
  /** The DPO holds a checkpoint the database no longer has: its row was removed. */
  | "missing_in_database";

export type CheckpointProblem = { seq: number; source: "database" | "dpo"; reason: CheckpointProblemReason };

export type ChainVerdict = {
  /** The chain holds, every checkpoint's signature and head holds, and so does every copy the DPO gave. */
  ok: boolean;
  entries: number;
  /** The first entry whose content, link, key or position was altered; null when the chain itself holds. */
  firstBrokenSeq: number | null;
  lastSeq: number;
  /** Entries from before the trail was keyed, verified with plain SHA-256. */
  unkeyedEntries: number;
  /** The HMAC keys the keyed entries name, by id. */
  hmacKeyIds: string[];
  checkpoints: {
    /** Checkpoints of the database checked (signature and head). */
    checked: number;
    /** Copies the DPO gave, checked against the chain and the database. */
    dpoCopies: number;
    last: { seq: number; at: string; keyId: string } | null;
    /** The signing keys the checkpoints name, by id. */
    signingKeyIds: string[];
  };
  problems: CheckpointProblem[];
};

export type VerifyOptions = {
  /** The checkpoints the DPO holds (parsed with `parseCheckpointLines`). */
  dpoCopies?: readonly AuditCheckpoint[];
  /** Rows per slice between yields to the event loop. */
  sliceRows?: number;
};

/** Rows per slice: a few milliseconds of hashing, so requests served meanwhile wait no longer than that. */
const VERIFY_SLICE_ROWS = 500;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type StoredCheckpoint = { seq: number; head: string; at: number; keyId: string; signature: string };

function signatureProblem(c: AuditCheckpoint, keys: Map<string, KeyObject>): CheckpointProblemReason | null {
  const key = keys.get(c.keyId);
  if (!key) return "unknown_key";
  const signed = Buffer.from(checkpointSignedText(c));
  return verifySignature(null, signed, key, Buffer.from(c.signature, "base64")) ? null : "signature_invalid";
}

/**
 * Walks the whole chain and checks it against the signed checkpoints in the database and the copies the DPO holds.
 * Names the first entry whose content, link, key or position was altered, and every checkpoint that does not hold.
 *
 * Issue 14 item 8: the trail grows without bound, so the walk is streamed row by row from one snapshot (constant
 * memory, one consistent moment) and yields to the event loop every few hundred rows: a verification of millions
 * of entries takes longer in wall time but never holds up the portal's requests for more than one slice.
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<ChainVerdict> {
  const c = current();
  const sliceRows = options.sliceRows ?? VERIFY_SLICE_ROWS;
  const problems: CheckpointProblem[] = [];
  const snapshot = await db.openSnapshot();
  try {
    const stored: StoredCheckpoint[] = [];
    for await (const batch of snapshot.batches<StoredCheckpoint>(
      `SELECT seq, head, at, key_id AS "keyId", signature FROM audit_checkpoints ORDER BY seq`,
    ))
      stored.push(...batch);
    // The hash each checkpoint says the chain had at its entry; the walk records the hash it finds there.
    const claims: { seq: number; head: string; source: CheckpointProblem["source"] }[] = [];
    for (const row of stored) {
      const reason = signatureProblem({ ...row, at: iso(row.at) }, c.publicKeys);
      if (reason) problems.push({ seq: row.seq, source: "database", reason });
      else claims.push({ seq: row.seq, head: row.head, source: "database" });
    }
    const storedBySeq = new Map(stored.map((row) => [row.seq, row]));
    const dpoCopies = options.dpoCopies ?? [];
    for (const copy of dpoCopies) {
      const reason = signatureProblem(copy, c.publicKeys);
      if (reason) problems.push({ seq: copy.seq, source: "dpo", reason });
      else claims.push({ seq: copy.seq, head: copy.head, source: "dpo" });
    }
    const wanted = new Set(claims.map((claim) => claim.seq));
    const found = new Map<number, string>();

    const walk = await walkChain(snapshot, c, sliceRows, wanted, found);

    for (const claim of claims) {
      const at = found.get(claim.seq);
      if (at === undefined && claim.seq > walk.lastSeq)
        problems.push({ seq: claim.seq, source: claim.source, reason: "beyond_chain" });
      else if (at !== claim.head) problems.push({ seq: claim.seq, source: claim.source, reason: "head_mismatch" });
      else if (claim.source === "dpo" && storedBySeq.get(claim.seq)?.head !== claim.head)
        problems.push({ seq: claim.seq, source: "dpo", reason: "missing_in_database" });
    }
    const last = stored.at(-1);
    return {
      ok: walk.firstBrokenSeq === null && problems.length === 0,
      entries: walk.entries,
      firstBrokenSeq: walk.firstBrokenSeq,
      lastSeq: walk.lastSeq,
      unkeyedEntries: walk.unkeyedEntries,
      hmacKeyIds: [...walk.hmacKeyIds].sort(),
      checkpoints: {
        checked: stored.length,
        dpoCopies: dpoCopies.length,
        last: last ? { seq: last.seq, at: iso(last.at), keyId: last.keyId } : null,
        signingKeyIds: [...new Set(stored.map((row) => row.keyId))].sort(),
      },
      problems: problems.sort((a, b) => a.seq - b.seq || a.source.localeCompare(b.source)),
    };
  } finally {
    await snapshot.close();
  }
}

async function walkChain(
  snapshot: Snapshot,
  c: AuditConfig,
  sliceRows: number,
  wanted: Set<number>,
  found: Map<number, string>,
) {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  let unkeyedEntries = 0;
  let keyedSeen = false;
  let firstBrokenSeq: number | null = null;
  const hmacKeyIds = new Set<string>();
  const rows = snapshot.batches<ChainFields & { hash: string; keyId: string | null; subjects: string | null }>(
    // Each entry with the customers indexed for it (audit_subjects). string_agg is both engines' (SQLite 3.44+);
    // the ids are put in the digest's order here, in JavaScript's, which no database collation can change.
    `SELECT seq, at, actor_type AS "actorType", actor_id AS "actorId", actor_role AS "actorRole", action,
            customer_id AS "customerId", detail, ip, prev_hash AS "prevHash", hash, key_id AS "keyId",
            (SELECT string_agg(customer_id, ',') FROM audit_subjects s WHERE s.seq = a.seq) AS subjects
     FROM audit_log a ORDER BY seq`,
  );
  let lastSeq = 0;
  for await (const batch of rows)
    for (const entry of batch) {
      const row = entry.subjects === null ? entry : { ...entry, subjects: entry.subjects.split(",").sort().join(",") };
      entries += 1;
      lastSeq = row.seq;
      if (row.keyId === null) unkeyedEntries += 1;
      else hmacKeyIds.add(row.keyId);
      if (wanted.has(row.seq)) found.set(row.seq, row.hash);
      if (firstBrokenSeq === null) {
        // A gap in seq means a row was deleted; the first row after the gap is the first broken one. An unkeyed
        // entry after a keyed one is a downgrade: someone without the key recomputed plain hashes from there.
        const broken =
          row.seq !== expectedSeq ||
          row.prevHash !== prevHash ||
          (keyedSeen && row.keyId === null) ||
          entryHash(row, row.keyId, c.hmacKeys) !== row.hash ||
          // The hashed detail proves which customers an entry concerns; a customer added to or left out of its
          // index would show someone a read that did not happen, or hide one that did.
          !subjectsMatch(row);
        if (broken) firstBrokenSeq = row.seq;
      }
      keyedSeen ||= row.keyId !== null;
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      // Issue 14 item 8: let the requests waiting meanwhile run; the statement keeps its place in the snapshot.
      if (entries % sliceRows === 0) await yieldToEventLoop();
    }
  return { entries, lastSeq, unkeyedEntries, firstBrokenSeq, hmacKeyIds };
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

/** An entry as the trail's page shows it, its staff actor named (the DPO's export adds the chain's columns). */
export const trailColumns = {
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
};

/** The join that names an entry's staff actor: only staff are named, never a customer. */
export const staffActorOfEntry = and(eq(auditLog.actorType, "staff"), eq(staffUsers.id, auditLog.actorId));

/** The trail's filters as SQL conditions: the page and the DPO's export (audit-export.ts) select alike. */
export function auditFilterConditions(filters: AuditFilters): SQL[] {
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
      .select(trailColumns)
      .from(auditLog)
      .leftJoin(staffUsers, staffActorOfEntry)
      .where(and(...auditFilterConditions(filters)))
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

/**
 * Verifies the whole chain, its checkpoints and the copies the DPO gave, and audits the verdict: as facts and
 * counts (the problems by seq and reason), never the pasted text.
 */
export async function verifyAuditTrail(
  db: Db,
  actor: StaffActor,
  now: number,
  dpoCopies: readonly AuditCheckpoint[] = [],
): Promise<ChainVerdict & { keys: { hmacKeyId: string; signingKeyId: string } }> {
  const verdict = await verifyAuditChain(db, { dpoCopies });
  const detail = {
    ok: verdict.ok,
    entries: verdict.entries,
    firstBrokenSeq: verdict.firstBrokenSeq,
    checkpoints: verdict.checkpoints.checked,
    dpoCopies: verdict.checkpoints.dpoCopies,
    problems: verdict.problems.slice(0, 20),
  };
  await recordAudit(db, byStaff(actor, { action: "audit.verified", detail }), now);
  return { ...verdict, keys: auditKeyIds() };
}
