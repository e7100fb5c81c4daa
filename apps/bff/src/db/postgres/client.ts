import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { log } from "../../observability/logger.ts";
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
} from "../port.ts";
import { type EngineSession, type PgEngine, SNAPSHOT_APPLICATION_NAME } from "./engine.ts";
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

/** A clear that waits for snapshots looks again after this long, doubling up to the maximum (as on SQLite). */
const TRACES_RETRY_FIRST_MS = 1_000;
const TRACES_RETRY_MAX_MS = 60_000;

/**
 * The advisory lock of slot `n` of a snapshot slot (issue 16): 64 bits of a SHA-256 of its name, so the keys of
 * every slot name (the export's total, one per customer, one per address) share the lock space without a
 * registry, and never meet WRITER_LOCK or the migrations' lock in practice.
 */
export function slotKey(slot: SnapshotSlot, n: number): string {
  return createHash("sha256").update(`tietoni snapshot slot\0${slot.name}\0${n}`).digest().readBigInt64BE(0).toString();
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

  /*
   * Issue 16: the export's read snapshot on PostgreSQL — a REPEATABLE READ READ ONLY transaction on a connection
   * of its own (outside the pool: a download may hold it for minutes), read through a cursor a batch at a time, so
   * memory stays at one batch whatever the row count. The server ends a snapshot left idle inside its transaction
   * (idle_in_transaction_session_timeout, set just past EXPORT_IDLE_SECONDS: db/open.ts), so an instance that hangs
   * cannot pin old row versions or hold slots for long. Slots are session advisory locks taken on the same
   * connection: a slot is free again when the snapshot closes, its connection dies or its instance crashes.
   */
  let openSnapshots = 0;
  const snapshotClosed: (() => void)[] = [];
  // Each open snapshot's close: the port's close ends them, since a connection outside the pool would otherwise
  // outlive the pool (and keep the process from exiting after a shutdown's grace period).
  const closers = new Set<() => Promise<void>>();

  async function openSnapshot(options?: { slots: readonly SnapshotSlot[] }): Promise<Snapshot | SlotsFull> {
    ensureOpen();
    const session = await engine.dedicated();
    let ended = false;
    let cursors = 0;
    const query = async (text: string, params: unknown[]) => {
      if (ended) throw new Error("a snapshot used after it ended");
      return session.query(numberedPlaceholders(text), driverParams(params), false);
    };
    // Ending the session would release its locks too, but only once the server has seen it go: the slots are
    // given back first, so the next download (on any instance) finds them free as soon as this resolves.
    const endSession = async () => {
      try {
        await session.query("ROLLBACK", [], false);
        await session.query("SELECT pg_advisory_unlock_all()", [], false);
      } catch {
        // A broken connection: the server releases what it held when it notices.
      } finally {
        session.release();
      }
    };
    try {
      for (const slot of options?.slots ?? []) {
        if (!(await takeSlot(slot))) {
          await endSession();
          return { full: slot.name };
        }
      }
      await query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", []);
    } catch (error) {
      await endSession();
      throw error;
    }
    openSnapshots++;

    async function takeSlot(slot: SnapshotSlot): Promise<boolean> {
      for (let n = 0; n < slot.limit; n++) {
        const { rows } = await query("SELECT pg_try_advisory_lock(CAST(? AS BIGINT)) AS taken", [slotKey(slot, n)]);
        if ((rows[0] as { taken: boolean }).taken) return true;
      }
      return false;
    }

    const close = async () => {
      if (ended) return;
      ended = true;
      closers.delete(close);
      await endSession();
      openSnapshots--;
      // The last of this instance's snapshots is gone: a clear waiting for it looks again now.
      if (openSnapshots === 0) for (const wake of snapshotClosed.splice(0)) wake();
    };
    closers.add(close);

    return {
      get: async <R>(text: string, ...params: unknown[]) => (await query(text, params)).rows[0] as R | undefined,
      batches: async function* <R>(text: string, ...params: unknown[]) {
        const cursor = `snapshot_cursor_${++cursors}`;
        await query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${text}`, params);
        let open = true;
        try {
          while (true) {
            const { rows } = await query(`FETCH FORWARD ${SNAPSHOT_BATCH_ROWS} FROM ${cursor}`, []);
            if (rows.length < SNAPSHOT_BATCH_ROWS) open = false;
            if (rows.length > 0) yield rows as R[];
            if (!open) break;
          }
        } finally {
          // A loop left early: the cursor goes now rather than with the transaction.
          if (!ended) await query(`CLOSE ${cursor}`, []).catch(() => {});
        }
      },
      close,
    };
  }

  /*
   * Issue 14 C on PostgreSQL (docs/security.md): an erasure leaves the person's old row versions as dead tuples
   * until VACUUM removes them, and VACUUM cannot remove a version that a snapshot still open may see. So the clear
   * waits until no long snapshot (on any instance: found by application_name) began before it, then vacuums the
   * personal tables; a clear that had to wait says so, like SQLite's (`deferred`). This instance's snapshots wake
   * it when they close; another instance's are polled, 1 s doubling to 1 min. The bytes of a removed version may
   * stay in the page's free space until reused, and in the server's WAL: what that means is stated in
   * docs/security.md.
   */
  async function olderSnapshots(since: string | null): Promise<{ count: number; since: string }> {
    const { rows } = await engine.query(
      `SELECT count(*) FILTER (WHERE xact_start < coalesce($2::timestamptz, now())) AS count, now()::text AS since
       FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1 AND xact_start IS NOT NULL`,
      [SNAPSHOT_APPLICATION_NAME, since],
      false,
    );
    const row = rows[0] as { count: number; since: string };
    return { count: Number(row.count), since: since ?? row.since };
  }

  async function vacuum() {
    for (const table of options.vacuumTables ?? []) {
      // INDEX_CLEANUP ON: with few dead rows VACUUM may skip the indexes, whose entries hold values (a name).
      await engine.query(`VACUUM (INDEX_CLEANUP ON) "${table.replaceAll('"', '""')}"`, [], false);
    }
  }

  async function clearTraces(): Promise<TracesCleared> {
    if (closed) return { outcome: "closed" };
    const started = Date.now();
    let { count, since } = await olderSnapshots(null);
    let attempts = 1;
    let delayMs = TRACES_RETRY_FIRST_MS;
    while (count > 0) {
      await new Promise<void>((resolve) => {
        // While this instance has snapshots open, the last one's close wakes the clear (as on SQLite); without,
        // the snapshots in the way are another instance's, polled less often each time.
        const timer = openSnapshots === 0 ? setTimeout(resolve, delayMs) : undefined;
        timer?.unref();
        snapshotClosed.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (closed) return { outcome: "closed" };
      if (openSnapshots === 0) delayMs = Math.min(delayMs * 2, TRACES_RETRY_MAX_MS);
      attempts++;
      ({ count } = await olderSnapshots(since));
    }
    await vacuum();
    return attempts === 1 ? { outcome: "now" } : { outcome: "deferred", waitedMs: Date.now() - started, attempts };
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
      const session = await lockConnection(() => engine.dedicated());
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
      // A clear still waiting for snapshots is answered `closed`; snapshots still open (a stalled download) end.
      for (const wake of snapshotClosed.splice(0)) wake();
      await Promise.all([...closers].map((end) => end()));
      await engine.end();
    },
  }) as Db;
  return port;
}
