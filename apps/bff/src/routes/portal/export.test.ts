import { createHash } from "node:crypto";
import fs from "node:fs";
import { EXPORT_VERSION, exportCustomerSchema, exportDocumentSchema } from "@tietoni/domain";
import { sql } from "drizzle-orm";
import { unzipSync } from "fflate";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { createDeps } from "../../deps.ts";
import { runningExports } from "../../services/export/export-stream.ts";
import { EXPORT_SCHEMA_FILE, EXPORT_V1_SCHEMA_FILE, exportSchemaText } from "../../services/export/json-schema-file.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";
import { exportRoutes } from "./export.ts";

let t: TestContext;
let aino: string;
beforeAll(async () => {
  t = await createTestContext();
  aino = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
});
afterAll(() => t.close());

const get = (url: string, cookie?: string) => t.portal.request(url, cookie ? { headers: { cookie } } : {});

async function exportJson(cookie: string) {
  const res = await get("/api/portal/export/json", cookie);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { res, text, doc: exportDocumentSchema.parse(JSON.parse(text)) };
}

describe("download my data: access and schema", () => {
  it("requires a customer session for every download and the history", async () => {
    for (const url of ["json", "csv", "html", "history"]) {
      const res = await get(`/api/portal/export/${url}`);
      expect(res.status, url).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthenticated" } });
    }
    // A staff session is no customer session.
    const staff = await t.signInStaff("agent", "agent-demo-pass");
    expect((await get("/api/portal/export/json", staff)).status).toBe(401);
  });

  it("keeps the committed JSON Schema equal to the one generated from the domain", () => {
    const committed = fs.existsSync(EXPORT_SCHEMA_FILE) ? fs.readFileSync(EXPORT_SCHEMA_FILE, "utf8") : "";
    expect(
      committed,
      "docs/schema/export-v2.schema.json is out of date; regenerate it: pnpm --filter @tietoni/bff schema:export",
    ).toBe(exportSchemaText());
  });

  it("publishes the JSON Schema at a stable URL without sign-in", async () => {
    const res = await get("/api/portal/export/schema/v2.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/schema+json");
    expect(await res.text()).toBe(fs.readFileSync(EXPORT_SCHEMA_FILE, "utf8"));
  });

  it("keeps version 1's schema published and frozen, for downloads made before version 2", async () => {
    // Issue 11 added fields to the strict schema inside v1; a consumer holding v1 would have refused new downloads.
    const v1 = fs.readFileSync(EXPORT_V1_SCHEMA_FILE, "utf8");
    expect(createHash("sha256").update(v1).digest("hex"), "a published schema is never edited").toBe(
      "d1d52621f479ee86ce3c9103f5071fd30d4b7058f95109728fd7d8462ecba275",
    );
    const res = await get("/api/portal/export/schema/v1.json");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(v1);
    expect(JSON.parse(v1).properties.version.const).toBe(1);
    expect(JSON.parse(exportSchemaText()).properties.version.const).toBe(EXPORT_VERSION);
    expect(EXPORT_VERSION).toBe(2);
  });

  it("marks the schema itself cacheable for an hour", async () => {
    // Mounted alone: the portal surface stamps no-store on every /api answer after the route runs.
    const mailer = { send: async () => {} };
    const deps = createDeps({ db: t.db, env: t.env, mailer, now: Date.now });
    const sessions = createSessionStore(
      t.db,
      { table: "customer_sessions", subject: "customer_id" },
      t.env.sessionPolicy,
    );
    const app = new Hono().route(
      "/",
      exportRoutes({ ...deps, sessions, requireCustomer: async (c) => c.json({}, 401) }),
    );
    const res = await app.request("/schema/v1.json");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
  });
});

