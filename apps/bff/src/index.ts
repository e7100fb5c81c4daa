import { serve } from "@hono/node-server";
import { openDatabase } from "./db/client.ts";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_AGENT_TOTP_SECRET, DEMO_STAFF, seedDemo } from "./db/seed-demo.ts";
import { createDeps } from "./deps.ts";
import { parseEnv } from "./env.ts";
import { mailerFromEnv } from "./mail/mailer.ts";
import { useNoticeFile } from "./notice/notice.ts";
import { log, loggerFromEnv, useLogger } from "./observability/logger.ts";
import { startMetricsServer } from "./observability/metrics.ts";
import { createPortalApp } from "./portal-app.ts";
import { startAuditCheckpoints } from "./services/audit.ts";
import { startPurgeSchedule } from "./services/purge.ts";
import { startRetentionSchedule } from "./services/retention-job.ts";
import { startDigestSchedule } from "./services/staff-digest.ts";
import { createStaffApp } from "./staff-app.ts";

/** Starts both listeners from one process: the portal for customers and the staff surface. */
async function main() {
  const env = parseEnv();
  // Issue 15 E: JSON lines from here on (LOG_FORMAT=pretty for a person at a terminal).
  useLogger(loggerFromEnv(env));
  const db = await openDatabase(env.databasePath);
  // The notice first: without MAIL_FROM the mailer's sender is the controller it names (issue 15).
  useNoticeFile(env.noticeFile);
  const deps = createDeps({ db, env, mailer: mailerFromEnv(env), now: Date.now });
  // Mail and webhooks written by earlier runs (a restart, a crash) and every retry that falls due (issue 13).
  deps.outbox.start(env.OUTBOX_POLL_SECONDS * 1000);

  if (env.demo && (await seedDemo(db)))
    log.info({ demo: true, database: env.databasePath }, "demo: seeded the demo register");

  // Expired sessions, spent codes, old counters and old sign-in history: at start, then hourly (services/purge.ts).
  const purge = startPurgeSchedule(db, { now: deps.now, sessionPolicy: env.sessionPolicy });
  // The daily digest of due requests to DIGEST_MAIL_TO, once DIGEST_HOUR has passed in Helsinki (issue 13).
  const digest = startDigestSchedule(deps);
  // Issue 14 E: a signed checkpoint of the audit chain at least every AUDIT_CHECKPOINT_MINUTES while entries are
  // written, even when no entry crosses AUDIT_CHECKPOINT_EVERY (the appends write the rest themselves).
  const checkpoints = startAuditCheckpoints(deps);
  // Retention with the remainders and the bookkeeping purge, daily once RETENTION_HOUR has passed in Helsinki, one
  // run at a time with the staff app and the CLI (issue 14 B); off with RETENTION_SCHEDULE=false.
  const retention = startRetentionSchedule(deps);

  const portal = serve({ fetch: createPortalApp(deps).fetch, hostname: env.PORTAL_HOST, port: env.PORTAL_PORT });
  const staff = serve({ fetch: createStaffApp(deps).fetch, hostname: env.STAFF_HOST, port: env.STAFF_PORT });

  // Issue 15 E: /metrics on an internal address only, never on the public listeners; off without METRICS_PORT.
  const metrics =
    env.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({ host: env.METRICS_HOST, port: env.METRICS_PORT, db });

  log.info(
    { surface: "portal", origin: env.portalOrigin, host: env.PORTAL_HOST, port: env.PORTAL_PORT },
    "portal listening",
  );
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

  const shutdown = async () => {
    purge.stop();
    digest.stop();
    checkpoints.stop();
    retention.stop();
    portal.close();
    staff.close();
    await metrics?.close();
    await purge.ran();
    await digest.ran();
    await checkpoints.ran();
    // A run in progress stops after its current slice and is recorded failed; the next run picks up the rest.
    await retention.ran();
    // Tries in flight finish and record their result; the rest waits in the outbox for the next start.
    await deps.outbox.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  // A wrong setting or notice file: its message names each problem for the operator (never personal data).
  log.fatal({ err: err instanceof Error ? { type: err.name, message: err.message } : String(err) }, "start failed");
  process.exit(1);
});
