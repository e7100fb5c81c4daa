import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientSecretHash, parseClientToken } from "../../auth/client-token.ts";
import { apiClients, connectedSystems } from "../../db/schema.ts";
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

type System = {
  id: string;
  name: string;
  party: { kind: string; id: string; name: { fi: string; en: string } };
  clients: number;
  activeClients: number;
  lastImportAt: string | null;
  lastApiUseAt: string | null;
};
type Client = {
  id: string;
  name: string;
  scopes: string[];
  requestsPerMinute: number | null;
  secretRotatedAt: string | null;
  revokedAt: string | null;
};

let names = 0;
const uniqueName = (prefix: string) => `${prefix} ${++names}`;

async function register(name = uniqueName("CRM"), party = { kind: "source", id: "registration" }) {
  const res = await send("POST", "/api/staff/systems", { name, party }, admin);
  expect(res.status).toBe(201);
  return (await res.json()) as System;
}

async function createClient(systemId: string, body: object = {}) {
  const res = await send(
    "POST",
    `/api/staff/systems/${systemId}/clients`,
    { name: uniqueName("sync"), scopes: ["customers:write", "orders:write"], ...body },
    admin,
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { client: Client; token: string };
}

const storedClient = (id: string) => t.db.select().from(apiClients).where(eq(apiClients.id, id)).get();

/** What the integration API's bearer check will do: parse the header, hash the secret, compare with the row. */
async function tokenWorks(token: string): Promise<boolean> {
  const parsed = parseClientToken(`Bearer ${token}`);
  if (!parsed) return false;
  const row = await storedClient(parsed.clientId);
  return row !== undefined && row.revokedAt === null && row.secretHash === clientSecretHash(parsed.secret);
}

describe("who may manage connected systems", () => {
  it("lets only an admin in: an agent gets 403 on every route, a customer cookie 401", async () => {
    const system = await register();
    const { client } = await createClient(system.id);
    const agent = await t.signInStaff("agent", "agent-demo-pass");
    const calls: Array<[string, string, unknown]> = [
      ["GET", "/api/staff/systems", undefined],
      ["POST", "/api/staff/systems", { name: "Agentin järjestelmä", party: { kind: "source", id: "registration" } }],
      ["GET", `/api/staff/systems/${system.id}`, undefined],
      ["PATCH", `/api/staff/systems/${system.id}`, { name: "Uusi nimi" }],
      ["POST", `/api/staff/systems/${system.id}/clients`, { name: "agentin", scopes: ["register:read"] }],
      ["POST", `/api/staff/systems/${system.id}/clients/${client.id}/rotate`, {}],
      ["POST", `/api/staff/systems/${system.id}/clients/${client.id}/revoke`, {}],
    ];
    const seq = await t.lastAuditSeq();
    for (const [method, url, body] of calls) {
      const res = method === "GET" ? await get(url, agent) : await send(method as "POST" | "PATCH", url, body, agent);
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    expect(await t.auditSince(seq)).toEqual([]);
    const customer = await t.signInCustomer("asiakas@example.com");
    expect((await get("/api/staff/systems", customer)).status).toBe(401);
    expect((await storedClient(client.id))?.revokedAt).toBeNull();
  });
});

describe("registering and listing systems", () => {
  it("registers a system under a notice party, audited, and lists it with the party's names", async () => {
    const name = uniqueName("Verkkokauppa");
    const system = await register(name, { kind: "recipient", id: "financialAdministrationPartner" });
    expect(system).toMatchObject({
      name,
      party: { kind: "recipient", id: "financialAdministrationPartner" },
      clients: 0,
      activeClients: 0,
      lastImportAt: null,
      lastApiUseAt: null,
    });
    expect(system.party.name.fi).not.toBe("");
    expect(system.party.name.en).not.toBe("");
    const audit = await t.lastAudit();
    expect(audit).toMatchObject({ action: "connected_system.registered", actorType: "staff", actorId: "staff-admin" });
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({
      systemId: system.id,
      party: "recipient:financialAdministrationPartner",
    });

    const list = (await (await get("/api/staff/systems", admin)).json()) as { systems: System[] };
    expect(list.systems.find((s) => s.id === system.id)).toEqual(system);
  });

  it("refuses a taken name with a translated 409 and a party not in the notice with 400, writing nothing", async () => {
    const system = await register();
    const seq = await t.lastAuditSeq();
    const taken = await send(
      "POST",
      "/api/staff/systems",
      { name: `  ${system.name} `, party: { kind: "source", id: "subcontractor" } },
      admin,
    );
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: "system_name_taken" } });

    for (const party of [
      { kind: "source", id: "controllerStaff" },
      { kind: "recipient", id: "registration" },
      { kind: "sink", id: "registration" },
      { kind: "source", id: "__proto__" },
    ]) {
      const res = await send("POST", "/api/staff/systems", { name: uniqueName("Outo"), party }, admin);
      expect(res.status, JSON.stringify(party)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "notice_party_invalid" } });
    }
    expect(await t.auditSince(seq)).toEqual([]);
  });

  it("renames and re-points a system, audited with the change; a taken name is refused", async () => {
    const a = await register();
    const b = await register();
    const newName = uniqueName("Laskutus");
    const res = await send(
      "PATCH",
      `/api/staff/systems/${a.id}`,
      { name: newName, party: { kind: "source", id: "partnerDigital" } },
      admin,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: a.id,
      name: newName,
      party: { kind: "source", id: "partnerDigital" },
    });
    const audit = await t.lastAudit();
    expect(audit?.action).toBe("connected_system.updated");
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({
      systemId: a.id,
      name: { from: a.name, to: newName },
      party: { from: "source:registration", to: "source:partnerDigital" },
    });

    const taken = await send("PATCH", `/api/staff/systems/${a.id}`, { name: b.name }, admin);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: "system_name_taken" } });
    expect((await send("PATCH", `/api/staff/systems/${a.id}`, {}, admin)).status).toBe(400);
    expect((await send("PATCH", "/api/staff/systems/nosuchsystem", { name: "x" }, admin)).status).toBe(404);
    const row = await t.db.select().from(connectedSystems).where(eq(connectedSystems.id, a.id)).get();
    expect(row?.name).toBe(newName);
  });
});

