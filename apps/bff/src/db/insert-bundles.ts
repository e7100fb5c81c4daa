import type { Queries } from "./port.ts";
import {
  billingDetails,
  customers,
  datumSources,
  invoices,
  ipAddresses,
  orderLines,
  orders,
  organisationRoles,
} from "./schema.ts";
import type { CustomerBundle } from "./synthetic.ts";

/** SQLite allows 32766 bound values per statement; stay well below with any table's width. */
const ROWS_PER_STATEMENT = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await insert(rows.slice(i, i + ROWS_PER_STATEMENT));
}

/**
 * Inserts customers with all their rows. Give it a transaction (`tx`) for all or nothing; the rows are written in
 * the order that makes autoincrement ids come out the same as the bulk loader's.
 */
export async function insertBundles(tx: Queries, bundles: CustomerBundle[]): Promise<void> {
  await insertChunked(
    bundles.map((b) => b.customer),
    (rows) => tx.insert(customers).values(rows),
  );
  await insertChunked(
    bundles.flatMap((b) => b.roles),
    (rows) => tx.insert(organisationRoles).values(rows),
  );
  await insertChunked(
    bundles.flatMap((b) => b.ips),
    (rows) => tx.insert(ipAddresses).values(rows),
  );
  await insertChunked(
    bundles.flatMap((b) => b.orders),
    (rows) => tx.insert(orders).values(rows),
  );
  await insertChunked(
    bundles.flatMap((b) => b.lines),
    (rows) => tx.insert(orderLines).values(rows),
  );
  await insertChunked(
    bundles.flatMap((b) => b.invoices),
    (rows) => tx.insert(invoices).values(rows),
  );
  await insertChunked(
    bundles.flatMap((b) => (b.billing ? [b.billing] : [])),
    (rows) => tx.insert(billingDetails).values(rows),
  );
  await insertChunked(
    bundles.flatMap((b) => b.sources),
    (rows) => tx.insert(datumSources).values(rows),
  );
}
