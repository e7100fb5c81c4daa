import type { CustomerProfile, CustomerRecord, CustomerSearchHit, ProtectedAddressRevealInput } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { customers } from "../db/schema.ts";
import { appendAudit, byStaff, recordAudit, type StaffActor } from "./audit.ts";
import { loadCustomerRecord, toCustomerProfile } from "./customer-record.ts";
import { searchCustomers } from "./customer-search.ts";
import { fail, notFound, type Result, transact } from "./result.ts";
import { loadStaffRecordFacts, type StaffRecordFacts } from "./staff-facts.ts";

/* Staff look-ups of customers. Every read leaves an audit entry (SPEC §4). */

export async function findCustomers(
  db: Db,
  query: string,
  actor: StaffActor,
  now: number,
): Promise<CustomerSearchHit[]> {
  const hits = await searchCustomers(db, query);
  // The query itself may hold a name; the trail keeps which records were shown instead.
  await recordAudit(
    db,
    byStaff(actor, {
      action: "customer.search",
      detail: { resultIds: hits.map((h) => h.id) },
      // Each customer the results name is shown this search under "staff who opened your data".
      subjects: hits.map((h) => h.id),
    }),
    now,
  );
  return hits;
}

/** One customer's whole record; an unknown or erased customer is not found, and that is not audited. */
export async function viewCustomerRecord(
  db: Db,
  customerId: string,
  actor: StaffActor,
  now: number,
): Promise<Result<{ record: CustomerRecord; recordKeeping: StaffRecordFacts }>> {
  const record = await loadCustomerRecord(db, customerId, { now, audience: "staff" });
  if (!record) return notFound();
  // Staff also see the holds, roles, invoice states and objections with the ids they act on (issue 12).
  const recordKeeping = await loadStaffRecordFacts(db, customerId, now);
  await recordAudit(db, byStaff(actor, { action: "customer.record.viewed", customerId }), now);
  return { ok: true, record, recordKeeping };
}

/**
 * A protected address (an update service's non-disclosure flag) for a member of staff who says why, from a fixed
 * list: the read is audited with that reason and shows among "staff who opened your data". The address is read
 * in the same transaction as the audit entry, so no address leaves without its entry. An address that is not
 * protected is refused (it is in the record): the audited reveal is only for protected ones.
 */
export function revealProtectedAddress(
  db: Db,
  customerId: string,
  input: ProtectedAddressRevealInput,
  actor: StaffActor,
  now: number,
): Promise<Result<{ postalAddress: CustomerProfile["postalAddress"] }>> {
  return transact(db, async (tx) => {
    const c = await tx.select().from(customers).where(eq(customers.id, customerId)).get();
    if (!c || c.anonymisedAt !== null || c.email === null) return notFound();
    if (!c.addressProtected) return fail(409, "address_not_protected");
    await appendAudit(
      tx,
      byStaff(actor, { action: "customer.protected_address.viewed", customerId, detail: { reason: input.reason } }),
      now,
    );
    return { ok: true, postalAddress: toCustomerProfile({ ...c, email: c.email }).postalAddress };
  });
}
