import {
  allowsOnlyOnePending,
  type CorrectableField,
  type CreateRequestInput,
  canCancel,
  DAY_MS,
  helsinkiDate,
  initialDueDate,
  iso,
  type Locale,
  type RequestChannel,
  type RequestView,
} from "@tietoni/domain";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { takeCustomerAction } from "../auth/customer-limits.ts";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import { billingDetails, customers, organisationRoles, organisations, requestEvents, requests } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { requestCancelledMail, requestReceivedMail } from "../mail/request-templates.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { appendAudit } from "./audit.ts";
import { activeRestriction, endedRestrictions, liftToldAt } from "./restriction.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

type RequestRow = typeof requests.$inferSelect;
type EventRow = typeof requestEvents.$inferSelect;
/** The columns a request's view is made of (who decided or is assigned stays with staff). */
export type RequestViewRow = Omit<
  RequestRow,
  "customerId" | "decidedBy" | "assignedTo" | "identityMethod" | "identityVerifiedBy" | "identityVerifiedAt"
>;

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
export async function listCustomerRequests(q: Queries, customerId: string): Promise<RequestView[]> {
  const rows = await q
    .select()
    .from(requests)
    .where(eq(requests.customerId, customerId))
    .orderBy(desc(requests.createdAt));
  if (rows.length === 0) return [];
  const events = await q
    .select()
    .from(requestEvents)
    .where(
      inArray(
        requestEvents.requestId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
  return rows.map((r) =>
    toRequestView(
      r,
      events.filter((e) => e.requestId === r.id),
    ),
  );
}

export async function loadRequestView(q: Queries, id: string): Promise<RequestView | null> {
  const row = await q.select().from(requests).where(eq(requests.id, id)).get();
  if (!row) return null;
  const events = await q
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, id))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
  return toRequestView(row, events);
}

/** What the register holds now in the field a correction request names, for the staff's field-level diff. */
export async function currentValueOf(q: Queries, customerId: string, field: CorrectableField): Promise<string | null> {
  if (field === "firstName" || field === "lastName") {
    const c = await q
      .select({ firstName: customers.firstName, lastName: customers.lastName })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    return c ? c[field] : null;
  }
  if (field === "phone" || field === "www" || field === "postalAddress") {
    const c = await q
      .select({
        phone: customers.phone,
        www: customers.www,
        street: customers.street,
        postalCode: customers.postalCode,
        city: customers.city,
        country: customers.country,
      })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    if (!c) return null;
    if (field !== "postalAddress") return c[field];
    // The same line as billing addresses, so a customer copies and edits what they see.
    return c.street === null ? null : `${c.street}, ${c.postalCode ?? ""} ${c.city ?? ""}, ${c.country ?? "FI"}`;
  }
  if (field === "organisation") {
    const names = (
      await q
        .select({ name: organisations.name })
        .from(organisationRoles)
        .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
        .where(eq(organisationRoles.customerId, customerId))
    ).map((o) => o.name);
    return names.length > 0 ? names.join(", ") : null;
  }
  const b = await q.select().from(billingDetails).where(eq(billingDetails.customerId, customerId)).get();
  if (!b) return null;
  if (field === "billingName") return b.billingName;
  if (field === "billingAddress") return `${b.street}, ${b.postalCode} ${b.city}, ${b.country}`;
  return b.eInvoiceAddress;
}

export async function hasPendingRequestOfType(
  q: Queries,
  customerId: string,
  type: RequestRow["type"],
): Promise<boolean> {
  const pending = await q
    .select({ id: requests.id })
    .from(requests)
    .where(
      and(
        eq(requests.customerId, customerId),
        eq(requests.type, type),
        inArray(requests.state, ["received", "inProgress", "extended"]),
      ),
    )
    .get();
  return pending !== undefined;
}

/**
 * Records a new request in the caller's transaction. The deadline runs from the day it was received in Helsinki
 * (for paper requests, the day on the letter's receipt stamp, given by staff).
 */
export async function insertRequest(
  tx: Tx,
  args: {
    customerId: string;
    input: CreateRequestInput;
    channel: RequestChannel;
    now: number;
    receivedOn?: string;
    actor: { type: "customer" | "staff"; id: string };
  },
): Promise<string> {
  const { input, now } = args;
  const receivedOn = args.receivedOn ?? helsinkiDate(now);
  const id = randomToken();
  await tx.insert(requests).values({
    id,
    customerId: args.customerId,
    type: input.type,
    state: "received",
    channel: args.channel,
    receivedOn,
    dueOn: initialDueDate(receivedOn),
    text: input.type === "rectification" ? "" : input.text,
    correctionField: input.type === "rectification" ? input.field : null,
    correctionCurrent: input.type === "rectification" ? await currentValueOf(tx, args.customerId, input.field) : null,
    correctionNew: input.type === "rectification" ? input.newValue : null,
    correctionReason: input.type === "rectification" ? input.reason : null,
    restrictionGround: input.type === "restriction" ? input.ground : null,
    createdAt: now,
  });
  await tx.insert(requestEvents).values({
    requestId: id,
    at: now,
    actorType: args.actor.type,
    actorId: args.actor.id,
    event: "received",
    note: null,
  });
  return id;
}

