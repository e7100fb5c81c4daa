import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
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
  ctx = await createTestContext();
  cookie = await ctx.signInCustomer(DEMO_CUSTOMER_EMAIL);
});

afterAll(() => ctx.close());

afterEach(() => {
  vi.restoreAllMocks();
});

/** The rows a failed write could have half-written: the switches, their proof, the history and the trail. */
function snapshot() {
  const sqlite = ctx.db.$client;
  const dump = (table: string) => sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  return JSON.stringify({
    objections: dump("marketing_objections"),
    events: dump("marketing_events"),
    customers: dump("customers"),
    fieldChanges: dump("field_changes"),
    audit: dump("audit_log"),
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
    const sqlite = ctx.db.$client;
    expect(await health()).toBe(200);
    const pages = Number(sqlite.pragma("page_count", { simple: true }));
    sqlite.pragma(`max_page_count = ${pages}`);
    try {
      // Each toggle adds an event row; once the last free space in a page is used, the next one needs a page.
      let objected = true;
      let failed: Response | null = null;
      let before = "";
      for (let i = 0; i < 2000 && !failed; i++) {
        before = snapshot();
        const res = await toggle(objected);
        if (res.status === 200) objected = !objected;
        else failed = res;
      }
      expect(failed, "a write must eventually hit the page limit").not.toBeNull();
      await expectUnavailable(failed as Response);
      expect(snapshot()).toBe(before);
      expect(await health()).toBe(503);

      sqlite.pragma(`max_page_count = ${pages * 1000}`);
      expect(await health()).toBe(200);
      const res = await toggle(objected);
      expect(res.status).toBe(200);
      const events = sqlite
        .prepare("SELECT to_objected FROM marketing_events WHERE purpose = 'opinionPolls' ORDER BY id DESC LIMIT 1")
        .get() as { to_objected: number };
      expect(events.to_objected).toBe(objected ? 1 : 0);
    } finally {
      sqlite.pragma("max_page_count = 4294967294");
    }
  });

  it("answers 503 while another process holds the write lock (SQLITE_BUSY), changes nothing, and recovers", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const sqlite = ctx.db.$client;
    const other = new Database(ctx.env.databasePath);
    // The app would wait 5 s for the lock; the test keeps the wait short.
    sqlite.pragma("busy_timeout = 50");
    try {
      other.exec("BEGIN EXCLUSIVE");
      const before = snapshot();
      await expectUnavailable(await send("PATCH", "/api/portal/contact", { phone: "+358 40 765 4321" }));
      expect(snapshot()).toBe(before);
      expect(await health()).toBe(503);

      other.exec("ROLLBACK");
      expect(await health()).toBe(200);
      const res = await send("PATCH", "/api/portal/contact", { phone: "+358 40 765 4321" });
      expect(res.status).toBe(200);
      const row = sqlite
        .prepare("SELECT new_value FROM field_changes WHERE field = 'phone' ORDER BY id DESC LIMIT 1")
        .get() as { new_value: string };
      expect(row.new_value).toBe("+358407654321");
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
      sqlite.pragma("busy_timeout = 5000");
    }
  });
});