describe("download my data: JSON", () => {
  beforeAll(async () => {
    // Rows other issues' routes write, inserted directly so the export's coverage of them is tested here.
    const at = Date.UTC(2026, 9, 1, 8, 0, 0);
    await t.db.exec(
      sql`INSERT INTO requests (id, customer_id, type, state, channel, received_on, due_on, text, correction_field,
         correction_current, correction_new, correction_reason, decision_outcome, decision_reasons, decided_at, created_at)
       VALUES ('rq1', 'c0000001', 'rectification', 'refused', 'portal', '2026-10-01', '2026-11-01', '', 'lastName',
         'Asiakas', 'Asiakas-Virtanen', 'Married', 'refused', 'No document was given', ${at + 86_400_000}, ${at})`,
    );
    await t.db.exec(
      sql`INSERT INTO request_events (request_id, at, actor_type, event, note, internal)
       VALUES ('rq1', ${at}, 'customer', 'received', NULL, 0), ('rq1', ${at + 1000}, 'staff', 'note', 'SECRET-INTERNAL', 1)`,
    );
    await t.db.exec(
      sql`INSERT INTO marketing_objections (customer_id, purpose, objected, updated_at) VALUES ('c0000001', 'directAdvertising', 1, ${at})`,
    );
    await t.db.exec(
      sql`INSERT INTO marketing_events (customer_id, purpose, from_objected, to_objected, at, channel)
       VALUES ('c0000001', 'directAdvertising', 0, 1, ${at}, 'portal')`,
    );
    await t.db.exec(
      sql`INSERT INTO field_changes (customer_id, field, old_value, new_value, at, actor_type, reason)
       VALUES ('c0000001', 'phone', '+358400000000', '+358401234567', ${at}, 'customer', NULL)`,
    );
  });

  it("holds everything on the customer, the register's context and who of the staff looked", async () => {
    const staff = await t.signInStaff("agent", "agent-demo-pass");
    expect((await t.staff.request("/api/staff/customers/c0000001", { headers: { cookie: staff } })).status).toBe(200);

    const { res, text, doc } = await exportJson(aino);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="tietoni-c0000001-2026-11-25.json"');

    const c = doc.customer;
    expect(Object.keys(c)).toEqual(Object.keys(exportCustomerSchema.shape));
    expect(c.profile.email).toBe(DEMO_CUSTOMER_EMAIL);
    expect(c.orders.length).toBeGreaterThanOrEqual(3);
    expect(c.orders.every((o) => o.lines.length > 0)).toBe(true);
    expect(c.invoices.map((i) => i.status)).toEqual(expect.arrayContaining(["open", "paid"]));
    expect(c.billing?.billingName).toBe("Aino Asiakas");
    expect(c.ipAddresses.map((i) => i.ip)).toEqual(expect.arrayContaining(["203.0.113.10", "203.0.113.12"]));
    expect(c.sources.length).toBeGreaterThan(0);
    expect(c.signIns.length).toBeGreaterThanOrEqual(1);
    expect(c.sessions.length).toBeGreaterThanOrEqual(1);
    expect(doc.register.supervisoryAuthority.email).toBe("tietosuoja@om.fi");
    expect(doc.register.retention.years).toBe(10);

    expect(c.requests).toEqual([
      expect.objectContaining({
        id: "rq1",
        correction: expect.objectContaining({ field: "lastName", newValue: "Asiakas-Virtanen" }),
        decision: expect.objectContaining({ outcome: "refused", reasons: "No document was given" }),
        history: [expect.objectContaining({ event: "received" })],
      }),
    ]);
    expect(text).not.toContain("SECRET-INTERNAL");
    expect(c.marketing.objections.directAdvertising).toBe(true);
    expect(c.marketing.objections.listPublication).toBe(false);
    expect(c.marketing.history).toEqual([
      expect.objectContaining({ purpose: "directAdvertising", from: false, to: true, channel: "portal" }),
    ]);
    expect(c.contactChanges).toEqual([expect.objectContaining({ field: "phone", newValue: "+358401234567" })]);

    expect(c.staffViews[0]).toMatchObject({ staffRole: "agent", action: "customer.record.viewed" });
    expect(c.staffViews[0]?.why.en).toMatch(/look-up/i);
    // The role, never the person.
    expect(text).not.toContain("staff-agent");
    expect(text).not.toContain("Antti");

    expect(c.downloads[0]).toEqual({ format: "json", at: "2026-11-25T10:00:00.000Z" });
  });

  it("contains nothing of another customer", async () => {
    const { text, doc } = await exportJson(aino);
    expect(doc.customer.profile.id).toBe("c0000001");
    expect(text).not.toContain("yhteyshenkilo@example.com");
    expect(text).not.toContain("c0000002");
    expect(text).not.toContain("Yhteyshenkilö");
  });

  it("records each download, and the history lists them newest first", async () => {
    const before = (await (await get("/api/portal/export/history", aino)).json()) as { downloads: unknown[] };
    t.advance(60_000);
    await (await get("/api/portal/export/html", aino)).text();
    const res = await get("/api/portal/export/history", aino);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { downloads } = (await res.json()) as { downloads: { format: string; at: string }[] };
    expect(downloads).toHaveLength(before.downloads.length + 1);
    expect(downloads[0]).toEqual({ format: "html", at: "2026-11-25T10:01:00.000Z" });
    expect(downloads.map((d) => d.format)).toContain("json");

    const matti = await t.signInCustomer("yhteyshenkilo@example.com");
    expect(await (await get("/api/portal/export/history", matti)).json()).toEqual({ downloads: [] });
  });
});