/*
 * The customer's own requests in the portal: the signed session replaces the notice's signed letter, so what is
 * sent there is the request. The acknowledgement mail is queued with the change and leaves once it is stored.
 */

/** Who acts: the signed-in customer, and the address their acknowledgements go to. */
/** The signed-in customer; `language` is the one their mail goes in (null: the register's default). */
export type RequestingCustomer = { id: string; email: string | null; language: Locale | null };

/**
 * The customer's requests page: their requests, the restriction in force on their record, if any, and each
 * restriction that has ended with why (a staff lift's reason, or the correction that settled it).
 */
export function customerRequestsPage(db: Db, customerId: string) {
  return db.read(async (r) => {
    const restriction = await activeRestriction(r, customerId);
    return {
      requests: await listCustomerRequests(r, customerId),
      restriction: restriction
        ? {
            ground: restriction.ground,
            since: iso(restriction.appliedAt),
            requestId: restriction.requestId,
            // Issue 13: the customer sees when they were told it will be lifted (once the notice reached them).
            liftNoticeToldAt: await liftToldAt(r, restriction),
          }
        : null,
      endedRestrictions: await endedRestrictions(r, customerId),
    };
  });
}

/**
 * New portal requests per customer: 10 a day by default (LIMIT_REQUESTS_PER_DAY). Each request is a task for staff
 * with a one-month deadline; a person with a real need sends a handful over weeks, while a script sending hundreds
 * would bury the desk and every customer's deadline with it. Counted only when a request is stored; a letter or an
 * e-mail to customer service (registered by staff) is never limited (Art. 12(2): the controller must facilitate,
 * and Art. 12(5) lets it refuse only manifestly excessive requests).
 */
export const requestLimit = { action: "request.submit", windowMs: DAY_MS } as const;

/** A new request from the portal; one pending restriction or erasure at a time (a second would only duplicate it). */
export function submitRequest(
  { db, env, mail, now }: Pick<Deps, "db" | "env" | "mail" | "now">,
  customer: RequestingCustomer,
  input: CreateRequestInput,
): Promise<Result<{ request: RequestView }>> {
  const at = now();
  return transact(db, async (tx) => {
    // Counted in this transaction: a refused request (below, or this limit) rolls its count back.
    const limit = { customerId: customer.id, ...requestLimit, max: env.LIMIT_REQUESTS_PER_DAY };
    if (!(await takeCustomerAction(tx, limit, at))) {
      return fail(429, "request_limit_reached");
    }
    if (allowsOnlyOnePending(input.type) && (await hasPendingRequestOfType(tx, customer.id, input.type))) {
      return fail(409, "request_pending");
    }
    const id = await insertRequest(tx, {
      customerId: customer.id,
      input,
      channel: "portal",
      now: at,
      actor: { type: "customer", id: customer.id },
    });
    const request = await loadRequestView(tx, id);
    if (!request) throw new Error("request vanished after insert");
    await appendAudit(
      tx,
      {
        actor: { type: "customer", id: customer.id },
        action: "customer.request.submitted",
        customerId: customer.id,
        detail: { requestId: id, type: input.type },
      },
      at,
    );
    if (customer.email) {
      await mail.enqueueMail(
        tx,
        requestReceivedMail(customer.email, customerMailLanguage(customer.language), request),
        {
          template: "request_received",
          customerId: customer.id,
          requestId: request.id,
        },
      );
    }
    return { ok: true, request };
  });
}

/** The customer withdraws one of their own requests while it is undecided; someone else's is not found. */
export function cancelRequest(
  { db, mail, now }: Pick<Deps, "db" | "mail" | "now">,
  customer: RequestingCustomer,
  id: string,
): Promise<Result<{ request: RequestView }>> {
  const at = now();
  return transact(db, async (tx) => {
    const row = await tx
      .select({ state: requests.state })
      .from(requests)
      .where(and(eq(requests.id, id), eq(requests.customerId, customer.id)))
      .get();
    if (!row) return notFound();
    if (!canCancel(row.state)) return fail(409, "not_cancellable");
    await tx.update(requests).set({ state: "cancelled" }).where(eq(requests.id, id));
    await tx
      .insert(requestEvents)
      .values({ requestId: id, at, actorType: "customer", actorId: customer.id, event: "cancelled" });
    const request = await loadRequestView(tx, id);
    if (!request) throw new Error("request vanished after cancel");
    if (customer.email) {
      await mail.enqueueMail(
        tx,
        requestCancelledMail(customer.email, customerMailLanguage(customer.language), request),
        {
          template: "request_cancelled",
          customerId: customer.id,
          requestId: request.id,
        },
      );
    }
    return { ok: true, request };
  });
}
