import {
  assessErasure,
  type CustomerRecord,
  type ErasureAssessment,
  type NotificationParty,
  partiesToNotify,
  type RequestView,
} from "@tietoni/domain";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/port.ts";
import { correctionNotifications, datumSources, requestEvents, requests, staffUsers } from "../../db/schema.ts";
import { loadCustomerRecord } from "../customer-record.ts";
import { gatherErasureFacts } from "../erasure-facts.ts";
import { toRequestView } from "../requests.ts";

const iso = (ms: number) => new Date(ms).toISOString();

type RequestRow = typeof requests.$inferSelect;

export type ConfirmedNotification = {
  partyKind: NotificationParty["kind"];
  partyId: string;
  at: string;
  staffName: string;
};
export type Notifications = { parties: NotificationParty[]; confirmed: ConfirmedNotification[] };

export type DeskRequest = {
  request: RequestView;
  customerId: string;
  customer: CustomerRecord | null;
  /** Staff-only notes, never shown to the customer. */
  notes: { at: string; staffName: string; note: string }[];
  /** Every step with who took it; `internal` steps (assignment, notifications) are not shown to the customer. */
  timeline: {
    at: string;
    event: string;
    note: string | null;
    actor: { type: "customer" | "staff" | "system"; name: string | null };
    internal: boolean;
  }[];
  assignedTo: { id: string; displayName: string } | null;
  erasure: ErasureAssessment | null;
  notifications: Notifications | null;
};

export function findRequest(db: Pick<Db, "select">, id: string): RequestRow | null {
  return db.select().from(requests).where(eq(requests.id, id)).get() ?? null;
}

/**
 * Art. 19: the parties to tell of a correction (from the record's recorded sources of the field's category
 * and the category's recipients) and which of them staff have confirmed.
 */
export function loadNotifications(db: Pick<Db, "select">, row: RequestRow): Notifications | null {
  if (row.type !== "rectification" || row.correctionField === null) return null;
  const sources = db
    .select({ category: datumSources.category, source: datumSources.source })
    .from(datumSources)
    .where(eq(datumSources.customerId, row.customerId))
    .all();
  const confirmed = db
    .select({
      partyKind: correctionNotifications.partyKind,
      partyId: correctionNotifications.partyId,
      at: correctionNotifications.notifiedAt,
      staffName: staffUsers.displayName,
    })
    .from(correctionNotifications)
    .innerJoin(staffUsers, eq(staffUsers.id, correctionNotifications.notifiedBy))
    .where(eq(correctionNotifications.requestId, row.id))
    .orderBy(asc(correctionNotifications.notifiedAt), asc(correctionNotifications.id))
    .all()
    .map((n) => ({ ...n, at: iso(n.at) }));
  return { parties: partiesToNotify(row.correctionField, sources), confirmed };
}

/** What the request page shows: the request, its customer's record, notes, history and the domain's findings. */
export function loadDeskRequest(db: Db, id: string): DeskRequest | null {
  const row = findRequest(db, id);
  if (!row) return null;
  const events = db
    .select({ event: requestEvents, staffName: staffUsers.displayName })
    .from(requestEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, requestEvents.actorId))
    .where(eq(requestEvents.requestId, id))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id))
    .all();
  const assignee = row.assignedTo
    ? db
        .select({ id: staffUsers.id, displayName: staffUsers.displayName })
        .from(staffUsers)
        .where(eq(staffUsers.id, row.assignedTo))
        .get()
    : undefined;
  return {
    request: toRequestView(
      row,
      events.map((e) => e.event),
    ),
    customerId: row.customerId,
    customer: loadCustomerRecord(db, row.customerId),
    notes: events
      .filter((e) => e.event.internal && e.event.event === "note")
      .map((e) => ({ at: iso(e.event.at), staffName: e.staffName ?? "", note: e.event.note ?? "" })),
    timeline: events
      .filter((e) => e.event.event !== "note")
      .map((e) => ({
        at: iso(e.event.at),
        event: e.event.event,
        note: e.event.note,
        actor: { type: e.event.actorType, name: e.event.actorType === "staff" ? e.staffName : null },
        internal: e.event.internal,
      })),
    assignedTo: assignee ?? null,
    erasure: row.type === "erasure" ? assessErasure(gatherErasureFacts(db, row.customerId)) : null,
    notifications: loadNotifications(db, row),
  };
}
