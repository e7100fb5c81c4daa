import { createHash } from "node:crypto";
import { helsinkiDate, iso, type RegisterDescription } from "@tietoni/domain";
import { asc, desc, eq } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import { customers, noticeVersions } from "../db/schema.ts";
import { appendAudit } from "./audit.ts";

/*
 * Issue 15 B — versions of the privacy notice. The notice is a file the controller edits; this register records
 * each version it served (the hash of its canonical JSON, its own date, the controller's name, and when it came
 * into force here), so an export can say which version was in force and the portal can tell a customer that it
 * changed. Nothing of the file but its hash is stored: the controller keeps the file itself.
 */

/** JSON with every object's keys sorted: the same notice hashes the same however the file is formatted. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** SHA-256 of the validated notice's canonical JSON; the editors' `$schema` hint is not part of the notice. */
export function noticeHash(notice: RegisterDescription): string {
  const { $schema: _hint, ...content } = notice;
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

export type NoticeVersion = {
  id: number;
  sha256: string;
  /** The notice's own date (YYYY-MM-DD). */
  noticeDate: string;
  controllerName: string;
  /** When it came into force in this register (ISO time). */
  inForceSince: string;
};

function view(row: typeof noticeVersions.$inferSelect): NoticeVersion {
  return {
    id: row.id,
    sha256: row.sha256,
    noticeDate: row.noticeDate,
    controllerName: row.controllerName,
    inForceSince: iso(row.recordedAt),
  };
}

/** The version in force: the newest recorded. Null before the first start recorded one. */
export async function noticeVersionInForce(q: Queries): Promise<NoticeVersion | null> {
  const row = await q.select().from(noticeVersions).orderBy(desc(noticeVersions.id)).limit(1).get();
  return row ? view(row) : null;
}

/**
 * At start: records the notice this process serves as a new version when its hash differs from the newest
 * recorded one (the first start records the first), audited `notice.version_recorded` with the hash and dates.
 * Several processes starting on one file record it once: the comparison and the insert are one transaction.
 */
export function recordNoticeVersion(
  db: Db,
  notice: RegisterDescription,
  now: number,
): Promise<{ version: NoticeVersion; recorded: boolean }> {
  const sha256 = noticeHash(notice);
  return db.transaction(async (tx) => {
    const newest = await tx.select().from(noticeVersions).orderBy(desc(noticeVersions.id)).limit(1).get();
    if (newest?.sha256 === sha256) return { version: view(newest), recorded: false };
    const row = await tx
      .insert(noticeVersions)
      .values({ sha256, noticeDate: notice.noticeDate, controllerName: notice.controller.name, recordedAt: now })
      .returning()
      .get();
    await appendAudit(
      tx,
      {
        actor: { type: "system" },
        action: "notice.version_recorded",
        detail: { versionId: row.id, sha256, noticeDate: row.noticeDate, previousVersionId: newest?.id ?? null },
      },
      now,
    );
    return { version: view(row), recorded: true };
  });
}

/** What the portal's banner shows: the version in force and the Helsinki date it changed, or null (no banner). */
export type NoticeChange = { versionId: number; changedOn: string; noticeDate: string } | null;

/**
 * Whether a customer should be told the notice changed. A change is a version after the first one recorded (the
 * first is the notice as the register already had it, not a change). Told when the customer last saw an older
 * version, or, never having seen one, when the version in force came after their account was created: a customer
 * who signed up under the current notice was shown it then and is not told again.
 */
export async function noticeChangeFor(db: Db, customerId: string): Promise<NoticeChange> {
  return db.read(async (r) => {
    const current = await r.select().from(noticeVersions).orderBy(desc(noticeVersions.id)).limit(1).get();
    const first = await r
      .select({ id: noticeVersions.id })
      .from(noticeVersions)
      .orderBy(asc(noticeVersions.id))
      .limit(1)
      .get();
    const customer = await r
      .select({ seen: customers.noticeSeenVersionId, createdAt: customers.createdAt })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    if (!current || !first || !customer || current.id === first.id) return null;
    const told = customer.seen === null ? current.recordedAt > customer.createdAt : customer.seen < current.id;
    return told
      ? { versionId: current.id, changedOn: helsinkiDate(current.recordedAt), noticeDate: current.noticeDate }
      : null;
  });
}

/**
 * The customer has seen the notice in force (opened the notice page or dismissed the banner). The customer's
 * own act on their own row, not a staff read: recorded on the row, not in the audit trail.
 */
export async function markNoticeSeen(db: Db, customerId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await noticeVersionInForce(tx);
    if (!current) return;
    await tx.update(customers).set({ noticeSeenVersionId: current.id }).where(eq(customers.id, customerId));
  });
}
