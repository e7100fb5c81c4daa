import {
  addCalendarMonths,
  helsinkiDate,
  newRequestTally,
  type RequestStatisticsRow,
  requestStatisticsOf,
  tallyRequest,
} from "@tietoni/domain";
import { and, asc, gt, gte, lte } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import { requests } from "../db/schema.ts";
import { byStaff, recordAudit, type StaffActor } from "./audit.ts";

/*
 * Issue 14 G: the request statistics for the data-protection officer (and admins). The figures are the domain's
 * (`request-statistics.ts`); this reads the facts they need — never a customer id or a request's text — in keyset
 * batches, so a register of any size is counted in constant memory without holding the event loop.
 */

export const REQUEST_STATISTICS_BATCH = 1000;

export type RequestStatisticsReport = {
  /** The period of receipt, calendar days in Helsinki, both inclusive. */
  from: string;
  to: string;
  /** The day "overdue" was judged on. */
  today: string;
  rows: RequestStatisticsRow[];
};

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Without a start: the twelve calendar months up to the end (today without one), the end's month included. */
export function defaultStatisticsStart(to: string): string {
  return `${addCalendarMonths(to, -11).slice(0, 7)}-01`;
}

/**
 * A batch of the period's requests after the id `after`, in id order: the tally does not care about order, and the
 * primary key's index lets each batch start where the last ended (no index on received_on to page by).
 */
function factsAfter(r: Queries, from: string, to: string, after: string) {
  return r
    .select({
      id: requests.id,
      type: requests.type,
      state: requests.state,
      receivedOn: requests.receivedOn,
      dueOn: requests.dueOn,
      decidedAt: requests.decidedAt,
      extendedAt: requests.extendedAt,
      extensionMonths: requests.extensionMonths,
    })
    .from(requests)
    .where(and(gt(requests.id, after), gte(requests.receivedOn, from), lte(requests.receivedOn, to)))
    .orderBy(asc(requests.id))
    .limit(REQUEST_STATISTICS_BATCH);
}

type FactRow = Awaited<ReturnType<typeof factsAfter>>[number];

/** The statistics of the requests received in the period, audited (`request_statistics.viewed`) before they are answered. */
export async function viewRequestStatistics(
  db: Db,
  actor: StaffActor,
  period: { from?: string | undefined; to?: string | undefined },
  now: number,
): Promise<RequestStatisticsReport> {
  const today = helsinkiDate(now);
  const to = period.to ?? today;
  const from = period.from ?? defaultStatisticsStart(to);
  const tally = newRequestTally(today);
  let after = "";
  let counted = 0;
  for (;;) {
    const cursor = after;
    const batch: FactRow[] = await db.read((r) => factsAfter(r, from, to, cursor));
    for (const row of batch) {
      tallyRequest(tally, {
        type: row.type,
        state: row.state,
        receivedOn: row.receivedOn,
        dueOn: row.dueOn,
        decidedOn: row.decidedAt === null ? null : helsinkiDate(row.decidedAt),
        extended: row.extendedAt !== null || row.extensionMonths !== null,
      });
    }
    counted += batch.length;
    const last = batch.at(-1);
    if (!last || batch.length < REQUEST_STATISTICS_BATCH) break;
    after = last.id;
    await yieldToEventLoop();
  }
  const rows = requestStatisticsOf(tally);
  // Counts only, and only the period and how many requests were counted: the figures name no one.
  await recordAudit(
    db,
    byStaff(actor, { action: "request_statistics.viewed", detail: { from, to, requests: counted } }),
    now,
  );
  return { from, to, today, rows };
}
