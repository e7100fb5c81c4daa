import {
  type CustomerProfile,
  type CustomerRecord,
  type ErasureScheduleView,
  erasureScheduleOf,
  helsinkiDate,
  iso,
  type LifecycleFacts,
  ORDERS_SHOWN_INLINE,
} from "@tietoni/domain";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import {
  billingDetails,
  connectedSystems,
  customers,
  datumSources,
  invoices,
  ipAddresses,
  orderLines,
  orders,
  organisationRoles,
  organisations,
} from "../db/schema.ts";
import { lifecycleFactsFrom, relationshipEndsAfterMonths } from "./erasure-facts.ts";

type ProfileColumns = Pick<
  typeof customers.$inferSelect,
  | "id"
  | "firstName"
  | "lastName"
  | "phone"
  | "street"
  | "postalCode"
  | "city"
  | "country"
  | "www"
  | "relationshipStart"
  | "relationshipEnd"
  | "createdAt"
  | "addressProtected"
> & { email: string };

/** The profile part of a record, as "My data", the staff view and the download show it. */
export function toCustomerProfile(c: ProfileColumns): CustomerProfile {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone,
    postalAddress:
      c.street && c.postalCode && c.city
        ? { street: c.street, postalCode: c.postalCode, city: c.city, country: c.country ?? "FI" }
        : null,
    www: c.www,
    relationshipStart: c.relationshipStart,
    relationshipEnd: c.relationshipEnd,
    createdAt: iso(c.createdAt),
    addressProtected: c.addressProtected,
  };
}

/**
 * Who the record is shown to. The customer sees everything held on them; staff see a protected address
 * (`addressProtected`, an update service's non-disclosure flag) only through the audited reveal
 * (staff-customers.ts `revealProtectedAddress`), so their view carries `postalAddress: null`.
 */
export type RecordAudience = "customer" | "staff";

export function forAudience(profile: CustomerProfile, audience: RecordAudience): CustomerProfile {
  return audience === "staff" && profile.addressProtected ? { ...profile, postalAddress: null } : profile;
}

/** The erasure schedule as the record and the download show it. */
export function erasureScheduleView(facts: LifecycleFacts, months: number): ErasureScheduleView {
  return { ...erasureScheduleOf(facts, months), relationshipEndsAfterMonths: months };
}

/*
 * The record's queries, built and prepared once per query handle (the port's read handle is the same object on
 * every `db.read`): they run on every signed-in request (the session's subject) and every "my data" read, where
 * drizzle's query building costs more than the queries themselves (bench/p1-profile, docs/performance.md).
 */
const prepared = new WeakMap<Queries, ReturnType<typeof prepareRecordQueries>>();
const byCustomer = sql.placeholder("customerId");

function prepareRecordQueries(db: Queries) {
  const newestOrderIds = db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.customerId, byCustomer))
    .orderBy(desc(orders.orderedAt))
    .limit(ORDERS_SHOWN_INLINE);
  return {
    activeCustomer: db
      .select({
        id: customers.id,
        firstName: customers.firstName,
        lastName: customers.lastName,
        email: customers.email,
        // The language of the mail a notice to the customer goes in (issue 13).
        language: customers.language,
      })
      .from(customers)
      .where(and(eq(customers.id, byCustomer), isNull(customers.anonymisedAt)))
      .prepare(),
    customer: db.select().from(customers).where(eq(customers.id, byCustomer)).prepare(),
    roles: db
      .select({
        organisationName: organisations.name,
        businessId: organisations.businessId,
        role: organisationRoles.role,
        startDate: organisationRoles.startDate,
        endDate: organisationRoles.endDate,
      })
      .from(organisationRoles)
      .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
      .where(eq(organisationRoles.customerId, byCustomer))
      .orderBy(desc(organisationRoles.startDate))
      .prepare(),
    ips: db
      .select({ ip: ipAddresses.ip, seenAt: ipAddresses.seenAt })
      .from(ipAddresses)
      .where(eq(ipAddresses.customerId, byCustomer))
      .orderBy(desc(ipAddresses.seenAt))
      .prepare(),
    orders: db
      .select()
      .from(orders)
      .where(eq(orders.customerId, byCustomer))
      .orderBy(desc(orders.orderedAt))
      .limit(ORDERS_SHOWN_INLINE)
      .prepare(),
    ordersTotal: db.select({ n: count() }).from(orders).where(eq(orders.customerId, byCustomer)).prepare(),
    lines: db
      .select()
      .from(orderLines)
      .where(inArray(orderLines.orderId, newestOrderIds))
      .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo))
      .prepare(),
    invoices: db
      .select({ invoice: invoices, orderNumber: orders.orderNumber })
      .from(invoices)
      .leftJoin(orders, eq(orders.id, invoices.orderId))
      .where(eq(invoices.customerId, byCustomer))
      .orderBy(desc(invoices.issuedAt))
      .prepare(),
    billing: db.select().from(billingDetails).where(eq(billingDetails.customerId, byCustomer)).prepare(),
    sources: db
      .select({ source: datumSources, systemName: connectedSystems.name })
      .from(datumSources)
      .leftJoin(connectedSystems, eq(connectedSystems.id, datumSources.systemId))
      .where(eq(datumSources.customerId, byCustomer))
      // Sources noted at the same moment (a registration notes several) in the order they were noted, on both engines.
      .orderBy(asc(datumSources.notedAt), asc(datumSources.id))
      .prepare(),
  };
}

