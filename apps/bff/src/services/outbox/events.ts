import { type CustomerEvent, endpointMayReceive } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/port.ts";
import { webhookEndpoints } from "../../db/schema.ts";
import { planRecipientNotifications } from "../recipient-notifications.ts";
import { eventData, eventParams, externalIdsOf, webhookPayload } from "./event-payloads.ts";
import type { Outbox } from "./outbox.ts";

/** One outbox row the fan-out wrote: which endpoint of which system gets the event. */
export type EndpointDelivery = { outboxId: string; endpointId: string; systemId: string };

type EventDeps = { outbox: Pick<Outbox, "enqueue">; now: () => number };

/**
 * What every service calls, in its own transaction, when something happened to a customer that other systems must
 * hear of: one outbox row per webhook endpoint that may receive the event (never back to the system that caused
 * it), then the Art. 19 notifications for a correction, erasure or restriction.
 */
export async function emitCustomerEvent(tx: Tx, deps: EventDeps, event: CustomerEvent): Promise<EndpointDelivery[]> {
  const [deliveries = []] = await emitCustomerEvents(tx, deps, [event]);
  return deliveries;
}

/**
 * `emitCustomerEvent` for many events in one transaction (an import batch: one event per customer changed): the
 * endpoints are read once for all of them. Answers each event's deliveries, in order.
 */
export async function emitCustomerEvents(
  tx: Tx,
  deps: EventDeps,
  events: readonly CustomerEvent[],
): Promise<EndpointDelivery[][]> {
  if (events.length === 0) return [];
  const all = await fanOutToEndpoints(tx, deps, events);
  for (const [i, event] of events.entries()) await planRecipientNotifications(tx, event, all[i] ?? [], deps.now());
  return all;
}

type Endpoint = { id: string; systemId: string; eventTypes: string[]; categories: string[] };

/**
 * One row per (event, endpoint) that may receive it. The enabled endpoints are read once (a handful of rows; read
 * in the caller's transaction, never cached, so an endpoint disabled a moment ago gets nothing); each event's data
 * is read once and wrapped per endpoint with the receiving system's own id of the customer.
 */
async function fanOutToEndpoints(
  tx: Tx,
  { outbox, now }: EventDeps,
  events: readonly CustomerEvent[],
): Promise<EndpointDelivery[][]> {
  const endpoints: Endpoint[] = (
    await tx
      .select({
        id: webhookEndpoints.id,
        systemId: webhookEndpoints.systemId,
        eventTypes: webhookEndpoints.eventTypes,
        categories: webhookEndpoints.categories,
      })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.enabled, true))
  ).map((e) => ({ ...e, eventTypes: parseList(e.eventTypes), categories: parseList(e.categories) }));
  const targets = events.map((event) =>
    endpoints.filter(
      // No sync loops: the system whose change this is already knows it.
      (e) => e.systemId !== event.sourceSystemId && endpointMayReceive(e, event.type),
    ),
  );
  const customerIds = events.filter((_, i) => targets[i]?.length).map((e) => e.customerId);
  const systemIds = [...new Set(targets.flat().map((e) => e.systemId))];
  const known = await externalIdsOf(tx, customerIds, systemIds);
  const at = now();
  const out: EndpointDelivery[][] = [];
  for (const [i, event] of events.entries()) {
    const to = targets[i] ?? [];
    const deliveries: EndpointDelivery[] = [];
    out.push(deliveries);
    if (to.length === 0) continue;
    const data = await eventData(tx, event, at);
    if (!data) continue;
    for (const endpoint of to) {
      const externalId =
        event.externalIds?.[endpoint.systemId] ?? known.get(`${event.customerId}:${endpoint.systemId}`) ?? null;
      const body = webhookPayload(event.type, at, { id: event.customerId, externalId }, data);
      const outboxId = await outbox.enqueue(tx, {
        kind: "webhook",
        topic: event.type,
        endpointId: endpoint.id,
        customerId: event.customerId,
        requestId: event.requestId ?? null,
        body,
        params: eventParams(event),
      });
      deliveries.push({ outboxId, endpointId: endpoint.id, systemId: endpoint.systemId });
    }
  }
  return out;
}

/** A JSON array column; anything else (a hand-edited row) receives nothing rather than failing the change. */
function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
