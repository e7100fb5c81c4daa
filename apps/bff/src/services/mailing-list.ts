import { type MarketingPurpose, mayUseFor, noObjections, type PurposeVerdict } from "@tietoni/domain";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { customers, marketingObjections, restrictions } from "../db/schema.ts";
import { suppressedAmong, suppressionHash } from "./suppression.ts";

export type MailingListRow = {
  id: string;
  firstName: string;
  lastName: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  email: string | null;
};

export type MailingListBatch = { eligible: MailingListRow[]; excluded: ExclusionCounts };

export const MAILING_LIST_BATCH = 500;

type ExclusionReason = Extract<PurposeVerdict, { allowed: false }>["reasons"][number];
export type ExclusionCounts = Record<ExclusionReason, number>;
const exclusionReasons = ["objected", "restricted", "erased", "suppressed"] as const satisfies ExclusionReason[];

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Walks the whole register in id order (keyset pagination, so each batch is an index range scan) and puts
 * every customer through the domain's purpose check: objections, restriction, erasure and suppression.
 * Yields to the event loop between batches so a large export does not stall other requests.
 */
export async function* mailingListBatches(
  db: Db,
  suppressionKey: string,
  purpose: MarketingPurpose,
  batchSize = MAILING_LIST_BATCH,
): AsyncGenerator<MailingListBatch> {
  let after = "";
  for (;;) {
    const rows = db
      .select({
        id: customers.id,
        firstName: customers.firstName,
        lastName: customers.lastName,
        street: customers.street,
        postalCode: customers.postalCode,
        city: customers.city,
        country: customers.country,
        email: customers.email,
        anonymisedAt: customers.anonymisedAt,
      })
      .from(customers)
      .where(gt(customers.id, after))
      .orderBy(asc(customers.id))
      .limit(batchSize)
      .all();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const objected = new Set(
      db
        .select({ id: marketingObjections.customerId })
        .from(marketingObjections)
        .where(
          and(
            inArray(marketingObjections.customerId, ids),
            eq(marketingObjections.purpose, purpose),
            eq(marketingObjections.objected, true),
          ),
        )
        .all()
        .map((r) => r.id),
    );
    const restricted = new Set(
      db
        .select({ id: restrictions.customerId })
        .from(restrictions)
        .where(and(inArray(restrictions.customerId, ids), isNull(restrictions.liftedAt)))
        .all()
        .map((r) => r.id),
    );
    const hashOf = new Map(
      rows.flatMap((r) => (r.email === null ? [] : [[r.id, suppressionHash(suppressionKey, r.email)] as const])),
    );
    const suppressed = suppressedAmong(db, [...hashOf.values()]);

    const batch: MailingListBatch = {
      eligible: [],
      excluded: { objected: 0, restricted: 0, erased: 0, suppressed: 0 },
    };
    for (const { anonymisedAt, ...row } of rows) {
      const hash = hashOf.get(row.id);
      const verdict = mayUseFor(purpose, {
        objections: { ...noObjections(), [purpose]: objected.has(row.id) },
        restricted: restricted.has(row.id),
        anonymised: anonymisedAt !== null,
        suppressed: hash !== undefined && suppressed.has(hash),
      });
      if (verdict.allowed) batch.eligible.push(row);
      else for (const reason of verdict.reasons) batch.excluded[reason] += 1;
    }
    yield batch;
    after = ids[ids.length - 1] ?? after;
    if (rows.length < batchSize) return;
    await yieldToEventLoop();
  }
}

/** How many customers the list for a purpose would have, and why the others are left out (a customer may count under several reasons). */
export async function mailingListSummary(db: Db, suppressionKey: string, purpose: MarketingPurpose) {
  const excluded: ExclusionCounts = { objected: 0, restricted: 0, erased: 0, suppressed: 0 };
  let eligible = 0;
  for await (const batch of mailingListBatches(db, suppressionKey, purpose)) {
    eligible += batch.eligible.length;
    for (const reason of exclusionReasons) excluded[reason] += batch.excluded[reason];
  }
  return { eligible, excluded };
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return before them) as a formula
 * (CSV injection, OWASP); a leading apostrophe makes it text.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 line: every cell neutralised, quoted when it holds a comma, quote or line break. */
export function csvLine(cells: readonly (string | null)[]): string {
  return `${cells
    .map((cell) => {
      const text = neutraliseCell(cell ?? "");
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(",")}\r\n`;
}

export const MAILING_LIST_HEADER = ["first_name", "last_name", "street", "postal_code", "city", "country", "email"];

export function mailingListCsvLine(row: MailingListRow): string {
  return csvLine([row.firstName, row.lastName, row.street, row.postalCode, row.city, row.country, row.email]);
}
