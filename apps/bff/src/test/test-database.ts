import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase } from "../db/client.ts";
import type { Db } from "../db/port.ts";
import { openPostgres } from "../db/postgres/open.ts";

/*
 * Issue 16: the BFF suite runs once per engine (vitest projects `bff` and `bff-pg`). On PostgreSQL each test
 * register is a database of its own, created with `CREATE DATABASE … TEMPLATE` from the one database the run
 * migrated (test/pg-global-setup.ts), so a register costs a file copy instead of a migration; the run's databases
 * are dropped at its end.
 */

export type TestEngine = "sqlite" | "postgres";

/** The engine of this test run. */
export const testEngine: TestEngine = process.env.TIETONI_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

/** The server the run uses, and the template database it migrated (provided by the global setup). */
export function postgresRun(): { adminUrl: string; template: string; prefix: string } {
  const run = inject("tietoniPostgres" as never) as { adminUrl: string; template: string; prefix: string } | undefined;
  if (!run) throw new Error("the PostgreSQL test run has no template database (test/pg-global-setup.ts)");
  return run;
}

let counter = 0;

/** A new, migrated, empty database of this run; its URL. */
export async function createTestPostgresDatabase(): Promise<string> {
  const { adminUrl, template, prefix } = postgresRun();
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

/**
 * A fresh register for a test on this run's engine: the SQLite file `file`, or a new PostgreSQL database. The
 * settings a test passes to parseEnv to describe it come back in `env`.
 */
export async function openTestDatabase(file: string): Promise<{ db: Db; env: Record<string, string> }> {
  if (testEngine === "sqlite") return { db: await openDatabase(file), env: { DATABASE_PATH: file } };
  const url = await createTestPostgresDatabase();
  const db = await openPostgres({
    url,
    poolSize: 4,
    statementTimeoutMs: 60_000,
    idleInTransactionMs: 0,
    ssl: "disable",
  });
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
  return openPostgres({
    url: env.databaseUrl,
    poolSize: 4,
    statementTimeoutMs: 60_000,
    idleInTransactionMs: 0,
    ssl: "disable",
  });
}

/**
 * Whether this run can open a second port on a test register (`openSecondPort`): a SQLite file and a PostgreSQL
 * server can; an embedded PostgreSQL in the test's process cannot. A test that needs it says, in its name,
 * "skipped: no PostgreSQL server", and is skipped without one.
 */
export function severalConnections(): boolean {
  if (testEngine === "sqlite") return true;
  const run = postgresRun();
  return !("kind" in run && run.kind === "pglite");
}
