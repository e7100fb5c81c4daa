import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { log } from "../../observability/logger.ts";
import type { Db, Exclusive, Queries, ReadOptions, Snapshot, TracesCleared, TransactionOptions, Tx } from "../port.ts";
import type { EngineSession, PgEngine } from "./engine.ts";
import { unavailableReason } from "./errors.ts";
import { driverParams, numberedPlaceholders } from "./statements.ts";

/*
 * Issue 16: the PostgreSQL side of the data port (decision 016). The services are the same code on both engines:
 * drizzle's SQLite builder writes their SQL over the one schema, this port numbers the placeholders and runs it on
 * PostgreSQL, whose tables keep SQLite's storage classes (db/postgres/schema-source.ts).
 *
 * Writes keep SQLite's semantics, one writer at a time, now across every instance on the database: a write
 * transaction first takes this process's writer mutex (so waiting writers hold no pooled connection), then a
 * connection, then `pg_advisory_xact_lock(WRITER_LOCK)`, released by COMMIT or ROLLBACK. The services were written
 * for a single writer (read a row, decide, write; the audit chain's head); serialising writes keeps every one of
 * them correct on several instances, the audit chain one chain. Reads never wait for it: outside a transaction
 * each statement runs on any pooled connection and sees the last commit; `read()` is one
 * REPEATABLE READ READ ONLY transaction, so its queries see one moment and cannot write.
 */

/** The advisory lock every write transaction holds (an arbitrary constant: "tietoni" in ASCII). */
export const WRITER_LOCK = 0x7469_6574_6f6e_69n;

/**
 * Issue 16: the advisory lock key of a named `exclusive` job: 64 bits of a hash of its name (distinct from
 * WRITER_LOCK and the migration lock, whose constants no hash of a job name hits in practice).
 */
export function jobLockKey(name: string): string {
  const digest = createHash("sha256").update(`tietoni job ${name}`).digest();
  return BigInt.asIntN(64, digest.readBigUInt64BE(0)).toString();
}

type Method = "run" | "all" | "values" | "get";
const dialect = new SQLiteAsyncDialect();

class Mutex {
  #locked = false;
  #waiters: (() => void)[] = [];
  get locked() {
    return this.#locked;
  }
  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
  unlock() {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

type Runner = (text: string, params: unknown[], arrays: boolean) => Promise<{ rows: unknown[]; rowCount: number }>;

/** Drizzle's query builders and raw SQL over one way of running a statement (a session or the pool). */
function queries(run: Runner, check: () => void = () => {}): Queries {
  const execute = async (text: string, params: unknown[], method: Method) => {
    check();
    const result = await run(numberedPlaceholders(text), driverParams(params), true);
    if (method === "run") return { rows: [], changes: result.rowCount };
    if (method === "get") return { rows: result.rows[0] };
    return { rows: result.rows };
  };
  const raw = async (query: SQL, method: "all" | "get" | "run") => {
    check();
    const { sql: text, params } = dialect.sqlToQuery(query);
    const result = await run(numberedPlaceholders(text), driverParams(params), false);
    if (method === "run") return { changes: result.rowCount };
    return method === "get" ? result.rows[0] : result.rows;
  };
  const db = drizzle(execute as never) as unknown as Queries;
  return Object.assign(db, {
    engine: "postgres",
    rows: (query: SQL) => raw(query, "all"),
    row: (query: SQL) => raw(query, "get"),
    exec: (query: SQL) => raw(query, "run"),
  }) as Queries;
}

const onSession =
  (session: EngineSession): Runner =>
  (text, params, arrays) =>
    session.query(text, params, arrays);

export type PostgresPortOptions = {
  /** The tables an erasure's traces are vacuumed from (issue 14 C's no-trace rule, PostgreSQL's form). */
  vacuumTables?: readonly string[];
};

/** The port over an engine (a node-postgres pool, or PGlite in tests without a server). */
export function postgresPort(engine: PgEngine, options: PostgresPortOptions = {}): Db {
  const writerLock = new Mutex();
  let closed = false;
  const openSnapshots = 0;

  const ensureOpen = () => {
    if (closed) throw new Error("the database is closed");
  };

  const root = queries(async (text, params, arrays) => {
    ensureOpen();
    return engine.query(text, params, arrays);
  });

  async function writeTransaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    ensureOpen();
    await writerLock.lock();
    let session: EngineSession | undefined;
    let open = true;
    let savepoints = 0;
    const committed: ((db: Db) => void | Promise<void>)[] = [];
    let result: T;
    try {
      session = await engine.session();
      const s = session;
      const tx = queries(onSession(s), () => {
        if (!open) throw new Error("a transaction used after it ended");
      }) as Tx;
      Object.assign(tx, {
        async transaction<U>(inner: (tx: Tx) => Promise<U>): Promise<U> {
          const name = `sp${++savepoints}`;
          const hooks = committed.length;
          await s.query(`SAVEPOINT ${name}`, [], false);
          try {
            const value = await inner(tx);
            await s.query(`RELEASE SAVEPOINT ${name}`, [], false);
            return value;
          } catch (error) {
            await s.query(`ROLLBACK TO SAVEPOINT ${name}`, [], false);
            await s.query(`RELEASE SAVEPOINT ${name}`, [], false);
            committed.length = hooks;
            throw error;
          }
        },
        afterCommit(hook: (db: Db) => void | Promise<void>) {
          if (!open) throw new Error("afterCommit on a transaction that has ended");
          committed.push(hook);
        },
      });
      await s.query("BEGIN ISOLATION LEVEL READ COMMITTED", [], false);
      try {
        await s.query(`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`, [], false);
        // Decision 007: counters a crash may forget commit without waiting for the WAL flush; never anything
        // acknowledged to a person.
        if (options.durability === "relaxed") await s.query("SET LOCAL synchronous_commit = off", [], false);
        result = await fn(tx);
        await s.query("COMMIT", [], false);
      } catch (error) {
        await s.query("ROLLBACK", [], false).catch(() => {});
        throw error;
      }
    } catch (error) {
      session?.release(error instanceof Error ? error : new Error(String(error)));
      session = undefined;
      throw error;
    } finally {
      open = false;
      session?.release();
      writerLock.unlock();
    }
    for (const hook of committed) {
      pendingHooks++;
      Promise.resolve()
        .then(() => hook(port))
        .catch((err: unknown) => log.error({ job: "db", err }, "after-commit task failed"))
        .finally(() => pendingHooks--);
    }
    return result;
  }

  async function read<T>(fn: (r: Queries) => Promise<T>, _options: ReadOptions = {}): Promise<T> {
    ensureOpen();
    const session = await engine.session();
    let open = true;
    let failed: Error | undefined;
    try {
      await session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [], false);
      try {
        return await fn(
          queries(onSession(session), () => {
            if (!open) throw new Error("a read snapshot used after it ended");
          }),
        );
      } finally {
        open = false;
        await session.query("COMMIT", [], false).catch((error: unknown) => {
          failed = error instanceof Error ? error : new Error(String(error));
        });
      }
    } finally {
      session.release(failed);
    }
  }

