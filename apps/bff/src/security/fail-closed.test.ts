import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, writerPragma } from "../db/client.ts";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { createTestContext, PORTAL_ORIGIN, type TestContext } from "../test/test-context.ts";

/*
 * Fail closed: when the database cannot take a write (disk full, locked by another process), a request
 * answers 503 service_unavailable, the register is left exactly as it was, and the same request succeeds
 * once the database is back. /healthz says 503 while the database is unavailable.
 */

let ctx: TestContext;
let cookie: string;

beforeAll(async () => {
  // The test toggles a switch far more often than a customer may withdraw objections (customer-limits.test.ts).
  ctx = await createTestContext({ LIMIT_MARKETING_WITHDRAWALS_PER_HOUR: "1000000" });
  cookie = await ctx.signInCustomer(DEMO_CUSTOMER_EMAIL);
});

afterAll(() => ctx.close());

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.restoreAllMocks();
});

/** The rows a failed write could have half-written: the switches, their proof, the history and the trail. */
async function snapshot() {
  const dump = (table: string) => ctx.db.rows(sql`SELECT * FROM ${sql.identifier(table)} ORDER BY rowid`);
  return JSON.stringify({
    objections: await dump("marketing_objections"),
    events: await dump("marketing_events"),
    customers: await dump("customers"),
    fieldChanges: await dump("field_changes"),
    audit: await dump("audit_log"),
  });
}

const send = (method: "PUT" | "PATCH", url: string, body: unknown) =>
  ctx.portal.request(url, {
    method,
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, cookie },
    body: JSON.stringify(body),
  });

const toggle = (objected: boolean) =>
  send("PUT", "/api/portal/marketing", { changes: [{ purpose: "opinionPolls", objected }] });

const health = async () => (await ctx.portal.request("/healthz")).status;

async function expectUnavailable(res: Response) {
  expect(res.status).toBe(503);
  const body = (await res.json()) as { error: { code: string } };
  expect(body.error.code).toBe("service_unavailable");
}

describe("fail closed when the database is unavailable", () => {
  it("answers 503 on a full disk (SQLITE_FULL), changes nothing, and recovers when space is back", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await health()).toBe(200);
    const pages = Number(writerPragma(ctx.db, "page_count"));
    writerPragma(ctx.db, `max_page_count = ${pages}`);
    try {
      // Each toggle adds an event row; once the last free space in a page is used, the next one needs a page.
      let objected = true;
      let failed: Response | null = null;
      let before = "";
      for (let i = 0; i < 2000 && !failed; i++) {
        before = await snapshot();
        const res = await toggle(objected);
        if (res.status === 200) objected = !objected;
        else failed = res;
      }
      expect(failed, "a write must eventually hit the page limit").not.toBeNull();
      await expectUnavailable(failed as Response);
      expect(await snapshot()).toBe(before);
      expect(await health()).toBe(503);

      writerPragma(ctx.db, `max_page_count = ${pages * 1000}`);
      expect(await health()).toBe(200);
      const res = await toggle(objected);
      expect(res.status).toBe(200);
      const events = (await ctx.db.row<{ to_objected: number }>(
        sql`SELECT to_objected FROM marketing_events WHERE purpose = 'opinionPolls' ORDER BY id DESC LIMIT 1`,
      )) as { to_objected: number };
      expect(events.to_objected).toBe(objected ? 1 : 0);
    } finally {
      writerPragma(ctx.db, "max_page_count = 4294967294");
    }
  });

  it("answers 503 while another process holds the write lock (SQLITE_BUSY), changes nothing, and recovers", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    // Another process on the same file: a port of its own, holding its write transaction open.
    const other = await openDatabase(ctx.env.databasePath);
    let release = () => {};
    let holding: Promise<void> | null = null;
    // The app would wait 5 s for the lock; the test keeps the wait short.
    writerPragma(ctx.db, "busy_timeout = 50");
    try {
      holding = other.transaction(
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
          }),
      );
      await tick();
      const before = await snapshot();
      await expectUnavailable(await send("PATCH", "/api/portal/contact", { phone: "+358 40 765 4321" }));
      expect(await snapshot()).toBe(before);
      expect(await health()).toBe(503);

      release();
      await holding;
      expect(await health()).toBe(200);
      const res = await send("PATCH", "/api/portal/contact", { phone: "+358 40 765 4321" });
      expect(res.status).toBe(200);
      const row = (await ctx.db.row<{ new_value: string }>(
        sql`SELECT new_value FROM field_changes WHERE field = 'phone' ORDER BY id DESC LIMIT 1`,
      )) as { new_value: string };
      expect(row.new_value).toBe("+358407654321");
    } finally {
      release();
      await holding;
      await other.close();
      writerPragma(ctx.db, "busy_timeout = 5000");
    }
  });
});
