import { helsinkiDate } from "@tietoni/domain";
import { desc, eq, sql } from "drizzle-orm";
import type { Queries } from "../db/port.ts";
import { jobRuns } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { log as logger } from "../observability/logger.ts";
import { type AuditActor, appendAudit } from "./audit.ts";
import { type BookkeepingPurgeCounts, purgeBookkeeping } from "./bookkeeping-purge.ts";
import { eraseDueRemainders } from "./erasure-remainder.ts";
import { findRetentionDue, type RetentionSkipReason, runRetention } from "./retention.ts";
import { helsinkiHour } from "./staff-digest.ts";

/*
 * The retention job (issue 14 B, item 6): retention of every due customer, the remainders of partial erasures whose
 * last ground ended, and the end of the bookkeeping period, as one run. It runs daily inside the server once
 * RETENTION_HOUR has passed in Helsinki (startRetentionSchedule), by hand from the staff app, and from
 * `pnpm retention --run`: all three go through runRetentionJob, so there is one way to run it and one at a time.
 *
 * One at a time across processes: a run holds a lease, a `job_runs` row `running` with `lease_until`, taken by a
 * single conditional INSERT (it inserts only when no unexpired running row exists) inside a write transaction
 * (BEGIN IMMEDIATE: SQLite lets one writer in at a time, across processes too). The run renews the lease after each
 * slice; a process that dies leaves a lease that runs out, and the next start marks that run failed and takes over.
 */

export const RETENTION_JOB = "retention";
export type RetentionTrigger = "schedule" | "manual" | "cli";

/** How long a lease holds without renewal: far longer than one slice takes. */
export const RETENTION_LEASE_MS = 10 * 60_000;
/** Customers per slice: each is its own transaction; the event loop gets a turn between slices. */
export const RETENTION_SLICE = 20;

export type RetentionJobCounts = {
  anonymised: number;
  skipped: Partial<Record<RetentionSkipReason, number>>;
  remaindersErased: number;
  bookkeepingRows: number;
};
export type RetentionJobResult = {
  runId: string;
  trigger: RetentionTrigger;
  anonymised: string[];
  skipped: { id: string; reason: RetentionSkipReason }[];
  remaindersErased: string[];
  bookkeeping: BookkeepingPurgeCounts;
  counts: RetentionJobCounts;
};
export type RetentionJobOutcome =
  | { started: true; result: RetentionJobResult }
  | { started: false; reason: "running" | "already_ran" };

type JobDeps = Pick<Deps, "db" | "outbox" | "env">;

/** Helsinki midnight (ms) of the day `now` falls on: the schedule's "today" starts there. */
export function helsinkiDayStart(now: number): number {
  const day = helsinkiDate(now);
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Helsinki is UTC+2 or UTC+3: its midnight is 2 or 3 hours before the UTC one.
  for (const hours of [3, 2]) {
    const at = utcMidnight - hours * 3_600_000;
    if (helsinkiDate(at) === day && helsinkiDate(at - 1) !== day) return at;
  }
  return utcMidnight - 2 * 3_600_000;
}

/**
 * Takes the lease for a run, or says why not: a run holds it (`running`), or (`oncePerDay`, the schedule) a
 * scheduled run already finished or is running today in Helsinki. A lease that ran out is marked failed first.
 */
