import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { openDatabase } from "./db/client.ts";
import {
  DEMO_ADMIN_TOTP_SECRET,
  DEMO_AGENT_TOTP_SECRET,
  DEMO_CUSTOMER_EMAIL,
  DEMO_STAFF,
  seedDemo,
} from "./db/seed-demo.ts";
import { createDeps } from "./deps.ts";
import { parseEnv } from "./env.ts";
import { mailerFromEnv } from "./mail/mailer.ts";
import { registerDescription, useNoticeFile } from "./notice/notice.ts";
import { createPortalApp } from "./portal-app.ts";
import { startAuditCheckpoints } from "./services/audit.ts";
import { recordNoticeVersion } from "./services/notice-versions.ts";
import { startPurgeSchedule } from "./services/purge.ts";
import { startRetentionSchedule } from "./services/retention-job.ts";
import { startDigestSchedule } from "./services/staff-digest.ts";
import { createStaffApp } from "./staff-app.ts";

/** How long after the start the housekeeping schedules (purge, digest, checkpoints, retention) first run. */
const HOUSEKEEPING_DELAY_MS = 5_000;

/** After the grace for requests, how long the outbox and the database get to close before the process exits anyway. */
const SHUTDOWN_AFTER_GRACE_MS = 15_000;

/** Starts both listeners from one process: the portal for customers and the staff surface. */
async function main() {
  const env = parseEnv();
  const db = await openDatabase(env.databasePath);
  // The notice first: without MAIL_FROM the mailer's sender is the controller it names (issue 15).
  useNoticeFile(env.noticeFile);
  const deps = createDeps({ db, env, mailer: mailerFromEnv(env), now: Date.now });
  // Issue 15 B: a changed notice file becomes a new version, in force from this start (audited).
  const { version, recorded } = await recordNoticeVersion(db, registerDescription, deps.now());
  if (recorded) console.info(`privacy notice version ${version.id} (${version.noticeDate}) in force`);
  // Mail and webhooks written by earlier runs (a restart, a crash) and every retry that falls due (issue 13).
  deps.outbox.start(env.OUTBOX_POLL_SECONDS * 1000);

  if (env.demo && (await seedDemo(db))) console.info(`[demo] seeded the demo register into ${env.databasePath}`);

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
  const housekeeping = setTimeout(startHousekeeping, HOUSEKEEPING_DELAY_MS);

  const portal = serve({ fetch: createPortalApp(deps).fetch, hostname: env.PORTAL_HOST, port: env.PORTAL_PORT });
  const staff = serve({ fetch: createStaffApp(deps).fetch, hostname: env.STAFF_HOST, port: env.STAFF_PORT });

  console.info(`tietoni portal: ${env.portalOrigin}  (listening on ${env.PORTAL_HOST}:${env.PORTAL_PORT})`);
  console.info(`tietoni staff:  ${env.staffOrigin}  (listening on ${env.STAFF_HOST}:${env.STAFF_PORT})`);
  if (env.demo) {
    console.info(`[demo] customer: ${DEMO_CUSTOMER_EMAIL}; sign-in codes are written to ${env.mailDir}`);
    console.info(`[demo] staff: ${DEMO_STAFF.map((s) => `${s.username} / ${s.password}`).join(", ")}`);
    console.info(
      `[demo] authenticator keys (TOTP, SHA-1, 6 digits, 30 s): admin ${DEMO_ADMIN_TOTP_SECRET}, agent ${DEMO_AGENT_TOTP_SECRET}`,
    );
  }

  // Issue 15 D: a graceful shutdown on SIGTERM (the service manager, a rolling deploy) or SIGINT (Ctrl-C).
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const graceMs = env.SHUTDOWN_GRACE_SECONDS * 1000;
    console.info(`[shutdown] ${signal}: finishing requests in flight (at most ${env.SHUTDOWN_GRACE_SECONDS} s)`);
    // The whole stop is bounded too: what follows the grace (a mail try waiting on a slow SMTP server) gets
    // SHUTDOWN_AFTER_GRACE_MS, then the process exits 1 as if killed, which SQLite's WAL survives (the crash test).
    setTimeout(() => {
      console.error("[shutdown] not finished in time: exiting without closing the database");
      process.exit(1);
    }, graceMs + SHUTDOWN_AFTER_GRACE_MS).unref();
    // Not ready from this moment, so a load balancer that still probes sends nothing new here.
    deps.readiness.drain();
    clearTimeout(housekeeping);
    for (const schedule of schedules) schedule.stop();
    // No new connections; idle keep-alive connections close now, and each request in flight (a streaming export
    // included) finishes on its own connection, which then closes.
    const listeners = [portal, staff] as Server[];
    const closed = Promise.all(listeners.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    const cutOff = setTimeout(() => {
      console.warn(`[shutdown] ${env.SHUTDOWN_GRACE_SECONDS} s passed: closing the connections still open`);
      for (const s of listeners) s.closeAllConnections();
    }, graceMs);
    await closed;
    clearTimeout(cutOff);
    // A retention run in progress stops after its current slice and is recorded failed; the next run does the rest.
    for (const schedule of schedules) await schedule.ran();
    // Tries in flight finish and record their result; the rest waits in the outbox for the next start.
    await deps.outbox.stop();
    // Waits for a transaction in flight; closing the last connection checkpoints the WAL into the file and removes it.
    await db.close();
    console.info("[shutdown] done");
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    shutdown(signal).catch((err: unknown) => {
      console.error("[shutdown] failed:", err instanceof Error ? err.message : err);
      process.exit(1);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
