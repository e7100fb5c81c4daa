import { z } from "zod";
import { daysLeft } from "./deadlines.ts";
import { type RequestState, type RequestType, requestTypes } from "./request-model.ts";

/*
 * Issue 14 G: the request statistics a data-protection officer reports (the figures Fides by ethyca publishes):
 * per month of receipt and request type, how many were received, completed, refused, extended and overdue, and
 * the median days to answer. Counts only: the facts below carry no customer id, so nothing here can name anyone.
 */

/** What the statistics need of one request: dates as calendar days in Helsinki (YYYY-MM-DD). */
export type RequestStatisticsFacts = {
  type: RequestType;
  state: RequestState;
  receivedOn: string;
  dueOn: string;
  /** The Helsinki day of the decision (completed or refused); null while pending or when cancelled. */
  decidedOn: string | null;
  /** The deadline was extended (Art. 12(3)). */
  extended: boolean;
};

export type RequestStatisticsRow = {
  /** YYYY-MM of receipt. */
  month: string;
  type: RequestType;
  received: number;
  completed: number;
  refused: number;
  extended: number;
  /** Not decided by the deadline: still pending after `dueOn`, or decided after it. */
  overdue: number;
  /** Calendar days from receipt to decision over the decided requests; null when none was decided. */
  medianDaysToAnswer: number | null;
};

/** Counts of one month × type, with the answer times as a histogram (days → requests): constant memory per cell. */
type Cell = Omit<RequestStatisticsRow, "medianDaysToAnswer"> & { answerDays: Map<number, number> };

/** A running tally, fed one request at a time so a register of any size is read in batches. */
export type RequestTally = { today: string; cells: Map<string, Cell> };

export function newRequestTally(today: string): RequestTally {
  return { today, cells: new Map() };
}

export function tallyRequest(tally: RequestTally, facts: RequestStatisticsFacts): void {
  const month = facts.receivedOn.slice(0, 7);
  const key = `${month} ${facts.type}`;
  let cell = tally.cells.get(key);
  if (!cell) {
    cell = {
      month,
      type: facts.type,
      received: 0,
      completed: 0,
      refused: 0,
      extended: 0,
      overdue: 0,
      answerDays: new Map(),
    };
    tally.cells.set(key, cell);
  }
  cell.received += 1;
  if (facts.extended) cell.extended += 1;
  const decided = facts.state === "completed" || facts.state === "refused";
  if (facts.state === "completed") cell.completed += 1;
  if (facts.state === "refused") cell.refused += 1;
  // A cancelled request was withdrawn by the customer: it was never owed an answer, so it is never overdue.
  const pending = facts.state === "received" || facts.state === "inProgress" || facts.state === "extended";
  if (decided && facts.decidedOn !== null) {
    const days = daysLeft(facts.decidedOn, facts.receivedOn);
    cell.answerDays.set(days, (cell.answerDays.get(days) ?? 0) + 1);
    if (facts.decidedOn > facts.dueOn) cell.overdue += 1;
  } else if (pending && tally.today > facts.dueOn) {
    cell.overdue += 1;
  }
}

/** The median of a histogram; the mean of the two middle values when the count is even. */
function median(histogram: Map<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const sorted = [...histogram.entries()].sort(([a], [b]) => a - b);
  const at = (index: number) => {
    let seen = 0;
    for (const [days, count] of sorted) {
      seen += count;
      if (index < seen) return days;
    }
    return sorted.at(-1)?.[0] ?? 0;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

const typeOrder = new Map(requestTypes.map((type, index) => [type, index]));

/** The rows, by month (oldest first) and then in the order of `requestTypes`; only month × type cells with requests. */
export function requestStatisticsOf(tally: RequestTally): RequestStatisticsRow[] {
  return [...tally.cells.values()]
    .sort((a, b) =>
      a.month === b.month ? (typeOrder.get(a.type) ?? 0) - (typeOrder.get(b.type) ?? 0) : a.month < b.month ? -1 : 1,
    )
    .map(({ answerDays, ...counts }) => ({ ...counts, medianDaysToAnswer: median(answerDays) }));
}

/** The statistics of a set of requests as of `today`. */
export function requestStatistics(requests: Iterable<RequestStatisticsFacts>, today: string): RequestStatisticsRow[] {
  const tally = newRequestTally(today);
  for (const facts of requests) tallyRequest(tally, facts);
  return requestStatisticsOf(tally);
}

/** The period asked for: calendar days of receipt, both inclusive; `from` not after `to`. */
export const requestStatisticsQuerySchema = z
  .object({
    from: z.iso.date("date_invalid").optional(),
    to: z.iso.date("date_invalid").optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "statistics_period_invalid", path: ["to"] });
