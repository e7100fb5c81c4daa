import {
  type CorrectableField,
  type CustomerEvent,
  type DataCategoryId,
  eventCategories,
  fieldCategory,
  helsinkiDate,
  iso,
  marketingPurposes,
  type WebhookEventType,
  type WebhookPayload,
  webhookEventTypeSchema,
} from "@tietoni/domain";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { jsonValues } from "../../db/dialect.ts";
import type { Db, Queries } from "../../db/port.ts";
import {
  customers,
  externalIds,
  marketingEvents,
  marketingObjections,
  organisationRoles,
  organisations,
  restrictions,
  webhookEndpoints,
} from "../../db/schema.ts";
import { currentValueOf } from "../requests.ts";
import type { OutboxRow } from "./outbox.ts";

/*
 * The payloads of the events tietoni sends (docs/webhooks.md, "Events and payloads"). Each carries the state after
 * the change, not a delta, read from the register when the event is written (or again, for a retry or a replay
 * after the body was dropped): a receiver that gets an event twice, or late, still ends up with what is true.
 * Only the categories the type declares are put in; a postal address under non-disclosure (turvakielto) is never
 * sent to a system, so it goes as null.
 */

/** What a payload's `data` holds besides `customer`: the same for every endpoint of one event. */
export type EventData = Record<string, unknown>;

/** The ids an outbox row keeps to render its body again (no personal data: ids, category and field names). */
export type EventParams = {
  customerId: string;
  categories?: string;
  fields?: string;
  restrictionId?: string;
};

const contactCategories = new Set<DataCategoryId>(["name", "organisation", "email", "phone", "postalAddress", "www"]);

/** The fields a correction of each category changes, when a service names only the category. */
const fieldsOfCategory = (category: DataCategoryId): CorrectableField[] =>
  (Object.keys(fieldCategory) as CorrectableField[]).filter((f) => fieldCategory[f] === category);

/** The params an event's rows keep, from which `renderWebhookBody` rebuilds their bodies. */
export function eventParams(event: CustomerEvent): EventParams {
  return {
    customerId: event.customerId,
    ...(event.categories ? { categories: event.categories.join(",") } : {}),
    ...(event.fields ? { fields: event.fields.join(",") } : {}),
    ...(event.restrictionId ? { restrictionId: event.restrictionId } : {}),
  };
}

function eventFromParams(type: WebhookEventType, params: Record<string, string>): CustomerEvent | null {
  const customerId = params.customerId;
  if (!customerId) return null;
  const list = (s: string | undefined) => (s === undefined ? undefined : s.split(",").filter(Boolean));
  return {
    type,
    customerId,
    categories: list(params.categories) as DataCategoryId[] | undefined,
    fields: list(params.fields),
    restrictionId: params.restrictionId ?? null,
  };
}

/** The envelope every delivery carries (Standard Webhooks: `type`, `timestamp`, `data`). */
export function webhookPayload(
  type: WebhookEventType,
  at: number,
  customer: { id: string; externalId: string | null },
  data: EventData,
): WebhookPayload {
  return { type, timestamp: new Date(at).toISOString(), data: { customer, ...data } };
}

type CustomerRow = typeof customers.$inferSelect;

async function readCustomer(q: Queries, customerId: string): Promise<CustomerRow | undefined> {
  return q.select().from(customers).where(eq(customers.id, customerId)).get();
}

