import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { createBulkInserter, withSearchIndexRebuiltAfter } from "./bulk-insert.ts";
import { openForBulkLoad } from "./client.ts";
import { organisations } from "./schema.ts";
import { createRandom, DEMO_ORGANISATIONS, syntheticCustomer } from "./synthetic.ts";

/**
 * Seeds a large synthetic register for benchmarks: `--customers N` (default 100000) ordinary customers
 * and, with `--big-customer-orders M`, one extra customer with M orders (the heavy export case).
 * `--only-search-data` writes the customers and their organisation roles but not their orders, invoices,
 * IP addresses and sources: the same customers, names and e-mail addresses (the random stream is the same),
 * for the search benchmark (P4), which needs no orders and seeds 1,000,000 customers.
 * Writes to `--db FILE` (default var/bench.sqlite), never to the demo database.
 *
 * A one-off bulk load into a file nobody else uses yet: no rollback journal, `synchronous = OFF` and a large
 * page cache while seeding (a crash mid-seed leaves a file to delete, not a register to save), 10,000 customers
 * per transaction through prepared statements, and the search index built once at the end.
 */
const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    "big-customer-orders": { type: "string", default: "0" },
    "only-search-data": { type: "boolean", default: false },
    db: { type: "string", default: "var/bench.sqlite" },
  },
  // `pnpm seed:large -- --customers N` passes the lone "--" through; parseArgs would refuse the options after it.
  args: process.argv.slice(2).filter((a) => a !== "--"),
});
const total = Number(values.customers);
const bigOrders = Number(values["big-customer-orders"]);
if (!Number.isInteger(total) || total < 0 || !Number.isInteger(bigOrders) || bigOrders < 0) {
  console.error("usage: seed-large [--customers N] [--big-customer-orders M] [--only-search-data] [--db FILE]");
  process.exit(2);
}
const onlySearchData = values["only-search-data"];

const sqlite = openForBulkLoad(values.db);
const db = drizzle({ client: sqlite });
db.insert(organisations).values(DEMO_ORGANISATIONS).onConflictDoNothing().run();
const insert = createBulkInserter(sqlite, { roles: true, rest: !onlySearchData });
const random = createRandom(7);
const BATCH = 10_000;
const started = performance.now();
withSearchIndexRebuiltAfter(sqlite, () => {
  for (let from = 0; from < total; from += BATCH) {
    const size = Math.min(BATCH, total - from);
    insert(Array.from({ length: size }, (_, i) => syntheticCustomer(random, 1_000_000 + from + i)));
    if ((from / BATCH) % 10 === 0 || from + size === total) console.info(`[seed] ${from + size} / ${total} customers`);
  }
  if (bigOrders > 0) insert([syntheticCustomer(random, 999_999, { orders: bigOrders })]);
  console.info(`[seed] inserted in ${((performance.now() - started) / 1000).toFixed(1)} s; building the search index`);
});
sqlite.pragma("journal_mode = WAL");
console.info(
  `[seed] done: ${total} customers${onlySearchData ? " (search data only)" : ""}${bigOrders ? ` + one with ${bigOrders} orders` : ""} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${values.db}`,
);
sqlite.close();
