import type { SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";

/*
 * The data port (decision 008): the only way services, routes and test helpers reach the database. Every call
 * returns a promise and transactions are `await db.transaction(async (tx) => …)`, so the same service code runs on
 * an engine whose driver is asynchronous. Drizzle stays the query builder; no driver type appears here.
 */

/** The database engines the port runs on (issue 16). */
export type Engine = "sqlite" | "postgres";

/** What `.run()` answers: how many rows the statement changed. */
export type RunResult = { changes: number };

/** Drizzle's query builders (select, insert, update, delete, `$count`…), each awaited, plus raw SQL. */
export type Queries = Omit<BaseSQLiteDatabase<"async", RunResult>, "transaction" | "run" | "all" | "get" | "values"> & {
  /**
   * Issue 16: the engine underneath. The services' SQL is the same on both (drizzle's SQLite builder; hand-written
   * SQL portable); the few fragments that differ are chosen by this, through db/dialect.ts.
   */
  readonly engine: Engine;
  /** Raw SQL (drizzle's `sql` template) whose rows come back as objects keyed by column alias. */
  rows<R>(query: SQL): Promise<R[]>;
  row<R>(query: SQL): Promise<R | undefined>;
  exec(query: SQL): Promise<RunResult>;
};

declare const inTransaction: unique symbol;

/**
 * A handle inside a write transaction. Functions that must run inside one (an audit entry with the change it
 * records, a queued mail with the decision it announces) take a `Tx`, so passing the bare `Db` fails to compile.
 */
export type Tx = Queries & {
  readonly [inTransaction]: true;
  /** A nested transaction: a savepoint, rolled back alone if `fn` throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` once the transaction has committed (never if it rolls back): what must not leave the process before
   * the change is durable, such as mail announcing it. Errors in `fn` are logged, never thrown into the caller.
   * `fn` gets the port, for work that needs a transaction of its own afterwards (clearing an erasure's traces).
   */
  afterCommit(fn: (db: Db) => void | Promise<void>): void;
};

export type TransactionOptions = {
  /**
   * "relaxed" commits without waiting for the disk: for counters a power cut may forget (decision 007), never for
   * anything acknowledged to a person.
   */
  durability?: "full" | "relaxed";
};

export type ReadOptions = Record<string, never>;

/**
 * What `clearTraces` did: `now` when the WAL was checkpointed and truncated at once (PostgreSQL: the tables
 * vacuumed); `deferred` when an open long snapshot (an export) still read older frames (PostgreSQL: could still see
 * the old row versions), so it waited for the last one to close (`waitedMs`); `closed` when the database was closed
 * first (closing checkpoints and removes the WAL itself; on PostgreSQL autovacuum comes later).
 */
export type TracesCleared =
  | { outcome: "now" }
  | { outcome: "deferred"; waitedMs: number; attempts: number }
  | { outcome: "closed" };

/**
 * One of `limit` slots named `name` (issue 16: "export and download slots are per database"), held by a snapshot
 * while it is open. SQLite counts them in the port (one process owns the file); PostgreSQL holds one session
 * advisory lock per slot on the snapshot's own connection, so the cap holds across every instance on the database
 * and a slot is free again the moment its snapshot ends, its connection dies or its instance crashes.
 */
export type SnapshotSlot = { name: string; limit: number };

/**
 * A long read-only snapshot on a connection of its own (the streamed export, the audit verification): every read
 * sees one moment. Rows come a batch at a time, so the per-row work stays synchronous inside a batch (decision
 * 005: the export's hot loop) while the driver may answer asynchronously between batches (PostgreSQL's cursor).
 * The SQL is written by hand and portable: aliases in double quotes, as PostgreSQL folds bare ones to lower case.
 */
export type Snapshot = {
  get<R>(sql: string, ...params: unknown[]): Promise<R | undefined>;
  /**
   * The statement's rows in order, in batches of at most `SNAPSHOT_BATCH_ROWS`; one statement at a time. Ending
   * the loop early (break, throw, `return()`) ends the statement.
   */
  batches<R>(sql: string, ...params: unknown[]): AsyncGenerator<R[], void, undefined>;
  /** Ends the snapshot and frees its slots; safe to call twice. End a `batches` loop first. */
  close(): Promise<void>;
};

/** What `exclusive` did: ran `fn` and got its value, or skipped it because another holder was running it. */
export type Exclusive<T> = { ran: true; value: T } | { ran: false };

/** Rows per batch a snapshot hands over: a few hundred microseconds of the export's work each. */
export const SNAPSHOT_BATCH_ROWS = 256;

/** Why a snapshot with slots was refused: the first slot that was full. */
export type SlotsFull = { full: string };

export type Db = Queries & {
  /** Runs `fn` in one write transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs several reads on one consistent snapshot. Cheaper than separate reads as well: one lock instead of one
   * per query (bench P1). The handle is the same on every call, so queries prepared on it stay prepared.
   */
  read<T>(fn: (r: Queries) => Promise<T>, options?: ReadOptions): Promise<T>;
  /** Opens a long snapshot (see `Snapshot`). */
  openSnapshot(): Promise<Snapshot>;
  /** …taking the slots in order; refused, holding none, when one of them is full. */
  openSnapshot(options: { slots: readonly SnapshotSlot[] }): Promise<Snapshot | SlotsFull>;
  /**
   * Issue 14 C: moves every committed page into the main file and truncates the write-ahead log, so no old frame
   * (a deleted row's page as it was before) stays on disk. Never waits on a lock: while a long snapshot holds
   * older frames it resolves only once the last snapshot has closed and a retry succeeded. On PostgreSQL: VACUUM of
   * the tables an erasure touches, once no snapshot that began before it is open (docs/security.md).
   */
  clearTraces(): Promise<TracesCleared>;
  /**
   * Resolves once no write transaction runs or waits and every after-commit task started so far has finished: for
   * tests, whose requests leave work running after the answer (a sign-in code is issued after "sent").
   */
  settled(): Promise<void>;
  /**
   * Issue 16: runs `fn` unless another holder of the lock `name` is running it now, and says whether it ran — one
   * round of a scheduled job on one instance at a time, the others skipping theirs. On PostgreSQL every instance on
   * the database sees the lock (a session advisory lock on a connection of its own); on SQLite one server process
   * owns the file, so it is this process's (the CLIs beside it are kept right by the jobs' own rules: the retention
   * lease, one writer at a time).
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<Exclusive<T>>;
  /** Throws when the database cannot take writes now (missing, locked, read-only, full): the health check. */
  ping(): Promise<void>;
  /** The reason when `err` means the database is unavailable (answer 503, nothing changed), else null. */
  unavailableReason(err: unknown): string | null;
  close(): Promise<void>;
};
