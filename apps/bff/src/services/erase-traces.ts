import { helsinkiDate, identityMethods, legalHoldApplies } from "@tietoni/domain";
import { and, eq, inArray, isNotNull, notInArray } from "drizzle-orm";
import { forgetEmailCounters } from "../auth/sign-in-limits.ts";
import type { Db, TracesCleared, Tx } from "../db/port.ts";
import { legalHolds, outbox, pendingApprovals, requests, restrictions } from "../db/schema.ts";
import { appendAudit } from "./audit.ts";
import type { Delivery } from "./outbox/outbox.ts";

/*
 * Issue 14 C — no trace left after an erasure (docs/security.md, "Issue 14 C — no trace left"). Two halves:
 *   - in the erasure's transaction (`eraseTraces`, called once from anonymiseCustomer): the free text staff wrote
 *     about the customer is replaced with a fixed placeholder, the rate-limit counters keyed by the address go, and
 *     a clear of the write-ahead log is booked for after the commit;
 *   - after the commit (`clearTracesAfterErasure`): the WAL is checkpointed and truncated (db/client.ts
 *     `clearTraces`), at once or — while an export's snapshot still reads older frames — when the last one closes;
 *     a delayed clear is recorded as `maintenance.traces_cleared` with how long it waited.
 * Deleted bytes are zeroed by the `secure_delete` pragma of every connection that writes (db/client.ts); nothing
 * here has to do that by hand. Issue 16: on PostgreSQL the clear is a VACUUM of the tables the erasure touched, once
 * no snapshot that could still see the old row versions is open; what that does and does not remove is in
 * docs/security.md ("On PostgreSQL").
 */

/**
 * What replaces staff-written free text about an erased customer: the decision, its outcome and dates stay
 * (accountability), the words that may hold the person's name or address do not. Stored data, shown as is in both
 * apps, so it carries both languages.
 */
export const ERASED_TEXT = "[Poistettu tietojen poistamisen yhteydessä · Removed when the data was erased]";

/** Outbox failure codes the dispatcher itself writes: fixed words, never content, so they stay. */
const OUTBOX_CODES = ["erased", "expired", "body_gone"];

/** Keys of an approval's stored input (`payload`, JSON) that hold staff's words rather than ids, codes or dates. */
const WORDS_KEY = /reason|note|text|comment|agency/i;

/** A copy of a stored payload with every string under a words key replaced. */
function withoutWords(value: unknown, key = ""): unknown {
  if (typeof value === "string") return WORDS_KEY.test(key) ? ERASED_TEXT : value;
  if (Array.isArray(value)) return value.map((v) => withoutWords(v, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutWords(v, k)]));
  }
  return value;
}

export type FreeTextErased = {
  requests: number;
  restrictions: number;
  legalHolds: number;
  approvals: number;
  outboxErrors: number;
};

/**
 * Replaces every free-text column linked to the customer that the erasure keeps a row of (schema.ts, checked column
 * by column in docs/security.md): the reasons of decisions and extensions and the "other" identity check of their
 * requests, restriction lift reasons, legal-hold reasons and references (of holds no longer in force: a hold still
 * in force keeps data on its own ground, and its words say when it ends), approval reasons and the words inside
 * their stored input, and outbox failure texts (a mail server's answer can quote the address). Rows that hold only
 * personal data are deleted by anonymiseCustomer itself; request texts and event notes are cleared there too.
 */
