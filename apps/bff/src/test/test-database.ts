import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase } from "../db/client.ts";
import type { Db } from "../db/port.ts";
import { postgresPort } from "../db/postgres/client.ts";
import { openPostgres, PERSONAL_TABLES } from "../db/postgres/open.ts";
import type { PostgresRun } from "./pg-global-setup.ts";
import { createPglite, pgliteEngine } from "./pglite-engine.ts";

/*
 * Issue 16: the BFF suite runs once per engine (vitest projects `bff` and `bff-pg`). On PostgreSQL each test
 * register is a database of its own, created with `CREATE DATABASE … TEMPLATE` from the one database the run
 * migrated (test/pg-global-setup.ts), so a register costs a file copy instead of a migration; the run's databases
 * are dropped at its end. Where no server runs, each register is an embedded PGlite loaded from the run's migrated
 * dump instead.
 */

export type TestEngine = "sqlite" | "postgres";

/** The engine of this test run. */
export const testEngine: TestEngine = process.env.TIETONI_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

/**
 * The run's server and template (provided by the global setup): a database on the server, or, in a PGlite run, a
 * dump (`kind: "pglite"`, where `adminUrl` names the server that did not answer).
 */
export function postgresRun(): PostgresRun {
  const run = inject("tietoniPostgres" as never) as PostgresRun | undefined;
  if (!run) throw new Error("the PostgreSQL test run has no template (test/pg-global-setup.ts)");
  return run;
}

/** The URL a PGlite register's settings carry: it says "PostgreSQL", and anything that tries to connect fails at once. */
const PGLITE_URL = "postgres://pglite.invalid/embedded";

/**
 * Whether the `bff-pg` run has a PostgreSQL server (false on PGlite, and in the SQLite run). A test that needs one
 * (several connections or processes on one database) is skipped without it, saying so:
 * `it.skipIf(!postgresServer)("… (skipped: no PostgreSQL server)", …)`.
 */
export const postgresServer: boolean = testEngine === "postgres" && postgresRun().kind === "server";

/** The reason a test that needs a server gives when the run has none. */
export const NO_POSTGRES_SERVER = "skipped: no PostgreSQL server";

/**
 * True in a PGlite run (no server), after saying which tests it skips: for tests that need several connections or a
 * server's tools (`describe.skipIf(needsPostgresServer("the snapshot slots' tests"))(…)`). They run on SQLite as ever.
 */
export function needsPostgresServer(what: string): boolean {
  const skip = testEngine === "postgres" && !postgresServer;
  if (skip) console.info(`${what}: ${NO_POSTGRES_SERVER}`);
  return skip;
}

let counter = 0;

/** A new, migrated, empty database of this run on the server; its URL. */
export async function createTestPostgresDatabase(): Promise<string> {
  const run = postgresRun();
  if (run.kind !== "server") throw new Error(`a database on a server: ${NO_POSTGRES_SERVER}`);
  const { adminUrl, template, prefix } = run;
  const name = `${prefix}_${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Two workers copying the template at once: PostgreSQL refuses a template with other sessions on it, and
    // CREATE DATABASE itself opens one. Retry a few times on that refusal.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/is being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 25));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

let pgliteTemplate: Blob | undefined;

/** A new, migrated, empty register on PGlite, loaded from the run's dump (read once per test process). */
export async function openPgliteRegister(): Promise<Db> {
  const run = postgresRun();
  if (run.kind !== "pglite") throw new Error("this run has a PostgreSQL server: use createTestPostgresDatabase");
  pgliteTemplate ??= new Blob([fs.readFileSync(run.templateFile)]);
  const engine = pgliteEngine(await createPglite(pgliteTemplate));
  return postgresPort(engine, { vacuumTables: PERSONAL_TABLES });
}

/**
 * A new, empty, migrated PostgreSQL register of this run (on the server, or PGlite without one), and the settings
 * that describe it.
 */
export async function openTestPostgres(): Promise<{ db: Db; url: string }> {
  if (postgresRun().kind === "pglite") return { db: await openPgliteRegister(), url: PGLITE_URL };
  const url = await createTestPostgresDatabase();
  return { db: await openTestPort(url), url };
}

/**
 * A fresh register for a test on this run's engine: the SQLite file `file`, or a new PostgreSQL database. The
 * settings a test passes to parseEnv to describe it come back in `env`.
 */
export async function openTestDatabase(file: string): Promise<{ db: Db; env: Record<string, string> }> {
  if (testEngine === "sqlite") return { db: await openDatabase(file), env: { DATABASE_PATH: file } };
  const { db, url } = await openTestPostgres();
  // The SQLite file's folder still holds the register's neighbours (imports, mail); the path names no file.
  return { db, env: { DATABASE_PATH: path.join(path.dirname(file), "unused.sqlite"), DATABASE_URL: url } };
}

/**
 * A second port on a register `openTestDatabase` opened (its `env`): what another instance of the BFF on the same
 * database opens — the SQLite file's own connections, or a pool of its own on the PostgreSQL database.
 */
export async function openSecondPort(env: { databasePath: string; databaseUrl?: string | undefined }): Promise<Db> {
  if (testEngine === "sqlite") return openDatabase(env.databasePath);
  if (!env.databaseUrl) throw new Error("a PostgreSQL test register without a URL");
  return openTestPort(env.databaseUrl);
}

/** A pool on a test register on the server: what one instance of the BFF keeps, with the test run's limits. */
function openTestPort(url: string): Promise<Db> {
  return openPostgres({ url, poolSize: 4, statementTimeoutMs: 60_000, idleInTransactionMs: 0, ssl: "disable" });
}
