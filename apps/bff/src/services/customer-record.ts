import { type CustomerProfile, type CustomerRecord, ORDERS_SHOWN_INLINE } from "@tietoni/domain";
import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import {
  billingDetails,
  customers,
  datumSources,
  invoices,
  ipAddresses,
  orderLines,
  orders,
  organisationRoles,
  organisations,
} from "../db/schema.ts";

const iso = (ms: number) => new Date(ms).toISOString();

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
  };
}

/** A customer who can still sign in and be shown: not anonymised. */
export function findActiveCustomer(db: Db, id: string) {
  return db
    .select({ id: customers.id, firstName: customers.firstName, lastName: customers.lastName, email: customers.email })
    .from(customers)
    .where(and(eq(customers.id, id), isNull(customers.anonymisedAt)))
    .get();
}

/**
 * Everything the register holds on one customer, shaped as the domain's CustomerRecord.
 * Orders beyond the newest ORDERS_SHOWN_INLINE are counted, not loaded: the download streams them all.
 */
export function loadCustomerRecord(db: Db, customerId: string): CustomerRecord | null {
  const c = db.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!c || c.anonymisedAt !== null || c.email === null) return null;

  const roles = db
    .select({
      organisationName: organisations.name,
      businessId: organisations.businessId,
      role: organisationRoles.role,
      startDate: organisationRoles.startDate,
      endDate: organisationRoles.endDate,
    })
    .from(organisationRoles)
    .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
    .where(eq(organisationRoles.customerId, customerId))
    .orderBy(desc(organisationRoles.startDate))
    .all();

  const ips = db
    .select({ ip: ipAddresses.ip, seenAt: ipAddresses.seenAt })
    .from(ipAddresses)
    .where(eq(ipAddresses.customerId, customerId))
    .orderBy(desc(ipAddresses.seenAt))
    .all();

  const orderRows = db
    .select()
    .from(orders)
    .where(eq(orders.customerId, customerId))
    .orderBy(desc(orders.orderedAt))
    .limit(ORDERS_SHOWN_INLINE)
    .all();
  const ordersTotal = db.select({ n: count() }).from(orders).where(eq(orders.customerId, customerId)).get()?.n ?? 0;
  const lineRows =
    orderRows.length === 0
      ? []
      : db
          .select()
          .from(orderLines)
          .where(
            inArray(
              orderLines.orderId,
              orderRows.map((o) => o.id),
            ),
          )
          .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo))
          .all();

  const invoiceRows = db
    .select({ invoice: invoices, orderNumber: orders.orderNumber })
    .from(invoices)
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .where(eq(invoices.customerId, customerId))
    .orderBy(desc(invoices.issuedAt))
    .all();

  const billing = db.select().from(billingDetails).where(eq(billingDetails.customerId, customerId)).get();
  const sourceRows = db
    .select()
    .from(datumSources)
    .where(eq(datumSources.customerId, customerId))
    .orderBy(asc(datumSources.notedAt))
    .all();

  return {
    profile: toCustomerProfile({ ...c, email: c.email }),
    organisationRoles: roles,
    ipAddresses: ips.map((r) => ({ ip: r.ip, seenAt: iso(r.seenAt) })),
    orders: orderRows.map((o) => ({
      orderNumber: o.orderNumber,
      orderedAt: iso(o.orderedAt),
      status: o.status,
      totalCents: o.totalCents,
      currency: o.currency,
      lines: lineRows
        .filter((l) => l.orderId === o.id)
        .map(({ lineNo, product, quantity, unitPriceCents }) => ({ lineNo, product, quantity, unitPriceCents })),
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
    sources: sourceRows.map((s) => ({
      category: s.category,
      source: s.source,
      notedAt: iso(s.notedAt),
      detail: s.detail,
    })),
  };
}
