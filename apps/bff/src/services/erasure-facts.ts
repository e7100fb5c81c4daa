import {
  assessErasure,
  type ErasureFacts,
  type ErasureScope,
  erasureScope,
  type FinancialYearEnd,
  helsinkiDate,
  iso,
  type LifecycleFacts,
  legalHoldApplies,
  roleIsActive,
} from "@tietoni/domain";
import { and, asc, count, desc, eq, isNull, max } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import {
  customers,
  invoices,
  legalHolds,
  marketingObjections,
  orders,
  organisationRoles,
  organisations,
  partialErasures,
} from "../db/schema.ts";
import { registerDescription } from "../notice/notice.ts";
import { holdKeeps } from "./legal-holds.ts";

/** The register setting of the lifecycle rule (the notice's description holds it). */
export const relationshipEndsAfterMonths = () => registerDescription.retention.relationshipEndsAfterMonths;

/**
 * Gathers what the domain's erasure rule needs to know about one customer on `today` (YYYY-MM-DD, the caller's
 * clock: a test or the retention run decides the day, not the wall clock). An open invoice counts (in collection
 * apart); a written-off or paid one does not. A contact-person role blocks while it is held: no end date, or an
 * end date today or later. A legal hold blocks while it applies (not cleared, not past its last day). Issue 14 A: with
 * each hold what it keeps and its last day, with each role its organisation and last day, for the erasure's scope.
 */
export async function gatherErasureFacts(q: Queries, customerId: string, today: string): Promise<ErasureFacts> {
  const open = async (inCollection: boolean) =>
    (
      await q
        .select({ n: count() })
        .from(invoices)
        .where(
          and(
            eq(invoices.customerId, customerId),
            eq(invoices.status, "open"),
            eq(invoices.inCollection, inCollection),
          ),
        )
        .get()
    )?.n ?? 0;
  const contactRoles = await q
    .select({ name: organisations.name, endDate: organisationRoles.endDate })
    .from(organisationRoles)
    .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
    .where(and(eq(organisationRoles.customerId, customerId), eq(organisationRoles.role, "contactPerson")));
  const activeContactRoles = contactRoles
    .filter((r) => roleIsActive(r, today))
    .map((r) => ({ organisation: r.name, endDate: r.endDate }));
  const latestInvoice =
    (
      await q
        .select({ d: max(invoices.issuedAt) })
        .from(invoices)
        .where(eq(invoices.customerId, customerId))
        .get()
    )?.d ?? null;
  const latestOrderMs =
    (
      await q
        .select({ d: max(orders.orderedAt) })
        .from(orders)
        .where(eq(orders.customerId, customerId))
        .get()
    )?.d ?? null;
  const latestOrder = latestOrderMs === null ? null : helsinkiDate(latestOrderMs);
  const latest =
    [latestInvoice, latestOrder]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const objections =
    (
      await q
        .select({ n: count() })
        .from(marketingObjections)
        .where(and(eq(marketingObjections.customerId, customerId), eq(marketingObjections.objected, true)))
        .get()
    )?.n ?? 0;
  const holds = await q
    .select({ id: legalHolds.id, clearedAt: legalHolds.clearedAt, endsOn: legalHolds.endsOn, keeps: legalHolds.keeps })
    .from(legalHolds)
    .where(and(eq(legalHolds.customerId, customerId), isNull(legalHolds.clearedAt)))
    .orderBy(asc(legalHolds.setAt), asc(legalHolds.id));
  const applying = holds
    .filter((h) => legalHoldApplies(h, today))
    .map((h) => ({ id: h.id, keeps: holdKeeps(h.keeps), endsOn: h.endsOn }));
  return {
    openInvoices: await open(false),
    invoicesInCollection: await open(true),
    legalHolds: applying,
    activeContactRoles,
    latestBookkeepingDate: latest,
    hasMarketingObjections: objections > 0,
  };
}

