import { erasureScope, helsinkiDate } from "@tietoni/domain";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Queries, Tx } from "../db/port.ts";
import { customers, partialErasures } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { anonymiseCustomer } from "./anonymise.ts";
import { type AuditActor, appendAudit } from "./audit.ts";
import { gatherErasureFacts } from "./erasure-facts.ts";
import { externalIdsBySystem } from "./outbox/event-payloads.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
import { recordedSources } from "./recipient-notifications.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * Issue 14 A: the remainder of a partial erasure. The grounds are recomputed from the register's facts now — never
 * from the JSON stored at the time, which says what held then: an invoice paid, a role ended or a hold cleared since
 * is what ends them. When none keeps anything of the person, the record is anonymised whole, as the erasure request
 * asked, by the retention run (eraseDueRemainders) or the desk the same day (eraseRemainder).
 */

type RemainderDeps = Pick<Deps, "outbox" | "env">;

/** The open partial erasure of a customer, if any. */
export function openPartialErasure(q: Queries, customerId: string) {
  return q
    .select()
    .from(partialErasures)
    .where(and(eq(partialErasures.customerId, customerId), isNull(partialErasures.remainderErasedAt)))
    .get();
}

/** Whether no ground keeps anything of the customer on the day of `now` (the remainder may go). */
export async function remainderDue(q: Queries, customerId: string, now: number, deps: Pick<Deps, "env">) {
  const scope = erasureScope(await gatherErasureFacts(q, customerId, helsinkiDate(now)), deps.env.FINANCIAL_YEAR_END);
  return scope.complete;
}

/**
 * Erases the remainder of one open partial erasure inside the caller's transaction if its last ground has ended;
 * "held" when a ground still holds. A record anonymised meanwhile (by retention) only closes the row.
 */
async function eraseOne(
  tx: Tx,
  deps: RemainderDeps,
  row: typeof partialErasures.$inferSelect,
  actor: AuditActor,
  now: number,
  ip: string | null,
): Promise<"erased" | "held"> {
  const customer = await tx
    .select({ anonymisedAt: customers.anonymisedAt })
    .from(customers)
    .where(eq(customers.id, row.customerId))
    .get();
  const gone = customer === undefined || customer.anonymisedAt !== null;
  if (!gone) {
    if (!(await remainderDue(tx, row.customerId, now, deps))) return "held";
    // The erasure event names the systems' ids and the recorded sources, which the anonymisation drops.
    const externalIds = await externalIdsBySystem(tx, row.customerId);
    const sources = await recordedSources(tx, row.customerId);
    await anonymiseCustomer(tx, row.customerId, {
      now,
      actor,
      reason: "erasure",
      suppressionKey: deps.env.suppressionKey,
      journal: "remainder",
      ...(row.requestId === null ? {} : { requestId: row.requestId }),
      ip,
    });
    await emitCustomerEvent(
      tx,
      { outbox: deps.outbox, now: () => now },
      { type: "customer.erased", customerId: row.customerId, requestId: row.requestId, externalIds, sources },
    );
  }
  await tx.update(partialErasures).set({ remainderErasedAt: now }).where(eq(partialErasures.id, row.id));
  await appendAudit(
    tx,
    {
      actor,
      action: "customer.remainder_erased",
      customerId: row.customerId,
      detail: { partialErasureId: row.id, requestId: row.requestId, alreadyAnonymised: gone },
      ip,
    },
    now,
  );
  return "erased";
}

/**
 * Issue 14 A: erases the remainder of every partial erasure whose last ground has ended by `now` (the retention run
 * calls it, and the desk's same-day task). Contract for the scheduled retention run (issue 14 B); issue 14 A builds it.
 * One transaction per customer, so one failing record does not hold back the others' erasure.
 */
export async function eraseDueRemainders(
  deps: Pick<Deps, "db" | "outbox" | "env">,
  options: { now: number; actor: AuditActor },
): Promise<{ erased: string[] }> {
  const open = await deps.db.read((r) =>
    r
      .select({ id: partialErasures.id })
      .from(partialErasures)
      .where(isNull(partialErasures.remainderErasedAt))
      .orderBy(asc(partialErasures.erasedAt), asc(partialErasures.id)),
  );
  const erased: string[] = [];
  for (const { id } of open) {
    const customerId = await deps.db.transaction(async (tx) => {
      // Read again in the transaction: the desk may have erased it since the list was read.
      const row = await tx
        .select()
        .from(partialErasures)
        .where(and(eq(partialErasures.id, id), isNull(partialErasures.remainderErasedAt)))
        .get();
      if (!row) return null;
      return (await eraseOne(tx, deps, row, options.actor, options.now, null)) === "erased" ? row.customerId : null;
    });
    if (customerId !== null) erased.push(customerId);
  }
  return { erased };
}

/**
 * The desk's same-day task: erases one customer's remainder now. 404 without an open partial erasure; 409
 * erasure_remainder_held while a ground still keeps data.
 */
export function eraseRemainder(
  deps: Pick<Deps, "db" | "outbox" | "env">,
  customerId: string,
  actor: Extract<AuditActor, { type: "staff" }>,
  ip: string | null,
  now: number,
): Promise<Result<{ partialErasureId: string }>> {
  return transact(deps.db, async (tx) => {
    const row = await openPartialErasure(tx, customerId);
    if (!row) return notFound();
    if ((await eraseOne(tx, deps, row, actor, now, ip)) === "held") return fail(409, "erasure_remainder_held");
    return { ok: true, partialErasureId: row.id };
  });
}
