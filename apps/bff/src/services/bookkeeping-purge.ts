import { addDays, bookkeepingPurgeBound, type FinancialYearEnd, helsinkiDate } from "@tietoni/domain";
import { sql } from "drizzle-orm";
import { greatest } from "../db/dialect.ts";
import type { Tx } from "../db/port.ts";
import { type AuditActor, appendAudit } from "./audit.ts";

export type BookkeepingPurgeCounts = { orders: number; orderLines: number; invoices: number };

/** Ids per DELETE: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/*
 * The end of the bookkeeping period (issue 14 B, item 2). Anonymisation keeps orders and invoices for the
 * Accounting Act, cut loose from the person (`customer_id` NULL); nothing ended that keeping, so they stayed for
 * ever. Once a voucher's period has passed (bookkeepingKeptUntil, counted from FINANCIAL_YEAR_END) it goes. Only
 * rows no longer tied to a person: a customer's own orders stay while the customer is in the register, and the
 * erasure of the customer is what cuts them loose. An open invoice is never purged (it is still owed).
 */
export async function purgeBookkeeping(
  tx: Tx,
  options: { now: number; financialYearEnd: FinancialYearEnd; actor: AuditActor },
): Promise<BookkeepingPurgeCounts> {
  const bound = bookkeepingPurgeBound(helsinkiDate(options.now), options.financialYearEnd);
  // An invoice's vouchers are its issue and, later, its payment or write-off: the latest of them counts.
  const invoiceIds = (
    await tx.rows<{ id: string }>(sql`
      SELECT id FROM invoices WHERE customer_id IS NULL AND status <> 'open'
        AND ${greatest(tx, sql`issued_at`, sql`coalesce(paid_at, issued_at)`, sql`coalesce(written_off_on, issued_at)`)}
          <= ${bound}`)
  ).map((r) => r.id);
  // An order's day is its day in Finland; the UTC bound a day later is loose, the exact day is checked below.
  const looseMs = Date.parse(`${addDays(bound, 2)}T00:00:00Z`);
  const orderCandidates = await tx.rows<{ id: string; orderedAt: number }>(sql`
    SELECT id, ordered_at AS "orderedAt" FROM orders WHERE customer_id IS NULL AND ordered_at < ${looseMs}`);
  const orderIds = orderCandidates.filter((o) => helsinkiDate(o.orderedAt) <= bound).map((o) => o.id);

  const counts: BookkeepingPurgeCounts = { orders: 0, orderLines: 0, invoices: 0 };
  for (const ids of chunks(invoiceIds)) {
    counts.invoices += (
      await tx.exec(sql`DELETE FROM invoices WHERE id IN (${sql.join(idList(ids), sql`, `)})`)
    ).changes;
  }
  for (const ids of chunks(orderIds)) {
    const list = sql.join(idList(ids), sql`, `);
    // An order an invoice still refers to (one kept longer, or still tied to a person) stays with it.
    const free = sql`SELECT id FROM orders WHERE id IN (${list})
      AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = orders.id)`;
    counts.orderLines += (await tx.exec(sql`DELETE FROM order_lines WHERE order_id IN (${free})`)).changes;
    counts.orders += (await tx.exec(sql`DELETE FROM orders WHERE id IN (${free})`)).changes;
  }
  if (counts.orders + counts.orderLines + counts.invoices > 0) {
    await appendAudit(
      tx,
      {
        actor: options.actor,
        action: "bookkeeping.purged",
        // Counts only: the rows held no person any more, and their numbers say nothing the trail needs.
        detail: { financialYearEnd: options.financialYearEnd, purgedThrough: bound, ...counts },
      },
      options.now,
    );
  }
  return counts;
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

const idList = (ids: readonly string[]) => ids.map((id) => sql`${id}`);
