import fs from "node:fs";
import type { InterchangeRecord } from "@tietoni/domain";
import type { CustomerBundle } from "../../apps/bff/src/db/customer-bundle.ts";
import { createRandom, DEMO_ORGANISATIONS, syntheticCustomer } from "../../apps/bff/src/db/synthetic.ts";

/*
 * P8's data: the customers `seed:large` makes (orders with lines, invoices, billing details, roles), generated from
 * the same seed for both sides, so the import and the raw insert write the same register rows.
 */

/** The first customer number: apart from the demo register's customers, so no e-mail address repeats. */
export const FIRST_NUMBER = 2_000_000;
const SEED = 8;

/** The customers in order, a batch at a time, never all in memory. */
export function* bundles(count: number, batch = 5_000): Generator<CustomerBundle[]> {
  const random = createRandom(SEED);
  for (let from = 0; from < count; from += batch) {
    const size = Math.min(batch, count - from);
    yield Array.from({ length: size }, (_, i) => syntheticCustomer(random, FIRST_NUMBER + from + i));
  }
}

/** The register rows a bundle is: the customer, roles, orders, order lines, invoices and billing details. */
export function rowCount(b: CustomerBundle): number {
  return 1 + b.roles.length + b.orders.length + b.lines.length + b.invoices.length + (b.billing ? 1 : 0);
}

const date = (ms: number) => new Date(ms).toISOString();

/** A bundle as the interchange format's JSON Lines record (docs/interchange.md). */
export function toRecord(b: CustomerBundle): InterchangeRecord {
  const c = b.customer;
  const role = b.roles[0];
  const record: InterchangeRecord = {
    external_id: c.id,
    first_name: c.firstName,
    last_name: c.lastName,
    email: c.email ?? null,
    phone: c.phone ?? null,
    street: c.street ?? null,
    postal_code: c.postalCode ?? null,
    city: c.city ?? null,
    country: c.country ?? null,
    www: c.www ?? null,
    relationship_start: c.relationshipStart,
    relationship_end: c.relationshipEnd ?? null,
    updated_at: date(c.createdAt),
    orders: b.orders.map((o) => ({
      external_id: o.id,
      order_number: o.orderNumber,
      ordered_at: date(o.orderedAt),
      status: o.status,
      total_cents: o.totalCents,
      currency: o.currency ?? "EUR",
      lines: b.lines
        .filter((l) => l.orderId === o.id)
        .map((l) => ({
          line_no: l.lineNo,
          product: l.product,
          quantity: l.quantity,
          unit_price_cents: l.unitPriceCents,
        })),
    })),
    invoices: b.invoices.map((i) => ({
      external_id: i.id,
      invoice_number: i.invoiceNumber,
      order_external_id: i.orderId ?? null,
      issued_on: i.issuedAt,
      due_on: i.dueAt,
      amount_cents: i.amountCents,
      currency: i.currency ?? "EUR",
      status: i.status === "paid" ? "paid" : "open",
      paid_on: i.paidAt ?? null,
    })),
  };
  if (role) {
    // By name: the synthetic organisations' business ids are made up and would not pass the check digit.
    record.organisation = DEMO_ORGANISATIONS.find((o) => o.id === role.organisationId)?.name ?? role.organisationId;
    record.organisation_role = role.role === "contactPerson" ? "contact_person" : "representative";
    record.role_start = role.startDate;
    record.role_end = role.endDate ?? null;
  }
  if (b.billing) {
    record.billing_name = b.billing.billingName;
    record.billing_street = b.billing.street;
    record.billing_postal_code = b.billing.postalCode;
    record.billing_city = b.billing.city;
  }
  return record;
}

/** Writes `count` customers as JSON Lines; answers the number of register rows they make. */
export async function writeRecords(file: string, count: number): Promise<number> {
  const out = fs.createWriteStream(file);
  let rows = 0;
  for (const batch of bundles(count)) {
    let chunk = "";
    for (const b of batch) {
      rows += rowCount(b);
      chunk += `${JSON.stringify(toRecord(b))}\n`;
    }
    if (!out.write(chunk)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return rows;
}
