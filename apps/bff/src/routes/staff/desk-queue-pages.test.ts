import { QUEUE_PAGE_SIZE } from "@tietoni/domain";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInsensitiveGlob } from "../../services/desk/queue.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

/*
 * The staff queue pages in SQL: with more requests than a page, one page is answered and only that page's rows are
 * read from the database. Rows are counted at the driver: every statement's `all` is wrapped while the test runs.
 */

const REQUESTS = 3 * QUEUE_PAGE_SIZE + 30;

let t: TestContext;
let agent: string;
beforeAll(async () => {
  t = await createTestContext();
  agent = await t.signInStaff("agent", "agent-demo-pass");
  // Requests of two customers, one a Finnish name that starts with Ä; due dates spread over the year.
  await t.db.exec(sql`UPDATE customers SET first_name = 'Äijä', last_name = 'Öhman' WHERE id = 'c0000002'`);
  // printf and date() are SQLite's; lpad and date arithmetic PostgreSQL's.
  const [id, dueOn] =
    t.db.engine === "postgres"
      ? [sql`'q' || lpad(i::text, 4, '0')`, sql`to_char(DATE '2026-12-01' + i, 'YYYY-MM-DD')`]
      : [sql`printf('q%04d', i)`, sql`date('2026-12-01', '+' || i || ' days')`];
  await t.db.exec(sql`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${sql.raw(String(REQUESTS - 1))})
    INSERT INTO requests (id, customer_id, type, state, channel, received_on, due_on, text, created_at)
    SELECT ${id}, CASE WHEN i % 3 = 0 THEN 'c0000002' ELSE 'c0000001' END, 'other', 'received', 'portal',
      '2026-11-01', ${dueOn}, 'Kysymys', ${sql.raw(String(Date.UTC(2026, 10, 1)))} + i
    FROM n`);
});
afterAll(() => t.close());

type QueueBody = {
  requests: { id: string; customerName: string }[];
  page: { number: number; size: number; total: number };
};

async function queue(query: string): Promise<QueueBody> {
  const res = await t.staff.request(`/api/staff/requests${query}`, { headers: { cookie: agent } });
  expect(res.status).toBe(200);
  return (await res.json()) as QueueBody;
}

/**
 * The most rows any one statement reading `requests` returned while `fn` ran: counted in better-sqlite3's
 * statements, or on PostgreSQL in node-postgres's client (every pooled connection's queries pass through it).
 */
async function mostRowsReadFromRequests(fn: () => Promise<unknown>): Promise<number> {
  if (t.db.engine === "postgres") return mostRowsReadFromPostgres(fn);
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as { all: (...args: unknown[]) => unknown[] };
  probe.close();
  const original = proto.all;
  let most = 0;
  proto.all = function (this: { source: string }, ...args: unknown[]) {
    const rows = original.apply(this, args);
    if (/from "requests"/i.test(this.source)) most = Math.max(most, rows.length);
    return rows;
  };
  try {
    await fn();
  } finally {
    proto.all = original;
  }
  return most;
}

type PgQuery = (config: string | { text: string }, values?: unknown, callback?: unknown) => unknown;
type PgResult = { rows: unknown[] };

async function mostRowsReadFromPostgres(fn: () => Promise<unknown>): Promise<number> {
  const proto = pg.Client.prototype as unknown as { query: PgQuery };
  const original = proto.query;
  let most = 0;
  const count = (text: string | undefined, result: PgResult | undefined) => {
    if (text && result && /from "requests"/i.test(text)) most = Math.max(most, result.rows.length);
  };
  proto.query = function (this: unknown, config, values, callback) {
    const text = typeof config === "string" ? config : config?.text;
    // The pool passes a callback; a session's query (a transaction) awaits the promise.
    if (typeof callback === "function") {
      return original.call(this, config, values, (err: unknown, res: PgResult) => {
        count(text, res);
        (callback as (err: unknown, res: PgResult) => void)(err, res);
      });
    }
    const answer = original.call(this, config, values);
    if (answer instanceof Promise)
      void answer.then(
        (res: PgResult) => count(text, res),
        () => {},
      );
    return answer;
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return most;
}

describe("the staff queue pages in SQL", () => {
  it("answers one page of a longer queue, with the total, and reads only that page", async () => {
    let first: QueueBody | undefined;
    const read = await mostRowsReadFromRequests(async () => {
      first = await queue("");
    });
    expect(first?.requests).toHaveLength(QUEUE_PAGE_SIZE);
    expect(first?.page).toEqual({ number: 1, size: QUEUE_PAGE_SIZE, total: REQUESTS });
    // The old queue read every request (180 rows here) and cut the list in JavaScript.
    expect(read).toBeLessThanOrEqual(QUEUE_PAGE_SIZE);
    expect(read).toBeGreaterThan(0);

    const rest = [await queue("?page=2"), await queue("?page=3"), await queue("?page=4")];
    expect(rest.map((p) => p.requests.length)).toEqual([
      QUEUE_PAGE_SIZE,
      QUEUE_PAGE_SIZE,
      REQUESTS - 3 * QUEUE_PAGE_SIZE,
    ]);
    const all = [...(first?.requests ?? []), ...rest.flatMap((p) => p.requests)].map((r) => r.id);
    // Every request once, in due-date order.
    expect(new Set(all).size).toBe(REQUESTS);
    expect(all).toEqual([...all].sort());
    expect((await queue("?page=5")).requests).toEqual([]);
  });

  it("filters by the customer's name in SQL in any letter case, Ä and Ö included, and pages the matches", async () => {
    const matches = Math.ceil(REQUESTS / 3);
    let body: QueueBody | undefined;
    const read = await mostRowsReadFromRequests(async () => {
      body = await queue(`?q=${encodeURIComponent("äIJÄ öhm")}`);
    });
    expect(body?.page.total).toBe(matches);
    expect(body?.requests).toHaveLength(QUEUE_PAGE_SIZE);
    expect(body?.requests.every((r) => r.customerName === "Äijä Öhman")).toBe(true);
    expect(read).toBeLessThanOrEqual(QUEUE_PAGE_SIZE);
    expect((await queue(`?q=${encodeURIComponent("ÄIJÄ")}&page=2`)).requests).toHaveLength(matches - QUEUE_PAGE_SIZE);
    expect((await queue(`?q=${encodeURIComponent("aino asiakas")}`)).page.total).toBe(REQUESTS - matches);
    // GLOB's own characters are matched as themselves.
    expect((await queue(`?q=${encodeURIComponent("äij*")}`)).page.total).toBe(0);
    expect(caseInsensitiveGlob("Ä*b?[")).toBe("[äÄ][*][bB][?][[]");
  });

  it("refuses a page that is not a positive number", async () => {
    for (const page of ["0", "-1", "x", "1.5"]) {
      const res = await t.staff.request(`/api/staff/requests?page=${page}`, { headers: { cookie: agent } });
      expect(res.status, page).toBe(400);
    }
  });
});
