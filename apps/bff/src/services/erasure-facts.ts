import type { ErasureFacts } from "@tietoni/domain";
import { and, count, eq, isNull, max } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { customers, invoices, marketingObjections, orders, organisationRoles, organisations } from "../db/schema.ts";

/** Gathers what the domain's erasure rule needs to know about one customer. */
export function gatherErasureFacts(db: Pick<Db, "select">, customerId: string): ErasureFacts {
  const open = (inCollection: boolean) =>
    db
      .select({ n: count() })
      .from(invoices)
      .where(
        and(eq(invoices.customerId, customerId), eq(invoices.status, "open"), eq(invoices.inCollection, inCollection)),
      )
      .get()?.n ?? 0;
  const contactFor = db
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
    .all()
    .map((r) => r.name);
  const latestInvoice =
    db
      .select({ d: max(invoices.issuedAt) })
      .from(invoices)
      .where(eq(invoices.customerId, customerId))
      .get()?.d ?? null;
  const latestOrderMs =
    db
      .select({ d: max(orders.orderedAt) })
      .from(orders)
      .where(eq(orders.customerId, customerId))
      .get()?.d ?? null;
  const latestOrder = latestOrderMs === null ? null : new Date(latestOrderMs).toISOString().slice(0, 10);
  const latest =
    [latestInvoice, latestOrder]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const objections =
    db
      .select({ n: count() })
      .from(marketingObjections)
      .where(and(eq(marketingObjections.customerId, customerId), eq(marketingObjections.objected, true)))
      .get()?.n ?? 0;
  const legalHold =
    db.select({ h: customers.legalHold }).from(customers).where(eq(customers.id, customerId)).get()?.h ?? false;
  return {
    openInvoices: open(false),
    invoicesInCollection: open(true),
    legalHold,
    activeContactPersonFor: contactFor,
    latestBookkeepingDate: latest,
    hasMarketingObjections: objections > 0,
  };
}
