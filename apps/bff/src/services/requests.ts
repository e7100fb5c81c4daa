import {
  type CorrectableField,
  type CreateRequestInput,
  helsinkiDate,
  initialDueDate,
  type RequestChannel,
  type RequestView,
} from "@tietoni/domain";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Tx } from "../db/port.ts";
import { billingDetails, customers, organisationRoles, organisations, requestEvents, requests } from "../db/schema.ts";

type RequestRow = typeof requests.$inferSelect;
type EventRow = typeof requestEvents.$inferSelect;
/** The columns a request's view is made of (who decided or is assigned stays with staff). */
export type RequestViewRow = Omit<RequestRow, "customerId" | "decidedBy" | "assignedTo">;

const iso = (ms: number) => new Date(ms).toISOString();

/** A request as its customer (and staff) see it; internal notes are left out. */
export function toRequestView(
  r: RequestViewRow,
  events: readonly Pick<EventRow, "at" | "event" | "note" | "internal">[],
): RequestView {
  return {
    id: r.id,
    type: r.type,
    state: r.state,
    channel: r.channel,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    extension:
      r.extendedAt !== null && r.extensionMonths !== null
        ? { months: r.extensionMonths, reasons: r.extensionReasons ?? "", at: iso(r.extendedAt) }
        : null,
    text: r.text,
    correction:
      r.type === "rectification" && r.correctionField !== null
        ? {
            field: r.correctionField,
            currentValue: r.correctionCurrent,
            newValue: r.correctionNew ?? "",
            reason: r.correctionReason ?? "",
          }
        : null,
    restrictionGround: r.restrictionGround,
    decision:
      r.decisionOutcome !== null && r.decidedAt !== null
        ? { outcome: r.decisionOutcome, reasons: r.decisionReasons ?? "", decidedAt: iso(r.decidedAt) }
        : null,
    history: events.filter((e) => !e.internal).map((e) => ({ at: iso(e.at), event: e.event, note: e.note })),
    createdAt: iso(r.createdAt),
  };
}

/** The customer's requests, newest first, each with its visible history. */
export function listCustomerRequests(db: Db, customerId: string): RequestView[] {
  const rows = db
    .select()
    .from(requests)
    .where(eq(requests.customerId, customerId))
    .orderBy(desc(requests.createdAt))
    .all();
  if (rows.length === 0) return [];
  const events = db
    .select()
    .from(requestEvents)
    .where(
      inArray(
        requestEvents.requestId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(requestEvents.at), asc(requestEvents.id))
    .all();
  return rows.map((r) =>
    toRequestView(
      r,
      events.filter((e) => e.requestId === r.id),
    ),
  );
}

export function loadRequestView(db: Pick<Db, "select">, id: string): RequestView | null {
  const row = db.select().from(requests).where(eq(requests.id, id)).get();
  if (!row) return null;
  const events = db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, id))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id))
    .all();
  return toRequestView(row, events);
}

/** What the register holds now in the field a correction request names, for the staff's field-level diff. */
export function currentValueOf(db: Pick<Db, "select">, customerId: string, field: CorrectableField): string | null {
  if (field === "firstName" || field === "lastName") {
    const c = db
      .select({ firstName: customers.firstName, lastName: customers.lastName })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    return c ? c[field] : null;
  }
  if (field === "organisation") {
    const names = db
      .select({ name: organisations.name })
      .from(organisationRoles)
      .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
      .where(eq(organisationRoles.customerId, customerId))
      .all()
      .map((o) => o.name);
    return names.length > 0 ? names.join(", ") : null;
  }
  const b = db.select().from(billingDetails).where(eq(billingDetails.customerId, customerId)).get();
  if (!b) return null;
  if (field === "billingName") return b.billingName;
  if (field === "billingAddress") return `${b.street}, ${b.postalCode} ${b.city}, ${b.country}`;
  return b.eInvoiceAddress;
}

export function hasPendingRequestOfType(db: Pick<Db, "select">, customerId: string, type: RequestRow["type"]): boolean {
  return (
    db
      .select({ id: requests.id })
      .from(requests)
      .where(
        and(
          eq(requests.customerId, customerId),
          eq(requests.type, type),
          inArray(requests.state, ["received", "inProgress", "extended"]),
        ),
      )
      .get() !== undefined
  );
}

/**
 * Records a new request. The deadline runs from the day it was received in Helsinki (for paper
 * requests, the day on the letter's receipt stamp, given by staff).
 */
export function insertRequest(
  tx: Tx | Db,
  args: {
    customerId: string;
    input: CreateRequestInput;
    channel: RequestChannel;
    now: number;
    receivedOn?: string;
    actor: { type: "customer" | "staff"; id: string };
  },
): string {
  const { input, now } = args;
  const receivedOn = args.receivedOn ?? helsinkiDate(now);
  const id = randomToken();
  tx.insert(requests)
    .values({
      id,
      customerId: args.customerId,
      type: input.type,
      state: "received",
      channel: args.channel,
      receivedOn,
      dueOn: initialDueDate(receivedOn),
      text: input.type === "rectification" ? "" : input.text,
      correctionField: input.type === "rectification" ? input.field : null,
      correctionCurrent: input.type === "rectification" ? currentValueOf(tx, args.customerId, input.field) : null,
      correctionNew: input.type === "rectification" ? input.newValue : null,
      correctionReason: input.type === "rectification" ? input.reason : null,
      restrictionGround: input.type === "restriction" ? input.ground : null,
      createdAt: now,
    })
    .run();
  tx.insert(requestEvents)
    .values({
      requestId: id,
      at: now,
      actorType: args.actor.type,
      actorId: args.actor.id,
      event: "received",
      note: null,
    })
    .run();
  return id;
}