/** The contact fields of the categories `type` declares, as they are now. */
async function contactData(q: Queries, c: CustomerRow, type: WebhookEventType, now: number) {
  const carries = new Set(eventCategories(type).filter((k) => contactCategories.has(k)));
  const contact: Record<string, unknown> = {};
  if (carries.has("name")) contact.name = { firstName: c.firstName, lastName: c.lastName };
  if (carries.has("organisation")) {
    // The roles held today: an ended role is history, not contact data.
    const today = helsinkiDate(now);
    contact.organisations = await q
      .select({ name: organisations.name, businessId: organisations.businessId, role: organisationRoles.role })
      .from(organisationRoles)
      .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
      .where(
        and(
          eq(organisationRoles.customerId, c.id),
          or(isNull(organisationRoles.endDate), gt(organisationRoles.endDate, today)),
        ),
      )
      // Roles begun the same day in the order they were recorded (rowid), on both engines.
      .orderBy(asc(organisationRoles.startDate), sql`${organisationRoles}.rowid`);
  }
  if (carries.has("email")) contact.email = c.email;
  if (carries.has("phone")) contact.phone = c.phone;
  if (carries.has("postalAddress")) contact.postalAddress = postalAddressOf(c);
  if (carries.has("www")) contact.www = c.www;
  return contact;
}

function postalAddressOf(c: CustomerRow) {
  if (c.addressProtected) return null;
  if (c.street === null && c.postalCode === null && c.city === null && c.country === null) return null;
  return { street: c.street, postalCode: c.postalCode, city: c.city, country: c.country };
}

/** Each purpose's answer now, with the channel and time of its last change (null: never changed). */
async function objectionsData(q: Queries, c: CustomerRow) {
  const answers = new Map(
    (
      await q
        .select({ purpose: marketingObjections.purpose, objected: marketingObjections.objected })
        .from(marketingObjections)
        .where(eq(marketingObjections.customerId, c.id))
    ).map((r) => [r.purpose, r.objected]),
  );
  // Each purpose's latest change: its row with the greatest id.
  const latest = new Map(
    (
      await q.rows<{ purpose: string; channel: string; at: number }>(
        sql`SELECT purpose, channel, at FROM ${marketingEvents}
            WHERE id IN (SELECT max(id) FROM ${marketingEvents} WHERE customer_id = ${c.id} GROUP BY purpose)`,
      )
    ).map((r) => [r.purpose, r]),
  );
  return {
    email: c.email,
    objections: marketingPurposes.map((purpose) => {
      const last = latest.get(purpose);
      return {
        purpose,
        objected: answers.get(purpose) ?? false,
        channel: last?.channel ?? null,
        at: last ? iso(last.at) : null,
      };
    }),
  };
}

/** The corrected fields (named, or every field of the named categories) and their values now. */
async function correctionData(q: Queries, c: CustomerRow, event: CustomerEvent) {
  const carries = new Set(eventCategories(event.type));
  const named = event.fields ?? (event.categories ?? eventCategories(event.type)).flatMap(fieldsOfCategory);
  const fields = [...new Set(named)].filter(
    (f): f is CorrectableField => f in fieldCategory && carries.has(fieldCategory[f as CorrectableField]),
  );
  const values: Record<string, string | null> = {};
  for (const f of fields) {
    values[f] = f === "postalAddress" && c.addressProtected ? null : await currentValueOf(q, c.id, f);
  }
  return { fields, values };
}

async function restrictionData(q: Queries, customerId: string, event: CustomerEvent) {
  const lifted = event.type === "customer.restriction_lifted";
  const r = event.restrictionId
    ? await q.select().from(restrictions).where(eq(restrictions.id, event.restrictionId)).get()
    : await q
        .select()
        .from(restrictions)
        .where(eq(restrictions.customerId, customerId))
        // NULLS LAST: PostgreSQL puts a restriction never lifted first in descending order; SQLite last.
        .orderBy(sql`${lifted ? restrictions.liftedAt : restrictions.appliedAt} DESC NULLS LAST`)
        .limit(1)
        .get();
  if (!r) return null;
  return { restrictionId: r.id, ground: r.ground, at: iso(lifted ? (r.liftedAt ?? r.appliedAt) : r.appliedAt) };
}

/**
 * The `data` of an event besides `customer`, read now; null when there is nothing to send (the customer is gone,
 * or erased since, for anything but the erasure itself).
 */
