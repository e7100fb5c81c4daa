import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzleSync } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { log } from "../observability/logger.ts";
import { migrationsFolder } from "../paths.ts";
import { groupCommit } from "./group-commit.ts";
import {
  type Db,
  type Exclusive,
  type Queries,
  type ReadOptions,
  type SlotsFull,
  SNAPSHOT_BATCH_ROWS,
  type Snapshot,
  type SnapshotSlot,
  type TracesCleared,
  type TransactionOptions,
  type Tx,
} from "./port.ts";
import { pingDatabase, unavailableReason } from "./sqlite-errors.ts";

/*
 * The SQLite side of the data port (decision 008). better-sqlite3 runs each statement synchronously and cannot keep
 * a transaction open across an `await`, so the port serialises what the driver cannot:
 *   - one writer connection; a transaction holds it (an async mutex) from BEGIN IMMEDIATE to COMMIT, so no other
 *     statement ever runs inside, or reads, another caller's uncommitted transaction (decision 015: transactions
 *     that arrive together share that BEGIN and COMMIT, each in a savepoint of its own; db/group-commit.ts);
 *   - one reader connection for reads outside transactions (WAL: it sees the last commit, never a write in flight),
 *     which `read()` also holds for a consistent snapshot of several queries;
 *   - a connection of its own for each long snapshot (the export).
 * Drizzle builds the SQL (its async "proxy" flavour); statements are prepared once per connection and reused.
 */

// Address space, not memory: the OS pages the file in as it is read. Larger registers map their first 1 GiB.
const READER_MMAP_BYTES = 2 ** 30;

type Method = "run" | "all" | "values" | "get";
type Statement = Database.Statement<unknown[]>;

