import os from "node:os";
import type { Env } from "../env.ts";
import { openDatabase } from "./client.ts";
import type { Db } from "./port.ts";
import { openPostgres } from "./postgres/open.ts";

/** Issue 16: the register the settings name: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export function openRegister(
  env: Pick<
    Env,
    | "databasePath"
    | "databaseUrl"
    | "DATABASE_POOL_SIZE"
    | "DATABASE_STATEMENT_TIMEOUT_MS"
    | "databaseSsl"
    | "DATABASE_SSL_CA"
    | "EXPORT_IDLE_SECONDS"
  >,
): Promise<Db> {
  if (!env.databaseUrl) return openDatabase(env.databasePath);
  return openPostgres({
    url: env.databaseUrl,
    poolSize: env.DATABASE_POOL_SIZE,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    // A session idle inside a transaction (an export whose reader stopped reading) is ended by the server soon after
    // the app's own idle cut-off (EXPORT_IDLE_SECONDS), so a crashed instance cannot pin old row versions for long.
    idleInTransactionMs: (env.EXPORT_IDLE_SECONDS + 30) * 1000,
    ssl: env.databaseSsl,
    sslCaFile: env.DATABASE_SSL_CA,
    // Issue 16: each instance's connections name it, so `pg_stat_activity` lists the instances running on the
    // database (stop them all before a restore: docs/deployment.md); the server forgets a crashed one's at once.
    applicationName: `tietoni ${os.hostname()}:${process.pid}`,
  });
}

/** Which engine a port runs on, for the few places that must differ (reports, tests). */
export const engineOf = (env: Pick<Env, "databaseUrl">): "sqlite" | "postgres" =>
  env.databaseUrl ? "postgres" : "sqlite";
