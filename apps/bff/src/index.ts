import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { openRegister } from "./db/open.ts";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_AGENT_TOTP_SECRET, DEMO_STAFF, seedDemo } from "./db/seed-demo.ts";
import { createDeps } from "./deps.ts";
import { parseEnv } from "./env.ts";
import { mailerFromEnv } from "./mail/mailer.ts";
import { registerDescription, useNoticeFile } from "./notice/notice.ts";
import { log, loggerFromEnv, useLogger } from "./observability/logger.ts";
import { startMetricsServer } from "./observability/metrics.ts";
import { createPortalApp } from "./portal-app.ts";
import { startAuditCheckpoints } from "./services/audit.ts";
import { holdInstanceLock } from "./services/backup/instance-lock.ts";
import { replayErasureJournal } from "./services/backup/replay.ts";
import { recordNoticeVersion } from "./services/notice-versions.ts";
import { startPurgeSchedule } from "./services/purge.ts";
import { startRetentionSchedule } from "./services/retention-job.ts";
import { startDigestSchedule } from "./services/staff-digest.ts";
import { createStaffApp } from "./staff-app.ts";

/** How long after the start the housekeeping schedules (purge, digest, checkpoints, retention) first run. */
const HOUSEKEEPING_DELAY_MS = 5_000;

/** After the grace for requests, how long the outbox and the database get to close before the process exits anyway. */
const SHUTDOWN_AFTER_GRACE_MS = 15_000;

/**
 * Starts the listeners from one process: the portal for customers and the staff surface, or one of them (SURFACES,
 * issue 16: one BFF per frontend; several instances of either on one PostgreSQL behind a load balancer).
 */
