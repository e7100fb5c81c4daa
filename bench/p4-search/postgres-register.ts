import { insertBundles } from "../../apps/bff/src/db/insert-bundles.ts";
import { poolEngine } from "../../apps/bff/src/db/postgres/engine.ts";
import { openPostgres } from "../../apps/bff/src/db/postgres/open.ts";
import { organisations } from "../../apps/bff/src/db/schema.ts";
import { createRandom, DEMO_ORGANISATIONS, syntheticCustomer } from "../../apps/bff/src/db/synthetic.ts";
import { formatNumber } from "../lib/stats.ts";

/*
 * P4 on PostgreSQL (issue 16): the same search data as `seed-large --only-search-data` writes into SQLite (the same
 * random stream, so the same 1,000,000 customers, names and organisation roles, in the same order), in a database
 * kept on the server as the template each run copies, as the SQLite side keeps its file in var/bench.
 */

const BATCH = 10_000;

const settings = (url: string) => ({
  url,
  poolSize: 2,
  statementTimeoutMs: 0,
  idleInTransactionMs: 0,
  ssl: "disable" as const,
});

const withDatabase = (url: string, name: string) => {
  const own = new URL(url);
  own.pathname = `/${name}`;
  return own.toString();
};

/** Runs `fn` with a connection to the database `url` names (the bench has no drizzle of its own: plain SQL). */
async function onServer<T>(url: string, fn: (query: (text: string) => Promise<unknown[]>) => Promise<T>) {
  const engine = poolEngine(settings(url));
  try {
    return await fn(async (text) => (await engine.query(text, [], false)).rows);
  } finally {
    await engine.end();
  }
}

/**
 * The template database of the search data for `customers` customers under `key`, seeded when the server does not
 * have it yet; its name. The GIN trigram index is dropped for the load and built once at the end (as the SQLite
 * side rebuilds its FTS index once), the customers' search documents still written by the triggers row by row, and
 * the tables analysed, so the planner knows how common a trigram is.
 */
export async function ensurePostgresRegister(
  adminUrl: string,
  { customers, key, log }: { customers: number; key: string; log: (m: string) => void },
): Promise<string> {
  const name = `tietoni_bench_p4_${key}`;
  const exists = await onServer(adminUrl, (query) => query(`SELECT 1 FROM pg_database WHERE datname = '${name}'`));
  if (exists.length > 0) return name;
  log(`no PostgreSQL register ${name}: seeding ${formatNumber(customers)} customers`);
  const building = `${name}_building`;
  await onServer(adminUrl, async (query) => {
    await query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await query(`CREATE DATABASE "${building}"`);
  });
  const started = performance.now();
  const url = withDatabase(adminUrl, building);
  const db = await openPostgres(settings(url));
  try {
    await db.insert(organisations).values(DEMO_ORGANISATIONS).onConflictDoNothing();
    await onServer(url, (query) => query("DROP INDEX customer_search_trgm"));
    const random = createRandom(7);
    for (let from = 0; from < customers; from += BATCH) {
      const size = Math.min(BATCH, customers - from);
      // The customers and their organisation roles only, as --only-search-data; the rest is drawn and dropped so
      // the random stream stays the same.
      const bundles = Array.from({ length: size }, (_, i) => syntheticCustomer(random, 1_000_000 + from + i)).map(
        (b) => ({ ...b, ips: [], orders: [], lines: [], invoices: [], billing: null, sources: [] }),
      );
      await db.transaction((tx) => insertBundles(tx, bundles));
      if ((from / BATCH) % 10 === 0 || from + size === customers) log(`[seed pg] ${from + size} / ${customers}`);
    }
    const indexing = performance.now();
    await onServer(url, async (query) => {
      // As drizzle-pg 0003_search_trgm creates it.
      await query("CREATE INDEX customer_search_trgm ON customer_search_docs USING gin (search_text gin_trgm_ops)");
      await query("ANALYZE");
    });
    log(
      `seeded PostgreSQL in ${((performance.now() - started) / 1000).toFixed(0)} s (the trigram index and ANALYZE ${((performance.now() - indexing) / 1000).toFixed(0)} s of it)`,
    );
  } finally {
    await db.close();
  }
  await onServer(adminUrl, (query) => query(`ALTER DATABASE "${building}" RENAME TO "${name}"`));
  return name;
}

/** A copy of the template database `template` for one run (the run writes sessions and audit entries); its URL. */
export async function copyPostgresRegister(
  adminUrl: string,
  template: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tietoni_bench_p4_run_${process.pid}_${Date.now()}`;
  await onServer(adminUrl, (query) => query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: withDatabase(adminUrl, name),
    drop: () => onServer(adminUrl, (query) => query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