/** A FIFO async mutex; taking a free one is synchronous, so an uncontended statement never waits a tick. */
class Mutex {
  #locked = false;
  #waiters: (() => void)[] = [];
  get locked() {
    return this.#locked;
  }
  tryLock(): boolean {
    if (this.#locked) return false;
    this.#locked = true;
    return true;
  }
  lock(): Promise<void> {
    if (this.tryLock()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
  unlock() {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

// Dynamic statements (IN lists of any length) would grow a cache without end; past this many it starts over.
const MAX_CACHED_STATEMENTS = 1_000;

/** One better-sqlite3 connection with its statement caches (rows as arrays for drizzle, as objects for raw SQL). */
class Connection {
  readonly #arrays = new Map<string, Statement>();
  readonly #objects = new Map<string, Statement>();
  constructor(readonly sqlite: Database.Database) {}

  statement(text: string, arrays: boolean): Statement {
    const cache = arrays ? this.#arrays : this.#objects;
    let statement = cache.get(text);
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = this.sqlite.prepare(text);
      if (arrays && statement.reader) statement.raw(true);
      cache.set(text, statement);
    }
    return statement;
  }

  /** What drizzle's proxy driver expects back: rows as arrays, one row for `get`, the change count for `run`. */
  drizzle(text: string, params: unknown[], method: Method) {
    const statement = this.statement(text, true);
    if (method === "run" || !statement.reader) return { rows: [], changes: statement.run(params).changes };
    if (method === "get") return { rows: statement.get(params) as unknown[] };
    return { rows: statement.all(params) };
  }

  exec(text: string) {
    this.sqlite.exec(text);
  }
}

const dialect = new SQLiteAsyncDialect();

/** Drizzle's query builders over `execute`, plus raw SQL that answers with objects (drizzle's raw answers arrays). */
function queries(
  execute: (text: string, params: unknown[], method: Method) => unknown,
  raw: (query: SQL, method: "all" | "get" | "run") => unknown,
): Queries {
  const db = drizzle(execute as never) as unknown as Queries;
  return Object.assign(db, {
    engine: "sqlite",
    // async, so a failing statement rejects like drizzle's own calls instead of throwing at the call site.
    rows: async (query: SQL) => raw(query, "all"),
    row: async (query: SQL) => raw(query, "get"),
    exec: async (query: SQL) => raw(query, "run"),
  }) as Queries;
}

function rawOn(connection: Connection, query: SQL, method: "all" | "get" | "run") {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const statement = connection.statement(text, false);
  if (method === "run" || !statement.reader) return { changes: statement.run(params).changes };
  return method === "get" ? statement.get(params) : statement.all(params);
}

const BUSY_TIMEOUT_MS = 5000;

function openConnection(file: string, options: Database.Options = {}) {
  const sqlite = new Database(file, options);
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Issue 14 C: a deleted or shrunk row's bytes are overwritten with zeros, in its page and on freed pages, instead
  // of staying readable in the file until the space is reused. A per-connection setting, so on every connection that
  // can write (the writer, the reader's handle, the bulk loader). Not on the read-only snapshots, which never write:
  // there the pragma kept the export's connection from closing cleanly (routes/portal/export-slots.test.ts).
  if (!options.readonly) sqlite.pragma("secure_delete = ON");
  return sqlite;
}

// Issue 14 C: a checkpoint another process's reader kept from finishing is tried again, from 1 s up to 1 min apart.
const TRACES_RETRY_FIRST_MS = 1_000;
const TRACES_RETRY_MAX_MS = 60_000;

/** The file (created if need be) in WAL mode with foreign keys on and every migration applied. */
function openMigrated(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = openConnection(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // FULL: an acknowledged objection, decision or audit entry survives a power cut (decision 004); the bulk loader
  // turns it off again for its own run.
  sqlite.pragma("synchronous = FULL");
  migrate(drizzleSync({ client: sqlite }), { migrationsFolder });
  return sqlite;
}

/**
 * A migrated SQLite file opened for a bulk load through the driver itself (seed-large; db/bulk-insert.ts says why),
 * with durability off: a load that fails is started again from nothing. Only code in db/ uses it.
 */
export function openForBulkLoad(file: string): Database.Database {
  const sqlite = openMigrated(file);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144"); // 256 MiB: the indexes on e-mail and name are written in random order
  return sqlite;
}

// The writer connection behind each port, for the test seams `writerPragma` and `databaseImage` alone.
const writers = new WeakMap<Db, Database.Database>();

/**
 * Runs a PRAGMA on the writer connection of a SQLite port (through the port, every PRAGMA counts as a read and
 * lands on the reader). For the fail-closed tests, which limit the file's size or the lock wait.
 */
export function writerPragma(db: Db, pragma: string): unknown {
  return writerOf(db).pragma(pragma, { simple: true });
}

/**
 * The whole database as bytes, as the writer sees it: two images are equal exactly when nothing was written in
 * between. For the tests that prove a refused request changed nothing (cheap enough to take around every request).
 */
export function databaseImage(db: Db): Buffer {
  return writerOf(db).serialize();
}

function writerOf(db: Db): Database.Database {
  const writer = writers.get(db);
  if (!writer) throw new Error("not a SQLite port");
  return writer;
}

/**
 * Opens the SQLite file, sets the pragmas every connection needs, applies pending migrations and returns the port.
 * WAL lets readers run beside the single writer; the busy timeout makes a second process wait, not fail.
 */
export async function openDatabase(file: string): Promise<Db> {
  const writerSqlite = openMigrated(file);
  const readerSqlite = openConnection(file);
  readerSqlite.pragma("foreign_keys = ON");
  // The reader never writes; a write that reached it would bypass the writer's lock.
  readerSqlite.pragma("query_only = ON");
  // Every commit on the writer makes the reader drop its page cache at its next read (SQLite's rule for a file
  // changed by another connection). Reads go to the reader only while a transaction holds the writer, but then a
  // memory map makes those re-reads page-table hits instead of read() calls.
  readerSqlite.pragma(`mmap_size = ${READER_MMAP_BYTES}`);

  const writer = new Connection(writerSqlite);
  const reader = new Connection(readerSqlite);
  const writerLock = new Mutex();
  const readerLock = new Mutex();
  let closed = false;
  let closing = false;

  /** Runs `run` on `connection` holding `lock`: at once when the lock is free, so an uncontended statement costs no tick. */
  function locked<T>(lock: Mutex, connection: Connection, run: (connection: Connection) => T): T | Promise<T> {
    const go = () => {
      try {
        return run(connection);
      } finally {
        lock.unlock();
      }
    };
    return lock.tryLock() ? go() : lock.lock().then(go);
  }

  /**
   * A statement outside any transaction. A read runs on the writer whenever no transaction holds it: that
   * connection made the last commit, so its page cache is warm (see `read`); only while a transaction is open do
   * reads go to the reader. A write waits for the writer.
   */
  function routed<T>(run: (connection: Connection) => T, isRead: boolean): T | Promise<T> {
    if (closed) throw new Error("the database is closed");
    if (isRead && !writerLock.locked) return locked(writerLock, writer, run);
    return isRead ? locked(readerLock, reader, run) : locked(writerLock, writer, run);
  }

  /**
   * Whether a statement only reads, asked of SQLite itself. A statement the reader cannot even prepare (it names
   * a temporary object only the writer has) goes to the writer, which runs it or reports the real error.
   */
  const readsOnly = (text: string, arrays: boolean) => {
    try {
      return reader.statement(text, arrays).readonly;
    } catch {
      return false;
    }
  };

  const root = queries(
    (text, params, method) => routed((c) => c.drizzle(text, params, method), readsOnly(text, true)),
    (query, method) => routed((c) => rawOn(c, query, method), readsOnly(dialect.sqlToQuery(query).sql, false)),
  );

  /** A handle that works only while its transaction is open: a leaked one fails loudly instead of writing outside. */
  function scoped(
    connection: Connection,
    isOpen: () => boolean,
    what: string,
    { readsOnly = false }: { readsOnly?: boolean } = {},
  ): Queries {
    const check = (text: () => string, arrays: boolean) => {
      if (!isOpen()) throw new Error(`${what} used after it ended`);
      if (readsOnly && !connection.statement(text(), arrays).readonly) throw new Error(`${what} cannot write`);
    };
    return queries(
      (text, params, method) => {
        check(() => text, true);
        return connection.drizzle(text, params, method);
      },
      (query, method) => {
        check(() => dialect.sqlToQuery(query).sql, false);
        return rawOn(connection, query, method);
      },
    );
  }

  // Decision 015: transactions that arrive together share one COMMIT (one fsync); each still commits or fails alone.
  const commits = groupCommit(writerSqlite, writerLock);

  async function writeTransaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (closed) throw new Error("the database is closed");
    let open = true;
    let savepoints = 0;
    const committed: ((db: Db) => void | Promise<void>)[] = [];
    const tx = scoped(writer, () => open, "a transaction") as Tx;
    Object.assign(tx, {
      // Nested transactions are savepoints: their failure rolls back only their own part (and its hooks).
      async transaction<U>(inner: (tx: Tx) => Promise<U>): Promise<U> {
        const name = `sp${++savepoints}`;
        const hooks = committed.length;
        writer.exec(`SAVEPOINT ${name}`);
        try {
          const result = await inner(tx);
          writer.exec(`RELEASE ${name}`);
          return result;
        } catch (error) {
          writer.exec(`ROLLBACK TO ${name}`);
          writer.exec(`RELEASE ${name}`);
          committed.length = hooks;
          throw error;
        }
      },
      afterCommit(hook: (db: Db) => void | Promise<void>) {
        if (!open) throw new Error("afterCommit on a transaction that has ended");
        committed.push(hook);
      },
    });
    const result = await commits.run(
      async () => {
        try {
          return await fn(tx);
        } finally {
          open = false;
        }
      },
      { relaxed: options.durability === "relaxed" },
    );
    for (const hook of committed) {
      pendingHooks++;
      // Started in order, before the caller hears "committed"; a failing hook never undoes the commit.
      Promise.resolve()
        .then(() => hook(port))
        .catch((err: unknown) => log.error({ job: "db", err }, "after-commit task failed"))
        .finally(() => pendingHooks--);
    }
    return result;
  }

  // One read handle per connection, each the same object on every `read`, so queries a hot path prepared on it
  // stay prepared. A read handle refuses writes: on the writer connection nothing else would.
  // Per connection: a read on the writer and one on the reader can be open at once (reads queued on the reader
  // while a transaction held the writer, and a new read that took the writer when it committed), and the end of
  // one must not end the other (issue 14 F, found by bench P12).
  const readingOn = new Set<Connection>();
  const readHandles = new Map(
    [writer, reader].map((c) => [c, scoped(c, () => readingOn.has(c), "a read snapshot", { readsOnly: true })]),
  );

  /**
   * Several reads on one snapshot. On the writer connection when no transaction holds it: it made the last
   * commit, so its page cache is current, while the reader drops its cache whenever another connection has
   * committed since its last read — and every audited request commits (bench P4: +0.8 ms a search over HTTP).
   * While a transaction is open, on the reader, which never sees that transaction's rows.
   */
  async function read<T>(fn: (r: Queries) => Promise<T>, _options: ReadOptions = {}): Promise<T> {
    if (closed) throw new Error("the database is closed");
    const onWriter = writerLock.tryLock();
    if (!onWriter) await readerLock.lock();
    const [connection, lock, sqlite] = onWriter
      ? [writer, writerLock, writerSqlite]
      : [reader, readerLock, readerSqlite];
    readingOn.add(connection);
    try {
      connection.exec("BEGIN");
      try {
        return await fn(readHandles.get(connection) as Queries);
      } finally {
        if (sqlite.inTransaction) connection.exec("COMMIT");
      }
    } finally {
      readingOn.delete(connection);
      lock.unlock();
    }
  }

  /*
   * Issue 16: a snapshot's slots (the export's caps) are counted here, in the one process that owns the file
   * (`instance-lock.ts`); PostgreSQL counts them in the database.
   */
  const slotsTaken = new Map<string, number>();

  async function openSnapshot(options?: { slots: readonly SnapshotSlot[] }): Promise<Snapshot | SlotsFull> {
    if (closed || closing) throw new Error("the database is closed");
    const slots = options?.slots ?? [];
    const full = slots.find((slot) => (slotsTaken.get(slot.name) ?? 0) >= slot.limit);
    if (full) return { full: full.name };
    const sqlite = openConnection(file, { readonly: true, fileMustExist: true });
    for (const slot of slots) slotsTaken.set(slot.name, (slotsTaken.get(slot.name) ?? 0) + 1);
    openSnapshots++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      try {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        sqlite.close();
      } finally {
        for (const slot of slots) {
          const left = (slotsTaken.get(slot.name) ?? 1) - 1;
          if (left > 0) slotsTaken.set(slot.name, left);
          else slotsTaken.delete(slot.name);
        }
        openSnapshots--;
        // The last snapshot that kept an erasure's frames in the WAL is gone: clear them now.
        if (openSnapshots === 0 && waitingClears.length > 0) setImmediate(retrySoon);
      }
    };
    try {
      sqlite.exec("BEGIN");
    } catch (error) {
      end();
      throw error;
    }
    return {
      get: async <R>(text: string, ...params: unknown[]) => sqlite.prepare<unknown[], R>(text).get(...params),
      // better-sqlite3 steps the statement synchronously: a batch is read in one go, and the statement stays open
      // (its place kept) while the batch is written out. Leaving the loop early ends the statement.
      batches: async function* <R>(text: string, ...params: unknown[]) {
        let batch: R[] = [];
        for (const row of sqlite.prepare<unknown[], R>(text).iterate(...params)) {
          batch.push(row);
          if (batch.length === SNAPSHOT_BATCH_ROWS) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      },
      close: async () => end(),
    };
  }

  /*
   * Issue 14 C — clearing traces. After an erasure the WAL still holds, in older frames, the pages as they were
   * before (the person's name and address included) until a checkpoint has copied the new pages into the main file
   * and the log is reset. `wal_checkpoint(TRUNCATE)` does both, but it cannot pass a reader's mark: a long snapshot
   * (an export streaming, bounded by EXPORT_IDLE_SECONDS and the export's end) that began before the erasure keeps
   * the frames it may still read. The checkpoint then copies what it can and reports "busy"; the clear waits, and
   * runs again when the last snapshot closes (or, when the reader is another process, on a timer).
   */
  let openSnapshots = 0;
  const waitingClears: { resolve: (result: TracesCleared) => void; since: number; attempts: number }[] = [];
  let retryTimer: NodeJS.Timeout | null = null;
  let retryDelayMs = TRACES_RETRY_FIRST_MS;

  /**
   * One checkpoint that never waits on a lock held elsewhere (busy timeout 0 for its duration): true when every
   * frame was copied and the WAL truncated. Holds both of this port's connections meanwhile, so neither sits in a
   * read transaction; copying is bounded by the WAL's size (autocheckpoint keeps it near 1,000 pages).
   */
  async function checkpointNow(): Promise<boolean> {
    if (closing) return false;
    await writerLock.lock();
    try {
      await readerLock.lock();
      try {
        if (closed) return false;
        writerSqlite.pragma("busy_timeout = 0");
        try {
          const [row] = writerSqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
          return row?.busy === 0;
        } finally {
          writerSqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
        }
      } finally {
        readerLock.unlock();
      }
    } finally {
      writerLock.unlock();
    }
  }

  function settleClears(result: (since: number, attempts: number) => TracesCleared) {
    for (const waiting of waitingClears.splice(0)) waiting.resolve(result(waiting.since, waiting.attempts));
  }

  async function retryClear() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (closing || waitingClears.length === 0) return;
    // A snapshot still open: its close calls this again.
    if (openSnapshots > 0) return;
    for (const waiting of waitingClears) waiting.attempts++;
    if (await checkpointNow()) {
      retryDelayMs = TRACES_RETRY_FIRST_MS;
      const now = Date.now();
      settleClears((since, attempts) => ({ outcome: "deferred", waitedMs: now - since, attempts }));
    } else if (!closing && openSnapshots === 0) {
      // No snapshot of ours is in the way: another process reads. Try again later, less often each time.
      retryTimer = setTimeout(retrySoon, retryDelayMs);
      retryTimer.unref();
      retryDelayMs = Math.min(retryDelayMs * 2, TRACES_RETRY_MAX_MS);
    }
  }

  /** A retry from a timer or a snapshot's close: an error is logged (no caller to tell), the next close tries again. */
  function retrySoon() {
    retryClear().catch((err: unknown) => log.error({ job: "db", err }, "clearing the WAL failed"));
  }

  async function clearTraces(): Promise<TracesCleared> {
    if (closed || closing) return { outcome: "closed" };
    if (openSnapshots === 0 && waitingClears.length === 0 && (await checkpointNow())) return { outcome: "now" };
    return new Promise<TracesCleared>((resolve) => {
      if (closing) return resolve({ outcome: "closed" });
      waitingClears.push({ resolve, since: Date.now(), attempts: 1 });
      if (openSnapshots === 0 && !retryTimer) {
        retryTimer = setTimeout(retrySoon, retryDelayMs);
        retryTimer.unref();
      }
    });
  }

  let pendingHooks = 0;
  async function settled() {
    // Stable twice in a row: a task that finished may have started a transaction of its own.
    for (let quiet = 0; quiet < 2; ) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      quiet = writerLock.locked || pendingHooks > 0 ? 0 : quiet + 1;
    }
  }

  // Issue 16: the jobs running `exclusive` rounds in this process, the one server process on the file.
  const exclusiveRunning = new Set<string>();
  async function exclusive<T>(name: string, fn: () => Promise<T>): Promise<Exclusive<T>> {
    if (exclusiveRunning.has(name)) return { ran: false };
    exclusiveRunning.add(name);
    try {
      return { ran: true, value: await fn() };
    } finally {
      exclusiveRunning.delete(name);
    }
  }

  const port = Object.assign(root, {
    settled,
    transaction: writeTransaction,
    read,
    openSnapshot,
    clearTraces,
    exclusive,
    async ping() {
      // While a transaction holds the writer it is healthy by definition; otherwise probe it for real.
      if (writerLock.tryLock()) {
        try {
          pingDatabase(writerSqlite);
        } finally {
          writerLock.unlock();
        }
      }
    },
    unavailableReason,
    async close() {
      if (closed) return;
      // A clear still waiting is answered now: closing the last connection checkpoints and removes the WAL itself.
      closing = true;
      if (retryTimer) clearTimeout(retryTimer);
      settleClears(() => ({ outcome: "closed" }));
      // Let the transaction in flight finish rather than cut it off.
      await writerLock.lock();
      await readerLock.lock();
      closed = true;
      readerSqlite.close();
      writerSqlite.close();
    },
  }) as Db;
  writers.set(port, writerSqlite);
  return port;
}
