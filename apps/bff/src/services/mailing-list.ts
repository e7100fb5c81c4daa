import {
  type MarketingPurpose,
  mailingListCategories,
  mayUseFor,
  noObjections,
  type Objections,
  objectionsBarring,
  type PurposeVerdict,
} from "@tietoni/domain";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import { customers, marketingObjections, restrictions } from "../db/schema.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { recordMailingListDisclosures } from "./disclosures.ts";
import { yieldToEventLoop } from "./event-loop.ts";
import { csvRow } from "./export/csv.ts";
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
/**
 * `addressProtected`: an update service's non-disclosure flag (issue 12) keeps the customer off every list,
 * whatever the purpose: a protected address is never printed on a label.
 */
export type ExclusionCounts = Record<ExclusionReason | "addressProtected", number>;
const exclusionReasons = [
  "objected",
  "restricted",
  "erased",
  "suppressed",
  "addressProtected",
] as const satisfies (keyof ExclusionCounts)[];

/** The file is a list of customers (mailing labels): a ban on publication in lists bars it, whatever the purpose. */
const LIST = { asList: true } as const;

/** One page of the register in id order, with what the purpose check needs about each customer on it. */
async function readBatch(r: Queries, suppressionKey: string, purpose: MarketingPurpose, after: string, size: number) {
  const rows = await r
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
      addressProtected: customers.addressProtected,
    })
    .from(customers)
    .where(gt(customers.id, after))
    .orderBy(asc(customers.id))
    .limit(size);
  if (rows.length === 0) return null;
  const ids = rows.map((row) => row.id);
  // Every objection that can bar this list (the domain's table), not only the purpose's own.
  const objectionRows = await r
    .select({ id: marketingObjections.customerId, purpose: marketingObjections.purpose })
    .from(marketingObjections)
    .where(
      and(
        inArray(marketingObjections.customerId, ids),
        inArray(marketingObjections.purpose, objectionsBarring(purpose, LIST)),
        eq(marketingObjections.objected, true),
      ),
    );
  const objections = new Map<string, Objections>();
  for (const o of objectionRows) {
    const held = objections.get(o.id) ?? noObjections();
    held[o.purpose] = true;
    objections.set(o.id, held);
  }
  const restrictedRows = await r
    .select({ id: restrictions.customerId })
    .from(restrictions)
    .where(and(inArray(restrictions.customerId, ids), isNull(restrictions.liftedAt)));
  const hashOf = new Map(
    rows.flatMap((row) => (row.email === null ? [] : [[row.id, suppressionHash(suppressionKey, row.email)] as const])),
  );
  return {
    rows,
    objections,
    restricted: new Set(restrictedRows.map((o) => o.id)),
    hashOf,
    suppressed: await suppressedAmong(r, [...hashOf.values()]),
  };
}

/** What the purpose check makes of one page: who may be on the list, and how many were left out and why. */
function classify(page: NonNullable<Awaited<ReturnType<typeof readBatch>>>, purpose: MarketingPurpose) {
  const { rows, objections, restricted, hashOf, suppressed } = page;
  const batch: MailingListBatch = {
    eligible: [],
    excluded: { objected: 0, restricted: 0, erased: 0, suppressed: 0, addressProtected: 0 },
  };
  for (const { anonymisedAt, addressProtected, ...row } of rows) {
    if (addressProtected && anonymisedAt === null) {
      batch.excluded.addressProtected += 1;
      continue;
    }
    const hash = hashOf.get(row.id);
    const verdict = mayUseFor(
      purpose,
      {
        objections: objections.get(row.id) ?? noObjections(),
        restricted: restricted.has(row.id),
        anonymised: anonymisedAt !== null,
        suppressed: hash !== undefined && suppressed.has(hash),
      },
      LIST,
    );
    if (verdict.allowed) batch.eligible.push(row);
    else for (const reason of verdict.reasons) batch.excluded[reason] += 1;
  }
  return batch;
}

/**
 * Walks the whole register in id order (keyset pagination, so each batch is an index range scan) and puts
 * every customer through the domain's purpose check for a list: every objection that bars it (the purpose's own, the
 * umbrella direct-marketing one, the ban on publication in lists), restriction, erasure and suppression.
 * Each batch is read on one snapshot; between batches the event loop runs, so a large export does not stall
 * other requests.
 */