describe("API clients", () => {
  it("shows the token once, stores only the secret's hash, and never shows either again", async () => {
    const system = await register();
    const { client, token } = await createClient(system.id, { requestsPerMinute: 60 });
    expect(token).toMatch(new RegExp(`^tti_${client.id}_[a-z0-9]{52}$`));
    expect(client).toMatchObject({
      scopes: ["customers:write", "orders:write"],
      requestsPerMinute: 60,
      revokedAt: null,
      secretRotatedAt: null,
    });

    const parsed = parseClientToken(`Bearer ${token}`);
    expect(parsed?.clientId).toBe(client.id);
    const row = await storedClient(client.id);
    expect(row?.secretHash).toBe(clientSecretHash(parsed?.secret ?? ""));
    expect(row?.secretHash).not.toContain(parsed?.secret ?? "-");
    expect(JSON.stringify(row)).not.toContain(parsed?.secret ?? "-");
    expect(await tokenWorks(token)).toBe(true);

    const detail = await get(`/api/staff/systems/${system.id}`, admin);
    expect(detail.status).toBe(200);
    const text = await detail.text();
    expect(text).not.toContain(parsed?.secret ?? "-");
    expect(text).not.toContain(row?.secretHash ?? "-");
    expect(text).not.toContain("secretHash");
    const body = JSON.parse(text) as { system: System; clients: Client[] };
    expect(body.system).toMatchObject({ clients: 1, activeClients: 1 });
    expect(body.clients).toEqual([expect.objectContaining({ id: client.id, name: client.name })]);
    const list = await (await get("/api/staff/systems", admin)).text();
    expect(list).not.toContain(parsed?.secret ?? "-");

    const audit = await t.lastAudit();
    expect(audit?.action).toBe("api_client.created");
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({
      systemId: system.id,
      clientId: client.id,
      scopes: ["customers:write", "orders:write"],
      requestsPerMinute: 60,
    });
    expect(audit?.detail).not.toContain(parsed?.secret ?? "-");
  });

  it("refuses a taken name, no scope, an unknown scope and a bad rate, writing nothing", async () => {
    const system = await register();
    const { client } = await createClient(system.id);
    const other = await register();
    const seq = await t.lastAuditSeq();
    const url = `/api/staff/systems/${other.id}/clients`;
    const cases: Array<[object, number, string]> = [
      [{ name: client.name, scopes: ["register:read"] }, 409, "api_client_name_taken"],
      [{ name: "ei oikeuksia", scopes: [] }, 400, "scopes_required"],
      [{ name: "outo", scopes: ["customers:delete"] }, 400, "scope_invalid"],
      [{ name: "liian nopea", scopes: ["register:read"], requestsPerMinute: 0 }, 400, "rate_invalid"],
      [{ name: "liian nopea", scopes: ["register:read"], requestsPerMinute: 1_000_000 }, 400, "rate_invalid"],
    ];
    for (const [body, status, code] of cases) {
      const res = await send("POST", url, body, admin);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code } });
    }
    const unknown = await send(
      "POST",
      "/api/staff/systems/nosuchsystem/clients",
      { name: "x", scopes: ["register:read"] },
      admin,
    );
    expect(unknown.status).toBe(404);
    expect(await t.auditSince(seq)).toEqual([]);
    expect(await t.db.select().from(apiClients).where(eq(apiClients.systemId, other.id)).all()).toEqual([]);
  });

  it("rotation gives a new token once and the old one stops working at once", async () => {
    const system = await register();
    const { client, token: first } = await createClient(system.id);
    const res = await send("POST", `/api/staff/systems/${system.id}/clients/${client.id}/rotate`, {}, admin);
    expect(res.status).toBe(200);
    const { client: rotated, token: second } = (await res.json()) as { client: Client; token: string };
    expect(second).not.toBe(first);
    expect(rotated.secretRotatedAt).not.toBeNull();
    expect(await tokenWorks(first)).toBe(false);
    expect(await tokenWorks(second)).toBe(true);
    const audit = await t.lastAudit();
    expect(audit?.action).toBe("api_client.secret_rotated");
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({ systemId: system.id, clientId: client.id });

    // A client is reached only through its own system.
    const elsewhere = await register();
    const wrong = await send("POST", `/api/staff/systems/${elsewhere.id}/clients/${client.id}/rotate`, {}, admin);
    expect(wrong.status).toBe(404);
    expect(await tokenWorks(second)).toBe(true);
  });

  it("revocation is permanent: the token stops working, and neither rotate nor revoke works again", async () => {
    const system = await register();
    const { client, token } = await createClient(system.id, { scopes: ["holds:write"] });
    const res = await send("POST", `/api/staff/systems/${system.id}/clients/${client.id}/revoke`, {}, admin);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { client: Client }).client.revokedAt).not.toBeNull();
    expect(await tokenWorks(token)).toBe(false);
    // Even a check that ignored `revoked_at` would refuse the old secret.
    const parsed = parseClientToken(`Bearer ${token}`);
    expect((await storedClient(client.id))?.secretHash).not.toBe(clientSecretHash(parsed?.secret ?? ""));
    const audit = await t.lastAudit();
    expect(audit?.action).toBe("api_client.revoked");
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({
      systemId: system.id,
      clientId: client.id,
      scopes: ["holds:write"],
    });

    const seq = await t.lastAuditSeq();
    for (const step of ["rotate", "revoke"]) {
      const again = await send("POST", `/api/staff/systems/${system.id}/clients/${client.id}/${step}`, {}, admin);
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ error: { code: "api_client_revoked" } });
    }
    expect(await t.auditSince(seq)).toEqual([]);
    const detail = (await (await get(`/api/staff/systems/${system.id}`, admin)).json()) as { system: System };
    expect(detail.system).toMatchObject({ clients: 1, activeClients: 0 });
  });
});

describe("the client token's parser", () => {
  it("takes only `Bearer tti_<id>_<secret>`", () => {
    const secret = "a".repeat(52);
    expect(parseClientToken(`Bearer tti_abc123_${secret}`)).toEqual({ clientId: "abc123", secret });
    for (const header of [
      undefined,
      "",
      `bearer tti_abc123_${secret}`,
      `Bearer tti_abc123_${"a".repeat(19)}`,
      `Bearer tti_abc123_${"a".repeat(129)}`,
      `Bearer tti_ABC_${secret}`,
      `Bearer tti__${secret}`,
      `Bearer tti_abc_123_${secret}`,
      `Basic tti_abc123_${secret}`,
      `Bearer tti_abc123_${secret} `,
    ]) {
      expect(parseClientToken(header), String(header)).toBeNull();
    }
  });
});
