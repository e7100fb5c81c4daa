import type { Tx } from "../../db/port.ts";
import { recordWebhookDisclosure } from "../disclosures.ts";
import { settleWebhookNotifications } from "../recipient-notifications.ts";
import type { Delivery } from "./outbox.ts";

/**
 * A webhook was delivered: in the same transaction that marks it, the delivery becomes a disclosure in the log and
 * settles the Art. 19 notification it carried (if it was one).
 */
export async function onWebhookDelivered(tx: Tx, delivery: Delivery, now: number): Promise<void> {
  await recordWebhookDisclosure(tx, delivery, now);
  await settleWebhookNotifications(tx, delivery, now);
}
