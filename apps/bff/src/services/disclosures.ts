import type { Tx } from "../db/port.ts";
import type { Delivery } from "./outbox/outbox.ts";

/*
 * TEMPORARY (foundation of issue 13): helper "disclosures" owns this file — the disclosure log (webhook deliveries,
 * mailing-list exports per customer, disclosures staff record by hand) and its views.
 */
export async function recordWebhookDisclosure(_tx: Tx, _delivery: Delivery, _now: number): Promise<void> {}
