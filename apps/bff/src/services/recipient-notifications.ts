import type { CustomerEvent } from "@tietoni/domain";
import type { Tx } from "../db/port.ts";
import type { EndpointDelivery } from "./outbox/events.ts";
import type { Delivery } from "./outbox/outbox.ts";

/*
 * TEMPORARY (foundation of issue 13): helper "art19" owns this file — Art. 19 notifications from the disclosure log.
 */

/** Plans who must be told of a correction, erasure or restriction the event records. */
export async function planRecipientNotifications(
  _tx: Tx,
  _event: CustomerEvent,
  _deliveries: readonly EndpointDelivery[],
  _now: number,
): Promise<void> {}

/** A delivered webhook that carried a notification marks it done. */
export async function settleWebhookNotifications(_tx: Tx, _delivery: Delivery, _now: number): Promise<void> {}
