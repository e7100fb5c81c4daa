import Database from "better-sqlite3";
import { poolEngine } from "../../apps/bff/src/db/postgres/engine.ts";
import { recordAudit } from "../../apps/bff/src/services/audit.ts";
import { explainSearch, searchCustomers } from "../../apps/bff/src/services/customer-search.ts";
import { createStaffApp } from "../../apps/bff/src/staff-app.ts";
import { answer, listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";
import { percentile } from "../lib/stats.ts";

/*
 * P4's server: the BFF's staff app over the register at argv[3] (config from the bench folder argv[2]), or over
 * the PostgreSQL database DATABASE_URL names (issue 16), plus the same search called in-process (no HTTP, no
 * session, no audit) and the cost of one audit append alone.
 */
const [dir, databasePath] = process.argv.slice(2);
if (!dir || !databasePath) throw new Error("usage: server.ts DIR DATABASE_PATH");
const databaseUrl = process.env.DATABASE_URL;
const deps = await benchDeps(dir, {
  DATABASE_PATH: databasePath,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const { db } = deps;
const app = createStaffApp(deps);

const timed = async (fn: () => unknown) => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

/** The baselines (the old LIKE scan, the id sample) read the database directly, beside the BFF's data port. */
type Direct = {
  all<R>(text: string, params: unknown[]): Promise<R[]>;
  plan(text: string, params: unknown[]): Promise<string[]>;
};
function sqliteDirect(file: string): Direct {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  return {
    all: async <R>(text: string, params: unknown[]) => sqlite.prepare<unknown[], R>(text).all(...params),
    plan: async (text, params) =>
      sqlite
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${text}`)
        .all(...params)
        .map((r) => r.detail),
  };
}
function postgresDirect(url: string): Direct {
  const engine = poolEngine({ url, poolSize: 1, statementTimeoutMs: 0, idleInTransactionMs: 0, ssl: "disable" });
  let n = 0;
  // `?` placeholders numbered as PostgreSQL wants them.
  const numbered = (text: string) => text.replace(/\?/g, () => `$${++n}`);
  const run = async (text: string, params: unknown[]) => {
    n = 0;
    return (await engine.query(numbered(text), params, false)).rows;
  };
  return {
    all: async <R>(text: string, params: unknown[]) => (await run(text, params)) as R[],
    plan: async (text, params) =>
      ((await run(`EXPLAIN (COSTS OFF) ${text}`, params)) as { "QUERY PLAN": string }[]).map((r) =>
        r["QUERY PLAN"].trim(),
      ),
  };
}
const direct = databaseUrl ? postgresDirect(databaseUrl) : sqliteDirect(databasePath);
// PostgreSQL's LIKE is case-sensitive (SQLite's folds A–Z): the e-mail is compared lower-cased there, as the
// search itself does.
const email = databaseUrl ? "lower(c.email)" : "c.email";

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
        () => `(lower(c.first_name) LIKE ? ESCAPE '\\' OR lower(c.last_name) LIKE ? ESCAPE '\\' OR ${email} LIKE ? ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM organisation_roles r JOIN organisations o ON o.id = r.organisation_id
                     WHERE r.customer_id = c.id AND lower(o.name) LIKE ? ESCAPE '\\'))`,
      )
      .join(" AND ");
    const params = words.flatMap((w) => {
      const escaped = w.replace(/[\\%_]/g, (ch) => `\\${ch}`);
      return [`${escaped}%`, `${escaped}%`, `%${escaped}%`, `%${escaped}%`];
    });
    const sql = `SELECT c.id FROM customers c WHERE c.anonymised_at IS NULL AND ${rule} ORDER BY c.last_name, c.first_name LIMIT 50`;
    const ms = await timed(() => direct.all(sql, params));
    return { ms, plan: await direct.plan(sql, params) };
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
  ids: async (argument) => {
    const [last] = await direct.all<{ n: number | string }>("SELECT max(rowid) AS n FROM customers", []);
    const every = Math.max(1, Math.floor(Number(last?.n ?? 1) / (argument as number)));
    const rows = await direct.all<{ id: string }>(
      "SELECT id FROM customers WHERE anonymised_at IS NULL AND rowid % ? = 7 ORDER BY rowid LIMIT 500",
      [every],
    );
    return rows.map((r) => r.id);
  },
});

ready({ port: await listen(app.fetch) });
