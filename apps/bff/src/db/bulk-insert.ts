import type Database from "better-sqlite3";
import { getTableColumns, is, SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { BUNDLE_PARTS, BUNDLE_TABLES, type BundlePart, bundleRows, type CustomerBundle } from "./customer-bundle.ts";

/*
 * The bulk loader (seed-large, the benchmarks' registers) writes through the driver, beside the data port: a bulk
 * load of a million customers is SQLite-specific work (one transaction, single-row prepared inserts, the search
 * index rebuilt once), and it runs with nothing else open on the file.
 */

/**
 * One prepared single-row INSERT per table, built from the drizzle schema: the same columns, defaults and value
 * mapping (booleans to 0/1) as `db.insert(table).values(row)`, without building SQL text for every batch.
 * For bulk loads only (seed-large); a column with an SQL default is left to SQLite.
 */
function rowInserter(sqlite: Database.Database, table: SQLiteTable) {
  const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).filter(
    ([, column]) => !is(column.default, SQL),
  );
  const { name } = getTableConfig(table);
  const statement = sqlite.prepare(
    `INSERT INTO "${name}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  return (row: Record<string, unknown>) => {
    const values = columns.map(([key, column]) => {
      let value = row[key];
      if (value === undefined) value = column.defaultFn ? column.defaultFn() : column.default;
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    });
    statement.run(values);
  };
}

/**
 * Inserts customer bundles like insertBundles, an order of magnitude faster: prepared statements, one row at a
 * time, all in one transaction. `parts` chooses which of a bundle's rows to write besides the customer
 * (seed-large's `--only-search-data` writes the customers and their organisation roles only).
 */
export function createBulkInserter(
  sqlite: Database.Database,
  parts: { roles?: boolean; rest?: boolean } = { roles: true, rest: true },
) {
  // The customer always, then the parts `parts` asks for, in BUNDLE_PARTS order as insertBundles writes them.
  const wanted = (part: BundlePart) => part === "customer" || (part === "roles" ? parts.roles : parts.rest);
  const inserters = BUNDLE_PARTS.filter(wanted).map((part) => ({
    part,
    insert: rowInserter(sqlite, BUNDLE_TABLES[part]),
  }));
  const write = sqlite.transaction((bundles: CustomerBundle[]) => {
    for (const { part, insert } of inserters)
      for (const b of bundles) for (const row of bundleRows(b, part)) insert(row);
  });
  return (bundles: CustomerBundle[]) => write(bundles);
}

/**
 * Runs a bulk load with the search index (migration 0005) built once afterwards instead of row by row: the
 * triggers that copy each search document into the FTS index are set aside, and the index is rebuilt from
 * customer_search_docs (which its own triggers still fill) when `load` is done. Seeding 1,000,000 customers
 * took 390 s with the index kept up to date row by row and 112 s + the rebuild this way.
 */
export function withSearchIndexRebuiltAfter(sqlite: Database.Database, load: () => void): void {
  const triggers = sqlite
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'customer_search_docs'",
    )
    .all();
  for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
  try {
    load();
  } finally {
    sqlite.exec("INSERT INTO customer_search (customer_search) VALUES ('rebuild')");
    for (const t of triggers) sqlite.exec(t.sql);
  }
}