async function main() {
  const env = parseEnv();
  // Issue 15 E: JSON lines from here on (LOG_FORMAT=pretty for a person at a terminal).
  useLogger(loggerFromEnv(env));
  const db = await openRegister(env);
  // The notice first: without MAIL_FROM the mailer's sender is the controller it names (issue 15).
  useNoticeFile(env.noticeFile);
  const deps = createDeps({ db, env, mailer: mailerFromEnv(env), now: Date.now });
  // Issue 15 B: a changed notice file becomes a new version, in force from this start (audited).
  const { version, recorded } = await recordNoticeVersion(db, registerDescription, deps.now());
  if (recorded)
    log.info({ noticeVersion: version.id, noticeDate: version.noticeDate }, "privacy notice version in force");
  // Issue 15 F (docs/backups.md): mark this instance running (`pnpm restore` refuses meanwhile; released at exit), then
  // carry out again every journalled erasure the database does not show — a restored backup predates it — before the
  // outbox and the listeners start. A failure stops the start: serving a restored register unerased is worse.
  // Issue 16: the mark guards the SQLite file `pnpm restore` replaces. On PostgreSQL a restore loads into a new,
  // empty database instead (docs/backups.md), so it needs no instance stopped, and a file mark of an instance on
  // another host would stay behind when that host crashed. There every instance's connections name it
  // (application_name `tietoni host:pid`, which the server forgets with the connection) for the operator to see.
  if (db.engine === "sqlite") holdInstanceLock(env.stateDir);
  const replayed = await replayErasureJournal(deps);
  if (replayed.full + replayed.partial > 0 || replayed.unreadable > 0)
    log.info(
      { entries: replayed.entries, full: replayed.full, partial: replayed.partial, unreadable: replayed.unreadable },
      "erasure journal: erasures carried out again after a restore",
    );
  // Mail and webhooks written by earlier runs (a restart, a crash) and every retry that falls due (issue 13).
  deps.outbox.start(env.OUTBOX_POLL_SECONDS * 1000);

  // The demo desk's requests are dated from now, so some are due soon and one is overdue on first sign-in.
  // Issue 16: into an empty database only, once however many instances start together (seedDemo).
  if (env.demo && (await seedDemo(db, { deskAt: Date.now() })))
    log.info(
      { demo: true, database: db.engine === "sqlite" ? env.databasePath : "postgres" },
      "demo: seeded the demo register",
    );

  // Housekeeping on schedules of its own, first run HOUSEKEEPING_DELAY_MS after the listeners are up (issue 15 D):
  // at start a retention run over a large register took the event loop from the first requests and /readyz
  // (bench P13), and none of it is urgent to the second.
  const schedules: { stop: () => void; ran: () => Promise<void> }[] = [];
  const startHousekeeping = () => {
    schedules.push(
      // Expired sessions, spent codes, old counters and old sign-in history: now, then hourly (services/purge.ts).
      startPurgeSchedule(db, { now: deps.now, sessionPolicy: env.sessionPolicy }),
      // The daily digest of due requests to DIGEST_MAIL_TO, once DIGEST_HOUR has passed in Helsinki (issue 13).
      startDigestSchedule(deps),
      // Issue 14 E: a signed checkpoint of the audit chain at least every AUDIT_CHECKPOINT_MINUTES while entries are
      // written, even when no entry crosses AUDIT_CHECKPOINT_EVERY (the appends write the rest themselves).
      startAuditCheckpoints(deps),
      // Retention with the remainders and the bookkeeping purge, daily once RETENTION_HOUR has passed in Helsinki,
      // one run at a time with the staff app and the CLI (issue 14 B); off with RETENTION_SCHEDULE=false.
      startRetentionSchedule(deps),
    );
  };
  // Issue 16: every round of these runs on one process at a time (db.exclusive): on PostgreSQL any instance may take
  // it. On SQLite the lock is the process's, so where the surfaces run as two processes on one file the staff one
  // keeps house (it is the one that serves the retention and the desk the digest is about).
  const keepsHouse = db.engine === "postgres" || env.surfaces.staff;
  const housekeeping = keepsHouse ? setTimeout(startHousekeeping, HOUSEKEEPING_DELAY_MS) : undefined;

  const portal = env.surfaces.portal
    ? serve({ fetch: createPortalApp(deps).fetch, hostname: env.PORTAL_HOST, port: env.PORTAL_PORT })
    : undefined;
  const staff = env.surfaces.staff
    ? serve({ fetch: createStaffApp(deps).fetch, hostname: env.STAFF_HOST, port: env.STAFF_PORT })
    : undefined;

  // Issue 15 E: /metrics on an internal address only, never on the public listeners; off without METRICS_PORT.
  const metrics =
    env.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({ host: env.METRICS_HOST, port: env.METRICS_PORT, db });

  if (portal)
    log.info(
      { surface: "portal", origin: env.portalOrigin, host: env.PORTAL_HOST, port: env.PORTAL_PORT },
      "portal listening",
    );
  if (staff)
    log.info(
      { surface: "staff", origin: env.staffOrigin, host: env.STAFF_HOST, port: env.STAFF_PORT },
      "staff listening",
    );
  if (metrics) log.info({ host: env.METRICS_HOST, port: metrics.port }, "metrics listening on /metrics");
  if (env.demo) {
    // The demo customers' addresses are in the README's table, not here: no e-mail address is ever logged, not even
    // a made-up one, so the e2e run's log scan has no exception to make.
    log.info(
      { demo: true, mailDir: env.mailDir },
      "demo: customers as in the README; sign-in codes are mailed to files",
    );
    log.info(
      { demo: true, staff: DEMO_STAFF.map((s) => `${s.username} / ${s.password}`).join(", ") },
      "demo: staff accounts",
    );
    log.info(
      { demo: true, admin: DEMO_ADMIN_TOTP_SECRET, agent: DEMO_AGENT_TOTP_SECRET },
      "demo: authenticator keys (TOTP, SHA-1, 6 digits, 30 s)",
    );
  }

  // Issue 15 D: a graceful shutdown on SIGTERM (the service manager, a rolling deploy) or SIGINT (Ctrl-C).
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const graceMs = env.SHUTDOWN_GRACE_SECONDS * 1000;
    log.info({ signal, graceSeconds: env.SHUTDOWN_GRACE_SECONDS }, "shutdown: finishing requests in flight");
    // The whole stop is bounded too: what follows the grace (a mail try waiting on a slow SMTP server) gets
    // SHUTDOWN_AFTER_GRACE_MS, then the process exits 1 as if killed, which SQLite's WAL survives (the crash test).
    setTimeout(() => {
      log.error("shutdown: not finished in time, exiting without closing the database");
      process.exit(1);
    }, graceMs + SHUTDOWN_AFTER_GRACE_MS).unref();
    // Not ready from this moment, so a load balancer that still probes sends nothing new here.
    deps.readiness.drain();
    clearTimeout(housekeeping);
    for (const schedule of schedules) schedule.stop();
    // No new connections; idle keep-alive connections close now, and each request in flight (a streaming export
    // included) finishes on its own connection, which then closes.
    const listeners = [portal, staff].filter((s) => s !== undefined) as Server[];
    const closed = Promise.all(listeners.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    const cutOff = setTimeout(() => {
      log.warn(
        { graceSeconds: env.SHUTDOWN_GRACE_SECONDS },
        "shutdown: grace passed, closing the connections still open",
      );
      for (const s of listeners) s.closeAllConnections();
    }, graceMs);
    await closed;
    clearTimeout(cutOff);
    await metrics?.close();
    // A retention run in progress stops after its current slice and is recorded failed; the next run does the rest.
    for (const schedule of schedules) await schedule.ran();
    // Tries in flight finish and record their result; the rest waits in the outbox for the next start.
    await deps.outbox.stop();
    // Waits for a transaction in flight; closing the last connection checkpoints the WAL into the file and removes it.
    await db.close();
    log.info("shutdown: done");
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    shutdown(signal).catch((err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, "shutdown: failed");
      process.exit(1);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

main().catch((err: unknown) => {
  // A wrong setting or notice file: its message names each problem for the operator (never personal data).
  log.fatal({ err: err instanceof Error ? { type: err.name, message: err.message } : String(err) }, "start failed");
  // …and as plain lines on stderr, for the operator at the terminal or the service manager's status: a JSON string
  // with escaped newlines hides a list of wrong fields.
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
