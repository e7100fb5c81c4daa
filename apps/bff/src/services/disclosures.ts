import {
  automaticDisclosures,
  canonicalCategories,
  type DataCategoryId,
  type DisclosureView,
  disclosureDayProblem,
  disclosureMoment,
  eventCategories,
  helsinkiDate,
  iso,
  partyName,
  purposeLegalBasis,
  type RecordDisclosureInput,
  webhookEventTypes,
} from "@tietoni/domain";
import { asc, desc, eq, sql } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import { jsonRows } from "../db/dialect.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import { connectedSystems, customers, disclosures, webhookEndpoints } from "../db/schema.ts";
import { registerDescription } from "../notice/notice.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { isNoticeParty } from "./connected-systems.ts";
import type { Delivery } from "./outbox/outbox.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * The disclosure log (issue 13): each time a customer's data left the register for a recipient — a delivered webhook,
 * a mailing-list export (one row per customer on it), or a disclosure staff record by hand (a collection agency, the
 * accounting partner, an authority). A row names the customer by id only, never their data, so an erasure keeps it
 * (anonymise.ts deletes nothing here): the customer's id, the recipient, the categories and the time.
 */

type DisclosureRow = typeof disclosures.$inferInsert;

const newId = () => `dis_${randomToken()}`;

/** The notice recipient a connected system belongs to, when the notice names it as a recipient (not a source). */
function recipientOf(system: { noticePartyKind: string; noticePartyId: string }): string | null {
  return system.noticePartyKind === "recipient" ? system.noticePartyId : null;
}

/**
 * A webhook was delivered (runs in the transaction that marks it delivered, services/outbox/delivered.ts): the
 * receiving system got the event's categories. An event that carries no category (a restriction, an erasure) still
 * told the system the customer's id, so it is a disclosure too, with no categories.
 */
export async function recordWebhookDisclosure(tx: Tx, delivery: Delivery, now: number): Promise<void> {
  if (delivery.kind !== "webhook" || delivery.customerId === null || delivery.endpointId === null) return;
  const endpoint = await tx
    .select({
      systemId: connectedSystems.id,
      kind: connectedSystems.noticePartyKind,
      id: connectedSystems.noticePartyId,
    })
    .from(webhookEndpoints)
    .innerJoin(connectedSystems, eq(connectedSystems.id, webhookEndpoints.systemId))
    .where(eq(webhookEndpoints.id, delivery.endpointId))
    .get();
  if (!endpoint) return;
  const type = delivery.topic;
  const categories = Object.hasOwn(webhookEventTypes, type)
    ? eventCategories(type as keyof typeof webhookEventTypes)
    : [];
  const { purposeId, reason } = automaticDisclosures.webhook;
  await tx.insert(disclosures).values({
    id: newId(),
    customerId: delivery.customerId,
    at: now,
    channel: "webhook",
    systemId: endpoint.systemId,
    noticeRecipientId: recipientOf({ noticePartyKind: endpoint.kind, noticePartyId: endpoint.id }),
    categories: JSON.stringify(canonicalCategories(categories)),
    legalBasis: purposeLegalBasis(registerDescription, purposeId),
    reason,
    eventType: type,
    outboxId: delivery.id,
    recordedBy: null,
  } satisfies DisclosureRow);
}

/** Rows per statement of a mailing list's disclosures (one JSON parameter each, as the audit's subjects). */
const MAILING_ROWS_PER_STATEMENT = 5_000;

/**
 * A mailing-list export put these customers, each with these categories, in a file: one row per customer, written
 * in the transaction of the export's audit entry. Set-based (one statement of constant text per slice, the rows as
 * one JSON parameter), so a list of the whole register costs a few statements, not one insert per customer.
 */
export async function recordMailingListDisclosures(
  tx: Tx,
  sent: readonly { customerId: string; categories: readonly DataCategoryId[] }[],
  actor: StaffActor,
  now: number,
): Promise<void> {
  const { purposeId, reason, noticeRecipient } = automaticDisclosures.mailing_list;
  const legalBasis = purposeLegalBasis(registerDescription, purposeId);
  for (let i = 0; i < sent.length; i += MAILING_ROWS_PER_STATEMENT) {
    const slice = JSON.stringify(
      sent.slice(i, i + MAILING_ROWS_PER_STATEMENT).map((s) => [newId(), s.customerId, JSON.stringify(s.categories)]),
    );
    await tx.exec(
      sql`INSERT INTO ${disclosures} (id, customer_id, at, channel, system_id, notice_recipient_id, categories,
            legal_basis, reason, event_type, outbox_id, recorded_by)
          SELECT c0, c1, CAST(${now} AS BIGINT), 'mailing_list', NULL, ${noticeRecipient}, c2, ${legalBasis}, ${reason},
            NULL, NULL, ${actor.id}
          FROM (${jsonRows(tx, slice, 3)}) AS r`,
    );
  }
}

/**
 * A disclosure staff record by hand (permission `disclosure:record`): to a connected system or straight to one of
 * the notice's recipients, with the categories, the legal basis, why and the day. Audited with ids and codes only.
 */
