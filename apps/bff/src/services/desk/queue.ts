import {
  addCalendarMonths,
  addDays,
  type DueStatus,
  daysLeft,
  dueStatus,
  helsinkiDate,
  isPending,
  QUEUE_PAGE_SIZE,
  type RequestChannel,
  type RequestState,
  type RequestType,
  type requestQueueQuerySchema,
} from "@tietoni/domain";
import { and, asc, count, eq, gt, gte, inArray, lt, lte, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { glob } from "../../db/dialect.ts";
import type { Db, Queries } from "../../db/port.ts";
import { customers, requests, staffUsers } from "../../db/schema.ts";
import { byStaff, recordAudit, type StaffActor } from "../audit.ts";
import { undeliveredRequiredNotices } from "../deliveries.ts";

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
  /**
   * Issue 13: the worst state of the request's required notices (refusal, extension, lift notice) that have not
   * reached the customer — "dead" over "failing"; null when every one was delivered or none was sent.
   */
  noticeUndelivered: "failing" | "dead" | null;
};

export type QueueCounts = { open: number; dueThisWeek: number; overdue: number; completedThisMonth: number };

const PENDING = ["received", "inProgress", "extended"] as const;

/** Where the answer is in the whole queue: its page (1-based), the page size, and how many requests match. */
export type QueuePage = { number: number; size: number; total: number };

/**
 * A GLOB pattern matching `word` in any letter case: each letter as a class of its lower and upper case form
 * (`ä` → `[äÄ]`), GLOB's own characters as classes of themselves. SQLite's LIKE and lower() fold only A–Z, and
 * Finnish names start with Ä and Ö; GLOB is exact, so the classes do the folding for every alphabet.
 */
export function caseInsensitiveGlob(word: string): string {
  let pattern = "";
  for (const ch of word.toLocaleLowerCase("fi")) {
    const upper = ch.toLocaleUpperCase("fi");
    if (upper !== ch && [...upper].length === 1) pattern += `[${ch}${upper}]`;
    else if (ch === "*" || ch === "?" || ch === "[") pattern += `[${ch}]`;
    else pattern += ch;
  }
  return pattern;
}

/**
 * Every word must start a first or last name or the full name, or occur in the e-mail (as the customer search
 * does). GLOB on SQLite; on PostgreSQL the same pattern as a regular expression (db/dialect.ts), so the letter
 * classes fold case there too, whatever the database's locale makes of lower().
 */
function textCondition(q: Pick<Queries, "engine">, query: string | undefined): SQL | undefined {
  const words = (query ?? "").toLocaleLowerCase("fi").split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((word) => {
      const pattern = caseInsensitiveGlob(word);
      const start = `${pattern}*`;
      return sql`(${glob(q, sql`${customers.firstName}`, start)} OR ${glob(q, sql`${customers.lastName}`, start)}
        OR ${glob(q, sql`(${customers.firstName} || ' ' || ${customers.lastName})`, start)}
        OR ${glob(q, sql`coalesce(${customers.email}, '')`, `*${pattern}*`)})`;
    }),
  );
}

/**
 * One page of the request queue, sorted by due date, with how many requests match and the desk's dashboard counts.
 * Filtered, counted and paged in SQL: only the page's rows are read, however long the queue (issue 11).
 */
export async function listQueue(
  q: Queries,
  query: QueueQuery,
  { staffId, now }: { staffId: string; now: number },
): Promise<{ requests: QueueRow[]; counts: QueueCounts; page: QueuePage }> {
  const today = helsinkiDate(now);
  const conditions: SQL[] = [];
  if (query.state === "open") conditions.push(inArray(requests.state, [...PENDING]));
  else if (query.state) conditions.push(eq(requests.state, query.state));
  if (query.type) conditions.push(eq(requests.type, query.type));
  // "false" is the unticked box: no filter, not "only requests on time".
  if (query.overdue === "true") conditions.push(inArray(requests.state, [...PENDING]), lt(requests.dueOn, today));
  if (query.mine === "true") conditions.push(eq(requests.assignedTo, staffId));
  const text = textCondition(q, query.q);
  if (text) conditions.push(text);
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const number = query.page ?? 1;

  const total =
    (
      await q
        .select({ n: count() })
        .from(requests)
        .innerJoin(customers, eq(customers.id, requests.customerId))
        .where(where)
        .get()
    )?.n ?? 0;
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
      assigneeId: staffUsers.id,
      assigneeName: staffUsers.displayName,
    })
    .from(requests)
    .innerJoin(customers, eq(customers.id, requests.customerId))
    .leftJoin(staffUsers, eq(staffUsers.id, requests.assignedTo))
    .where(where)
    // The id last: a stable order, so pages neither repeat nor skip a request.
    .orderBy(asc(requests.dueOn), asc(requests.receivedOn), asc(requests.createdAt), asc(requests.id))
    .limit(QUEUE_PAGE_SIZE)
    .offset((number - 1) * QUEUE_PAGE_SIZE);
  const undelivered = await undeliveredRequiredNotices(
    q,
    rows.map((r) => r.id),
  );

  return {
    requests: rows.map((r) => {
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
        noticeUndelivered: worstNoticeState(undelivered.get(r.id)),
      };
    }),
    counts: await queueCounts(q, now),
    page: { number, size: QUEUE_PAGE_SIZE, total },
  };
}

function worstNoticeState(notices: readonly { status: "failing" | "dead" }[] | undefined): "failing" | "dead" | null {
  if (!notices || notices.length === 0) return null;
  return notices.some((n) => n.status === "dead") ? "dead" : "failing";
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
): Promise<{ requests: QueueRow[]; counts: QueueCounts; page: QueuePage }> {
  const queue = await db.read((r) => listQueue(r, query, { staffId: actor.id, now }));
  // The search text may hold a name; the ids of the requests shown say what was seen.
  await recordAudit(
    db,
    byStaff(actor, { action: "request.queue.viewed", detail: { requestIds: queue.requests.map((r) => r.id) } }),
    now,
  );
  return queue;
}
