import { disclosureChannels, exportDocumentSchema } from "@tietoni/domain";
import { and, asc, eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../auth/tokens.ts";
import { connectedSystems, customers, disclosures, webhookEndpoints } from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { createDeps } from "../../deps.ts";
import { anonymiseCustomer } from "../../services/anonymise.ts";
import type { Delivery } from "../../services/outbox/outbox.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

/*
 * The disclosure log (issue 13 C): a delivered webhook, each customer on an exported mailing list and a disclosure
 * staff record by hand become rows the customer sees in the portal and in every download, and staff on the record.
 */

let t: TestContext;
let agent: string;
let aino: string;
const AINO = "c0000001";
const MATTI = "c0000002";

beforeAll(async () => {
  t = await createTestContext();
  agent = await t.signInStaff("agent", "agent-demo-pass");
  aino = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
});
afterAll(() => t.close());

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;
const staffGet = (url: string, cookie = agent) => t.staff.request(url, { headers: { cookie } });
const portalDisclosures = async (cookie = aino) =>
  (await json(await t.portal.request("/api/portal/disclosures", { headers: { cookie } }))).disclosures as {
    channel: string;
    systemName: string | null;
    noticeRecipient: { id: string } | null;
    categories: string[];
    reason: string;
    legalBasis: string;
    at: string;
  }[];
const rowsOf = (customerId: string) =>
  t.db.select().from(disclosures).where(eq(disclosures.customerId, customerId)).orderBy(asc(disclosures.at)).all();

async function newSystem(name: string, kind: "recipient" | "source", partyId: string) {
  const id = randomToken();
  await t.db
    .insert(connectedSystems)
    .values({ id, name, noticePartyKind: kind, noticePartyId: partyId, createdAt: t.now(), createdBy: null });
  return id;
}

async function newEndpoint(systemId: string) {
  const id = `we_${randomToken()}`;
  await t.db.insert(webhookEndpoints).values({
    id,
    systemId,
    url: "http://127.0.0.1:9/hook",
    eventTypes: JSON.stringify(["customer.contact_changed", "customer.erased"]),
    categories: JSON.stringify(["name", "organisation", "email", "phone", "postalAddress", "www"]),
    secret: "whsec_dGVzdA==",
    createdAt: t.now(),
  });
  return id;
}

describe("a delivered webhook", () => {
  it("is a disclosure to the endpoint's system and the notice recipient it belongs to, with the event's categories", async () => {
    const systemId = await newSystem("Laskutus Oy", "recipient", "financialAdministrationPartner");
    const endpointId = await newEndpoint(systemId);
    // The real path: a webhook row in the outbox, delivered by a handler that accepts it, marked in one
    // transaction with its disclosure (services/outbox/delivered.ts).
    const delivered: string[] = [];
    const deps = createDeps({
      db: t.db,
      env: t.env,
      mailer: { send: async () => {} },
      now: t.now,
      webhook: async (d) => {
        delivered.push(d.id);
        return { ok: true };
      },
    });
    const outboxId = await t.db.transaction((tx) =>
      deps.outbox.enqueue(tx, {
        kind: "webhook",
        topic: "customer.contact_changed",
        body: { type: "customer.contact_changed", data: { customer: { id: AINO, externalId: null } } },
        customerId: AINO,
        endpointId,
      }),
    );
    await deps.outbox.idle();
    expect(delivered).toEqual([outboxId]);
    const [row] = await rowsOf(AINO);
    expect(row).toMatchObject({
      channel: "webhook",
      systemId,
      noticeRecipientId: "financialAdministrationPartner",
      legalBasis: "contract",
      reason: "system_sync",
      eventType: "customer.contact_changed",
      outboxId,
      recordedBy: null,
    });
    expect(JSON.parse(row?.categories ?? "")).toEqual([
      "name",
      "organisation",
      "email",
      "postalAddress",
      "phone",
      "www",
    ]);

    const [shown] = await portalDisclosures();
    expect(shown).toMatchObject({
      channel: "webhook",
      systemName: "Laskutus Oy",
      noticeRecipient: { id: "financialAdministrationPartner" },
      reason: "system_sync",
    });
  });

  it("is not a disclosure when the receiver refuses it", async () => {
    const systemId = await newSystem("Verkkokauppa", "source", "partnerDigital");
    const endpointId = await newEndpoint(systemId);
    const deps = createDeps({
      db: t.db,
      env: t.env,
      mailer: { send: async () => {} },
      now: t.now,
      webhook: async () => ({ ok: false, permanent: true, reason: "http_410" }),
    });
    const before = (await rowsOf(MATTI)).length;
    await t.db.transaction((tx) =>
      deps.outbox.enqueue(tx, {
        kind: "webhook",
        topic: "customer.erased",
        body: {},
        customerId: MATTI,
        endpointId,
      }),
    );
    await deps.outbox.idle();
    expect((await rowsOf(MATTI)).length).toBe(before);
  });

  it("records an event without categories (ids only) with none, to a system that is only a source", async () => {
    const systemId = await newSystem("CRM", "source", "registration");
    const endpointId = await newEndpoint(systemId);
    const { onWebhookDelivered } = await import("../../services/outbox/delivered.ts");
    const delivery = {
      id: "msg_fake",
      kind: "webhook",
      topic: "customer.erased",
      status: "pending",
      body: {},
      bodyExpiresAt: null,
      customerId: MATTI,
      requestId: null,
      required: false,
      endpointId,
      params: null,
      attempts: 0,
      nextAttemptAt: t.now(),
      lastError: null,
      lastAttemptAt: null,
      createdAt: t.now(),
      deliveredAt: null,
      deadAt: null,
    } satisfies Delivery;
    await t.db.transaction((tx) => onWebhookDelivered(tx, delivery, t.now()));
    const row = await t.db.select().from(disclosures).where(eq(disclosures.outboxId, "msg_fake")).get();
    expect(row).toMatchObject({ customerId: MATTI, systemId, noticeRecipientId: null, eventType: "customer.erased" });
    expect(JSON.parse(row?.categories ?? "")).toEqual([]);
    // A mail is never a disclosure of this log (the customer's own mail).
    await t.db.transaction((tx) => onWebhookDelivered(tx, { ...delivery, id: "msg_mail", kind: "mail" }, t.now()));
    expect(await t.db.$count(disclosures, eq(disclosures.outboxId, "msg_mail"))).toBe(0);
  });
});

describe("a mailing-list export", () => {
  it("records one disclosure per customer on the list, with the categories of their line, in the export's transaction", async () => {
    const before = await t.db.$count(disclosures, eq(disclosures.channel, "mailing_list"));
    expect(before).toBe(0);
    // Later than the webhook above, so the portal's newest-first list starts with it.
    t.advance(60_000);
    const res = await staffGet("/api/staff/operations/mailing-list?purpose=directAdvertising");
    expect(res.status).toBe(200);
    const csv = await res.text();
    const lines = csv.trim().split("\r\n").length - 1;
    expect(lines).toBeGreaterThan(1);
    const rows = await t.db.select().from(disclosures).where(eq(disclosures.channel, "mailing_list")).all();
    expect(rows.length).toBe(lines);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(lines);
    const ainoRow = rows.find((r) => r.customerId === AINO);
    expect(ainoRow).toMatchObject({
      noticeRecipientId: "controllerStaff",
      systemId: null,
      reason: "mailing",
      legalBasis: "contract",
      recordedBy: "staff-agent",
    });
    expect(JSON.parse(ainoRow?.categories ?? "")).toEqual(["name", "email", "postalAddress"]);
    // The same moment as the export's audit entry: one transaction.
    const audit = await t.lastAudit();
    expect(audit?.action).toBe("mailing_list.exported");
    expect(ainoRow?.at).toBe(audit?.at);

    expect((await portalDisclosures())[0]).toMatchObject({ channel: "mailing_list", systemName: null });
  });

  it("puts a customer without an e-mail address on record with the name and address only", async () => {
    const id = `c9${randomToken().slice(0, 7)}`;
    await t.db.insert(customers).values({
      id,
      firstName: "Kirje",
      lastName: "Asiakas",
      email: null,
      street: "Postikatu 2",
      postalCode: "20100",
      city: "Turku",
      country: "FI",
      relationshipStart: "2026-01-01",
      createdAt: t.now(),
    });
    await (await staffGet("/api/staff/operations/mailing-list?purpose=directAdvertising")).text();
    const [row] = await rowsOf(id);
    expect(JSON.parse(row?.categories ?? "")).toEqual(["name", "postalAddress"]);
  });
});

describe("a disclosure recorded by staff", () => {
  const partner = {
    recipient: { kind: "notice_recipient", recipientId: "financialAdministrationPartner" },
    categories: ["billing", "name"],
    legalBasis: "contract",
    reason: "debt_collection",
    disclosedOn: "2026-11-20",
  };

  it("is recorded to a notice recipient, audited with ids and codes, and shown to the customer", async () => {
    const since = await t.lastAuditSeq();
    const res = await t.postStaff(`/api/staff/customers/${AINO}/disclosures`, partner, agent);
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.disclosure).toMatchObject({
      channel: "manual",
      systemName: null,
      noticeRecipient: { id: "financialAdministrationPartner", name: { en: expect.stringContaining("financial") } },
      categories: ["name", "billing"],
      reason: "debt_collection",
      legalBasis: "contract",
      at: "2026-11-20T12:00:00.000Z",
    });
    const entries = await t.auditSince(since);
    expect(entries.map((e) => e.action)).toEqual(["disclosure.recorded"]);
    expect(entries[0]?.customerId).toBe(AINO);
    expect(JSON.parse(entries[0]?.detail ?? "")).toMatchObject({
      noticeRecipientId: "financialAdministrationPartner",
      categories: ["name", "billing"],
      disclosedOn: "2026-11-20",
    });
    const shown = await portalDisclosures();
    expect(shown.some((d) => d.channel === "manual" && d.reason === "debt_collection")).toBe(true);
  });

  it("is recorded to a connected system with the system's notice recipient; today's is logged now", async () => {
    const systemId = await newSystem("Perintä Oy", "recipient", "financialAdministrationPartner");
    const res = await t.postStaff(
      `/api/staff/customers/${AINO}/disclosures`,
      { ...partner, recipient: { kind: "system", systemId }, disclosedOn: "2026-11-25" },
      agent,
    );
    expect(res.status).toBe(201);
    expect((await json(res)).disclosure).toMatchObject({
      systemName: "Perintä Oy",
      noticeRecipient: { id: "financialAdministrationPartner" },
      at: new Date(t.now()).toISOString(),
    });
  });

  it("refuses a future day, a day before the customer existed, an unknown system and bad input, changing nothing", async () => {
    const cases: [unknown, number, string, string][] = [
      [{ ...partner, disclosedOn: "2026-11-26" }, 400, "disclosure_day_in_future", "disclosedOn"],
      [{ ...partner, disclosedOn: "1999-01-01" }, 400, "disclosure_day_before_customer", "disclosedOn"],
      [{ ...partner, recipient: { kind: "system", systemId: "nope" } }, 400, "disclosure_system_unknown", "recipient"],
      [{ ...partner, categories: [] }, 400, "validation_failed", "categories"],
      [{ ...partner, reason: "because" }, 400, "validation_failed", "reason"],
      [{ ...partner, recipient: { kind: "notice_recipient", recipientId: "theWorld" } }, 400, "validation_failed", ""],
    ];
    for (const [body, status, code, path] of cases) {
      const since = await t.lastAuditSeq();
      const count = await t.db.$count(disclosures);
      const res = await t.postStaff(`/api/staff/customers/${AINO}/disclosures`, body, agent);
      expect(res.status, code).toBe(status);
      const error = (await json(res)).error as { code: string; fields?: { path: string }[] };
      if (code !== "validation_failed") expect(error.code).toBe(code);
      if (path) expect(error.fields?.map((f) => f.path).join(","), code).toContain(path);
      expect(await t.db.$count(disclosures)).toBe(count);
      expect(await t.auditSince(since)).toEqual([]);
    }
    const unknown = await t.postStaff("/api/staff/customers/c9999999/disclosures", partner, agent);
    expect(unknown.status).toBe(404);
  });

  it("needs a staff session (every role may record disclosures: agents take the calls)", async () => {
    const none = await t.postStaff(`/api/staff/customers/${AINO}/disclosures`, partner);
    expect(none.status).toBe(401);
    // A customer's session is no staff session.
    const asCustomer = await t.postStaff(`/api/staff/customers/${AINO}/disclosures`, partner, aino);
    expect(asCustomer.status).toBe(401);
  });
});