export function recordDisclosure(
  db: Db,
  actor: StaffActor,
  customerId: string,
  input: RecordDisclosureInput,
  now: number,
): Promise<Result<{ disclosure: DisclosureView }>> {
  return transact(db, async (tx) => {
    const customer = await tx
      .select({
        relationshipStart: customers.relationshipStart,
        createdAt: customers.createdAt,
        anonymisedAt: customers.anonymisedAt,
      })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    // An erased customer has no data left to disclose.
    if (!customer || customer.anonymisedAt !== null) return notFound();
    const today = helsinkiDate(now);
    const problem = disclosureDayProblem(input.disclosedOn, today, {
      relationshipStart: customer.relationshipStart,
      createdOn: helsinkiDate(customer.createdAt),
    });
    if (problem) return fail(400, problem, "disclosedOn");
    let systemId: string | null = null;
    let noticeRecipientId: string | null = null;
    if (input.recipient.kind === "system") {
      const system = await tx
        .select()
        .from(connectedSystems)
        .where(eq(connectedSystems.id, input.recipient.systemId))
        .get();
      if (!system) return fail(400, "disclosure_system_unknown", "recipient");
      systemId = system.id;
      noticeRecipientId = recipientOf(system);
    } else {
      // The notice file names the recipients (issue 15): one it does not describe is not a recipient of this register.
      if (!isNoticeParty({ kind: "recipient", id: input.recipient.recipientId }))
        return fail(400, "notice_party_invalid", "recipient");
      noticeRecipientId = input.recipient.recipientId;
    }
    const id = newId();
    const categories = canonicalCategories(input.categories);
    await tx.insert(disclosures).values({
      id,
      customerId,
      at: disclosureMoment(input.disclosedOn, today, now),
      channel: "manual",
      systemId,
      noticeRecipientId,
      categories: JSON.stringify(categories),
      legalBasis: input.legalBasis,
      reason: input.reason,
      eventType: null,
      outboxId: null,
      recordedBy: actor.id,
    } satisfies DisclosureRow);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "disclosure.recorded",
        customerId,
        detail: {
          disclosureId: id,
          ...(systemId ? { systemId } : {}),
          ...(noticeRecipientId ? { noticeRecipientId } : {}),
          categories,
          legalBasis: input.legalBasis,
          reason: input.reason,
          disclosedOn: input.disclosedOn,
        },
      }),
      now,
    );
    const [disclosure] = await readViews(tx, customerId, id);
    if (!disclosure) throw new Error("recorded disclosure not found");
    return { ok: true, disclosure };
  });
}

async function readViews(q: Queries, customerId: string, id?: string): Promise<DisclosureView[]> {
  const rows = await q
    .select({ row: disclosures, systemName: connectedSystems.name })
    .from(disclosures)
    .leftJoin(connectedSystems, eq(connectedSystems.id, disclosures.systemId))
    .where(id === undefined ? eq(disclosures.customerId, customerId) : eq(disclosures.id, id))
    .orderBy(desc(disclosures.at), desc(disclosures.id))
    .all();
  return rows.map(({ row, systemName }) => toDisclosureView(row, systemName));
}

/** A log row as the customer and staff see it: the system's registered name, the notice recipient's name. */
export function toDisclosureView(
  row: Pick<
    typeof disclosures.$inferSelect,
    "id" | "at" | "channel" | "noticeRecipientId" | "categories" | "legalBasis" | "reason" | "eventType"
  >,
  systemName: string | null,
): DisclosureView {
  const recipientId = row.noticeRecipientId;
  const recipient =
    recipientId !== null ? { id: recipientId, name: partyName(registerDescription, "recipient", recipientId) } : null;
  return {
    id: row.id,
    at: iso(row.at),
    channel: row.channel,
    systemName,
    noticeRecipient: recipient,
    categories: canonicalCategories(JSON.parse(row.categories) as string[]),
    legalBasis: row.legalBasis,
    reason: row.reason,
    eventType: row.eventType,
  };
}

/** Every disclosure of the customer's data, newest first (the portal's "who received my data"). */
export function listDisclosures(q: Queries, customerId: string): Promise<DisclosureView[]> {
  return readViews(q, customerId);
}

/** A recipient staff may choose when recording a disclosure: a registered system. */
export type DisclosureSystemOption = { id: string; name: string; noticeRecipientId: string | null };

/**
 * The log on the customer's record, for staff: audited (`disclosures.viewed`). Also kept readable for an erased
 * customer, whose log outlives them. With the systems a disclosure can be recorded to (agents record disclosures
 * too, and may not open the admins' list of systems).
 */
export async function staffDisclosures(
  db: Db,
  customerId: string,
  actor: StaffActor,
  now: number,
): Promise<Result<{ disclosures: DisclosureView[]; systems: DisclosureSystemOption[] }>> {
  return transact(db, async (tx) => {
    const customer = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).get();
    if (!customer) return notFound();
    const views = await readViews(tx, customerId);
    const systems = await tx
      .select({
        id: connectedSystems.id,
        name: connectedSystems.name,
        noticePartyKind: connectedSystems.noticePartyKind,
        noticePartyId: connectedSystems.noticePartyId,
      })
      .from(connectedSystems)
      .orderBy(asc(connectedSystems.name))
      .all();
    await appendAudit(
      tx,
      byStaff(actor, { action: "disclosures.viewed", customerId, detail: { count: views.length } }),
      now,
    );
    return {
      ok: true,
      disclosures: views,
      systems: systems.map((s) => ({ id: s.id, name: s.name, noticeRecipientId: recipientOf(s) })),
    };
  });
}
