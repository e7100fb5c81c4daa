import type Database from "better-sqlite3";

/*
 * Group commit for the SQLite writer (decision 015). With synchronous=FULL every COMMIT waits for an fsync of the
 * WAL, and better-sqlite3 waits for it on the event loop: at 200 writes a second and 5 ms an fsync the process would
 * spend all its time waiting for the disk (bench P10). Write transactions that arrive together therefore share one
 * outer transaction and one COMMIT:
 *   - a batch takes the writer lock at BEGIN IMMEDIATE and keeps it until its COMMIT, so no read or write outside
 *     the batch sees a member's uncommitted rows (reads meanwhile go to the reader connection);
 *   - its members run one at a time, each inside a savepoint of its own: one that throws is rolled back to its
 *     savepoint and fails alone, the others carry on;
 *   - it commits once no member runs or waits, at the end of the event-loop turn (setImmediate), so what the turn's
 *     requests started joins; or after MAX_MEMBERS, so the first member waits for no more than that;
 *   - a member hears "committed" only when the COMMIT of its batch has returned (with synchronous=FULL: after the
 *     fsync), the promise of decision 004. A failed COMMIT, or a statement error after which SQLite rolled the whole
 *     transaction back (a full disk, an I/O error), fails every member that had finished: none was acknowledged.
 * Transactions that find the open batch full wait in the next batch, which takes the lock as one, so a read or a
 * write outside transactions holding the lock for a moment does not split those behind it into batches of one.
 * The safety level cannot change inside a transaction: a batch commits with synchronous=NORMAL (decision 007) only
 * when every member it began with asked for "relaxed"; a transaction that needs FULL never joins such a batch.
 */

/** A batch commits after this many members even while more wait: the first member's wait stays bounded. */
const MAX_MEMBERS = 32;

type Lock = { tryLock(): boolean; lock(): Promise<void>; unlock(): void };
type Turn = { relaxed: boolean; go: (batch: Batch) => void; fail: (error: unknown) => void };
type Batch = {
  /** Null until the batch has the writer lock and has begun. */
  relaxed: boolean | null;
  /** Whether it has asked for the writer lock. */
  requested: boolean;
  /** Members waiting for their turn, in order of arrival. */
  queue: Turn[];
  /** Members whose work is done and who wait for the COMMIT. */
  done: { resolve: () => void; reject: (error: unknown) => void }[];
  size: number;
  running: boolean;
  commitScheduled: boolean;
};

export type GroupCommit = {
  /**
   * Runs `fn` as one member of a batch on the writer connection and resolves to its result once the batch has
   * committed; rejects with `fn`'s error (its work rolled back alone) or with the batch's (nothing committed).
   */
  run<T>(fn: () => Promise<T>, options: { relaxed: boolean }): Promise<T>;
};

/**
 * Group commit over the writer connection `sqlite`, guarded by `writerLock`, which every other use of the writer
 * takes too (reads on it, statements outside transactions, checkpoints, close).
 *
 * @example
 * const commits = groupCommit(writerSqlite, writerLock);
 * const id = await commits.run(async () => insertRow(), { relaxed: false }); // durable once it resolves
 */