describe("reading the log", () => {
  it("shows staff the log on the record, audited, with the systems a disclosure can be recorded to", async () => {
    const since = await t.lastAuditSeq();
    const res = await staffGet(`/api/staff/customers/${AINO}/disclosures`);
    expect(res.status).toBe(200);
    const body = (await json(res)) as {
      disclosures: { channel: string; at: string }[];
      systems: { name: string; noticeRecipientId: string | null }[];
    };
    expect(new Set(body.disclosures.map((d) => d.channel))).toEqual(new Set(disclosureChannels));
    const times = body.disclosures.map((d) => d.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(body.systems).toContainEqual(
      expect.objectContaining({ name: "Perintä Oy", noticeRecipientId: "financialAdministrationPartner" }),
    );
    expect(body.systems).toContainEqual(expect.objectContaining({ name: "CRM", noticeRecipientId: null }));
    const entries = await t.auditSince(since);
    expect(entries.map((e) => [e.action, e.customerId])).toEqual([["disclosures.viewed", AINO]]);
    expect((await staffGet("/api/staff/customers/c9999999/disclosures")).status).toBe(404);
    expect((await t.staff.request(`/api/staff/customers/${AINO}/disclosures`)).status).toBe(401);
  });

  it("shows each customer only their own in the portal", async () => {
    const matti = await t.signInCustomer("yhteyshenkilo@example.com");
    const mine = await portalDisclosures(matti);
    const ainos = await portalDisclosures(aino);
    expect(mine.length).toBeGreaterThan(0);
    expect(ainos.some((d) => d.reason === "debt_collection")).toBe(true);
    expect(mine.some((d) => d.reason === "debt_collection")).toBe(false);
    expect((await t.portal.request("/api/portal/disclosures")).status).toBe(401);
    // A staff session is no customer session.
    expect((await t.portal.request("/api/portal/disclosures", { headers: { cookie: agent } })).status).toBe(401);
  });

  it("puts the log in every download format", async () => {
    const get = (format: string) => t.portal.request(`/api/portal/export/${format}`, { headers: { cookie: aino } });
    const doc = exportDocumentSchema.parse(await (await get("json")).json());
    const expected = await portalDisclosures();
    expect(doc.customer.disclosures).toEqual(expected.map(({ id: _id, ...d }: { id?: string } & object) => d));
    expect(doc.customer.disclosures.map((d) => d.channel)).toEqual(
      expect.arrayContaining(["webhook", "mailing_list", "manual"]),
    );

    const html = await (await get("html")).text();
    expect(html).toContain('id="disclosureLog"');
    expect(html).toContain("Laskutus Oy");
    expect(html).toContain("Perintä Oy");
    expect(html).toContain("Saatavien perintä");

    const zip = unzipSync(new Uint8Array(await (await get("csv")).arrayBuffer()));
    const csv = new TextDecoder().decode(zip["disclosures.csv"]);
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe("at,channel,system_name,notice_recipient,categories,legal_basis,reason,event_type");
    expect(lines.length).toBe(expected.length);
    expect(csv).toContain(
      "2026-11-20T12:00:00.000Z,manual,,financialAdministrationPartner,name billing,contract,debt_collection,",
    );
    expect(new TextDecoder().decode(zip["README.txt"])).toContain("disclosures.csv");
  });
});

describe("after an erasure", () => {
  it("keeps the log: customer id, recipient, categories and time", async () => {
    const before = await rowsOf(MATTI);
    expect(before.length).toBeGreaterThan(0);
    // Matti's role blocks an erasure through the desk; the anonymisation itself is what the log must survive.
    await t.db.transaction((tx) =>
      anonymiseCustomer(tx, MATTI, {
        now: t.now(),
        actor: { type: "system" },
        reason: "erasure",
        suppressionKey: t.env.suppressionKey,
      }),
    );
    const after = await rowsOf(MATTI);
    expect(after).toEqual(before);
    // Staff can still read it; nothing new can be recorded for a person who is gone.
    const res = await staffGet(`/api/staff/customers/${MATTI}/disclosures`);
    expect(res.status).toBe(200);
    expect(((await json(res)).disclosures as unknown[]).length).toBe(before.length);
    const refused = await t.postStaff(
      `/api/staff/customers/${MATTI}/disclosures`,
      {
        recipient: { kind: "notice_recipient", recipientId: "financialAdministrationPartner" },
        categories: ["name"],
        legalBasis: "legal_obligation",
        reason: "authority_request",
        disclosedOn: "2026-11-24",
      },
      agent,
    );
    expect(refused.status).toBe(404);
    expect(
      await t.db.$count(disclosures, and(eq(disclosures.customerId, MATTI), eq(disclosures.channel, "manual"))),
    ).toBe(0);
  });
});
