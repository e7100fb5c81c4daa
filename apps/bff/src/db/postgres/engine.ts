import fs from "node:fs";
import pg from "pg";

/*
 * Issue 16: what the PostgreSQL port needs of a database connection, so the same port runs on a server (a
 * node-postgres pool) and, in tests on a machine without a server, on PGlite (PostgreSQL compiled to WebAssembly,
 * in process). A session is one connection held for a transaction; `query` outside one takes any connection.
 */

export type QueryResult = { rows: unknown[]; rowCount: number };

export type EngineSession = {
  query(text: string, params: unknown[], arrays: boolean): Promise<QueryResult>;
  /** Returns the connection to the pool; with an error, the connection is discarded instead. */
  release(error?: Error): void;
};

export type PgEngine = {
  query(text: string, params: unknown[], arrays: boolean): Promise<QueryResult>;
  session(): Promise<EngineSession>;
  /**
   * A connection outside the pool, ended (not returned) by `release`: for a long snapshot (the export), which
   * holds its connection for a whole download and must not starve the pool the requests share.
   */
  dedicated(): Promise<EngineSession>;
  end(): Promise<void>;
};

/** The application_name of a long snapshot's connection, by which `clearTraces` finds them on every instance. */
export const SNAPSHOT_APPLICATION_NAME = "tietoni snapshot";

// bigint (int8) and numeric arrive from PostgreSQL as strings, to be exact beyond 2^53. Every integer the register
// stores (UTC milliseconds, cents, counts, sequence numbers) is far below that, and SQLite hands them over as numbers:
// parse them so both engines answer the same values. `sum()` of bigint is numeric.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

export type PoolSettings = {
  url: string;
  poolSize: number;
  /** Milliseconds a statement may run before the server cancels it (0: no limit). */
  statementTimeoutMs: number;
  /** Milliseconds a session may sit idle inside a transaction (the export's snapshot) before the server ends it. */
  idleInTransactionMs: number;
  /** TLS to the server: `disable`, `require` (encrypted, certificate not checked) or `verify-full`. */
  ssl: "disable" | "require" | "verify-full";
  /** PEM file of the CA that signed the server's certificate (verify-full). */
  sslCaFile?: string;
  applicationName?: string;
};

function sslOption(settings: PoolSettings): pg.PoolConfig["ssl"] {
  if (settings.ssl === "disable") return false;
  if (settings.ssl === "require") return { rejectUnauthorized: false };
  return {
    rejectUnauthorized: true,
    ...(settings.sslCaFile ? { ca: fs.readFileSync(settings.sslCaFile, "utf8") } : {}),
  };
}

/** A node-postgres pool with the register's session settings on every connection. */
export function poolEngine(settings: PoolSettings): PgEngine & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    ssl: sslOption(settings),
    types,
    statement_timeout: settings.statementTimeoutMs || undefined,
    idle_in_transaction_session_timeout: settings.idleInTransactionMs || undefined,
    application_name: settings.applicationName ?? "tietoni",
    // Never wait forever for a connection: a request gets 503 instead (surface.ts, unavailableReason).
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection the server dropped (a restart, a failover) is discarded by the pool; without a listener
  // the 'error' event would end the process.
  pool.on("error", () => {});
  const run = (client: pg.Pool | pg.PoolClient | pg.Client, text: string, params: unknown[], arrays: boolean) =>
    client
      .query({ text, values: params, ...(arrays ? { rowMode: "array" as const } : {}) })
      .then((r) => ({ rows: r.rows as unknown[], rowCount: r.rowCount ?? 0 }));
  return {
    pool,
    query: (text, params, arrays) => run(pool, text, params, arrays),
    async session() {
      const client = await pool.connect();
      return {
        query: (text, params, arrays) => run(client, text, params, arrays),
        release: (error) => client.release(error ?? false),
      };
    },
    async dedicated() {
      // The pool's settings (statement and idle-in-transaction timeouts, TLS, type parsers), one connection.
      const client = new pg.Client({ ...pool.options, application_name: SNAPSHOT_APPLICATION_NAME });
      // A connection the server ends (idle_in_transaction_session_timeout, a restart) fails its next query; without
      // a listener the 'error' event would end the process.
      client.on("error", () => {});
      await client.connect();
      return {
        query: (text, params, arrays) => run(client, text, params, arrays),
        release: () => {
          client.end().catch(() => {});
        },
      };
    },
    end: () => pool.end(),
  };
}
