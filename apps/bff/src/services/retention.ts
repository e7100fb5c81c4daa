import {
  addMonths,
  assessErasure,
  type ErasureBlocker,
  erasureScheduleOf,
  helsinkiDate,
  isRetentionDueBy,
  RETENTION_YEARS,
} from "@tietoni/domain";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Queries, Tx } from "../db/port.ts";
import { customers, requests, restrictions } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { anonymiseCustomer } from "./anonymise.ts";
import { type AuditActor, appendAudit } from "./audit.ts";
import { gatherErasureFacts, gatherLifecycleFacts, relationshipEndsAfterMonths } from "./erasure-facts.ts";
import { yieldToEventLoop } from "./event-loop.ts";
import { externalIdsBySystem } from "./outbox/event-payloads.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
import { recordedSources } from "./recipient-notifications.ts";

export type RetentionDue = {
  id: string;
  name: string;
  /** The end retention counts from: recorded, or derived by the lifecycle rule (retention/lifecycle.ts). */
  relationshipEnd: string;
  relationshipEndKind: "recorded" | "derived";
  retentionEndedOn: string;
};
export type RetentionBlocked = RetentionDue & { blockers: ErasureBlocker[] };

/**
 * Why retention leaves a due customer alone (issue 14 B, item 5), checked in this order:
 * - `restricted`: an Art. 18 restriction is in force. Restricted data may only be stored (Art. 18(2)); on the
 *   legal-claim ground (18(1)(c)) the customer asked for it to be kept for a claim, so anonymising it would destroy
 *   what the restriction protects. Lifting the restriction (with its notice) is a person's decision.
 * - `legal_hold`: a legal hold applies; it names what the law or a case keeps.
 * - `pending_request`: the customer has a request the desk has not answered. We skip rather than finish it for the
 *   desk: an automatic "closed" is no answer to an access, correction or objection request, and the customer
 *   would lose the answer they are owed within the deadline. Skipped, the request stays on the desk's queue with
 *   its deadline; once it is answered, the next run anonymises. (Before issue 14 the run closed such requests
 *   silently as "closed_by_erasure".)
 */
export type RetentionHeldReason = "restricted" | "legal_hold" | "pending_request";
export type RetentionSkipped = RetentionDue & { reason: RetentionHeldReason };
export type RetentionDryRun = { customers: RetentionDue[]; blocked: RetentionBlocked[]; skipped: RetentionSkipped[] };

export type RetentionSkipReason = "not_found" | "already_anonymised" | "not_due" | RetentionHeldReason | "blocked";
export type RetentionRunResult = { anonymised: string[]; skipped: { id: string; reason: RetentionSkipReason }[] };

const PENDING = ["received", "inProgress", "extended"] as const;

/** Why retention must leave this due customer alone now, or null (see RetentionHeldReason). */
async function heldReason(q: Queries, id: string, legalHold: boolean): Promise<RetentionHeldReason | null> {
  const restricted = await q
    .select({ id: restrictions.id })
    .from(restrictions)
    .where(and(eq(restrictions.customerId, id), isNull(restrictions.liftedAt)))
    .get();
  if (restricted) return "restricted";
  if (legalHold) return "legal_hold";
  const pending = await q
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.customerId, id), inArray(requests.state, [...PENDING])))
    .get();
  return pending ? "pending_request" : null;
}

/** At most this many customers per run call: each is its own transaction, and the UI shows progress between calls. */
export const RETENTION_RUN_MAX = 100;

/**
 * Customers the candidate statement reads per slice, and candidates the domain's rule checks, between pauses for
 * the event loop (issue 14 item 8): one statement over a 1,000,000-customer register and an uninterrupted loop
 * over its candidates held every other request of the server for their whole length. Each check costs a dozen
 * indexed reads (gatherLifecycleFacts, gatherErasureFacts).
 */
export const RETENTION_SCAN_SLICE = 5_000;
const CHECKS_PER_PAUSE = 50;

/**
 * The customers retention may have run out for on `today`, by a set-based statement over slices of
 * RETENTION_SCAN_SLICE customers (rowid ranges; stable within the dry run's transaction), the event loop running
 * between slices: a recorded end before a loose bound, or (no recorded end) no open invoice, no role held and no activity since the bound moved back by
 * the register's N months. The bounds are loose on purpose (a whole year, a day for time zones); the domain's
 * rule then decides exactly for these few. Every subquery is an index lookup by customer (invoices, orders and
 * roles are indexed by customer id); the scan of `customers` is the one the recorded-end check made before.
 */
async function* retentionCandidates(q: Queries, today: string, months: number) {
  // retentionEndsOn(end) <= today implies end < the first day of the year after (today's year - 10).
  const bound = `${Number(today.slice(0, 4)) - RETENTION_YEARS + 1}-01-01`;
  // A derived end is the latest activity + N months; it is before `bound` only if the activity is before this.
  const activityBound = addMonths(bound, -months);
  // An order's day is its day in Finland (UTC+2 or +3): a day earlier in UTC milliseconds covers it.
  const activityBoundMs = Date.parse(`${activityBound}T00:00:00Z`) - 24 * 60 * 60 * 1000;
  const range = await q.row<{ first: number | null; last: number | null }>(
    sql`SELECT min(rowid) AS first, max(rowid) AS last FROM customers`,
  );
  if (range?.first == null || range.last == null) return;
  for (let from = range.first; from <= range.last; from += RETENTION_SCAN_SLICE) {
    if (from > range.first) await yieldToEventLoop();
    yield* await q.rows<{ id: string; firstName: string; lastName: string }>(sql`
      SELECT c.id AS id, c.first_name AS "firstName", c.last_name AS "lastName" FROM customers c
      WHERE c.rowid >= ${from} AND c.rowid < ${from + RETENTION_SCAN_SLICE} AND c.anonymised_at IS NULL AND (
        (c.relationship_end IS NOT NULL AND c.relationship_end < ${bound})
        OR (c.relationship_end IS NULL AND c.relationship_start < ${activityBound}
          AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id
            AND (i.status = 'open' OR i.paid_at >= ${activityBound}))
          AND NOT EXISTS (SELECT 1 FROM organisation_roles r WHERE r.customer_id = c.id
            AND (r.end_date IS NULL OR r.end_date >= ${activityBound}))
          AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.ordered_at >= ${activityBoundMs}))
      )`);
  }
}