  function openSnapshot(): Snapshot {
    // The streamed export and the audit verification read through a synchronous snapshot (decision 005);
    // PostgreSQL's driver cannot answer synchronously. Refused loudly rather than faked.
    throw new Error("openSnapshot is not available on PostgreSQL: use the asynchronous snapshot");
  }

  async function clearTraces(): Promise<TracesCleared> {
    if (closed) return { outcome: "closed" };
    // Issue 14 C on PostgreSQL: a deleted or updated row version stays in its page until VACUUM removes it.
    // VACUUM cannot remove a version an open snapshot may still see; it removes the rest and a later call (the
    // next erasure, or autovacuum) the remainder. The server's own WAL and its archive are the operator's
    // (docs/deployment.md, "PostgreSQL").
    const tables = options.vacuumTables ?? [];
    for (const table of tables) await engine.query(`VACUUM "${table.replaceAll('"', '""')}"`, [], false);
    return openSnapshots > 0 ? { outcome: "deferred", waitedMs: 0, attempts: 1 } : { outcome: "now" };
  }

  let pendingHooks = 0;
  async function settled() {
    // Stable twice in a row: a task that finished may have started a transaction of its own.
    for (let quiet = 0; quiet < 2; ) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      quiet = writerLock.locked || pendingHooks > 0 ? 0 : quiet + 1;
    }
  }

  // Issue 16: `exclusive` rounds hold a session advisory lock on a connection of their own for as long as they run
  // (their transactions use the pool). A session lock is re-entrant on its session, so this process's own holders
  // are also kept in a set. If that connection drops, its locks go with it and another instance may start the same
  // round: the jobs stay correct then too (writes one at a time, the retention lease), only their work is doubled.
  const exclusiveRunning = new Set<string>();
  let lockSession: Promise<EngineSession> | undefined;
  const lockConnection = (dedicated: () => Promise<EngineSession>) => {
    lockSession ??= dedicated().catch((error: unknown) => {
      lockSession = undefined;
      throw error;
    });
    return lockSession;
  };
  const dropLockConnection = async (session: EngineSession) => {
    // Only the current one is forgotten: a job still holding a lock on an older, already dropped one may land here.
    if (lockSession && (await lockSession.catch(() => undefined)) === session) lockSession = undefined;
    session.release(new Error("the lock connection failed"));
  };
  async function exclusive<T>(name: string, fn: () => Promise<T>): Promise<Exclusive<T>> {
    ensureOpen();
    if (exclusiveRunning.has(name)) return { ran: false };
    exclusiveRunning.add(name);
    try {
      // An engine in this process alone (PGlite): the set above is the whole answer.
      if (!engine.dedicated) return { ran: true, value: await fn() };
      const session = await lockConnection(engine.dedicated.bind(engine));
      const key = jobLockKey(name);
      let taken: boolean;
      try {
        const { rows } = await session.query("SELECT pg_try_advisory_lock($1::bigint) AS taken", [key], false);
        taken = (rows[0] as { taken?: boolean } | undefined)?.taken === true;
      } catch (error) {
        await dropLockConnection(session);
        throw error;
      }
      if (!taken) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await session
          .query("SELECT pg_advisory_unlock($1::bigint)", [key], false)
          .catch(() => dropLockConnection(session));
      }
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
      ensureOpen();
      const { rows } = await engine.query("SELECT pg_is_in_recovery() AS standby", [], false);
      if ((rows[0] as { standby?: boolean } | undefined)?.standby)
        throw new Error("the database is a read-only standby");
    },
    unavailableReason,
    async close() {
      if (closed) return;
      // Let the write in flight finish rather than cut it off.
      await writerLock.lock();
      closed = true;
      const locks = lockSession;
      lockSession = undefined;
      if (locks) (await locks.catch(() => undefined))?.release();
      await engine.end();
    },
  }) as Db;
  return port;
}