export async function* mailingListBatches(
  db: Db,
  suppressionKey: string,
  purpose: MarketingPurpose,
  batchSize = MAILING_LIST_BATCH,
): AsyncGenerator<MailingListBatch> {
  let after = "";
  for (;;) {
    const page = await db.read((r) => readBatch(r, suppressionKey, purpose, after, batchSize));
    if (!page) return;
    yield classify(page, purpose);
    after = page.rows[page.rows.length - 1]?.id ?? after;
    if (page.rows.length < batchSize) return;
    await yieldToEventLoop();
  }
}

/** How many customers the list for a purpose would have, and why the others are left out (a customer may count under several reasons). */
export async function mailingListSummary(db: Db, suppressionKey: string, purpose: MarketingPurpose) {
  const excluded: ExclusionCounts = { objected: 0, restricted: 0, erased: 0, suppressed: 0, addressProtected: 0 };
  let eligible = 0;
  for await (const batch of mailingListBatches(db, suppressionKey, purpose)) {
    eligible += batch.eligible.length;
    for (const reason of exclusionReasons) excluded[reason] += batch.excluded[reason];
  }
  return { eligible, excluded };
}

export const MAILING_LIST_HEADER = ["first_name", "last_name", "street", "postal_code", "city", "country", "email"];

export function mailingListCsvLine(row: MailingListRow): string {
  return csvRow([row.firstName, row.lastName, row.street, row.postalCode, row.city, row.country, row.email]);
}

/**
 * The mailing list for a purpose as a streamed CSV file, audited before the data leaves (issue 14 item 9): each
 * batch is read, and its audit entry (subjects: the customers on its lines) and their rows in the disclosure log
 * (issue 13, with the categories each line carries) appended, in ONE transaction, before the batch is handed to
 * the stream. A download cut short is therefore in the trail up to the last batch handed over, and a customer not
 * yet read is not in it; the entry that ends the file says so (`last`), also for an empty list. The stream asks for a batch only when the
 * reader wants one (high-water mark 0), so at most the batch in flight is audited without having been sent.
 */
export function mailingListCsv(
  db: Db,
  suppressionKey: string,
  purpose: MarketingPurpose,
  actor: StaffActor,
  now: () => number,
  batchSize = MAILING_LIST_BATCH,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = "";
  let part = 0;
  /** The next batch, read and audited in one transaction; `last` when no customer follows it. */
  const nextBatch = () =>
    db.transaction(async (tx) => {
      // One customer more than the batch tells whether this batch ends the file, without a read after it.
      const page = await readBatch(tx, suppressionKey, purpose, after, batchSize + 1);
      const last = page === null || page.rows.length <= batchSize;
      if (page && !last) page.rows.length = batchSize;
      const batch: MailingListBatch = page
        ? classify(page, purpose)
        : { eligible: [], excluded: { objected: 0, restricted: 0, erased: 0, suppressed: 0, addressProtected: 0 } };
      part += 1;
      const at = now();
      // Each customer who goes out in this part is shown the export under "staff who opened your data", and in
      // the disclosure log with what their line carried. A part with nobody on it leaves no entry, except the
      // one that ends the file.
      if (batch.eligible.length > 0 || last) {
        await appendAudit(
          tx,
          byStaff(actor, {
            action: "mailing_list.exported",
            detail: { purpose, part, count: batch.eligible.length, last },
            subjects: batch.eligible.map((row) => row.id),
          }),
          at,
        );
        await recordMailingListDisclosures(
          tx,
          batch.eligible.map((row) => ({ customerId: row.id, categories: mailingListCategories(row) })),
          actor,
          at,
        );
      }
      after = page?.rows[page.rows.length - 1]?.id ?? after;
      return { batch, last };
    });
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // The BOM makes spreadsheet programs read the file as UTF-8 (ä, ö, å).
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(MAILING_LIST_HEADER)}`));
      },
      async pull(controller) {
        if (part > 0) await yieldToEventLoop();
        let next: Awaited<ReturnType<typeof nextBatch>>;
        try {
          next = await nextBatch();
        } catch (err) {
          // Nothing of the failed batch went out, and its audit entry rolled back with it.
          controller.error(err);
          return;
        }
        controller.enqueue(encoder.encode(next.batch.eligible.map(mailingListCsvLine).join("")));
        if (next.last) controller.close();
      },
    },
    // Pull a batch only when the reader asks for one: nothing is read (and audited) ahead of the download.
    { highWaterMark: 0 },
  );
}
