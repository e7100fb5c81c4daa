import Database from "better-sqlite3";
import { recordAudit } from "../../apps/bff/src/services/audit.ts";
import { explainSearch, searchCustomers } from "../../apps/bff/src/services/customer-search.ts";
import { createStaffApp } from "../../apps/bff/src/staff-app.ts";
import { answer, listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";
import { percentile } from "../lib/stats.ts";

/*
 * P4's server: the BFF's staff app over the register at argv[3] (config from the bench folder argv[2]), plus
 * the same search called in-process (no HTTP, no session, no audit) and the cost of one audit append alone.
 */
const [dir, databasePath] = process.argv.slice(2);
if (!dir || !databasePath) throw new Error("usage: server.ts DIR DATABASE_PATH");
const deps = await benchDeps(dir, { DATABASE_PATH: databasePath });
const { db } = deps;
const app = createStaffApp(deps);

const timed = async (fn: () => unknown) => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};
// The baselines (the old LIKE scan, the id sample) read the file directly, beside the BFF's data port.
const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });

answer({
  /** The service-level search: `rounds` passes over the mix, one call at a time; the first pass warms up. */
  service: async (argument) => {
    const { queries, rounds } = argument as { queries: string[]; rounds: number };
    for (const q of queries) await searchCustomers(db, q);
    const all: number[] = [];
    const perQuery: Record<string, { hits: number; p50: number; max: number }> = {};
    const byQuery = new Map<string, number[]>(queries.map((q) => [q, []]));
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const ms = await timed(() => searchCustomers(db, q));
        all.push(ms);
        byQuery.get(q)?.push(ms);
      }
    }
    for (const [q, times] of byQuery) {
      times.sort((a, b) => a - b);
      perQuery[q] = {
        hits: (await searchCustomers(db, q)).length,
        p50: percentile(times, 0.5),
        max: times.at(-1) ?? 0,
      };
    }
    all.sort((a, b) => a - b);
    return { p50: percentile(all, 0.5), p95: percentile(all, 0.95), perQuery };
  },
  plan: (argument) => explainSearch(db, argument as string),
  /** One search, timed, with its hit count: for queries outside the mix (a rare two-letter word). */
  once: async (argument) => {
    let hits = 0;
    const ms = await timed(async () => {
      hits = (await searchCustomers(db, argument as string)).length;
    });
    return { ms, hits };
  },
  /** The LIKE scan the index replaced (before migration 0005), once per query: its time and its plan. */
  like: async (argument) => {
    const query = argument as string;
    const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    const rule = words
      .map(
        () => `(lower(c.first_name) LIKE ? ESCAPE '\\' OR lower(c.last_name) LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM organisation_roles r JOIN organisations o ON o.id = r.organisation_id
                     WHERE r.customer_id = c.id AND lower(o.name) LIKE ? ESCAPE '\\'))`,
      )
      .join(" AND ");
    const params = words.flatMap((w) => {
      const escaped = w.replace(/[\\%_]/g, (ch) => `\\${ch}`);
      return [`${escaped}%`, `${escaped}%`, `%${escaped}%`, `%${escaped}%`];
    });
    const sql = `SELECT c.id FROM customers c WHERE c.anonymised_at IS NULL AND ${rule} ORDER BY c.last_name, c.first_name LIMIT 50`;
    const statement = sqlite.prepare(sql);
    const ms = await timed(() => statement.all(...params));
    const plan = sqlite
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail);
    return { ms, plan };
  },
  /** One audit append, as every audited request makes it (synchronous = FULL: a commit waits for the disk). */
  audit: async (argument) => {
    const times: number[] = [];
    for (let i = 0; i < (argument as number); i++) {
      times.push(
        await timed(() =>
          recordAudit(
            db,
            {
              actor: { type: "staff", id: "staff-agent", role: "agent" },
              action: "customer.search",
              detail: { resultIds: [] },
              ip: "127.0.0.1",
            },
            Date.now(),
          ),
        ),
      );
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
  },
  /** `n` customer ids spread over the register, for the primary-key baseline. */
  ids: (argument) =>
    sqlite
      .prepare<[number], { id: string }>(
        "SELECT id FROM customers WHERE anonymised_at IS NULL AND rowid % ? = 7 ORDER BY rowid LIMIT 500",
      )
      .all(
        Math.max(
          1,
          Math.floor(
            (sqlite.prepare<[], { n: number }>("SELECT max(rowid) AS n FROM customers").get()?.n ?? 1) /
              (argument as number),
          ),
        ),
      )
      .map((r) => r.id),
});

ready({ port: await listen(app.fetch) });