/**
 * What the lifecycle rule needs about one customer on `today`; null for an unknown customer. The record view
 * derives the same facts from the rows it has loaded anyway (customer-record.ts, `lifecycleFactsOfRecord`).
 */
export async function gatherLifecycleFacts(
  q: Queries,
  customerId: string,
  today: string,
): Promise<LifecycleFacts | null> {
  const customer = await q
    .select({ start: customers.relationshipStart, end: customers.relationshipEnd })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
  if (!customer) return null;
  const invoiceFacts = await q
    .select({ lastPaid: max(invoices.paidAt) })
    .from(invoices)
    .where(eq(invoices.customerId, customerId))
    .get();
  const openInvoices =
    (
      await q
        .select({ n: count() })
        .from(invoices)
        .where(and(eq(invoices.customerId, customerId), eq(invoices.status, "open")))
        .get()
    )?.n ?? 0;
  const lastOrderMs =
    (
      await q
        .select({ d: max(orders.orderedAt) })
        .from(orders)
        .where(eq(orders.customerId, customerId))
        .get()
    )?.d ?? null;
  const roles = await q
    .select({ endDate: organisationRoles.endDate })
    .from(organisationRoles)
    .where(eq(organisationRoles.customerId, customerId));
  return lifecycleFactsFrom({
    relationshipStart: customer.start,
    relationshipEnd: customer.end,
    openInvoices,
    roles,
    lastOrderMs,
    lastPaymentOn: invoiceFacts?.lastPaid ?? null,
    today,
  });
}

/** The lifecycle facts from rows a caller has read: roles with their end dates, the newest order's time. */
export function lifecycleFactsFrom(input: {
  relationshipStart: string;
  relationshipEnd: string | null;
  openInvoices: number;
  roles: readonly { endDate: string | null }[];
  lastOrderMs: number | null;
  lastPaymentOn: string | null;
  today: string;
}): LifecycleFacts {
  const ended = input.roles
    .filter((r) => !roleIsActive(r, input.today))
    .map((r) => r.endDate)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    relationshipStart: input.relationshipStart,
    relationshipEnd: input.relationshipEnd,
    openInvoices: input.openInvoices,
    activeRoles: input.roles.filter((r) => roleIsActive(r, input.today)).length,
    // The day in Finland, as the register's other calendar days.
    lastOrderOn: input.lastOrderMs === null ? null : helsinkiDate(input.lastOrderMs),
    lastPaymentOn: input.lastPaymentOn,
    lastRoleEndOn: ended.at(-1) ?? null,
  };
}

/** What erasure would mean for the customer now, read on one snapshot: the grounds that block it, the data kept. */
export function assessCustomerErasure(db: Db, customerId: string, now: number, financialYearEnd?: FinancialYearEnd) {
  return db.read(async (r) =>
    assessErasure(await gatherErasureFacts(r, customerId, helsinkiDate(now)), financialYearEnd),
  );
}

/**
 * Issue 14 A, for the customer: before — what an erasure would keep per ground and until when, and erase (`scope`);
 * after — the newest partial erasure as recorded (what was erased and kept then, and whether the rest has gone).
 */
export function customerErasureScope(db: Db, customerId: string, now: number, financialYearEnd: FinancialYearEnd) {
  return db.read(async (r) => {
    const facts = await gatherErasureFacts(r, customerId, helsinkiDate(now));
    const row = await r
      .select()
      .from(partialErasures)
      .where(eq(partialErasures.customerId, customerId))
      .orderBy(desc(partialErasures.erasedAt))
      .get();
    const partial = row
      ? {
          id: row.id,
          requestId: row.requestId,
          erasedAt: iso(row.erasedAt),
          erased: JSON.parse(row.erased) as ErasureScope["erased"],
          kept: JSON.parse(row.kept) as ErasureScope["kept"],
          remainderErasedAt: row.remainderErasedAt === null ? null : iso(row.remainderErasedAt),
        }
      : null;
    return {
      assessment: assessErasure(facts, financialYearEnd),
      scope: erasureScope(facts, financialYearEnd),
      partial,
    };
  });
}
