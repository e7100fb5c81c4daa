import { type CorrectableField, fieldCategory, helsinkiDate, phoneSchema, wwwSchema } from "@tietoni/domain";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/port.ts";
import { billingDetails, customers, datumSources, fieldChanges } from "../../db/schema.ts";
import { moveToOrganisation } from "../organisation-roles.ts";
import { currentValueOf } from "../requests.ts";
import { parseBillingAddress } from "./billing-address.ts";

export type Correction = {
  customerId: string;
  field: CorrectableField;
  newValue: string;
  reason: string;
  requestId: string;
  staffId: string;
  now: number;
};

export type CorrectionResult =
  | { ok: true; oldValue: string | null }
  | { ok: false; code: "address_unparsed" | "billing_missing" | "phone_invalid" | "url_invalid" };

/**
 * Writes an approved correction into the register and its history (field_changes). Runs inside the caller's
 * transaction, so the change, its history, the request's decision and the audit entry commit together.
 */
export async function applyCorrection(tx: Tx, c: Correction): Promise<CorrectionResult> {
  const oldValue = await currentValueOf(tx, c.customerId, c.field);
  const today = helsinkiDate(c.now);

  if (c.field === "firstName" || c.field === "lastName") {
    await tx
      .update(customers)
      .set(c.field === "firstName" ? { firstName: c.newValue } : { lastName: c.newValue })
      .where(eq(customers.id, c.customerId));
  } else if (c.field === "phone" || c.field === "www") {
    // Checked when the request was made; checked again here, as the contact page would, before it is written.
    const parsed = (c.field === "phone" ? phoneSchema : wwwSchema).safeParse(c.newValue);
    if (!parsed.success) return { ok: false, code: c.field === "phone" ? "phone_invalid" : "url_invalid" };
    await tx
      .update(customers)
      .set(c.field === "phone" ? { phone: parsed.data } : { www: parsed.data })
      .where(eq(customers.id, c.customerId));
  } else if (c.field === "postalAddress") {
    const address = parseBillingAddress(c.newValue);
    if (!address) return { ok: false, code: "address_unparsed" };
    const held = await tx
      .select({ country: customers.country })
      .from(customers)
      .where(eq(customers.id, c.customerId))
      .get();
    await tx
      .update(customers)
      .set({
        street: address.street,
        postalCode: address.postalCode,
        city: address.city,
        country: address.country ?? held?.country ?? "FI",
      })
      .where(eq(customers.id, c.customerId));
  } else if (c.field === "organisation") {
    // The name the customer gave is the organisation they act for: their role moves there (found by that name or
    // created); the organisation they were in is not renamed for its other members (organisation-roles.ts).
    await moveToOrganisation(tx, c.customerId, { name: c.newValue, businessId: null }, today);
  } else {
    const billing = await tx.select().from(billingDetails).where(eq(billingDetails.customerId, c.customerId)).get();
    if (c.field === "billingAddress") {
      const address = parseBillingAddress(c.newValue);
      if (!address) return { ok: false, code: "address_unparsed" };
      const values = {
        street: address.street,
        postalCode: address.postalCode,
        city: address.city,
        country: address.country ?? billing?.country ?? "FI",
      };
      if (billing) {
        await tx.update(billingDetails).set(values).where(eq(billingDetails.customerId, c.customerId));
      } else {
        const person = await tx
          .select({ firstName: customers.firstName, lastName: customers.lastName })
          .from(customers)
          .where(eq(customers.id, c.customerId))
          .get();
        const billingName = person ? `${person.firstName} ${person.lastName}` : "";
        await tx.insert(billingDetails).values({ customerId: c.customerId, billingName, ...values });
      }
    } else {
      // A billing name or e-invoice address needs billing details to belong to; they cannot be made up.
      if (!billing) return { ok: false, code: "billing_missing" };
      await tx
        .update(billingDetails)
        .set(c.field === "billingName" ? { billingName: c.newValue } : { eInvoiceAddress: c.newValue })
        .where(eq(billingDetails.customerId, c.customerId));
    }
  }

  await tx.insert(fieldChanges).values({
    customerId: c.customerId,
    field: c.field,
    oldValue,
    newValue: await currentValueOf(tx, c.customerId, c.field),
    at: c.now,
    actorType: "staff",
    actorId: c.staffId,
    reason: c.reason,
    requestId: c.requestId,
  });

  // The corrected datum now comes from the customer's own notice (Art. 15(1)(g) shows where data came from).
  const category = fieldCategory[c.field];
  const noted = await tx
    .select({ id: datumSources.id })
    .from(datumSources)
    .where(
      and(
        eq(datumSources.customerId, c.customerId),
        eq(datumSources.category, category),
        eq(datumSources.source, "customerNotice"),
      ),
    )
    .get();
  if (!noted) {
    await tx
      .insert(datumSources)
      .values({ customerId: c.customerId, category, source: "customerNotice", notedAt: c.now, detail: null });
  }
  return { ok: true, oldValue };
}