export function groupCommit(sqlite: Database.Database, writerLock: Lock): GroupCommit {
  /** The open batch (if it has begun) first, then the ones waiting for the lock. */
  const batches: Batch[] = [];
  const newBatch = (): Batch => ({
    relaxed: null,
    requested: false,
    queue: [],
    done: [],
    size: 0,
    running: false,
    commitScheduled: false,
  });

  /** Whether a transaction may join `batch`: room left, and never a full-durability one in a relaxed batch. */
  const fits = (batch: Batch, relaxed: boolean) => batch.size < MAX_MEMBERS && (relaxed || batch.relaxed !== true);

  /** The first batch takes the lock and begins; its first waiting member runs. */
  function acquire() {
    const first = batches[0];
    if (!first || first.requested) return;
    first.requested = true;
    const begin = () => {
      if (batches[0] !== first) return;
      first.relaxed = first.queue.every((turn) => turn.relaxed);
      try {
        if (first.relaxed) sqlite.pragma("synchronous = NORMAL");
        sqlite.exec("BEGIN IMMEDIATE");
      } catch (error) {
        // Busy past the timeout, say: nothing began, every waiting member fails with the reason.
        if (first.relaxed) sqlite.pragma("synchronous = FULL");
        batches.shift();
        writerLock.unlock();
        for (const turn of first.queue.splice(0)) turn.fail(error);
        acquire();
        return;
      }
      next(first);
    };
    if (writerLock.tryLock()) begin();
    else void writerLock.lock().then(begin);
  }

  /** The member's turn is over: the next waiting member runs, or the batch commits at the end of this turn. */
  function next(batch: Batch) {
    const turn = batch.queue.shift();
    if (turn) {
      batch.running = true;
      return turn.go(batch);
    }
    batch.running = false;
    if (batch.size >= MAX_MEMBERS) return end(batch);
    if (batch.commitScheduled) return;
    batch.commitScheduled = true;
    setImmediate(() => {
      batch.commitScheduled = false;
      // A member that joined meanwhile is still running: its own `next` schedules the commit again.
      if (!batch.running) end(batch);
    });
  }

  /** Commits the batch (or, given `failure`, rolls it back), answers its finished members, frees the writer. */
  function end(batch: Batch, failure?: unknown) {
    if (batches[0] !== batch) return;
    batches.shift();
    let error = failure;
    try {
      if (error === undefined) sqlite.exec("COMMIT");
    } catch (commitError) {
      error = commitError;
    }
    try {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    } finally {
      if (batch.relaxed) sqlite.pragma("synchronous = FULL");
      for (const member of batch.done) {
        if (error === undefined) member.resolve();
        else member.reject(error);
      }
      // Members still waiting for a turn in a batch that was rolled back start over in a batch of their own.
      if (batch.queue.length > 0) batches.unshift({ ...newBatch(), queue: batch.queue, size: batch.queue.length });
      writerLock.unlock();
      acquire();
    }
  }

  /** Waits for this transaction's turn in the first batch it fits into. */
  function enter(relaxed: boolean): Promise<Batch> {
    let batch = batches.find((b) => fits(b, relaxed));
    if (!batch) {
      batch = newBatch();
      batches.push(batch);
    }
    const joined = batch;
    joined.size++;
    if (joined.relaxed !== null && !joined.running && joined.queue.length === 0) {
      joined.running = true;
      return Promise.resolve(joined);
    }
    return new Promise<Batch>((resolve, reject) => {
      // A batch rolled back while this member waited hands the turn on in a new batch: `go` names it.
      joined.queue.push({ relaxed, go: resolve, fail: reject });
      acquire();
    });
  }

  async function run<T>(fn: () => Promise<T>, { relaxed }: { relaxed: boolean }): Promise<T> {
    const batch = await enter(relaxed);
    let result: T;
    try {
      sqlite.exec("SAVEPOINT batch_member");
      result = await fn();
      sqlite.exec("RELEASE batch_member");
    } catch (error) {
      // Only this member's work is undone, unless SQLite rolled back the whole transaction (a full disk, an I/O
      // error): then the batch's finished members are lost with it and fail too.
      let whole = !sqlite.inTransaction;
      if (!whole) {
        try {
          sqlite.exec("ROLLBACK TO batch_member");
          sqlite.exec("RELEASE batch_member");
        } catch {
          whole = true;
        }
      }
      if (whole) end(batch, error);
      else next(batch);
      throw error;
    }
    const committed = new Promise<void>((resolve, reject) => batch.done.push({ resolve, reject }));
    next(batch);
    await committed;
    return result;
  }

  return { run };
}
