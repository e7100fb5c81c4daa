import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedSystems, webhookEndpoints } from "../../db/schema.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

const send = (method: "PATCH" | "POST", url: string, body: unknown, cookie: string) =>
  t.staff.request(url, {
    method,
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
const get = (url: string, cookie: string) => t.staff.request(url, { headers: { cookie } });

type Endpoint = {
  id: string;
  systemId: string;
  systemName: string;
  url: string;
  eventTypes: string[];
  categories: string[];
  enabled: boolean;
};
type Created = { endpoint: Endpoint; secret: string; systemCreated: boolean };

let names = 0;
const newSystem = () => ({
  kind: "new",
  name: `Uutiskirjetyökalu ${++names}`,
  party: { kind: "recipient", id: "financialAdministrationPartner" },
});
const body = (system: object = newSystem()) => ({
  system,
  url: "https://hooks.example.com/tietoni",
  eventTypes: ["customer.marketing_objections_changed", "customer.erased"],
  categories: ["email"],
});

async function create(b: object = body()) {
  const res = await send("POST", "/api/staff/webhooks", b, admin);
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

const SECRET_FORM = /^whsec_[A-Za-z0-9+/]{43}=$/;

describe("webhook endpoints (staff, admin)", () => {
  it("registers an endpoint with a new system in one step, audited, the secret shown once in Standard Webhooks form", async () => {
    const seq = await t.lastAuditSeq();
    const created = await create();
    expect(created.secret).toMatch(SECRET_FORM);
    expect(Buffer.from(created.secret.slice(6), "base64")).toHaveLength(32);
    // The library the receivers use accepts it and signs with it.
    expect(() => new Webhook(created.secret)).not.toThrow();
    expect(created.systemCreated).toBe(true);
    expect(created.endpoint).toMatchObject({
      url: "https://hooks.example.com/tietoni",
      eventTypes: ["customer.marketing_objections_changed", "customer.erased"],
      categories: ["email"],
      enabled: true,
    });
    const system = await t.db
      .select()
      .from(connectedSystems)
      .where(eq(connectedSystems.id, created.endpoint.systemId))
      .get();
    expect(system?.name).toBe(created.endpoint.systemName);
    const audit = await t.auditSince(seq);
    expect(audit.map((a) => a.action)).toEqual(["connected_system.registered", "webhook_endpoint.created"]);
    for (const a of audit) expect(JSON.stringify(a)).not.toContain(created.secret.slice(6));
  });

  it("registers an endpoint for an existing system, and refuses an unknown one or a taken name", async () => {
    const first = await create();
    const second = await create(body({ kind: "existing", systemId: first.endpoint.systemId }));
    expect(second.systemCreated).toBe(false);
    expect(second.endpoint.systemId).toBe(first.endpoint.systemId);
    expect(second.secret).not.toBe(first.secret);

    const unknown = await send("POST", "/api/staff/webhooks", body({ kind: "existing", systemId: "nosuch" }), admin);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("webhook_system_unknown");

    const taken = await send(
      "POST",
      "/api/staff/webhooks",
      body({ ...newSystem(), name: first.endpoint.systemName }),
      admin,
    );
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { code: string } }).error.code).toBe("system_name_taken");
  });

  it("refuses bad input with a translated code and changes nothing", async () => {
    const before = await t.db.$count(webhookEndpoints);
    const systemsBefore = await t.db.$count(connectedSystems);
    const cases: [object, string][] = [
      [{ ...body(), url: "ftp://hooks.example.com/" }, "webhook_url_invalid"],
      [{ ...body(), url: "https://user:pass@hooks.example.com/" }, "webhook_url_invalid"],
      [{ ...body(), eventTypes: [] }, "webhook_events_required"],
      [{ ...body(), categories: [] }, "webhook_categories_missing"],
      [{ ...body(), eventTypes: ["customer.contact_changed"] }, "webhook_categories_missing"],
      [body({ ...newSystem(), party: { kind: "recipient", id: "nobody" } }), "notice_party_invalid"],
    ];
    for (const [b, code] of cases) {
      const res = await send("POST", "/api/staff/webhooks", b, admin);
      expect(res.status, code).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await t.db.$count(webhookEndpoints)).toBe(before);
    expect(await t.db.$count(connectedSystems)).toBe(systemsBefore);
  });

  it("updates, disables and re-enables an endpoint, audited; an update cannot leave an event uncovered", async () => {
    const { endpoint } = await create();
    const seq = await t.lastAuditSeq();
    const res = await send(
      "PATCH",
      `/api/staff/webhooks/${endpoint.id}`,
      { url: "https://other.example.com/in", enabled: false },
      admin,
    );
    expect(res.status).toBe(200);
    const updated = ((await res.json()) as { endpoint: Endpoint }).endpoint;
    expect(updated).toMatchObject({ url: "https://other.example.com/in", enabled: false });
    const [entry] = await t.auditSince(seq);
    expect(entry?.action).toBe("webhook_endpoint.updated");

    // Categories alone, dropping what a subscribed event needs: refused against the stored events.
    const uncovered = await send("PATCH", `/api/staff/webhooks/${endpoint.id}`, { categories: [] }, admin);
    expect(uncovered.status).toBe(400);
    expect(((await uncovered.json()) as { error: { code: string } }).error.code).toBe("webhook_categories_missing");

    const back = await send("PATCH", `/api/staff/webhooks/${endpoint.id}`, { enabled: true }, admin);
    expect(((await back.json()) as { endpoint: Endpoint }).endpoint.enabled).toBe(true);

    const missing = await send("PATCH", "/api/staff/webhooks/nosuch", { enabled: true }, admin);
    expect(missing.status).toBe(404);
  });

  it("rotates the secret: a new one shown once, stored for signing, audited without it", async () => {
    const { endpoint, secret } = await create();
    const seq = await t.lastAuditSeq();
    const res = await send("POST", `/api/staff/webhooks/${endpoint.id}/rotate-secret`, {}, admin);
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { secret: string };
    expect(rotated.secret).toMatch(SECRET_FORM);
    expect(rotated.secret).not.toBe(secret);
    const stored = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)).get();
    expect(stored?.secret).toBe(rotated.secret);
    const audit = await t.auditSince(seq);
    expect(audit.map((a) => a.action)).toEqual(["webhook_endpoint.secret_rotated"]);
    expect(JSON.stringify(audit)).not.toContain(rotated.secret.slice(6));
  });

  it("never returns a secret from a read", async () => {
    const { secret } = await create();
    const res = await get("/api/staff/webhooks", admin);
    expect(res.status).toBe(200);
    const text = await res.text();
    const list = JSON.parse(text) as { endpoints: (Endpoint & Record<string, unknown>)[] };
    expect(list.endpoints.length).toBeGreaterThan(0);
    expect(text).not.toContain("whsec_");
    expect(text).not.toContain(secret.slice(6, 20));
    for (const e of list.endpoints) expect(e).not.toHaveProperty("secret");
    const patched = await send("PATCH", `/api/staff/webhooks/${list.endpoints[0]?.id}`, { enabled: true }, admin);
    expect(await patched.text()).not.toContain("whsec_");
  });

  it("lets only an admin in: an agent gets 403 on every route, nothing is created", async () => {
    const { endpoint } = await create();
    const agent = await t.signInStaff("agent", "agent-demo-pass");
    const before = await t.db.$count(webhookEndpoints);
    const calls: [string, string, unknown][] = [
      ["GET", "/api/staff/webhooks", undefined],
      ["POST", "/api/staff/webhooks", body()],
      ["PATCH", `/api/staff/webhooks/${endpoint.id}`, { enabled: false }],
      ["POST", `/api/staff/webhooks/${endpoint.id}/rotate-secret`, {}],
    ];
    for (const [method, url, b] of calls) {
      const res = method === "GET" ? await get(url, agent) : await send(method as "POST" | "PATCH", url, b, agent);
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    expect(await t.db.$count(webhookEndpoints)).toBe(before);
    const stored = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)).get();
    expect(stored?.enabled).toBe(true);
  });
});