/**
 * The notice keeps data 10 years from the end of the customer relationship: the recorded end, or the one the
 * lifecycle rule derives (retention/lifecycle.ts). Lists every customer whose retention has run out and who is not
 * anonymised yet, by that end; those retention must leave alone (a restriction, a legal hold, a pending request:
 * RetentionHeldReason) are listed apart with the reason, and those another ground still blocks (an open invoice,
 * collection, an active contact-person role) apart with their grounds.
 */
export async function findRetentionDue(q: Queries, today: string): Promise<RetentionDryRun> {
  const months = relationshipEndsAfterMonths();
  const due: { entry: RetentionDue; blockers: ErasureBlocker[]; held: RetentionHeldReason | null }[] = [];
  let checked = 0;
  for await (const row of retentionCandidates(q, today, months)) {
    if (++checked % CHECKS_PER_PAUSE === 0) await yieldToEventLoop();
    const facts = await gatherLifecycleFacts(q, row.id, today);
    if (!facts || !isRetentionDueBy(facts, months, today)) continue;
    const { relationshipEnd, erasureDueOn } = erasureScheduleOf(facts, months);
    if (relationshipEnd.kind === "continues" || erasureDueOn === null) continue;
    const entry: RetentionDue = {
      id: row.id,
      name: `${row.firstName} ${row.lastName}`.trim(),
      relationshipEnd: relationshipEnd.endsOn,
      relationshipEndKind: relationshipEnd.kind,
      retentionEndedOn: erasureDueOn,
    };
    const erasureFacts = await gatherErasureFacts(q, row.id, today);
    due.push({
      entry,
      blockers: assessErasure(erasureFacts).blockers,
      held: await heldReason(q, row.id, erasureFacts.legalHolds.length > 0),
    });
  }
  due.sort((a, b) =>
    a.entry.relationshipEnd === b.entry.relationshipEnd
      ? a.entry.id.localeCompare(b.entry.id)
      : a.entry.relationshipEnd.localeCompare(b.entry.relationshipEnd),
  );
  const result: RetentionDryRun = { customers: [], blocked: [], skipped: [] };
  for (const { entry, blockers, held } of due) {
    if (held !== null) result.skipped.push({ ...entry, reason: held });
    else if (blockers.length > 0) result.blocked.push({ ...entry, blockers });
    else result.customers.push(entry);
  }
  return result;
}

/**
 * Anonymises the given customers that are still due, not held (RetentionHeldReason) and unblocked, each in its own
 * transaction through the same code path as an erasure request, re-checking each inside it (the dry run may be
 * stale). One audit entry per customer (from anonymiseCustomer); the run's own entry, with its counts, is written
 * by the job that calls this (retention-job.ts).
 */
export async function runRetention(
  { db, outbox }: Pick<Deps, "db" | "outbox">,
  ids: readonly string[],
  options: { now: number; actor: AuditActor; suppressionKey: string; ip?: string | null },
): Promise<RetentionRunResult> {
  const { now, actor, suppressionKey } = options;
  const today = helsinkiDate(now);
  const result: RetentionRunResult = { anonymised: [], skipped: [] };
  for (const id of new Set(ids)) {
    const reason = await db.transaction(async (tx): Promise<RetentionSkipReason | null> => {
      const row = await tx
        .select({ anonymisedAt: customers.anonymisedAt })
        .from(customers)
        .where(eq(customers.id, id))
        .get();
      if (!row) return "not_found";
      if (row.anonymisedAt !== null) return "already_anonymised";
      const facts = await gatherLifecycleFacts(tx, id, today);
      if (!facts || !isRetentionDueBy(facts, relationshipEndsAfterMonths(), today)) return "not_due";
      const erasureFacts = await gatherErasureFacts(tx, id, today);
      // Checked in the same transaction as the anonymisation: a request or restriction cannot slip in between,
      // so anonymiseCustomer finds no pending request of this customer to close.
      const held = await heldReason(tx, id, erasureFacts.legalHolds.length > 0);
      if (held !== null) return held;
      if (assessErasure(erasureFacts).blocked) return "blocked";
      const externalIds = await externalIdsBySystem(tx, id);
      const sources = await recordedSources(tx, id);
      await anonymiseCustomer(tx, id, { now, actor, reason: "retention", suppressionKey, ip: options.ip });
      // The connected systems erase their copies too; emitted after the anonymisation, with ids only.
      await emitCustomerEvent(
        tx,
        { outbox, now: () => now },
        { type: "customer.erased", customerId: id, externalIds, sources },
      );
      return null;
    });
    if (reason === null) result.anonymised.push(id);
    else result.skipped.push({ id, reason });
  }
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
      detail: {
        dueIds: dryRun.customers.map((c) => c.id),
        blockedIds: dryRun.blocked.map((c) => c.id),
        skipped: dryRun.skipped.map((c) => ({ id: c.id, reason: c.reason })),
      },
      ip: options.ip ?? null,
    },
    options.now,
  );
}