export async function eraseFreeText(tx: Tx, customerId: string, now: number): Promise<FreeTextErased> {
  const ofCustomer = eq(requests.customerId, customerId);
  const decisions = await tx
    .update(requests)
    .set({ decisionReasons: ERASED_TEXT })
    .where(and(ofCustomer, isNotNull(requests.decisionReasons)))
    .run();
  const extensions = await tx
    .update(requests)
    .set({ extensionReasons: ERASED_TEXT })
    .where(and(ofCustomer, isNotNull(requests.extensionReasons)))
    .run();
  // A known method is an id; anything else is "other: <what staff wrote>" (domain: identityMethodOf).
  const identities = await tx
    .update(requests)
    .set({ identityMethod: `other: ${ERASED_TEXT}` })
    .where(
      and(
        ofCustomer,
        isNotNull(requests.identityMethod),
        notInArray(
          requests.identityMethod,
          identityMethods.filter((m) => m !== "other"),
        ),
      ),
    )
    .run();

  const lifts = await tx
    .update(restrictions)
    .set({ liftReason: ERASED_TEXT })
    .where(and(eq(restrictions.customerId, customerId), isNotNull(restrictions.liftReason)))
    .run();

  const today = helsinkiDate(now);
  const holds = await tx
    .select({ id: legalHolds.id, clearedAt: legalHolds.clearedAt, endsOn: legalHolds.endsOn })
    .from(legalHolds)
    .where(eq(legalHolds.customerId, customerId));
  const ended = holds.filter((h) => !legalHoldApplies(h, today)).map((h) => h.id);
  if (ended.length > 0) {
    await tx.update(legalHolds).set({ reason: ERASED_TEXT }).where(inArray(legalHolds.id, ended));
    await tx
      .update(legalHolds)
      .set({ clearReason: ERASED_TEXT })
      .where(and(inArray(legalHolds.id, ended), isNotNull(legalHolds.clearReason)));
    await tx
      .update(legalHolds)
      .set({ reference: ERASED_TEXT })
      .where(and(inArray(legalHolds.id, ended), isNotNull(legalHolds.reference)));
  }

  const approvals = await tx
    .select({ id: pendingApprovals.id, payload: pendingApprovals.payload })
    .from(pendingApprovals)
    .where(eq(pendingApprovals.customerId, customerId));
  for (const approval of approvals) {
    await tx
      .update(pendingApprovals)
      .set({ reason: ERASED_TEXT, payload: JSON.stringify(withoutWords(JSON.parse(approval.payload))) })
      .where(eq(pendingApprovals.id, approval.id));
  }

  const outboxErrors = await tx
    .update(outbox)
    .set({ lastError: ERASED_TEXT })
    .where(
      and(eq(outbox.customerId, customerId), isNotNull(outbox.lastError), notInArray(outbox.lastError, OUTBOX_CODES)),
    )
    .run();

  return {
    requests: decisions.changes + extensions.changes + identities.changes,
    restrictions: lifts.changes,
    legalHolds: ended.length,
    approvals: approvals.length,
    outboxErrors: outboxErrors.changes,
  };
}

export type TraceOptions = { now: number; email: string | null };

/**
 * The erasure's share of issue 14 C, in its transaction: the free text, the address's rate-limit counters, and the
 * clear of the WAL once the erasure has committed. Answers the counts for the erasure's audit entry.
 */
export async function eraseTraces(tx: Tx, customerId: string, { now, email }: TraceOptions) {
  const freeText = await eraseFreeText(tx, customerId, now);
  const counters = email === null ? 0 : await forgetEmailCounters(tx, email);
  tx.afterCommit(async (db) => {
    await clearTracesAfterErasure(db, { customerId });
  });
  // The WAL is cleared once this commits (`clearTracesAfterErasure`); a delay is recorded when it ends.
  return { freeText, counters, wal: "cleared_after_commit" as const };
}

/**
 * The erasure's confirmation mail (erasure_completed) carries the former address: it is queued in the erasure's
 * transaction and loses its body when delivered (outbox), after the erasure's own clear. Its delivery clears the WAL
 * once more, so the address does not wait in an old frame for the next checkpoint. The outbox's `delivered` hook
 * for mail (deps.ts), in the transaction that marks the row delivered.
 */
export async function onMailDelivered(tx: Tx, delivery: Pick<Delivery, "topic" | "requestId">): Promise<void> {
  if (delivery.topic !== "erasure_completed") return;
  tx.afterCommit(async (db) => {
    await clearTracesAfterErasure(db, { requestId: delivery.requestId });
  });
}

/**
 * Empties the WAL of the pages an erasure replaced. Done at once (the usual case), it is not recorded separately:
 * the erasure's own entry says the clear follows its commit (`traces.wal`), and a trail entry after every erasure
 * would only repeat it. Delayed — an export's snapshot, or another process's reader, held older frames — it waits
 * without blocking anyone and is then recorded as `maintenance.traces_cleared` with how long the frames stayed and
 * how many tries it took. When the database closes first, closing does the same job and nothing can be recorded.
 */
export async function clearTracesAfterErasure(
  db: Db,
  about: { customerId?: string; requestId?: string | null },
): Promise<TracesCleared> {
  const cleared = await db.clearTraces();
  if (cleared.outcome !== "deferred") return cleared;
  const { customerId = null, requestId = null } = about;
  // The time the log was cleared, not a request's: this runs after the commit, long after (a snapshot).
  await db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actor: { type: "system" },
        action: "maintenance.traces_cleared",
        customerId,
        detail: { ...cleared, ...(requestId ? { requestId, after: "confirmation_mail" } : {}) },
      },
      Date.now(),
    ),
  );
  return cleared;
}