async function takeLease(
  { db }: JobDeps,
  { trigger, now, oncePerDay }: { trigger: RetentionTrigger; now: number; oncePerDay: boolean },
): Promise<{ runId: string } | { refused: "running" | "already_ran" }> {
  const runId = crypto.randomUUID();
  return db.transaction(async (tx) => {
    await tx.exec(sql`
      UPDATE job_runs SET status = 'failed', finished_at = ${now}, lease_until = NULL
      WHERE job = ${RETENTION_JOB} AND status = 'running' AND lease_until <= ${now}`);
    const notToday = oncePerDay
      ? sql`AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = ${RETENTION_JOB}
          AND trigger = 'schedule' AND status = 'done' AND started_at >= ${helsinkiDayStart(now)})`
      : sql``;
    // The numbers typed: PostgreSQL does not infer a parameter's type from INSERT … SELECT's target column.
    const taken = await tx.exec(sql`
      INSERT INTO job_runs (id, job, trigger, started_at, status, lease_until)
      SELECT ${runId}, ${RETENTION_JOB}, ${trigger}, CAST(${now} AS BIGINT), 'running',
        CAST(${now + RETENTION_LEASE_MS} AS BIGINT)
      WHERE NOT EXISTS (SELECT 1 FROM job_runs WHERE job = ${RETENTION_JOB} AND status = 'running') ${notToday}`);
    if (taken.changes === 1) return { runId };
    const running = await tx.row(
      sql`SELECT 1 AS one FROM job_runs WHERE job = ${RETENTION_JOB} AND status = 'running'`,
    );
    return { refused: running ? "running" : "already_ran" };
  });
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One retention run: the given customers (the staff app's confirmed batch) or, without `ids`, every customer the
 * dry run lists as due and not held or blocked, in slices; then the remainders of partial erasures whose last ground
 * ended; then the bookkeeping rows whose period passed (last, so vouchers this run cut loose and whose period
 * already passed go the same day). Audited as `retention.scheduled_run` or `retention.run` with the counts and the
 * skipped with their reasons (ids and reasons only); the counts stay in `job_runs.result`.
 */
export async function runRetentionJob(
  deps: JobDeps,
  options: {
    trigger: RetentionTrigger;
    now: () => number;
    actor: AuditActor;
    ip?: string | null;
    ids?: readonly string[];
    sliceSize?: number;
    /** Shutdown: stops between slices (the run is recorded failed; the next one picks up the rest). */
    signal?: AbortSignal;
  },
): Promise<RetentionJobOutcome> {
  const { db, env } = deps;
  const { trigger, now, actor } = options;
  const lease = await takeLease(deps, { trigger, now: now(), oncePerDay: trigger === "schedule" });
  if ("refused" in lease) return { started: false, reason: lease.refused };
  const { runId } = lease;
  try {
    const ids = options.ids
      ? [...options.ids]
      : (await db.read((q) => findRetentionDue(q, helsinkiDate(now())))).customers.map((c) => c.id);
    const anonymised: string[] = [];
    const skipped: RetentionJobResult["skipped"] = [];
    const slice = options.sliceSize ?? RETENTION_SLICE;
    for (let i = 0; i < ids.length; i += slice) {
      if (options.signal?.aborted) throw new Error("retention: the run was stopped between slices (shutdown)");
      const part = await runRetention(deps, ids.slice(i, i + slice), {
        now: now(),
        actor,
        suppressionKey: env.suppressionKey,
        ip: options.ip,
      });
      anonymised.push(...part.anonymised);
      skipped.push(...part.skipped);
      await db.exec(
        sql`UPDATE job_runs SET lease_until = ${now() + RETENTION_LEASE_MS} WHERE id = ${runId} AND status = 'running'`,
      );
      // The portal keeps answering while a long run goes on.
      await yieldToEventLoop();
    }
    // A dry run's held customers are skipped too, with their reasons, so the run's record lists them.
    if (!options.ids) {
      const listed = new Set(skipped.map((s) => s.id));
      const dry = await db.read((q) => findRetentionDue(q, helsinkiDate(now())));
      for (const held of dry.skipped) if (!listed.has(held.id)) skipped.push({ id: held.id, reason: held.reason });
    }
    const remainders = await eraseDueRemainders(deps, { now: now(), actor });
    const finishedAt = now();
    return await db.transaction(async (tx) => {
      const bookkeeping = await purgeBookkeeping(tx, {
        now: finishedAt,
        financialYearEnd: env.FINANCIAL_YEAR_END,
        actor,
      });
      const skippedByReason: RetentionJobCounts["skipped"] = {};
      for (const s of skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
      const result: RetentionJobResult = {
        runId,
        trigger,
        anonymised,
        skipped,
        remaindersErased: remainders.erased,
        bookkeeping,
        counts: {
          anonymised: anonymised.length,
          skipped: skippedByReason,
          remaindersErased: remainders.erased.length,
          bookkeepingRows: bookkeeping.orders + bookkeeping.orderLines + bookkeeping.invoices,
        },
      };
      const record = { counts: result.counts, bookkeeping, skipped, remaindersErased: remainders.erased };
      await tx.exec(sql`
        UPDATE job_runs SET status = 'done', finished_at = ${finishedAt}, lease_until = NULL,
          result = ${JSON.stringify(record)}
        WHERE id = ${runId}`);
      await appendAudit(
        tx,
        {
          actor,
          action: trigger === "schedule" ? "retention.scheduled_run" : "retention.run",
          detail: { runId, trigger, requested: options.ids?.length ?? null, anonymised, ...record },
          ip: options.ip ?? null,
        },
        finishedAt,
      );
      return { started: true as const, result };
    });
  } catch (error) {
    // The run's row says it failed (what it did so far is committed and audited customer by customer).
    await db.exec(
      sql`UPDATE job_runs SET status = 'failed', finished_at = ${now()}, lease_until = NULL WHERE id = ${runId}`,
    );
    throw error;
  }
}

export type RetentionRunSummary = {
  id: string;
  trigger: RetentionTrigger;
  status: "running" | "done" | "failed";
  startedAt: number;
  finishedAt: number | null;
  counts: RetentionJobCounts | null;
};

/** The latest runs, newest first, with their counts only (no customer ids: the list is not a read of records). */
export async function listRetentionRuns(q: Queries, limit = 10): Promise<RetentionRunSummary[]> {
  const rows = await q
    .select()
    .from(jobRuns)
    .where(eq(jobRuns.job, RETENTION_JOB))
    // Runs started in the same millisecond (a test clock) in the order they were taken.
    .orderBy(desc(jobRuns.startedAt), sql`rowid DESC`)
    .limit(limit)
    .all();
  return rows.map((r) => ({
    id: r.id,
    trigger: r.trigger as RetentionTrigger,
    status: r.status,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    counts: r.result ? ((JSON.parse(r.result) as { counts: RetentionJobCounts }).counts ?? null) : null,
  }));
}

export type ScheduleTick = { ran: true; result: RetentionJobResult } | { ran: false; reason: string };

/** One check of the schedule at `now`: runs the job if RETENTION_HOUR has passed and no scheduled run did today. */
export async function retentionScheduleTick(deps: JobDeps, now: number, signal?: AbortSignal): Promise<ScheduleTick> {
  if (helsinkiHour(now) < deps.env.RETENTION_HOUR) return { ran: false, reason: "too_early" };
  let clock = now;
  // The run's own clock moves with real time from `now` (a test passes a fixed day).
  const started = Date.now();
  const outcome = await runRetentionJob(deps, {
    trigger: "schedule",
    now: () => {
      clock = now + (Date.now() - started);
      return clock;
    },
    actor: { type: "system" },
    signal,
  });
  return outcome.started ? { ran: true, result: outcome.result } : { ran: false, reason: outcome.reason };
}

/**
 * Checks every `everyMs` (default 5 min) whether today's run is due (RETENTION_HOUR passed in Helsinki, no scheduled
 * run done today) and runs it. Off with RETENTION_SCHEDULE=false: it says so once and does nothing. The timer does
 * not keep the process alive; `stop()` ends it (a run in progress stops after its current slice) and `ran()` waits
 * for that.
 */
export function startRetentionSchedule(
  deps: JobDeps & Pick<Deps, "now">,
  {
    everyMs = 5 * 60_000,
    log = (line) => logger.info({ job: "retention" }, line),
  }: { everyMs?: number; log?: (line: string) => void } = {},
): { stop: () => void; ran: () => Promise<void> } {
  if (!deps.env.RETENTION_SCHEDULE) {
    log("RETENTION_SCHEDULE=false: retention runs only from the staff app and `pnpm retention --run`");
    return { stop: () => undefined, ran: () => Promise.resolve() };
  }
  let last: Promise<void> = Promise.resolve();
  const stopping = new AbortController();
  // Issue 16: the dry run reads the whole register, so one instance at a time checks (the others skip the round);
  // the lease keeps the run itself one at a time with the staff app and the CLI.
  const tick = () =>
    deps.db
      .exclusive("retention-schedule", () => retentionScheduleTick(deps, deps.now(), stopping.signal))
      .then((round) => (round.ran ? round.value : { ran: false as const }));
  const run = () => {
    last = last.then(() =>
      stopping.signal.aborted
        ? undefined
        : tick().then(
            (tick) => {
              if (tick.ran) {
                const c = tick.result.counts;
                const skipped = Object.values(c.skipped).reduce((a, b) => a + (b ?? 0), 0);
                log(
                  `scheduled retention run: ${c.anonymised} anonymised, ${skipped} skipped, ${c.remaindersErased} remainders erased, ${c.bookkeepingRows} bookkeeping rows purged`,
                );
              }
            },
            (err: unknown) =>
              logger.error({ job: "retention", err }, "the scheduled retention run failed; the next check tries again"),
          ),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: () => {
      stopping.abort();
      clearInterval(timer);
    },
    ran: () => last,
  };
}
