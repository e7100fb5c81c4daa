import {
  art19Parties,
  type CustomerEvent,
  type CustomerRecipientNotificationView,
  type DataCategoryId,
  DISCLOSURE_LOG_STARTED_AT,
  dataCategoryIds,
  eventCategories,
  isConfirmable,
  iso,
  type Localized,
  type NotificationTrigger,
  noticePartyName,
  type RecipientNotificationView,
} from "@tietoni/domain";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import {
  connectedSystems,
  customers,
  datumSources,
  disclosures,
  outbox,
  recipientNotifications,
  requestEvents,
  staffUsers,
} from "../db/schema.ts";
import { registerDescription } from "../notice/notice.ts";
import { appendAudit, byStaff, recordAudit, type StaffActor } from "./audit.ts";
import type { EndpointDelivery } from "./outbox/events.ts";
import type { Delivery } from "./outbox/outbox.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * Art. 19 from what actually happened (issue 13). Every correction, erasure and restriction event a service emits
 * (emitCustomerEvent, in the service's own transaction) is planned here: the rule in the domain (art19Parties) picks
 * the parties from the disclosure log and the recorded sources, a system that gets this very event by webhook is
 * told by it (done when the delivery succeeds, settleWebhookNotifications), every other party becomes a task staff
 * confirm on the request — or, for a change the customer made themselves, in the desk's "Recipients to notify".
 */

type NotificationRow = typeof recipientNotifications.$inferSelect;

/**
 * Which Art. 19 trigger an event is. A contact change is a correction whoever made it (the customer's own edit or
 * staff); an import or API upsert only when an update service sent it (its data replaces what was wrong) — any
 * other system's upsert is that system's own data arriving, not a correction of what others received.
 */
async function triggerOf(q: Queries, event: CustomerEvent): Promise<NotificationTrigger | null> {
  switch (event.type) {
    case "customer.correction_applied":
    case "customer.contact_changed":
      return "correction";
    case "customer.upserted": {
      if (!event.sourceSystemId) return null;
      const system = await q
        .select({ kind: connectedSystems.noticePartyKind, party: connectedSystems.noticePartyId })
        .from(connectedSystems)
        .where(eq(connectedSystems.id, event.sourceSystemId))
        .get();
      return system?.kind === "source" && system.party === "updateService" ? "correction" : null;
    }
    case "customer.restriction_applied":
      return "restriction";
    case "customer.erased":
      return "erasure";
    default:
      return null;
  }
}

const parseCategories = (json: string): DataCategoryId[] => {
  const list = JSON.parse(json) as string[];
  return dataCategoryIds.filter((c) => list.includes(c));
};

/**
 * Plans who must be told of the correction, erasure or restriction the event records, in the event's transaction.
 * Idempotent per (request, party): an event emitted twice for one request (a correction that is also a contact
 * change) adds no second row; it widens the categories, and a task becomes a webhook when this event reaches the
 * party's endpoint. A change without a request (the customer's own edit) joins the party's open task of the same
 * kind, so staff tell each party once of everything that changed since they last told them.
 */
export async function planRecipientNotifications(
  tx: Tx,
  event: CustomerEvent,
  deliveries: readonly EndpointDelivery[],
  now: number,
): Promise<void> {
  const trigger = await triggerOf(tx, event);
  if (!trigger) return;
  const customer = await tx
    .select({ createdAt: customers.createdAt })
    .from(customers)
    .where(eq(customers.id, event.customerId))
    .get();
  const logRows = await tx
    .select({
      systemId: disclosures.systemId,
      noticeRecipientId: disclosures.noticeRecipientId,
      categories: disclosures.categories,
    })
    .from(disclosures)
    .where(eq(disclosures.customerId, event.customerId));
  const sources = event.sources ?? (await recordedSources(tx, event.customerId));
  const parties = art19Parties(registerDescription, {
    trigger,
    categories: event.categories ?? eventCategories(event.type),
    disclosures: logRows.map((d) => ({ ...d, categories: JSON.parse(d.categories) as string[] })),
    sources,
    webhookDeliveries: deliveries.map((d) => ({ systemId: d.systemId, outboxId: d.outboxId })),
    causedBySystemId: event.sourceSystemId ?? null,
    // A customer the register cannot find any more is taken as old: more tasks rather than a recipient left untold.
    preLog: (customer?.createdAt ?? 0) < DISCLOSURE_LOG_STARTED_AT,
  });

  const requestId = event.requestId ?? null;
  for (const party of parties) {
    const same = and(
      eq(recipientNotifications.customerId, event.customerId),
      eq(recipientNotifications.trigger, trigger),
      eq(recipientNotifications.partyKind, party.kind),
      eq(recipientNotifications.partyId, party.id),
    );
    // With a request: its row for the party, whatever its state. Without: the party's open task, if any.
    const existing = await tx
      .select()
      .from(recipientNotifications)
      .where(
        requestId !== null
          ? and(same, eq(recipientNotifications.requestId, requestId))
          : and(
              same,
              isNull(recipientNotifications.requestId),
              eq(recipientNotifications.status, "pending"),
              eq(recipientNotifications.method, "task"),
            ),
      )
      .get();
    if (existing) {
      const categories = dataCategoryIds.filter(
        (c) => party.categories.includes(c) || parseCategories(existing.categories).includes(c),
      );
      const becomesWebhook = existing.status === "pending" && existing.method === "task" && party.outboxId !== null;
      await tx
        .update(recipientNotifications)
        .set({
          categories: JSON.stringify(categories),
          ...(becomesWebhook ? { method: "webhook" as const, outboxId: party.outboxId } : {}),
        })
        .where(eq(recipientNotifications.id, existing.id));
      continue;
    }
    await tx.insert(recipientNotifications).values({
      id: randomToken(),
      customerId: event.customerId,
      requestId,
      trigger,
      categories: JSON.stringify(party.categories),
      partyKind: party.kind,
      partyId: party.id,
      method: party.method,
      status: "pending",
      outboxId: party.outboxId,
      createdAt: now,
      doneAt: null,
      doneBy: null,
    });
  }
}

/** A delivered webhook that carried a notification marks it done, in the transaction that marks the delivery. */
export async function settleWebhookNotifications(tx: Tx, delivery: Delivery, now: number): Promise<void> {
  await tx
    .update(recipientNotifications)
    .set({ status: "done", doneAt: now })
    .where(and(eq(recipientNotifications.outboxId, delivery.id), eq(recipientNotifications.status, "pending")));
}

/* ---- Reading ---- */

type ViewRow = {
  n: NotificationRow;
  systemName: string | null;
  delivery: (typeof outbox.$inferSelect)["status"] | null;
  doneBy: string | null;
};

async function readViews(q: Queries, where: ReturnType<typeof and>): Promise<ViewRow[]> {
  return q
    .select({
      n: recipientNotifications,
      systemName: connectedSystems.name,
      delivery: outbox.status,
      doneBy: staffUsers.displayName,
    })
    .from(recipientNotifications)
    .leftJoin(
      connectedSystems,
      and(eq(recipientNotifications.partyKind, "system"), eq(connectedSystems.id, recipientNotifications.partyId)),
    )
    .leftJoin(outbox, eq(outbox.id, recipientNotifications.outboxId))
    .leftJoin(staffUsers, eq(staffUsers.id, recipientNotifications.doneBy))
    .where(where)
    .orderBy(
      asc(recipientNotifications.createdAt),
      asc(recipientNotifications.partyKind),
      asc(recipientNotifications.partyId),
      asc(recipientNotifications.id),
    );
}

/** A party's name: a system's registered name (the same in both languages), else the notice's. */
function partyName(row: ViewRow): Localized {
  if (row.n.partyKind === "system") {
    const name = row.systemName ?? row.n.partyId;
    return { fi: name, en: name };
  }
  return (
    noticePartyName(registerDescription, row.n.partyKind, row.n.partyId) ?? { fi: row.n.partyId, en: row.n.partyId }
  );
}

function toView(row: ViewRow): RecipientNotificationView {
  const { n } = row;
  const delivery = n.method === "webhook" ? row.delivery : null;
  return {
    id: n.id,
    customerId: n.customerId,
    requestId: n.requestId,
    trigger: n.trigger,
    categories: parseCategories(n.categories),
    party: { kind: n.partyKind, id: n.partyId, name: partyName(row) },
    method: n.method,
    status: n.status,
    delivery,
    confirmable: isConfirmable({ method: n.method, status: n.status, delivery }),
    createdAt: iso(n.createdAt),
    doneAt: iso(n.doneAt),
    doneBy: row.doneBy,
  };
}

/** The Art. 19 parties of one request, for its desk page (read inside the page's snapshot; the page audits it). */
export async function requestRecipientNotifications(q: Queries, requestId: string) {
  return (await readViews(q, eq(recipientNotifications.requestId, requestId))).map(toView);
}

export type OpenRecipientNotification = RecipientNotificationView & { customerName: string | null };

/**
 * The desk's "Recipients to notify": every notification staff can act on — open tasks and webhooks that died —
 * oldest first, with the customer's name; those on a request link to it. The read names customers: audited.
 */
export async function viewOpenRecipientNotifications(
  db: Db,
  actor: StaffActor,
  now: number,
): Promise<{ notifications: OpenRecipientNotification[] }> {
  const rows = await readViews(
    db,
    and(
      eq(recipientNotifications.status, "pending"),
      or(eq(recipientNotifications.method, "task"), eq(outbox.status, "dead")),
    ),
  );
  const ids = [...new Set(rows.map((r) => r.n.customerId))];
  const names = ids.length
    ? await db
        .select({
          id: customers.id,
          firstName: customers.firstName,
          lastName: customers.lastName,
          anonymisedAt: customers.anonymisedAt,
        })
        .from(customers)
        .where(inArray(customers.id, ids))
    : [];
  const nameOf = new Map(
    names.map((c) => [c.id, c.anonymisedAt === null ? `${c.firstName} ${c.lastName}`.trim() : null]),
  );
  await recordAudit(
    db,
    byStaff(actor, { action: "recipient_notifications.viewed", subjects: ids, detail: { count: rows.length } }),
    now,
  );
  return { notifications: rows.map((r) => ({ ...toView(r), customerName: nameOf.get(r.n.customerId) ?? null })) };
}

/** The customer's own Art. 19 notifications: which recipients were (or are still to be) told, newest first. */
export async function customerRecipientNotifications(
  db: Db,
  customerId: string,
): Promise<{ notifications: CustomerRecipientNotificationView[] }> {
  const rows = await readViews(db, eq(recipientNotifications.customerId, customerId));
  return {
    notifications: rows.reverse().map((r) => ({
      id: r.n.id,
      requestId: r.n.requestId,
      trigger: r.n.trigger,
      categories: parseCategories(r.n.categories),
      partyName: partyName(r),
      status: r.n.status,
      createdAt: iso(r.n.createdAt),
      doneAt: iso(r.n.doneAt),
    })),
  };
}

/* ---- Confirming ---- */

/** How the request's history names a party (request-history.tsx reads it). */
const historyNote = (row: ViewRow) =>
  row.n.partyKind === "system"
    ? `system:${row.systemName ?? row.n.partyId}`
    : `${row.n.partyKind === "notice_recipient" ? "recipient" : "source"}:${row.n.partyId}`;

/**
 * Staff told a party another way: a task, or a webhook that could not be delivered. Once only (409
 * already_notified); a webhook still being delivered is the system's to acknowledge (409 notification_by_webhook).
 * Audited, and on the request's history when it has one.
 */
export function confirmRecipientNotification(
  db: Db,
  actor: StaffActor,
  id: string,
  now: number,
): Promise<Result<{ notification: RecipientNotificationView }>> {
  return transact(db, async (tx) => {
    const [row] = await readViews(tx, eq(recipientNotifications.id, id));
    if (!row) return notFound();
    const view = toView(row);
    if (view.status === "done") return fail(409, "already_notified");
    if (!view.confirmable) return fail(409, "notification_by_webhook");
    await tx
      .update(recipientNotifications)
      .set({ status: "done", doneAt: now, doneBy: actor.id })
      .where(eq(recipientNotifications.id, id));
    if (row.n.requestId !== null) {
      await tx.insert(requestEvents).values({
        requestId: row.n.requestId,
        at: now,
        actorType: "staff",
        actorId: actor.id,
        event: "notified",
        note: historyNote(row),
        internal: true,
      });
    }
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "recipient_notification.confirmed",
        customerId: row.n.customerId,
        detail: {
          notificationId: id,
          requestId: row.n.requestId,
          partyKind: row.n.partyKind,
          partyId: row.n.partyId,
        },
      }),
      now,
    );
    const [after] = await readViews(tx, eq(recipientNotifications.id, id));
    if (!after) throw new Error("notification vanished after confirming");
    return { ok: true, notification: toView(after) };
  });
}

/** The customer's recorded sources (category, notice source, system): read before an erasure deletes them. */
export function recordedSources(q: Queries, customerId: string) {
  return q
    .select({ category: datumSources.category, source: datumSources.source, systemId: datumSources.systemId })
    .from(datumSources)
    .where(eq(datumSources.customerId, customerId))
    .all();
}
