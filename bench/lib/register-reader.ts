import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type BetterSqlite3 from "better-sqlite3";
import type { Db, Snapshot } from "../../apps/bff/src/db/port.ts";
import { postgresPort } from "../../apps/bff/src/db/postgres/client.ts";
import { poolEngine } from "../../apps/bff/src/db/postgres/engine.ts";
import { numberedPlaceholders } from "../../apps/bff/src/db/postgres/statements.ts";
import { type ChainVerdict, verifyAuditChain } from "../../apps/bff/src/services/audit.ts";

/*
 * Issue 16: the crash and load tests read the register of the server they drive, from outside it and without
 * writing to it, on either engine: the SQLite file read-only (opening the port would migrate and checkpoint the file
 * under test), or the PostgreSQL database through a small pool of its own. Their SQL is written with `?` markers,
 * as the services' is, and numbered for PostgreSQL here.
 */

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../apps/bff");
// better-sqlite3 is the BFF's dependency, not the root's: resolve it from there.
const Database = createRequire(path.join(bffDir, "package.json"))("better-sqlite3") as typeof BetterSqlite3;

export type RegisterReader = {
  all<R>(text: string, ...params: unknown[]): Promise<R[]>;
  /** SQLite's `PRAGMA integrity_check`; null on PostgreSQL, whose own recovery owns its files. */
  integrity(): Promise<string | null>;
  verifyChain(): Promise<ChainVerdict>;
  close(): Promise<void>;
};

/** Where the register under test is: a SQLite file, or a PostgreSQL database. */
export type RegisterLocation = { databasePath: string } | { databaseUrl: string };

export function openRegisterReader(at: RegisterLocation): RegisterReader {
  if ("databaseUrl" in at) {
    const engine = poolEngine({
      url: at.databaseUrl,
      poolSize: 2,
      statementTimeoutMs: 0,
      idleInTransactionMs: 0,
      ssl: "disable",
      applicationName: "tietoni-bench-reader",
    });
    const port = postgresPort(engine);
    return {
      all: async <R>(text: string, ...params: unknown[]) =>
        (await engine.query(numberedPlaceholders(text), params, false)).rows as R[],
      integrity: async () => null,
      verifyChain: () => verifyAuditChain(port),
      close: () => port.close(),
    };
  }
  const sqlite = new Database(at.databasePath, { readonly: true, fileMustExist: true });
  return {
    all: async <R>(text: string, ...params: unknown[]) => sqlite.prepare(text).all(...params) as R[],
    integrity: async () => String(sqlite.pragma("integrity_check", { simple: true })),
    verifyChain: () => {
      // verifyAuditChain reads only through a snapshot; this read-only handle stands in for one, so the check
      // cannot write.
      const snapshot: Snapshot = {
        get: async (sql, ...params) => sqlite.prepare(sql).get(...params) as never,
        // One batch of every row: the crash and load tests' registers are small.
        batches: async function* (sql, ...params) {
          yield sqlite.prepare(sql).all(...params) as never;
        },
        close: async () => {},
      };
      return verifyAuditChain({ engine: "sqlite", openSnapshot: async () => snapshot } as unknown as Db);
    },
    close: async () => {
      sqlite.close();
    },
  };
}

/**
 * A new, empty database on the PostgreSQL server `serverUrl` names (its own database is only connected to, never
 * changed), for one run; `drop()` removes it.
 */
export async function scratchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  const admin = poolEngine({
    url: serverUrl,
    poolSize: 1,
    statementTimeoutMs: 0,
    idleInTransactionMs: 0,
    ssl: "disable",
  });
  await admin.query(`CREATE DATABASE "${name}"`, [], false);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = poolEngine({
        url: serverUrl,
        poolSize: 1,
        statementTimeoutMs: 0,
        idleInTransactionMs: 0,
        ssl: "disable",
      });
      try {
        await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, [], false);
      } finally {
        await again.end();
      }
    },
  };
}