describe("download my data: CSV", () => {
  it("is a zip of one CSV per table with a README, Excel-friendly and safe from formula injection", async () => {
    await t.db.exec(sql`UPDATE customers SET www = '=HYPERLINK("https://evil.example","x")' WHERE id = 'c0000001'`);
    try {
      const res = await get("/api/portal/export/csv", aino);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/zip");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-disposition")).toMatch(
        /^attachment; filename="tietoni-c0000001-\d{4}-\d{2}-\d{2}\.zip"$/,
      );
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      // Decoded keeping the byte order mark, which the files must start with.
      const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
      const text = (name: string) => utf8.decode(files[name] ?? new Uint8Array());
      expect(Object.keys(files)).toEqual([
        "README.txt",
        "profile.csv",
        "organisation_roles.csv",
        "ip_addresses.csv",
        "orders.csv",
        "order_lines.csv",
        "invoices.csv",
        "billing.csv",
        "sources.csv",
        "requests.csv",
        "request_history.csv",
        "marketing_objections.csv",
        "marketing_history.csv",
        "contact_changes.csv",
        "sign_ins.csv",
        "sessions.csv",
        "staff_views.csv",
        "downloads.csv",
        // Issue 13: who received the customer's data.
        "disclosures.csv",
      ]);
      expect(text("README.txt")).toContain("Tietosuojavaltuutetun toimisto");
      expect(text("README.txt")).toContain("order_lines.csv");

      const profile = text("profile.csv");
      expect(profile.startsWith("\uFEFFcustomer_id,first_name,last_name,email,phone,")).toBe(true);
      expect(profile).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
      // Issue 11 item 7: the phone number keeps its "+" as written (quoted, not prefixed with an apostrophe).
      expect(profile).toContain(',"+358401234567",');
      expect(profile.split("\r\n")).toHaveLength(3);

      const orders = text("orders.csv").trimEnd().split("\r\n");
      expect(orders[0]).toBe("\uFEFForder_number,ordered_at,status,total_cents,currency");
      const lines = text("order_lines.csv").trimEnd().split("\r\n");
      expect(lines[0]).toBe("\uFEFForder_number,line_no,product,quantity,unit_price_cents");
      const { doc } = await exportJson(aino);
      expect(orders.length - 1).toBe(doc.customer.orders.length);
      expect(lines.length - 1).toBe(doc.customer.orders.reduce((n, o) => n + o.lines.length, 0));
      expect(text("request_history.csv")).not.toContain("SECRET-INTERNAL");
      expect(text("marketing_objections.csv")).toContain("directAdvertising,true");
      for (const name of Object.keys(files)) {
        expect(text(name).startsWith("\uFEFF"), name).toBe(true);
        expect(text(name), name).not.toContain("yhteyshenkilo@example.com");
      }
    } finally {
      await t.db.exec(sql`UPDATE customers SET www = 'https://aino-asiakas.example' WHERE id = 'c0000001'`);
    }
  });
});

describe("download my data: HTML", () => {
  it("is a complete, printable document in the chosen language with every stored text escaped", async () => {
    const payload = `<script>alert("x")</script>`;
    await t.db.exec(sql`UPDATE customers SET www = ${payload} WHERE id = 'c0000001'`);
    await t.db.exec(sql`UPDATE requests SET text = ${`<img src=x onerror=alert(1)>`} WHERE id = 'rq1'`);
    try {
      const res = await get("/api/portal/export/html?lang=en", aino);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/filename="tietoni-c0000001-\d{4}-\d{2}-\d{2}\.html"/);
      const html = await res.text();
      expect(html.startsWith("<!doctype html>")).toBe(true);
      expect(html).toContain('<html lang="en">');
      expect(html).not.toContain("<script");
      expect(html).not.toContain("<img");
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
      expect(html).toContain("<caption>Orders</caption>");
      expect(html).toContain('<th scope="col">Order number</th>');
      expect(html).toContain("Office of the Data Protection Ombudsman");
      expect(html).toContain("No document was given");
      expect(html).not.toContain("yhteyshenkilo@example.com");
      expect(html.trimEnd().endsWith("</html>")).toBe(true);
    } finally {
      await t.db.exec(sql`UPDATE customers SET www = 'https://aino-asiakas.example' WHERE id = 'c0000001'`);
    }

    const fi = await (await get("/api/portal/export/html", aino)).text();
    expect(fi).toContain('<html lang="fi">');
    expect(fi).toContain("Tietosuojavaltuutetun toimisto");
    expect((await get("/api/portal/export/html?lang=sv", aino)).status).toBe(400);
  });
});