function recordQueries(db: Queries) {
  let queries = prepared.get(db);
  if (!queries) {
    queries = prepareRecordQueries(db);
    prepared.set(db, queries);
  }
  return queries;
}

/** A customer who can still sign in and be shown: not anonymised. */
export function findActiveCustomer(db: Queries, id: string) {
  return recordQueries(db).activeCustomer.get({ customerId: id });
}

/**
 * Everything the register holds on one customer, shaped as the domain's CustomerRecord.
 * Orders beyond the newest ORDERS_SHOWN_INLINE are counted, not loaded: the download streams them all.
 */
export function loadCustomerRecord(
  db: Db,
  customerId: string,
  options: { now: number; audience: RecordAudience },
): Promise<CustomerRecord | null> {
  // One read snapshot for the ten queries: one consistent view, and one lock instead of ten.
  return db.read((r) => readCustomerRecord(r, customerId, options));
}

async function readCustomerRecord(
  db: Queries,
  customerId: string,
  { now, audience }: { now: number; audience: RecordAudience },
): Promise<CustomerRecord | null> {
  const q = recordQueries(db);
  const params = { customerId };
  const c = await q.customer.get(params);
  if (!c || c.anonymisedAt !== null) return null;

  const roles = await q.roles.all(params);
  const ips = await q.ips.all(params);
  const orderRows = await q.orders.all(params);
  const ordersTotal = (await q.ordersTotal.get(params))?.n ?? 0;
  const linesByOrder = new Map<string, (typeof orderLines.$inferSelect)[]>();
  for (const line of orderRows.length === 0 ? [] : await q.lines.all(params)) {
    const list = linesByOrder.get(line.orderId);
    if (list) list.push(line);
    else linesByOrder.set(line.orderId, [line]);
  }
  const invoiceRows = await q.invoices.all(params);
  const billing = await q.billing.get(params);
  const sourceRows = await q.sources.all(params);
  // The lifecycle facts from the rows already read: every role and invoice, and the newest order first.
  const lifecycle = lifecycleFactsFrom({
    relationshipStart: c.relationshipStart,
    relationshipEnd: c.relationshipEnd,
    openInvoices: invoiceRows.filter(({ invoice }) => invoice.status === "open").length,
    roles,
    lastOrderMs: orderRows[0]?.orderedAt ?? null,
    lastPaymentOn:
      invoiceRows
        .map(({ invoice }) => invoice.paidAt)
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null,
    today: helsinkiDate(now),
  });

  return {
    // A customer staff created from a letter may have no e-mail address (issue 12): shown as empty, so the profile
    // (and the export schema) keeps `email` a string.
    profile: forAudience(toCustomerProfile({ ...c, email: c.email ?? "" }), audience),
    organisationRoles: roles,
    ipAddresses: ips.map((r) => ({ ip: r.ip, seenAt: iso(r.seenAt) })),
    orders: orderRows.map((o) => ({
      orderNumber: o.orderNumber,
      orderedAt: iso(o.orderedAt),
      status: o.status,
      totalCents: o.totalCents,
      currency: o.currency,
      lines: (linesByOrder.get(o.id) ?? []).map(({ lineNo, product, quantity, unitPriceCents }) => ({
        lineNo,
        product,
        quantity,
        unitPriceCents,
      })),
    })),
    ordersTotal,
    invoices: invoiceRows.map(({ invoice: i, orderNumber }) => ({
      invoiceNumber: i.invoiceNumber,
      orderNumber,
      issuedAt: i.issuedAt,
      dueAt: i.dueAt,
      amountCents: i.amountCents,
      currency: i.currency,
      status: i.status,
      inCollection: i.inCollection,
      paidAt: i.paidAt,
      collectionAgency: i.inCollection ? i.collectionAgency : null,
      writtenOffOn: i.writtenOffOn,
    })),
    billing: billing
      ? {
          billingName: billing.billingName,
          address: {
            street: billing.street,
            postalCode: billing.postalCode,
            city: billing.city,
            country: billing.country,
          },
          eInvoiceAddress: billing.eInvoiceAddress,
          paymentTermDays: billing.paymentTermDays,
        }
      : null,
    sources: sourceRows.map(({ source: s, systemName }) => ({
      category: s.category,
      source: s.source,
      notedAt: iso(s.notedAt),
      detail: s.detail,
      systemName,
    })),
    erasureSchedule: erasureScheduleView(lifecycle, relationshipEndsAfterMonths()),
  };
}
