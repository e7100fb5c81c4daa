import type { Db } from "./db/port.ts";
import type { Env } from "./env.ts";
import { createMailHandler, createMailQueue, type MailQueue } from "./mail/mail-queue.ts";
import type { Mailer } from "./mail/mailer.ts";
import { messageIdDomainOf, useNoticeFile } from "./notice/notice.ts";
import { createReadiness, type Readiness } from "./readiness.ts";
import { configureAudit } from "./services/audit.ts";
import { configureErasureJournal } from "./services/backup/erasure-journal.ts";
import { onMailDelivered } from "./services/erase-traces.ts";
import { onWebhookDelivered } from "./services/outbox/delivered.ts";
import { createOutbox, type Outbox, type OutboxHandler } from "./services/outbox/outbox.ts";
import { createWebhookHandler } from "./services/outbox/webhook-delivery.ts";

/** What every route factory needs; tests pass their own database, mailer and clock. */
export type Deps = {
  db: Db;
  env: Env;
  /**
   * Mail, written to the outbox inside a service's transaction and delivered after it commits (issue 13). The
   * mailer itself is not here: nothing but the outbox's mail handler sends.
   */
  mail: MailQueue;
  /** The transactional outbox: mail and webhook deliveries (services/outbox). Events go through `emitCustomerEvent`. */
  outbox: Outbox;
  now: () => number;
  /** What /readyz answers on both listeners, and the switch a shutdown turns off first (issue 15 D). */
  readiness: Readiness;
};

/**
 * The one way to assemble Deps: the outbox with its mail and webhook handlers, and the mail queue over it. Tests
 * pass a capturing mailer; a test of webhooks may pass its own handler.
 */
export function createDeps({
  db,
  env,
  mailer,
  now,
  webhook,
}: {
  db: Db;
  env: Env;
  mailer: Mailer;
  now: () => number;
  webhook?: OutboxHandler;
}): Deps {
  // Issue 15: the privacy notice from NOTICE_FILE, validated; a wrong file stops here naming each wrong field.
  useNoticeFile(env.noticeFile);
  const outbox = createOutbox({
    db,
    now,
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    leaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    handlers: {
      mail: createMailHandler(mailer, messageIdDomainOf(env)),
      webhook: webhook ?? createWebhookHandler({ db, env }),
    },
    delivered: { webhook: onWebhookDelivered, mail: onMailDelivered },
  });
  const mail = createMailQueue(outbox);
  // Issue 14 E: the audit trail's keys and checkpoint policy, given once for every append in the process (the ~150
  // call sites of appendAudit stay as they are); checkpoints are mailed to the DPO through this outbox.
  configureAudit({
    hmacKey: env.auditHmacKey,
    signingKey: env.auditSigningKey,
    previousHmacKeys: listSetting(env.AUDIT_HMAC_PREVIOUS_KEYS),
    previousPublicKeys: listSetting(env.AUDIT_PREVIOUS_PUBLIC_KEYS),
    checkpointEvery: env.AUDIT_CHECKPOINT_EVERY,
    checkpointMinutes: env.AUDIT_CHECKPOINT_MINUTES,
    dpoMailTo: env.DPO_MAIL_TO,
    mail,
  });
  // Issue 15 F: every erasure of this process is journalled in STATE_DIR, the customer keyed by the audit HMAC key.
  configureErasureJournal({ stateDir: env.stateDir, key: env.auditHmacKey });
  return { db, env, mail, outbox, now, readiness: createReadiness({ db, outbox }) };
}

function listSetting(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
