import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { BUNDLE_PARTS, BUNDLE_TABLES, bundleRows, type CustomerBundle } from "./customer-bundle.ts";
import type { Queries } from "./port.ts";

/** SQLite allows 32766 bound values per statement; stay well below with any table's width. */
const ROWS_PER_STATEMENT = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await insert(rows.slice(i, i + ROWS_PER_STATEMENT));
}

/**
 * Inserts customers with all their rows. Give it a transaction (`tx`) for all or nothing; the rows are written in
 * BUNDLE_PARTS order, so autoincrement ids come out the same as the bulk loader's.
 */
export async function insertBundles(tx: Queries, bundles: CustomerBundle[]): Promise<void> {
  for (const part of BUNDLE_PARTS) {
    const table: SQLiteTable = BUNDLE_TABLES[part];
    await insertChunked(
      bundles.flatMap((b) => bundleRows(b, part)),
      (rows) => tx.insert(table).values(rows),
    );
  }
}
