import type { ApiError, IntegrationCustomerView, IntegrationSyncResult } from "@tietoni/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClients, customers, idempotencyKeys, invoices, legalHolds, marketingObjections } from "../../db/schema.ts";
import { type CreatedApiClient, createApiClient } from "../../db/test-fixtures.ts";
import { committedOpenApiText, openApiText } from "../../integration/openapi.ts";
import { purgeExpired } from "../../services/purge.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

const BASE = "/api/integration/v1";

/** Any answer of the API, read loosely: the tests check the fields they name. */
type Answer = ApiError & IntegrationSyncResult & IntegrationCustomerView & { id: string };
const answerOf = async (res: Response) => (await res.json()) as Answer;
const ALL_SCOPES = [
  "customers:write",
  "orders:write",
  "invoices:write",
  "objections:write",
  "holds:write",
  "register:read",
] as const;

let t: TestContext;
let crm: CreatedApiClient;

beforeAll(async () => {
  t = await createTestContext();
  crm = await createApiClient(t.db, { systemName: "CRM", scopes: ALL_SCOPES });
});
afterAll(() => t.close());

type CallOptions = { token?: string | null; headers?: Record<string, string>; body?: unknown; raw?: string };

function call(method: string, path: string, { token = crm.token, headers = {}, body, raw }: CallOptions = {}) {
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  return t.staff.request(`${BASE}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(text === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(text === undefined ? {} : { body: text }),
  });
}

const customer = (externalId: string, extra: Record<string, unknown> = {}) => ({
  external_id: externalId,
  first_name: "Iida",
  last_name: "Integraatio",
  email: `${externalId.toLowerCase()}@example.com`,
  relationship_start: "2024-01-15",
  ...extra,
});

describe("integration API: authentication", () => {
  it("refuses a missing, malformed, wrong or revoked token with 401 and a code", async () => {
    const revoked = await createApiClient(t.db, { systemName: "CRM", scopes: ALL_SCOPES, revokedAt: t.now() - 1 });
    const wrongSecret = `${crm.token.slice(0, -4)}aaaa`;
    for (const token of [null, "nonsense", wrongSecret, revoked.token, `tti_nosuchclient_${"a".repeat(24)}`]) {
      const res = await call("GET", "/customers/C-1", { token });
      expect(res.status, String(token)).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect((await answerOf(res)).error.code).toBe("token_invalid");
    }
  });

  it("never reads a cookie: a staff session gets 401 here, and a client token gets 401 on the staff API", async () => {
    const staffCookie = await t.signInAdmin();
    const res = await call("GET", "/customers/C-1", { token: null, headers: { cookie: staffCookie } });
    expect(res.status).toBe(401);
    const staffRoute = await t.staff.request("/api/staff/customers?q=aino", {
      headers: { authorization: `Bearer ${crm.token}`, origin: STAFF_ORIGIN },
    });
    expect(staffRoute.status).toBe(401);
  });

  it("checks no Origin (a server calls it) while the staff API still refuses a foreign one", async () => {
    const res = await call("POST", "/customers", {
      body: { records: [customer("ORIGIN-1")] },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(200);
    const staff = await t.staff.request("/api/staff/auth/sign-in", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "x" }),
    });
    expect(staff.status).toBe(403);
  });

  it("refuses a call outside the client's scopes with 403 scope_missing", async () => {
    const reader = await createApiClient(t.db, { systemName: "Reader", scopes: ["register:read"] });
    const res = await call("POST", "/customers", { token: reader.token, body: { records: [customer("S-1")] } });
    expect(res.status).toBe(403);
    expect((await answerOf(res)).error.code).toBe("scope_missing");
  });

  it("notes the client's last use at most once a minute", async () => {
    const client = await createApiClient(t.db, { systemName: "CRM", scopes: ["register:read"] });
    const lastUsed = async () =>
      (await t.db.select().from(apiClients).where(eq(apiClients.id, client.clientId)).get())?.lastUsedAt;
    await call("GET", "/customers/none", { token: client.token });
    const first = await lastUsed();
    expect(first).toBe(t.now());
    t.advance(10_000);
    await call("GET", "/customers/none", { token: client.token });
    expect(await lastUsed()).toBe(first);
    t.advance(60_000);
    await call("GET", "/customers/none", { token: client.token });
    expect(await lastUsed()).toBe(t.now());
  });

  it("limits calls per client and minute, the client's own limit over the default, with Retry-After", async () => {
    const limited = await createApiClient(t.db, { systemName: "CRM", scopes: ["register:read"], requestsPerMinute: 3 });
    // Start of a fresh minute, so the window cannot roll over during the test.
    t.advance(60_000 - (t.now() % 60_000));
    for (let i = 0; i < 3; i++)
      expect((await call("GET", "/customers/none", { token: limited.token })).status).toBe(404);
    t.advance(20_000);
    const refused = await call("GET", "/customers/none", { token: limited.token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("40");
    expect((await answerOf(refused)).error.code).toBe("rate_limited");
    // Another client is not held up by this one's calls.
    expect((await call("GET", "/customers/none")).status).toBe(404);
    t.advance(40_000);
    expect((await call("GET", "/customers/none", { token: limited.token })).status).toBe(404);
  });

  it("takes the default limit from API_REQUESTS_PER_MINUTE", async () => {
    const ctx = await createTestContext({ API_REQUESTS_PER_MINUTE: "2" });
    try {
      const client = await createApiClient(ctx.db, { systemName: "CRM", scopes: ["register:read"] });
      const get = () =>
        ctx.staff.request(`${BASE}/customers/none`, { headers: { authorization: `Bearer ${client.token}` } });
      expect((await get()).status).toBe(404);
      expect((await get()).status).toBe(404);
      expect((await get()).status).toBe(429);
    } finally {
      await ctx.close();
    }
  });
});

describe("integration API: limits and bad input", () => {
  it("refuses a body over 1 MiB with 413 and a call of more than 1,000 records", async () => {
    const big = JSON.stringify({ records: [customer("BIG-1", { street: "x".repeat(1024 * 1024) })] });
    const res = await call("POST", "/customers", { raw: big, headers: { "content-length": String(big.length) } });
    expect(res.status).toBe(413);
    expect((await answerOf(res)).error.code).toBe("payload_too_large");
    const many = { records: Array.from({ length: 1001 }, (_, i) => customer(`MANY-${i}`)) };
    const tooMany = await call("POST", "/customers", { body: many });
    expect(tooMany.status).toBe(400);
    expect((await answerOf(tooMany)).error.code).toBe("too_many_records");
    expect(await t.db.select().from(customers).where(eq(customers.email, "many-1@example.com")).get()).toBeUndefined();
  });

  it("takes a body larger than the staff API's 64 KiB", async () => {
    const records = Array.from({ length: 400 }, (_, i) =>
      customer(`BULK-${i}`, { last_name: `Bulk${"x".repeat(90)}` }),
    );
    const body = JSON.stringify({ records });
    expect(body.length).toBeGreaterThan(64 * 1024);
    const res = await call("POST", "/customers", { raw: body, headers: { "content-length": String(body.length) } });
    expect(res.status).toBe(200);
    expect((await answerOf(res)).counts.new).toBe(400);
  });

  it("refuses a whole call when one record is invalid, naming the record's field, and writes nothing", async () => {
    const res = await call("POST", "/customers", {
      body: {
        records: [customer("OK-1"), customer("BAD-1", { email: "not an address", language: "sv" })],
      },
    });
    expect(res.status).toBe(400);
    const { error } = await answerOf(res);
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { path: "records.1.email", code: "email_invalid" },
        { path: "records.1.language", code: "language_invalid" },
      ]),
    );
    expect(await t.db.select().from(customers).where(eq(customers.email, "ok-1@example.com")).get()).toBeUndefined();
  });

  it("answers 404 with a JSON code for an unknown integration path", async () => {
    const res = await call("GET", "/no-such-thing");
    expect(res.status).toBe(404);
    expect((await answerOf(res)).error.code).toBe("not_found");
  });
});

describe("integration API: records", () => {
  it("upserts customers and answers per record, audited once as the client's call", async () => {
    const seq = await t.lastAuditSeq();
    const res = await call("POST", "/customers", { body: { records: [customer("C-1"), customer("C-2")] } });
    expect(res.status).toBe(200);
    const answer = await answerOf(res);
    expect(answer.counts).toMatchObject({ new: 2, refused: 0 });
    expect(
      answer.results.map((r: { index: number; externalId: string; outcome: string }) => [
        r.index,
        r.externalId,
        r.outcome,
      ]),
    ).toEqual([
      [0, "C-1", "new"],
      [1, "C-2", "new"],
    ]);
    const created = await t.db.select().from(customers).where(eq(customers.email, "c-1@example.com")).get();
    expect(created?.id).toBe(answer.results[0]?.customerId);
    const entries = (await t.auditSince(seq)).filter((e) => e.action === "integration.called");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: "client", actorId: crm.clientId });

    const again = await call("POST", "/customers", { body: { records: [customer("C-1")] } });
    expect((await answerOf(again)).results[0]).toMatchObject({ outcome: "unchanged", customerId: created?.id });
  });

  it("adds orders, invoices with a status change, and objections to a customer the system sent", async () => {
    await call("POST", "/customers", { body: { records: [customer("P-1")] } });
    const id = (await t.db.select().from(customers).where(eq(customers.email, "p-1@example.com")).get())?.id ?? "";
    const order = {
      external_id: "O-1",
      order_number: `ORD-${id}`,
      ordered_at: "2026-01-05T10:00:00Z",
      status: "delivered",
      total_cents: 2500,
      lines: [{ line_no: 1, product: "Kahvi", quantity: 1, unit_price_cents: 2500 }],
    };
    const orders = await call("POST", "/orders", {
      body: {
        records: [
          { customer_external_id: "P-1", orders: [order] },
          { customer_external_id: "NOPE", orders: [order] },
        ],
      },
    });
    expect(orders.status).toBe(200);
    const ordersAnswer = await answerOf(orders);
    expect(ordersAnswer.results.map((r: { outcome: string }) => r.outcome)).toEqual(["changed", "refused"]);
    expect(ordersAnswer.results[1]).toMatchObject({ externalId: "NOPE", code: "customer_unknown", customerId: null });

    const invoice = {
      external_id: "I-1",
      invoice_number: `INV-${id}`,
      order_external_id: "O-1",
      issued_on: "2026-01-05",
      due_on: "2026-01-19",
      amount_cents: 2500,
      status: "open",
      status_changed_at: "2026-01-05T10:00:00Z",
    };
    await call("POST", "/invoices", { body: { records: [{ customer_external_id: "P-1", invoices: [invoice] }] } });
    const collected = await call("POST", "/invoices", {
      body: {
        records: [
          {
            customer_external_id: "P-1",
            invoices: [
              {
                ...invoice,
                status: "in_collection",
                collection_agency: "Perintä Oy",
                status_changed_at: "2026-02-01T08:00:00Z",
              },
            ],
          },
        ],
      },
    });
    expect(collected.status).toBe(200);
    const stored = await t.db
      .select()
      .from(invoices)
      .where(eq(invoices.invoiceNumber, `INV-${id}`))
      .get();
    expect(stored).toMatchObject({ status: "open", inCollection: true, collectionAgency: "Perintä Oy" });

    const objections = await call("POST", "/objections", {
      body: {
        records: [{ customer_external_id: "P-1", objections: [{ purpose: "directMarketing", date: "2026-02-02" }] }],
      },
    });
    expect(objections.status).toBe(200);
    const objection = await t.db
      .select()
      .from(marketingObjections)
      .where(and(eq(marketingObjections.customerId, id), eq(marketingObjections.purpose, "directMarketing")))
      .get();
    expect(objection?.objected).toBe(true);
  });

  it("records the end of the relationship; an unknown customer gets 404 customer_unknown", async () => {
    await call("POST", "/customers", { body: { records: [customer("END-1")] } });
    const res = await call("POST", "/customers/END-1/relationship-end", { body: { date: "2026-03-31" } });
    expect(res.status).toBe(200);
    expect((await answerOf(res)).results[0]).toMatchObject({ externalId: "END-1", outcome: "changed" });
    const row = await t.db.select().from(customers).where(eq(customers.email, "end-1@example.com")).get();
    expect(row?.relationshipEnd).toBe("2026-03-31");
    const unknown = await call("POST", "/customers/NOBODY/relationship-end", { body: { date: "2026-03-31" } });
    expect(unknown.status).toBe(404);
    expect((await answerOf(unknown)).error.code).toBe("customer_unknown");
  });

  it("does not let one system reach another system's customers by their external ids", async () => {
    const shop = await createApiClient(t.db, { systemName: "Shop", scopes: ALL_SCOPES });
    await call("POST", "/customers", { body: { records: [customer("OWN-1")] } });
    const read = await call("GET", "/customers/OWN-1", { token: shop.token });
    expect(read.status).toBe(404);
    const hold = await call("POST", "/customers/OWN-1/legal-holds", {
      token: shop.token,
      body: { reason: "Riita-asia", reference: "K-1" },
    });
    expect(hold.status).toBe(404);
  });
});

describe("integration API: legal holds and the customer read", () => {
  it("sets and clears a legal hold under the client's name", async () => {
    await call("POST", "/customers", { body: { records: [customer("H-1")] } });
    const id = (await t.db.select().from(customers).where(eq(customers.email, "h-1@example.com")).get())?.id ?? "";
    const set = await call("POST", "/customers/H-1/legal-holds", {
      body: { reason: "Riita-asia käräjäoikeudessa", reference: "KO 2026/12" },
    });
    expect(set.status).toBe(200);
    const { id: holdId } = await answerOf(set);
    const hold = await t.db.select().from(legalHolds).where(eq(legalHolds.id, holdId)).get();
    expect(hold).toMatchObject({ customerId: id, setByType: "client", setById: crm.clientId, clearedAt: null });
    expect(await t.lastAudit()).toMatchObject({ action: "legal_hold.set", actorType: "client", actorId: crm.clientId });

    const view = await answerOf(await call("GET", "/customers/H-1"));
    expect(view.legal_holds).toEqual([{ id: holdId, reference: "KO 2026/12", ends_on: null }]);

    const cleared = await call("POST", `/customers/H-1/legal-holds/${holdId}/clear`, {
      body: { reason: "Asia sovittu" },
    });
    expect(cleared.status).toBe(200);
    expect((await t.db.select().from(legalHolds).where(eq(legalHolds.id, holdId)).get())?.clearedByType).toBe("client");
    const again = await call("POST", `/customers/H-1/legal-holds/${holdId}/clear`, {
      body: { reason: "Asia sovittu" },
    });
    expect(again.status).toBe(404);
    const pastEnd = await call("POST", "/customers/H-1/legal-holds", {
      body: { reason: "Vanha", endsOn: "2020-01-01" },
    });
    expect(pastEnd.status).toBe(400);
    expect((await answerOf(pastEnd)).error.code).toBe("hold_end_in_past");
  });

  it("reads what the register holds, audited as the client's read, never a protected address", async () => {
    await call("POST", "/customers", {
      body: {
        records: [customer("R-1", { street: "Salainen tie 1", postal_code: "00100", city: "Helsinki", country: "FI" })],
      },
    });
    const id = (await t.db.select().from(customers).where(eq(customers.email, "r-1@example.com")).get())?.id ?? "";
    const open = await answerOf(await call("GET", "/customers/R-1"));
    expect(open).toMatchObject({
      external_id: "R-1",
      customer_id: id,
      street: "Salainen tie 1",
      address_protected: false,
    });
    expect(await t.lastAudit()).toMatchObject({ action: "integration.called", actorType: "client", customerId: id });

    await t.db.update(customers).set({ addressProtected: true }).where(eq(customers.id, id));
    const res = await call("GET", "/customers/R-1");
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain("Salainen tie");
    expect(text).not.toContain("00100");
    const view = JSON.parse(text);
    expect(view.address_protected).toBe(true);
    expect(view).not.toHaveProperty("street");
    expect(view).not.toHaveProperty("city");
  });
});

describe("integration API: Idempotency-Key", () => {
  it("replays the first answer for a repeat, refuses the key with another body, and purges keys after a day", async () => {
    const body = { records: [customer("K-1")] };
    const headers = { "idempotency-key": "sync-2026-01-01-0001" };
    const first = await call("POST", "/customers", { body, headers });
    expect(first.status).toBe(200);
    const firstAnswer = await first.text();
    expect(JSON.parse(firstAnswer).results[0].outcome).toBe("new");
    const seq = await t.lastAuditSeq();

    const repeat = await call("POST", "/customers", { body, headers });
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get("idempotent-replayed")).toBe("true");
    expect(await repeat.text()).toBe(firstAnswer);
    // Nothing ran again: no second audited call.
    expect(await t.auditSince(seq)).toEqual([]);

    const other = await call("POST", "/customers", { body: { records: [customer("K-2")] }, headers });
    expect(other.status).toBe(422);
    expect((await answerOf(other)).error.code).toBe("idempotency_key_reused");
    expect(await t.db.select().from(customers).where(eq(customers.email, "k-2@example.com")).get()).toBeUndefined();

    // Keys are per client: another client's same key is its own.
    const shop = await createApiClient(t.db, { systemName: "Shop", scopes: ALL_SCOPES });
    const shopCall = await call("POST", "/customers", {
      token: shop.token,
      body: { records: [customer("K-3")] },
      headers,
    });
    expect(shopCall.status).toBe(200);
    expect(shopCall.headers.get("idempotent-replayed")).toBeNull();

    const bad = await call("POST", "/customers", { body, headers: { "idempotency-key": "with space" } });
    expect(bad.status).toBe(400);
    expect((await answerOf(bad)).error.code).toBe("idempotency_key_invalid");

    const stored = () =>
      t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "sync-2026-01-01-0001")).all();
    expect(await stored()).toHaveLength(2);
    const counts = await purgeExpired(t.db, { now: t.now() + 24 * 3_600_000 + 1, sessionPolicy: t.env.sessionPolicy });
    expect(counts.idempotencyKeys).toBeGreaterThanOrEqual(2);
    expect(await stored()).toEqual([]);
  });

  it("stores no answer for a refused call: the key can be used once the call is fixed", async () => {
    const headers = { "idempotency-key": "fix-and-retry" };
    const refused = await call("POST", "/customers", { body: { records: [customer("F-1", { email: "x" })] }, headers });
    expect(refused.status).toBe(400);
    const fixed = await call("POST", "/customers", { body: { records: [customer("F-1")] }, headers });
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("integration API: OpenAPI document", () => {
  it("is served without a token and committed as generated (pnpm --filter @tietoni/bff openapi:export)", async () => {
    const res = await t.staff.request(`${BASE}/openapi.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe(openApiText());
    expect(committedOpenApiText()).toBe(text);
    const doc = JSON.parse(text);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/customers/{external_id}/legal-holds/{id}/clear");
    expect(doc.components.schemas.InterchangeCustomer.properties.external_id.maxLength).toBe(100);
  });

  it("documents every route the app serves", async () => {
    const doc = JSON.parse(openApiText());
    const { inspectRoutes } = await import("hono/dev");
    const served = inspectRoutes(t.staff)
      .filter(
        (r) => !r.isMiddleware && r.method !== "ALL" && r.path.startsWith(BASE) && !r.path.endsWith("openapi.json"),
      )
      .map((r) => `${r.method} ${r.path.slice(BASE.length).replace(/:([a-z_]+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect([...served].sort()).toEqual([...documented].sort());
  });
});
