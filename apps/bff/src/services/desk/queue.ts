import {
  addCalendarMonths,
  addDays,
  type DueStatus,
  daysLeft,
  dueStatus,
  helsinkiDate,
  isPending,
  type RequestChannel,
  type RequestState,
  type RequestType,
  type requestQueueQuerySchema,
} from "@tietoni/domain";
import { and, asc, count, eq, gt, gte, inArray, lt, lte, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Queries } from "../../db/port.ts";
import { customers, requests, staffUsers } from "../../db/schema.ts";
import { byStaff, recordAudit, type StaffActor } from "../audit.ts";

export type QueueQuery = z.infer<typeof requestQueueQuerySchema>;

export type QueueRow = {
  id: string;
  type: RequestType;
  state: RequestState;
  channel: RequestChannel;
  customerId: string;
  customerName: string;
  receivedOn: string;
  dueOn: string;
  /** Null once the request is decided or cancelled: its deadline no longer runs. */
  daysLeft: number | null;
  dueStatus: DueStatus | null;
  assignedTo: { id: string; displayName: string } | null;
};

export type QueueCounts = { open: number; dueThisWeek: number; overdue: number; completedThisMonth: number };

const PENDING = ["received", "inProgress", "extended"] as const;
/** A queue page is for people to read; the counts cover everything. */
export const QUEUE_LIMIT = 500;

/** Every word must start a first or last name, or occur in the e-mail (as the customer search does). */
function matchesText(words: string[], row: { firstName: string; lastName: string; email: string | null }) {
  const first = row.firstName.toLocaleLowerCase("fi");
  const last = row.lastName.toLocaleLowerCase("fi");
  const email = (row.email ?? "").toLocaleLowerCase("fi");
  const fullName = `${first} ${last}`;
  return words.every((w) => first.startsWith(w) || last.startsWith(w) || fullName.startsWith(w) || email.includes(w));
}

/**
 * The request queue, sorted by due date, and the desk's dashboard counts. Names are matched in JavaScript rather
 * than SQL because SQLite's lower() folds only ASCII, and Finnish names start with Ä and Ö.
 */
export async function listQueue(
  q: Queries,
  query: QueueQuery,
  { staffId, now }: { staffId: string; now: number },
): Promise<{ requests: QueueRow[]; counts: QueueCounts }> {
  const today = helsinkiDate(now);
  const conditions: SQL[] = [];
  if (query.state === "open") conditions.push(inArray(requests.state, [...PENDING]));
  else if (query.state) conditions.push(eq(requests.state, query.state));
  if (query.type) conditions.push(eq(requests.type, query.type));
  // "false" is the unticked box: no filter, not "only requests on time".
  if (query.overdue === "true") conditions.push(inArray(requests.state, [...PENDING]), lt(requests.dueOn, today));
  if (query.mine === "true") conditions.push(eq(requests.assignedTo, staffId));

  const rows = await q
    .select({
      id: requests.id,
      type: requests.type,
      state: requests.state,
      channel: requests.channel,
      customerId: requests.customerId,
      receivedOn: requests.receivedOn,
      dueOn: requests.dueOn,
      firstName: customers.firstName,
      lastName: customers.lastName,
      email: customers.email,
      assigneeId: staffUsers.id,
      assigneeName: staffUsers.displayName,
    })
    .from(requests)
    .innerJoin(customers, eq(customers.id, requests.customerId))
    .leftJoin(staffUsers, eq(staffUsers.id, requests.assignedTo))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(requests.dueOn), asc(requests.receivedOn), asc(requests.createdAt));

  const words = (query.q ?? "").toLocaleLowerCase("fi").split(/\s+/).filter(Boolean).slice(0, 5);
  const matching = words.length > 0 ? rows.filter((r) => matchesText(words, r)) : rows;

  return {
    requests: matching.slice(0, QUEUE_LIMIT).map((r) => {
      const pending = isPending(r.state);
      return {
        id: r.id,
        type: r.type,
        state: r.state,
        channel: r.channel,
        customerId: r.customerId,
        customerName: `${r.firstName} ${r.lastName}`.trim(),
        receivedOn: r.receivedOn,
        dueOn: r.dueOn,
        daysLeft: pending ? daysLeft(r.dueOn, today) : null,
        dueStatus: pending ? dueStatus(r.receivedOn, r.dueOn, today) : null,
        assignedTo: r.assigneeId && r.assigneeName ? { id: r.assigneeId, displayName: r.assigneeName } : null,
      };
    }),
    counts: await queueCounts(q, now),
  };
}

/**
 * Open: every pending request. Due this week: pending and due within the next seven days (today included).
 * Overdue: pending past its deadline. Completed this month: completed in the current calendar month in Helsinki.
 */
export async function queueCounts(q: Queries, now: number): Promise<QueueCounts> {
  const today = helsinkiDate(now);
  const pending = inArray(requests.state, [...PENDING]);
  const countWhere = async (where: SQL | undefined) =>
    (await q.select({ n: count() }).from(requests).where(where).get())?.n ?? 0;
  const month = today.slice(0, 7);
  // Every moment of this month is after this cut-off; the month test itself is done in Helsinki time below.
  const since = Date.parse(`${addCalendarMonths(`${month}-01`, -1)}T00:00:00Z`);
  const decided = await q
    .select({ decidedAt: requests.decidedAt })
    .from(requests)
    .where(and(eq(requests.state, "completed"), gt(requests.decidedAt, since)));
  const completedThisMonth = decided.filter(
    (r) => r.decidedAt !== null && helsinkiDate(r.decidedAt).startsWith(month),
  ).length;
  return {
    open: await countWhere(pending),
    dueThisWeek: await countWhere(and(pending, gte(requests.dueOn, today), lte(requests.dueOn, addDays(today, 6)))),
    overdue: await countWhere(and(pending, lt(requests.dueOn, today))),
    completedThisMonth,
  };
}

/** The queue for one staff member, on one snapshot; which requests were shown is audited, not the search text. */
export async function viewQueue(
  db: Db,
  query: QueueQuery,
  actor: StaffActor,
  now: number,
): Promise<{ requests: QueueRow[]; counts: QueueCounts }> {
  const queue = await db.read((r) => listQueue(r, query, { staffId: actor.id, now }));
  // The search text may hold a name; the ids of the requests shown say what was seen.
  await recordAudit(
    db,
    byStaff(actor, { action: "request.queue.viewed", detail: { requestIds: queue.requests.map((r) => r.id) } }),
    now,
  );
  return queue;
}
