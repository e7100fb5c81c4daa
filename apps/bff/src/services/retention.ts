import {
  assessErasure,
  type ErasureBlocker,
  helsinkiDate,
  isRetentionDue,
  RETENTION_YEARS,
  retentionEndsOn,
} from "@tietoni/domain";
import { and, asc, eq, isNotNull, isNull, lt } from "drizzle-orm";
import type { Db, Queries, Tx } from "../db/port.ts";
import { customers } from "../db/schema.ts";
import { anonymiseCustomer } from "./anonymise.ts";
import { type AuditActor, appendAudit, recordAudit } from "./audit.ts";
import { gatherErasureFacts } from "./erasure-facts.ts";

export type RetentionDue = { id: string; name: string; relationshipEnd: string; retentionEndedOn: string };
export type RetentionBlocked = RetentionDue & { blockers: ErasureBlocker[] };
export type RetentionDryRun = { customers: RetentionDue[]; blocked: RetentionBlocked[] };

export type RetentionSkipReason = "not_found" | "already_anonymised" | "not_due" | "blocked";
export type RetentionRunResult = { anonymised: string[]; skipped: { id: string; reason: RetentionSkipReason }[] };

/** At most this many customers per run call: each is its own transaction, and the UI shows progress between calls. */
export const RETENTION_RUN_MAX = 100;

/**
 * The notice keeps data 10 years from the end of the customer relationship. Lists every customer whose
 * retention has run out and who is not anonymised yet; those a ground still blocks (an open invoice,
 * collection, a legal hold, an active contact-person role) are listed apart with their grounds.
 */
export async function findRetentionDue(q: Queries, today: string): Promise<RetentionDryRun> {
  // A loose bound narrows the scan in SQL; the domain's rule decides exactly (leap days, month ends).
  const bound = `${Number(today.slice(0, 4)) - RETENTION_YEARS + 1}-01-01`;
  const rows = await q
    .select({
      id: customers.id,
      firstName: customers.firstName,
      lastName: customers.lastName,
      relationshipEnd: customers.relationshipEnd,
    })
    .from(customers)
    .where(
      and(isNull(customers.anonymisedAt), isNotNull(customers.relationshipEnd), lt(customers.relationshipEnd, bound)),
    )
    .orderBy(asc(customers.relationshipEnd), asc(customers.id));
  const result: RetentionDryRun = { customers: [], blocked: [] };
  for (const row of rows) {
    if (row.relationshipEnd === null || !isRetentionDue(row.relationshipEnd, today)) continue;
    const entry: RetentionDue = {
      id: row.id,
      name: `${row.firstName} ${row.lastName}`.trim(),
      relationshipEnd: row.relationshipEnd,
      retentionEndedOn: retentionEndsOn(row.relationshipEnd),
    };
    const { blockers } = assessErasure(await gatherErasureFacts(q, row.id));
    if (blockers.length > 0) result.blocked.push({ ...entry, blockers });
    else result.customers.push(entry);
  }
  return result;
}

/**
 * Anonymises the given customers that are still due and unblocked, each in its own transaction through the
 * same code path as an erasure request, re-checking each inside it (the dry run may be stale). One audit
 * entry per customer (from anonymiseCustomer) and one for the run.
 */
export async function runRetention(
  db: Db,
  ids: readonly string[],
  options: { now: number; actor: AuditActor; suppressionKey: string; ip?: string | null },
): Promise<RetentionRunResult> {
  const { now, actor, suppressionKey } = options;
  const today = helsinkiDate(now);
  const result: RetentionRunResult = { anonymised: [], skipped: [] };
  for (const id of new Set(ids)) {
    const reason = await db.transaction(async (tx): Promise<RetentionSkipReason | null> => {
      const row = await tx
        .select({ anonymisedAt: customers.anonymisedAt, relationshipEnd: customers.relationshipEnd })
        .from(customers)
        .where(eq(customers.id, id))
        .get();
      if (!row) return "not_found";
      if (row.anonymisedAt !== null) return "already_anonymised";
      if (!isRetentionDue(row.relationshipEnd, today)) return "not_due";
      if (assessErasure(await gatherErasureFacts(tx, id)).blocked) return "blocked";
      await anonymiseCustomer(tx, id, { now, actor, reason: "retention", suppressionKey, ip: options.ip });
      return null;
    });
    if (reason === null) result.anonymised.push(id);
    else result.skipped.push({ id, reason });
  }
  await recordAudit(
    db,
    {
      actor,
      action: "retention.run",
      detail: { requested: ids.length, anonymised: result.anonymised, skipped: result.skipped },
      ip: options.ip ?? null,
    },
    now,
  );
  return result;
}

/**
 * The dry run, audited in the same transaction as the read: it shows names of the listed customers, so it is a
 * read of their records.
 */
export function retentionDryRun(
  db: Db,
  options: { now: number; actor: AuditActor; ip?: string | null },
): Promise<RetentionDryRun> {
  return db.transaction(async (tx) => {
    const result = await findRetentionDue(tx, helsinkiDate(options.now));
    await auditRetentionDryRun(tx, result, options);
    return result;
  });
}

async function auditRetentionDryRun(
  tx: Tx,
  dryRun: RetentionDryRun,
  options: { now: number; actor: AuditActor; ip?: string | null },
): Promise<void> {
  await appendAudit(
    tx,
    {
      actor: options.actor,
      action: "retention.dry_run",
      detail: { dueIds: dryRun.customers.map((c) => c.id), blockedIds: dryRun.blocked.map((c) => c.id) },
      ip: options.ip ?? null,
    },
    options.now,
  );
}