export async function eventData(q: Queries, event: CustomerEvent, now: number): Promise<EventData | null> {
  const c = await readCustomer(q, event.customerId);
  if (event.type === "customer.erased") return { erasedAt: iso(c?.anonymisedAt ?? now) };
  if (!c || c.anonymisedAt !== null) return null;
  const changed = { categories: [...(event.categories ?? eventCategories(event.type))] };
  switch (event.type) {
    case "customer.marketing_objections_changed":
      return objectionsData(q, c);
    case "customer.contact_changed":
    case "customer.upserted":
      return { ...changed, contact: await contactData(q, c, event.type, now) };
    case "customer.correction_applied":
      return correctionData(q, c, event);
    case "customer.restriction_applied":
    case "customer.restriction_lifted":
      return restrictionData(q, c.id, event);
  }
}

/** The customer's id in each of `systemIds` (the receivers' own ids), where they have one. */
export async function externalIdsOf(
  q: Queries,
  customerIds: readonly string[],
  systemIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (customerIds.length === 0 || systemIds.length === 0) return found;
  const rows = await q.rows<{ c: string; s: string; e: string }>(
    sql`SELECT local_id AS c, system_id AS s, external_id AS e FROM ${externalIds}
        WHERE kind = 'customer' AND local_id IN (${jsonValues(q, JSON.stringify(customerIds))})
          AND system_id IN (${jsonValues(q, JSON.stringify(systemIds))})
        ORDER BY rowid`,
  );
  // A system that somehow holds two ids for one customer gets the first one it gave (rowid: insertion order).
  for (const r of rows) if (!found.has(`${r.c}:${r.s}`)) found.set(`${r.c}:${r.s}`, r.e);
  return found;
}

/**
 * Every system's own id of the customer (system id → external id): read before an erasure removes them, so the
 * `customer.erased` event can still name the person to each receiver in its own terms.
 */
export async function externalIdsBySystem(q: Queries, customerId: string): Promise<Record<string, string>> {
  const rows = await q
    .select({ systemId: externalIds.systemId, externalId: externalIds.externalId })
    .from(externalIds)
    .where(and(eq(externalIds.kind, "customer"), eq(externalIds.localId, customerId)))
    // The first id each system gave: insertion order, which neither engine promises without being asked.
    .orderBy(sql`rowid`);
  const found: Record<string, string> = {};
  for (const r of rows) found[r.systemId] ??= r.externalId;
  return found;
}

/**
 * Renders a webhook row's body again from its metadata (a retry or replay after the body was dropped): the state
 * now, the receiver's external id now. Null when it cannot be rendered: the customer no longer exists (or was
 * erased since), the row is not an event. An erasure is rebuilt from ids alone — its receivers' ids went with the
 * person, so `externalId` is null then.
 */
export async function renderWebhookBody(db: Db, row: OutboxRow): Promise<WebhookPayload | null> {
  if (row.kind !== "webhook") return null;
  const type = webhookEventTypeSchema.safeParse(row.topic);
  if (!type.success) return null;
  const params = row.params === null ? {} : (JSON.parse(row.params) as Record<string, string>);
  const event = eventFromParams(type.data, { customerId: row.customerId ?? "", ...params });
  if (!event) return null;
  return db.read(async (r) => {
    const data = await eventData(r, event, row.createdAt);
    if (!data) return null;
    const endpoint = row.endpointId
      ? await r
          .select({ systemId: webhookEndpoints.systemId })
          .from(webhookEndpoints)
          .where(eq(webhookEndpoints.id, row.endpointId))
          .get()
      : undefined;
    const ids = endpoint ? await externalIdsOf(r, [event.customerId], [endpoint.systemId]) : new Map();
    const externalId = endpoint ? (ids.get(`${event.customerId}:${endpoint.systemId}`) ?? null) : null;
    return webhookPayload(event.type, row.createdAt, { id: event.customerId, externalId }, data);
  });
}
