import { parseArgs } from "node:util";
import { openDatabase } from "./client.ts";
import { insertBundles } from "./insert-bundles.ts";
import { organisations } from "./schema.ts";
import { createRandom, DEMO_ORGANISATIONS, syntheticCustomer } from "./synthetic.ts";

/**
 * Seeds a large synthetic register for benchmarks: `--customers N` (default 100000) ordinary customers
 * and, with `--big-customer-orders M`, one extra customer with M orders (the heavy export case).
 * Writes to `--db FILE` (default var/bench.sqlite), never to the demo database.
 */
const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    "big-customer-orders": { type: "string", default: "0" },
    db: { type: "string", default: "var/bench.sqlite" },
  },
});
const total = Number(values.customers);
const bigOrders = Number(values["big-customer-orders"]);
if (!Number.isInteger(total) || total < 0 || !Number.isInteger(bigOrders) || bigOrders < 0) {
  console.error("usage: seed-large [--customers N] [--big-customer-orders M] [--db FILE]");
  process.exit(2);
}

const db = openDatabase(values.db);
db.insert(organisations).values(DEMO_ORGANISATIONS).onConflictDoNothing().run();
const random = createRandom(7);
const BATCH = 2000;
const started = performance.now();
for (let from = 0; from < total; from += BATCH) {
  const size = Math.min(BATCH, total - from);
  insertBundles(
    db,
    Array.from({ length: size }, (_, i) => syntheticCustomer(random, 1_000_000 + from + i)),
  );
  if ((from / BATCH) % 25 === 0) console.info(`[seed] ${from + size} / ${total} customers`);
}
if (bigOrders > 0) insertBundles(db, [syntheticCustomer(random, 999_999, { orders: bigOrders })]);
console.info(
  `[seed] done: ${total} customers${bigOrders ? ` + one with ${bigOrders} orders` : ""} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${values.db}`,
);
db.$client.close();
