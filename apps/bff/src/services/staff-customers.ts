import type { CustomerRecord, CustomerSearchHit } from "@tietoni/domain";
import type { Db } from "../db/port.ts";
import { byStaff, recordAudit, type StaffActor } from "./audit.ts";
import { loadCustomerRecord } from "./customer-record.ts";
import { searchCustomers } from "./customer-search.ts";
import { notFound, type Result } from "./result.ts";

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
): Promise<Result<{ record: CustomerRecord }>> {
  const record = await loadCustomerRecord(db, customerId, { now, audience: "staff" });
  if (!record) return notFound();
  await recordAudit(db, byStaff(actor, { action: "customer.record.viewed", customerId }), now);
  return { ok: true, record };
}
