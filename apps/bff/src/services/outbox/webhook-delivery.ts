import type { Db } from "../../db/port.ts";
import type { Env } from "../../env.ts";
import type { OutboxHandler } from "./outbox.ts";

/*
 * TEMPORARY (foundation of issue 13): helper "webhooks" replaces this with the real delivery — Standard Webhooks
 * signing, the WEBHOOK_ALLOW check on the resolved address, no redirects, the timeout.
 */
export function createWebhookHandler(_deps: { db: Db; env: Env }): OutboxHandler {
  return async () => ({ ok: false, permanent: false, reason: "webhook delivery not built yet" });
}
