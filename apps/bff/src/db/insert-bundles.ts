import type { Db } from "./port.ts";
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

function insertChunked<T>(rows: T[], insert: (chunk: T[]) => void) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) insert(rows.slice(i, i + ROWS_PER_STATEMENT));
}

/** Inserts customers with all their rows in one transaction (all or nothing). */
export function insertBundles(db: Db, bundles: CustomerBundle[]): void {
  db.transaction((tx) => {
    insertChunked(
      bundles.map((b) => b.customer),
      (rows) => tx.insert(customers).values(rows).run(),
    );
    insertChunked(
      bundles.flatMap((b) => b.roles),
      (rows) => tx.insert(organisationRoles).values(rows).run(),
    );
    insertChunked(
      bundles.flatMap((b) => b.ips),
      (rows) => tx.insert(ipAddresses).values(rows).run(),
    );
    insertChunked(
      bundles.flatMap((b) => b.orders),
      (rows) => tx.insert(orders).values(rows).run(),
    );
    insertChunked(
      bundles.flatMap((b) => b.lines),
      (rows) => tx.insert(orderLines).values(rows).run(),
    );
    insertChunked(
      bundles.flatMap((b) => b.invoices),
      (rows) => tx.insert(invoices).values(rows).run(),
    );
    insertChunked(
      bundles.flatMap((b) => (b.billing ? [b.billing] : [])),
      (rows) => tx.insert(billingDetails).values(rows).run(),
    );
    insertChunked(
      bundles.flatMap((b) => b.sources),
      (rows) => tx.insert(datumSources).values(rows).run(),
    );
  });
}
