import type { Db } from "../db/port.ts";
import type { Env } from "../env.ts";
import { onWebhookDelivered } from "../services/outbox/delivered.ts";
import { createOutbox, type Outbox } from "../services/outbox/outbox.ts";
import { createWebhookHandler } from "../services/outbox/webhook-delivery.ts";

/**
 * An instance's outbox as createDeps builds it for webhooks (the real handler, the delivered hook that records the
 * disclosure), at a fixed time, taking `batchSize` rows per pass: the dispatcher of services/outbox's
 * multi-instance test, in the test's process or in another (test/outbox-dispatcher.ts).
 */
export function instanceOutbox(db: Db, env: Env, now: () => number, batchSize: number): Outbox {
  return createOutbox({
    db,
    now,
    maxAttempts: 5,
    batchSize,
    handlers: {
      mail: async () => ({ ok: false, permanent: true, reason: "no mail in this test" }),
      webhook: createWebhookHandler({ db, env }),
    },
    delivered: { webhook: onWebhookDelivered },
  });
}

/** Passes of the dispatcher until one finds nothing due; how many rows they tried in all. */
export async function dispatchUntilDone(box: Outbox): Promise<number> {
  let tried = 0;
  for (let n = await box.deliverDue(); n > 0; n = await box.deliverDue()) tried += n;
  return tried;
}
