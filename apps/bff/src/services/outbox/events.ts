import type { CustomerEvent } from "@tietoni/domain";
import type { Tx } from "../../db/port.ts";
import { planRecipientNotifications } from "../recipient-notifications.ts";
import type { Outbox } from "./outbox.ts";

/** One outbox row the fan-out wrote: which endpoint of which system gets the event. */
export type EndpointDelivery = { outboxId: string; endpointId: string; systemId: string };

/**
 * What every service calls, in its own transaction, when something happened to a customer that other systems must
 * hear of: one outbox row per webhook endpoint that may receive the event (never back to the system that caused
 * it), then the Art. 19 notifications for a correction, erasure or restriction.
 */
export async function emitCustomerEvent(
  tx: Tx,
  deps: { outbox: Pick<Outbox, "enqueue">; now: () => number },
  event: CustomerEvent,
): Promise<EndpointDelivery[]> {
  const deliveries = await fanOutToEndpoints(tx, deps, event);
  await planRecipientNotifications(tx, event, deliveries, deps.now());
  return deliveries;
}

/*
 * TEMPORARY (foundation of issue 13): helper "events" replaces this with the real fan-out — endpoints that subscribe
 * and may receive the categories, the payload with the receiving system's external id, no sync loops.
 */
async function fanOutToEndpoints(
  _tx: Tx,
  _deps: { outbox: Pick<Outbox, "enqueue">; now: () => number },
  _event: CustomerEvent,
): Promise<EndpointDelivery[]> {
  return [];
}