describe("download my data: streaming", () => {
  const ORDERS = 20_000;
  let sari: string;

  beforeAll(async () => {
    sari = await t.signInCustomer("perinta@example.com");
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < ORDERS; i++) {
        await tx.exec(
          sql`INSERT INTO orders (id, customer_id, order_number, ordered_at, status, total_cents, currency) VALUES (${`bulk${i}`}, 'c0000003', ${`B-${String(i).padStart(6, "0")}`}, ${Date.UTC(2020, 0, 1) + i * 60_000}, 'delivered', 1990, 'EUR')`,
        );
        await tx.exec(
          sql`INSERT INTO order_lines (order_id, line_no, product, quantity, unit_price_cents) VALUES (${`bulk${i}`}, 1, ${`Tuote ${i}`}, 1, 1990)`,
        );
      }
    });
  }, 60_000);

  // Generous limits: the point is what happens meanwhile, not the speed of a shared CI machine.
  it("delivers every order while other requests, reads and writes, are served", { timeout: 60_000 }, async () => {
    const res = await get("/api/portal/export/json", sari);
    expect(res.status).toBe(200);
    const body = res.body;
    if (!body) throw new Error("no body");
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    if (first.value) chunks.push(first.value);
    // Streamed: the first chunk is a small slice of a file of several megabytes.
    expect(first.value?.byteLength ?? 0).toBeLessThan(256 * 1024);

    let exportDone = false;
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      exportDone = true;
    })();

    // A sign-in writes to the main connection while the export's snapshot is open.
    const matti = await t.signInCustomer("yhteyshenkilo@example.com");
    const other = await get("/api/portal/my-data", matti);
    expect(other.status).toBe(200);
    expect(exportDone).toBe(false);
    await reading;

    const doc = exportDocumentSchema.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    expect(doc.customer.orders.length).toBe(ORDERS + 2);
    const bulk = doc.customer.orders.filter((o) => o.orderNumber.startsWith("B-"));
    expect(bulk.every((o) => o.lines.length === 1 && o.lines[0]?.product.startsWith("Tuote "))).toBe(true);
    // Newest first, as everywhere in the record.
    expect(bulk[0]?.orderNumber).toBe(`B-${String(ORDERS - 1).padStart(6, "0")}`);
    expect(bulk.at(-1)?.orderNumber).toBe("B-000000");
    expect(runningExports()).toBe(0);
  });

  it("gives the event loop a turn between slices even when the client reads as fast as it can", async () => {
    const res = await get("/api/portal/export/json", sari);
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    let exportDone = false;
    let timerRanDuringExport = false;
    // Reading in a tight loop is all promise callbacks; a timer only runs if the writer yields between slices.
    setTimeout(() => {
      timerRanDuringExport = !exportDone;
    }, 0);
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    exportDone = true;
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(timerRanDuringExport).toBe(true);
  }, 60_000);

  it("lets go of the snapshot when the client goes away, and runs one download per customer at a time", async () => {
    // One at a time: a second in parallel is refused until the first ends (export-slots.test.ts: slow readers).
    const first = await get("/api/portal/export/csv", sari);
    expect(first.status).toBe(200);
    expect(runningExports()).toBe(1);
    const second = await get("/api/portal/export/json", sari);
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: { code: "export_in_progress" } });
    // The browser following the page's link is sent back to the page, which shows the refusal in its language.
    const navigation = await t.portal.request("/api/portal/export/json", {
      headers: { cookie: sari, "sec-fetch-mode": "navigate" },
    });
    expect(navigation.status).toBe(303);
    expect(navigation.headers.get("location")).toBe("/download?error=export_in_progress");
    await first.body?.cancel();
    expect(runningExports()).toBe(0);
    const again = await get("/api/portal/export/json", sari);
    expect(again.status).toBe(200);
    await again.body?.cancel();
  });
});

describe("download my data: audit", () => {
  it("puts each download in the audit trail as the customer's act, with its format", async () => {
    const seq = await t.lastAuditSeq();
    await (await get("/api/portal/export/csv", aino)).arrayBuffer();
    await (await get("/api/portal/export/html?lang=en", aino)).text();
    const entries = await t.auditSince(seq);
    expect(entries.map((e) => [e.action, e.actorType, e.actorId, e.customerId, JSON.parse(e.detail)])).toEqual([
      ["customer.export.downloaded", "customer", "c0000001", "c0000001", { format: "csv" }],
      ["customer.export.downloaded", "customer", "c0000001", "c0000001", { format: "html" }],
    ]);
  });
});
