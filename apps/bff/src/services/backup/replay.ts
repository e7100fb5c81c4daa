import { erasureScope, helsinkiDate } from "@tietoni/domain";
import { and, eq, isNull } from "drizzle-orm";
import { randomToken } from "../../auth/tokens.ts";
import { customers, partialErasures } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { anonymiseCustomer, eraseCategories } from "../anonymise.ts";
import { type AuditActor, appendAudit } from "../audit.ts";
import { gatherErasureFacts } from "../erasure-facts.ts";
import { externalIdsBySystem } from "../outbox/event-payloads.ts";
import { emitCustomerEvent } from "../outbox/events.ts";
import { recordedSources } from "../recipient-notifications.ts";
import { customerHash, type JournalEntry, journalFileOf, readJournal } from "./erasure-journal.ts";

/*
 * Issue 15 F — the start-up replay. Runs before the listeners and the outbox start (index.ts): every erasure in the
 * journal that the database does not show — a restored backup predates it — is carried out again through the same
 * service function, audited as `erasure.replayed_after_restore`. Without a restore it finds nothing to do: a whole
 * erasure shows as `anonymised_at`, a partial one as its `partial_erasures` row (same `erased_at` as the entry).
 *
 * Mail is not sent again: the customer was told when it happened. The `customer.erased` event IS emitted again for a
 * whole erasure: the restored outbox no longer holds the first one, which may not have been delivered before the
 * failure that made the restore necessary, and erasing an erased record is harmless to a receiver (events are
 * delivered at least once already). A partial erasure emits no event in the first place.
 */

export type ReplayOutcome = {
  /** Readable entries in the journal, and lines that were not (a torn line after a crash). */
  entries: number;
  unreadable: number;
  /** Customers erased whole again, and partial erasures carried out again. */
  full: number;
  partial: number;
};

const SYSTEM: AuditActor = { type: "system" };

/** The journal's keys: the audit HMAC key, then earlier ones (a rotation must not orphan older entries). */
function journalKeys(env: Deps["env"]): string[] {
  const previous = (env.AUDIT_HMAC_PREVIOUS_KEYS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  return [env.auditHmacKey, ...previous];
}

export async function replayErasureJournal(deps: Pick<Deps, "db" | "env" | "outbox" | "now">): Promise<ReplayOutcome> {
  const { db, env } = deps;
  const { entries, unreadable } = readJournal(journalFileOf(env.stateDir));
  const outcome: ReplayOutcome = { entries: entries.length, unreadable, full: 0, partial: 0 };
  if (entries.length === 0) return outcome;

  const byHash = new Map<string, JournalEntry[]>();
  for (const entry of entries) byHash.set(entry.customer, [...(byHash.get(entry.customer) ?? []), entry]);

  // Only records not anonymised can hold what an entry erased; each is hashed under every key to find its entries.
  const live = await db.select({ id: customers.id }).from(customers).where(isNull(customers.anonymisedAt));
  const keys = journalKeys(env);
  for (const { id } of live) {
    const mine = keys.flatMap((key) => byHash.get(customerHash(key, id)) ?? []);
    if (mine.length === 0) continue;
    const whole = mine.find((e) => e.kind !== "partial");
    if (whole) {
      if (await eraseWholeAgain(deps, id, whole)) outcome.full++;
      continue;
    }
    for (const entry of mine) if (await erasePartiallyAgain(deps, id, entry)) outcome.partial++;
  }
  return outcome;
}

/** A whole erasure (request, retention, remainder) the database does not show: the record is anonymised again. */
function eraseWholeAgain(deps: Pick<Deps, "db" | "env" | "outbox" | "now">, customerId: string, entry: JournalEntry) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await tx
      .select({ anonymisedAt: customers.anonymisedAt })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    if (!row || row.anonymisedAt !== null) return false;
    const externalIds = await externalIdsBySystem(tx, customerId);
    const sources = await recordedSources(tx, customerId);
    await anonymiseCustomer(tx, customerId, {
      now,
      actor: SYSTEM,
      reason: entry.kind === "retention" ? "retention" : "erasure",
      suppressionKey: deps.env.suppressionKey,
      journal: false,
    });
    await emitCustomerEvent(
      tx,
      { outbox: deps.outbox, now: () => now },
      { type: "customer.erased", customerId, externalIds, sources },
    );
    await appendAudit(
      tx,
      {
        actor: SYSTEM,
        action: "erasure.replayed_after_restore",
        customerId,
        detail: { kind: entry.kind, journalledAt: new Date(entry.at).toISOString(), erased: entry.erased, kept: [] },
      },
      now,
    );
    return true;
  });
}

/**
 * A partial erasure the database does not show (no `partial_erasures` row of that moment): what it erased goes again
 * and what it kept stays; its row is written again with the grounds that hold now, so the remainder is erased when
 * they end. A request the restored database still shows open stays for the desk to decide.
 */
function erasePartiallyAgain(
  deps: Pick<Deps, "db" | "env" | "outbox" | "now">,
  customerId: string,
  entry: JournalEntry,
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const done = await tx
      .select({ id: partialErasures.id })
      .from(partialErasures)
      .where(and(eq(partialErasures.customerId, customerId), eq(partialErasures.erasedAt, entry.at)))
      .get();
    if (done) return false;
    await eraseCategories(tx, customerId, entry.kept, {
      now,
      actor: SYSTEM,
      reason: "erasure",
      suppressionKey: deps.env.suppressionKey,
      journal: false,
    });
    const scope = erasureScope(
      await gatherErasureFacts(tx, customerId, helsinkiDate(now)),
      deps.env.FINANCIAL_YEAR_END,
    );
    await tx.insert(partialErasures).values({
      id: randomToken(),
      customerId,
      requestId: null,
      erasedAt: entry.at,
      erased: JSON.stringify(entry.erased),
      kept: JSON.stringify(scope.kept),
    });
    await appendAudit(
      tx,
      {
        actor: SYSTEM,
        action: "erasure.replayed_after_restore",
        customerId,
        detail: {
          kind: entry.kind,
          journalledAt: new Date(entry.at).toISOString(),
          erased: entry.erased,
          kept: entry.kept,
        },
      },
      now,
    );
    return true;
  });
}
