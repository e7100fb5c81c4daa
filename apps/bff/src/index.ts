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
import { useNoticeFile } from "./notice/notice.ts";
import { createPortalApp } from "./portal-app.ts";
import { startAuditCheckpoints } from "./services/audit.ts";
import { startPurgeSchedule } from "./services/purge.ts";
import { startRetentionSchedule } from "./services/retention-job.ts";
import { startDigestSchedule } from "./services/staff-digest.ts";
import { createStaffApp } from "./staff-app.ts";

/** Starts both listeners from one process: the portal for customers and the staff surface. */
async function main() {
  const env = parseEnv();
  const db = await openDatabase(env.databasePath);
  // The notice first: without MAIL_FROM the mailer's sender is the controller it names (issue 15).
  useNoticeFile(env.noticeFile);
  const deps = createDeps({ db, env, mailer: mailerFromEnv(env), now: Date.now });
  // Mail and webhooks written by earlier runs (a restart, a crash) and every retry that falls due (issue 13).
  deps.outbox.start(env.OUTBOX_POLL_SECONDS * 1000);

  // The demo desk's requests are dated from now, so some are due soon and one is overdue on first sign-in.
  if (env.demo && (await seedDemo(db, { deskAt: Date.now() })))
    console.info(`[demo] seeded the demo register into ${env.databasePath}`);

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

  console.info(`tietoni portal: ${env.portalOrigin}  (listening on ${env.PORTAL_HOST}:${env.PORTAL_PORT})`);
  console.info(`tietoni staff:  ${env.staffOrigin}  (listening on ${env.STAFF_HOST}:${env.STAFF_PORT})`);
  if (env.demo) {
    console.info(`[demo] customer: ${DEMO_CUSTOMER_EMAIL}; sign-in codes are written to ${env.mailDir}`);
    console.info(`[demo] staff: ${DEMO_STAFF.map((s) => `${s.username} / ${s.password}`).join(", ")}`);
    console.info(
      `[demo] authenticator keys (TOTP, SHA-1, 6 digits, 30 s): admin ${DEMO_ADMIN_TOTP_SECRET}, agent ${DEMO_AGENT_TOTP_SECRET}`,
    );
  }

  const shutdown = async () => {
    purge.stop();
    digest.stop();
    checkpoints.stop();
    retention.stop();
    portal.close();
    staff.close();
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
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
