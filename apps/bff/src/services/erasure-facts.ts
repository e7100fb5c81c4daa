import { assessErasure, type ErasureFacts, legalHoldApplies } from "@tietoni/domain";
import { and, count, eq, isNull, max } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import { invoices, legalHolds, marketingObjections, orders, organisationRoles, organisations } from "../db/schema.ts";

/** Gathers what the domain's erasure rule needs to know about one customer. */
export async function gatherErasureFacts(q: Queries, customerId: string): Promise<ErasureFacts> {
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
  const contactFor = (
    await q
      .select({ name: organisations.name })
      .from(organisationRoles)
      .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
      .where(
        and(
          eq(organisationRoles.customerId, customerId),
          eq(organisationRoles.role, "contactPerson"),
          isNull(organisationRoles.endDate),
        ),
      )
  ).map((r) => r.name);
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
  const latestOrder = latestOrderMs === null ? null : new Date(latestOrderMs).toISOString().slice(0, 10);
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
  const today = new Date().toISOString().slice(0, 10);
  const holds = await q
    .select({ clearedAt: legalHolds.clearedAt, endsOn: legalHolds.endsOn })
    .from(legalHolds)
    .where(and(eq(legalHolds.customerId, customerId), isNull(legalHolds.clearedAt)));
  const legalHold = holds.some((h) => legalHoldApplies(h, today));
  return {
    openInvoices: await open(false),
    invoicesInCollection: await open(true),
    legalHold,
    activeContactPersonFor: contactFor,
    latestBookkeepingDate: latest,
    hasMarketingObjections: objections > 0,
  };
}

/** What erasure would mean for the customer now, read on one snapshot: the grounds that block it, the data kept. */
export function assessCustomerErasure(db: Db, customerId: string) {
  return db.read(async (r) => assessErasure(await gatherErasureFacts(r, customerId)));
}
