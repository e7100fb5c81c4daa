import * as schema from "./schema.ts";

/**
 * The table each part of a customer bundle goes into, in the order the parts are written: parents before children,
 * and one order for both writers (insertBundles and the bulk loader) so autoincrement ids come out the same.
 */
export const BUNDLE_TABLES = {
  customer: schema.customers,
  roles: schema.organisationRoles,
  ips: schema.ipAddresses,
  orders: schema.orders,
  lines: schema.orderLines,
  invoices: schema.invoices,
  billing: schema.billingDetails,
  sources: schema.datumSources,
} as const;

export type BundlePart = keyof typeof BUNDLE_TABLES;
/** The parts in writing order (an object's string keys keep the order they were written in). */
export const BUNDLE_PARTS = Object.keys(BUNDLE_TABLES) as BundlePart[];

type Row<P extends BundlePart> = (typeof BUNDLE_TABLES)[P]["$inferInsert"];

/** A customer with all their rows, as the demo seed, the tests and the benchmarks insert them. */
export type CustomerBundle = {
  customer: Row<"customer">;
  roles: Row<"roles">[];
  ips: Row<"ips">[];
  orders: Row<"orders">[];
  lines: Row<"lines">[];
  invoices: Row<"invoices">[];
  billing: Row<"billing"> | null;
  sources: Row<"sources">[];
};

/** One part's rows of a bundle as a list: the customer is always one row, the billing details one or none. */
export function bundleRows(bundle: CustomerBundle, part: BundlePart): Row<BundlePart>[] {
  const rows = bundle[part];
  if (Array.isArray(rows)) return rows;
  return rows ? [rows] : [];
}
