import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, writerPragma } from "../db/client.ts";
import { openRegister } from "../db/open.ts";
import type { Db } from "../db/port.ts";
import { openPostgres } from "../db/postgres/open.ts";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { createDeps } from "../deps.ts";
import { createPortalApp } from "../portal-app.ts";
import { createTestContext, PORTAL_ORIGIN, type TestContext } from "../test/test-context.ts";
import { testEngine } from "../test/test-database.ts";

/*
 * Fail closed: when the database cannot take a write (disk full, locked by another process, the server gone), a
 * request answers 503 service_unavailable, the register is left exactly as it was, and the same request succeeds
 * once the database is back. /healthz says 503 while the database is unavailable.
 *
 * Issue 16: each way of making the database unavailable is the engine's own. SQLite's are the file's (a page limit
 * for a full disk, a second connection holding the write lock: PRAGMAs, skipped on PostgreSQL); PostgreSQL's are
 * the server's (the connections cut and refused; another instance holding the writer lock past the statement
 * timeout), skipped on SQLite, which has no server.
 */
const onSqlite = it.skipIf(testEngine !== "sqlite"); // skipped: SQLite file pragma (PostgreSQL twins below)
const onPostgres = it.skipIf(testEngine !== "postgres"); // skipped: no database server on SQLite (twins above)

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

/**
 * The rows a failed write could have half-written: the switches, their proof, the history and the trail. Rows
 * sorted by their text, the same on both engines (PostgreSQL's tables with an integer key have no rowid).
 */
async function snapshot() {
  const dump = async (table: string) =>
    (await ctx.db.rows(sql`SELECT * FROM ${sql.identifier(table)}`)).map((row) => JSON.stringify(row)).sort();
  return JSON.stringify({
    objections: await dump("marketing_objections"),
    events: await dump("marketing_events"),
    customers: await dump("customers"),
    fieldChanges: await dump("field_changes"),
    audit: await dump("audit_log"),
  });
}

type Portal = TestContext["portal"];

const send = (method: "PUT" | "PATCH", url: string, body: unknown, portal: Portal = ctx.portal) =>
  portal.request(url, {
    method,
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, cookie },
    body: JSON.stringify(body),
  });

const toggle = (objected: boolean, portal?: Portal) =>
  send("PUT", "/api/portal/marketing", { changes: [{ purpose: "opinionPolls", objected }] }, portal);

const health = async (portal: Portal = ctx.portal) => (await portal.request("/healthz")).status;

async function expectUnavailable(res: Response) {
  expect(res.status).toBe(503);
  const body = (await res.json()) as { error: { code: string } };
  expect(body.error.code).toBe("service_unavailable");
}

/** The newest opinion-poll switch as the history recorded it (1 objected, 0 not). */
async function lastToObjected() {
  const row = await ctx.db.row<{ to_objected: number }>(
    sql`SELECT to_objected FROM marketing_events WHERE purpose = 'opinionPolls' ORDER BY id DESC LIMIT 1`,
  );
  return Number(row?.to_objected);
}

/** The customer portal of the context's register over another port (another way to reach the same database). */
function portalOn(db: Db) {
  const deps = createDeps({ db, env: ctx.env, mailer: { async send() {} }, now: ctx.now });
  return { portal: createPortalApp(deps), stop: () => deps.outbox.stop() };
}

/**
 * A TCP relay between the app and the PostgreSQL server, which the test can cut: every connection through it is
 * reset and new ones are refused (the server down, or the network to it gone), then allowed again.
 */
async function relayTo(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen(0);
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    async cut() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    restore: () => listen(port),
    close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}

describe("fail closed when the database is unavailable", () => {
  onSqlite("answers 503 on a full disk (SQLITE_FULL), changes nothing, and recovers when space is back", async () => {
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
      expect(await lastToObjected()).toBe(objected ? 1 : 0);
    } finally {
      writerPragma(ctx.db, "max_page_count = 4294967294");
    }
  });

  onSqlite(
    "answers 503 while another process holds the write lock (SQLITE_BUSY), changes nothing, and recovers",
    async () => {
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
    },
  );

  onPostgres(
    "answers 503 while the server cannot be reached (connections cut and refused), changes nothing, and recovers",
    async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      const relay = await relayTo(new URL(ctx.env.databaseUrl ?? ""));
      const db = await openPostgres({
        url: relay.url,
        poolSize: 2,
        statementTimeoutMs: 10_000,
        idleInTransactionMs: 0,
        ssl: "disable",
      });
      const { portal, stop } = portalOn(db);
      try {
        expect(await health(portal)).toBe(200);
        const objected = (await lastToObjected()) !== 1;
        await relay.cut();
        const before = await snapshot();
        await expectUnavailable(await toggle(objected, portal));
        expect(await snapshot()).toBe(before);
        expect(await health(portal)).toBe(503);

        await relay.restore();
        expect(await health(portal)).toBe(200);
        expect((await toggle(objected, portal)).status).toBe(200);
        expect(await lastToObjected()).toBe(objected ? 1 : 0);
      } finally {
        await stop();
        await relay.restore().catch(() => {});
        await db.close();
        await relay.close();
      }
    },
  );

  onPostgres(
    "answers 503 while another instance holds the writer lock past the statement timeout, changes nothing, and recovers",
    async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      // Another instance on the same database, holding its write transaction (and so the writer lock) open.
      const other = await openRegister(ctx.env);
      // The app would wait DATABASE_STATEMENT_TIMEOUT_MS (30 s by default); the test keeps the wait short.
      const db = await openPostgres({
        url: ctx.env.databaseUrl ?? "",
        poolSize: 2,
        statementTimeoutMs: 300,
        idleInTransactionMs: 0,
        ssl: "disable",
      });
      const { portal, stop } = portalOn(db);
      let release = () => {};
      let holding: Promise<void> | null = null;
      try {
        holding = other.transaction(
          () =>
            new Promise<void>((resolve) => {
              release = resolve;
            }),
        );
        // Until the other instance's transaction holds the lock (this database's advisory locks; the server is shared).
        const held = sql`SELECT count(*) AS n FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
        while ((await ctx.db.row<{ n: number }>(held))?.n === 0) await tick();
        const before = await snapshot();
        await expectUnavailable(await send("PATCH", "/api/portal/contact", { phone: "+358 40 765 4322" }, portal));
        expect(await snapshot()).toBe(before);
        // Unlike SQLite's check of the file's write lock, the server is up and answers: the health check stays 200,
        // so one instance's long write does not take every instance out of the load balancer.
        expect(await health(portal)).toBe(200);

        release();
        await holding;
        const res = await send("PATCH", "/api/portal/contact", { phone: "+358 40 765 4322" }, portal);
        expect(res.status).toBe(200);
        const row = await ctx.db.row<{ new_value: string }>(
          sql`SELECT new_value FROM field_changes WHERE field = 'phone' ORDER BY id DESC LIMIT 1`,
        );
        expect(row?.new_value).toBe("+358407654322");
      } finally {
        release();
        await holding;
        await stop();
        await db.close();
        await other.close();
      }
    },
  );
});
