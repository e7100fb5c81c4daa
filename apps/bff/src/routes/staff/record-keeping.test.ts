import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../auth/tokens.ts";
import {
  customerSessions,
  datumSources,
  fieldChanges,
  marketingEvents,
  organisationRoles,
  organisations,
  requests,
  restrictions,
} from "../../db/schema.ts";
import { createCustomer, findCustomer } from "../../db/test-fixtures.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

/*
 * Staff record-keeping, part 1 (issue 12): create a customer, correct any field, record an objection, and a paper
 * access request's identity check and export. Tests share one register; each makes the customers it needs.
 */

let t: TestContext;
let agent: string;
beforeAll(async () => {
  t = await createTestContext();
  agent = await t.signInStaff("agent", "agent-demo-pass");
});
afterAll(() => t.close());

const REASON = "Asiakas soitti 25.11.";

async function send(method: string, url: string, body: unknown, cookie = agent) {
  const res = await t.staff.request(url, {
    method,
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
  await new Promise((resolve) => setImmediate(resolve));
  return res;
}
const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
const correct = (id: string, changes: Record<string, unknown>, cookie = agent) =>
  send("PATCH", `/api/staff/records/${id}/fields`, { changes, reason: REASON }, cookie);

describe("creating a customer", () => {
  it("creates a customer with the source, the history and the audit entry, and the record opens", async () => {
    const seq = await t.lastAuditSeq();
    const res = await send("POST", "/api/staff/records", {
      firstName: "Paula",
      lastName: "Paperinen",
      email: "Paula.Paperinen@example.com",
      phone: "+358 40 123 4567",
      postalAddress: { street: "Kirjekuja 1", postalCode: "00100", city: "Helsinki" },
      language: "fi",
      organisation: { name: "Paperi Oy", businessId: "0737546-2", role: "contactPerson" },
      reason: REASON,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const row = await findCustomer(t.db, id);
    expect(row).toMatchObject({
      email: "paula.paperinen@example.com",
      phone: "+358401234567",
      city: "Helsinki",
      language: "fi",
      relationshipStart: "2026-11-25",
    });
    const sources = await t.db.select().from(datumSources).where(eq(datumSources.customerId, id));
    expect(new Set(sources.map((s) => s.category))).toEqual(
      new Set(["name", "email", "phone", "postalAddress", "organisation"]),
    );
    expect(sources.every((s) => s.source === "registration")).toBe(true);
    const history = await t.db.select().from(fieldChanges).where(eq(fieldChanges.customerId, id));
    expect(history.every((h) => h.actorType === "staff" && h.reason === REASON)).toBe(true);
    const [entry] = await t.auditSince(seq);
    expect(entry).toMatchObject({ action: "customer.created", customerId: id, actorType: "staff" });
    // The reason is free text: it stays out of the trail, which outlives an erasure.
    expect(entry?.detail).not.toContain("soitti");
    const record = await t.staff.request(`/api/staff/customers/${id}`, { headers: { cookie: agent } });
    expect(record.status).toBe(200);
    expect(JSON.stringify(await record.json())).toContain("Paperi Oy");
  });

  it("creates a customer without an e-mail address, whose record still opens", async () => {
    const res = await send("POST", "/api/staff/records", {
      firstName: "Kalle",
      lastName: "Kirje",
      postalAddress: { street: "Postitie 2", postalCode: "20100", city: "Turku" },
      reason: REASON,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await findCustomer(t.db, id))?.email).toBeNull();
    const record = await t.staff.request(`/api/staff/customers/${id}`, { headers: { cookie: agent } });
    expect(record.status).toBe(200);
  });

  it("refuses an e-mail address another customer holds (409) and creates nothing", async () => {
    const other = await createCustomer(t.db);
    const seq = await t.lastAuditSeq();
    const res = await send("POST", "/api/staff/records", {
      firstName: "Toinen",
      lastName: "Asiakas",
      email: other.email,
      reason: REASON,
    });
    expect(res.status).toBe(409);
    expect(await json(res)).toMatchObject({ error: { code: "email_unavailable" } });
    expect(await t.auditSince(seq)).toEqual([]);
  });

  it("refuses without a reason and with a relationship that starts in the future", async () => {
    const noReason = await send("POST", "/api/staff/records", { firstName: "A", lastName: "B" });
    expect(noReason.status).toBe(400);
    const future = await send("POST", "/api/staff/records", {
      firstName: "A",
      lastName: "B",
      relationshipStart: "2027-01-01",
      reason: REASON,
    });
    expect(future.status).toBe(400);
  });

  it("is closed to a customer's cookie", async () => {
    const customer = await createCustomer(t.db);
    const cookie = await t.signInCustomer(customer.email);
    const res = await send("POST", "/api/staff/records", { firstName: "A", lastName: "B", reason: REASON }, cookie);
    expect([401, 403]).toContain(res.status);
  });
});

describe("correcting a customer's fields", () => {
  it("corrects the e-mail address: history, sessions end, both addresses told, search finds the new one", async () => {
    const customer = await createCustomer(t.db);
    await t.signInCustomer(customer.email);
    const newEmail = `korjattu-${randomToken(5)}@example.com`;
    const seq = await t.lastAuditSeq();
    const sentBefore = t.sent.length;
    const res = await correct(customer.id, { email: newEmail });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: ["email"] });
    expect((await findCustomer(t.db, customer.id))?.email).toBe(newEmail);
    const [change] = await t.db.select().from(fieldChanges).where(eq(fieldChanges.customerId, customer.id));
    expect(change).toMatchObject({
      field: "email",
      oldValue: customer.email,
      newValue: newEmail,
      actorType: "staff",
      reason: REASON,
    });
    expect(await t.db.select().from(customerSessions).where(eq(customerSessions.customerId, customer.id))).toEqual([]);
    const mailed = t.sent.slice(sentBefore).map((m) => m.to);
    expect(new Set(mailed)).toEqual(new Set([customer.email, newEmail]));
    const [entry] = await t.auditSince(seq);
    expect(entry).toMatchObject({ action: "customer.corrected", customerId: customer.id });
    expect(JSON.parse(entry?.detail ?? "{}")).toMatchObject({ fields: ["email"], sessionsEnded: 1 });
    const search = await t.staff.request(`/api/staff/customers?q=${encodeURIComponent(newEmail)}`, {
      headers: { cookie: agent },
    });
    expect(JSON.stringify(await search.json())).toContain(customer.id);
    // The customer signs in with the corrected address.
    await t.signInCustomer(newEmail);
  });

  it("refuses an e-mail address another customer holds and changes nothing", async () => {
    const a = await createCustomer(t.db);
    const b = await createCustomer(t.db);
    const res = await correct(a.id, { email: b.email, phone: "+358 50 111 2222" });
    expect(res.status).toBe(409);
    expect(await findCustomer(t.db, a.id)).toMatchObject({ email: a.email, phone: a.phone });
  });

  it("corrects names, the address, the language and the billing name with one history row each", async () => {
    const customer = await createCustomer(t.db);
    const res = await correct(customer.id, {
      firstName: "Korjattu",
      postalAddress: { street: "Uusi katu 3", postalCode: "33100", city: "Tampere" },
      language: "en",
      billingName: "Korjattu Laskutus",
    });
    expect(res.status).toBe(200);
    const fields = (await t.db.select().from(fieldChanges).where(eq(fieldChanges.customerId, customer.id))).map(
      (h) => h.field,
    );
    expect(new Set(fields)).toEqual(new Set(["firstName", "postalAddress", "language", "billingName"]));
    const sources = await t.db
      .select()
      .from(datumSources)
      .where(and(eq(datumSources.customerId, customer.id), eq(datumSources.source, "customerNotice")));
    expect(sources.map((s) => s.category)).toEqual(expect.arrayContaining(["name", "postalAddress", "billing"]));
  });

  it("follows the restriction rule: refused under a legal claim, allowed while accuracy is contested", async () => {
    const held = await createCustomer(t.db);
    await t.db.insert(restrictions).values({
      id: randomToken(),
      customerId: held.id,
      ground: "legalClaim",
      appliedAt: t.now(),
    });
    const refused = await correct(held.id, { lastName: "Muutettu" });
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({ error: { code: "correction_restricted" } });
    expect((await findCustomer(t.db, held.id))?.lastName).toBe(held.lastName);

    const contested = await createCustomer(t.db);
    await t.db.insert(restrictions).values({
      id: randomToken(),
      customerId: contested.id,
      ground: "accuracyContested",
      appliedAt: t.now(),
    });
    expect((await correct(contested.id, { lastName: "Oikaistu" })).status).toBe(200);
  });

  it("moves one member's role to the corrected organisation and renames nothing for the other member", async () => {
    const first = await createCustomer(t.db, { contactPerson: true });
    const organisation = first.organisation;
    if (!organisation) throw new Error("fixture without an organisation");
    const second = await createCustomer(t.db);
    await t.db.insert(organisationRoles).values({
      id: randomToken(),
      customerId: second.id,
      organisationId: organisation.id,
      role: "representative",
      startDate: "2020-01-01",
    });
    const res = await correct(first.id, { organisation: { name: "Oikea Yhtiö Oy", businessId: null } });
    expect(res.status).toBe(200);
    const org = await t.db.select().from(organisations).where(eq(organisations.id, organisation.id)).get();
    expect(org?.name).toBe(organisation.name);
    const secondRole = await t.db
      .select()
      .from(organisationRoles)
      .where(eq(organisationRoles.customerId, second.id))
      .get();
    expect(secondRole?.organisationId).toBe(organisation.id);
    const firstRole = await t.db
      .select()
      .from(organisationRoles)
      .where(eq(organisationRoles.customerId, first.id))
      .get();
    expect(firstRole?.organisationId).not.toBe(organisation.id);
    expect(firstRole?.role).toBe("contactPerson");
    const moved = await t.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, firstRole?.organisationId ?? ""));
    expect(moved[0]?.name).toBe("Oikea Yhtiö Oy");
    const [history] = await t.db.select().from(fieldChanges).where(eq(fieldChanges.customerId, first.id));
    expect(history).toMatchObject({ field: "organisation", oldValue: organisation.name, newValue: "Oikea Yhtiö Oy" });
    // A second member corrected to the same name joins that organisation instead of making another.
    expect((await correct(second.id, { organisation: { name: "Oikea Yhtiö Oy", businessId: null } })).status).toBe(200);
    const secondNow = await t.db
      .select()
      .from(organisationRoles)
      .where(eq(organisationRoles.customerId, second.id))
      .get();
    expect(secondNow?.organisationId).toBe(firstRole?.organisationId);
  });

  it("refuses an empty correction, an unknown customer and a field it does not know", async () => {
    const customer = await createCustomer(t.db);
    expect((await correct(customer.id, {})).status).toBe(400);
    expect((await correct("c9999999999", { firstName: "X" })).status).toBe(404);
    expect((await correct(customer.id, { anonymisedAt: 1 })).status).toBe(400);
  });
});

describe("recording an objection from a phone call, a letter or an e-mail", () => {
  it("records it with channel staff, shows it in the customer's history, and audits how it came", async () => {
    const customer = await createCustomer(t.db);
    const seq = await t.lastAuditSeq();
    const res = await send("POST", `/api/staff/records/${customer.id}/objections`, {
      channel: "phone",
      purposes: ["directAdvertising", "marketResearch"],
      reason: REASON,
    });
    expect(res.status).toBe(200);
    const events = await t.db.select().from(marketingEvents).where(eq(marketingEvents.customerId, customer.id));
    expect(events.map((e) => [e.purpose, e.channel, e.toObjected])).toEqual(
      expect.arrayContaining([
        ["directAdvertising", "staff", true],
        ["marketResearch", "staff", true],
      ]),
    );
    const [entry] = await t.auditSince(seq);
    expect(entry?.action).toBe("customer.objection_recorded");
    expect(JSON.parse(entry?.detail ?? "{}")).toMatchObject({ channel: "staff", receivedBy: "phone" });

    const cookie = await t.signInCustomer(customer.email);
    const portal = await t.portal.request("/api/portal/marketing", { headers: { cookie } });
    const view = (await portal.json()) as {
      objections: Record<string, boolean>;
      history: { purpose: string; channel: string }[];
    };
    expect(view.objections.directAdvertising).toBe(true);
    expect(view.history.filter((h) => h.channel === "staff")).toHaveLength(2);
  });

  it("records a withdrawal only when the customer asked for it", async () => {
    const customer = await createCustomer(t.db);
    const url = `/api/staff/records/${customer.id}/objections`;
    await send("POST", url, { channel: "letter", purposes: ["opinionPolls"], reason: REASON });
    const unasked = await send("POST", url, {
      channel: "letter",
      purposes: ["opinionPolls"],
      withdraw: true,
      reason: REASON,
    });
    expect(unasked.status).toBe(400);
    const asked = await send("POST", url, {
      channel: "email",
      purposes: ["opinionPolls"],
      withdraw: true,
      customerAsked: true,
      reason: REASON,
    });
    expect(asked.status).toBe(200);
    const events = await t.db.select().from(marketingEvents).where(eq(marketingEvents.customerId, customer.id));
    expect(events.map((e) => e.toObjected)).toEqual([true, false]);
  });

  it("refuses an unknown channel", async () => {
    const customer = await createCustomer(t.db);
    const res = await send("POST", `/api/staff/records/${customer.id}/objections`, {
      channel: "fax",
      purposes: ["opinionPolls"],
      reason: REASON,
    });
    expect(res.status).toBe(400);
  });
});

describe("a paper access request", () => {
  async function accessRequest(customerId: string, channel = "paper") {
    const res = await t.postStaff(
      "/api/staff/requests",
      { customerId, channel, receivedOn: "2026-11-24", request: { type: "access", text: "Kirje: pyydän tietoni." } },
      agent,
    );
    expect(res.status).toBe(201);
    return ((await res.json()) as { request: { id: string } }).request.id;
  }
  const verify = (id: string, body: unknown) => send("POST", `/api/staff/requests/${id}/identity`, body);
  const produce = (id: string) => send("POST", `/api/staff/requests/${id}/export`, {});

  it("sends the export to the e-mail on record only after the identity was verified", async () => {
    const customer = await createCustomer(t.db);
    const id = await accessRequest(customer.id);
    const early = await produce(id);
    expect(early.status).toBe(409);
    expect(await json(early)).toMatchObject({ error: { code: "identity_not_verified" } });

    const seq = await t.lastAuditSeq();
    const verified = await verify(id, { method: "signedLetterMatchingAddress" });
    expect(verified.status).toBe(200);
    const row = await t.db.select().from(requests).where(eq(requests.id, id)).get();
    expect(row).toMatchObject({ identityMethod: "signedLetterMatchingAddress", identityVerifiedBy: "staff-agent" });
    expect((await t.auditSince(seq))[0]?.action).toBe("request.identity_verified");
    expect((await verify(id, { method: "inPersonWithId" })).status).toBe(409);

    const sentBefore = t.sent.length;
    const res = await produce(id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ delivery: "email" });
    const mails = t.sent.slice(sentBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe(customer.email);
    const attachment = mails[0]?.attachments?.[0];
    expect(attachment?.filename).toMatch(/\.html$/);
    expect(attachment?.content.toString("utf8")).toContain(customer.lastName);
    const entries = await t.auditSince(seq);
    expect(entries.map((e) => e.action)).toContain("request.export_produced");
  });

  it("gives staff a letter to the postal address on record for a customer without an e-mail address", async () => {
    const created = await send("POST", "/api/staff/records", {
      firstName: "Liisa",
      lastName: "Letteri",
      postalAddress: { street: "Kirjepolku 5", postalCode: "40100", city: "Jyväskylä" },
      reason: REASON,
    });
    const { id: customerId } = (await created.json()) as { id: string };
    const id = await accessRequest(customerId);
    expect((await verify(id, { method: "other", otherText: "Tunnistettu videopuhelussa" })).status).toBe(200);
    const sentBefore = t.sent.length;
    const res = await produce(id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { delivery: string; html: string };
    expect(body.delivery).toBe("letter");
    expect(body.html).toContain("Kirjepolku 5");
    expect(body.html).toContain("40100 Jyväskylä");
    expect(t.sent.length).toBe(sentBefore);
  });

  it("refuses a request that came through the portal, and 'other' without saying what", async () => {
    const customer = await createCustomer(t.db);
    const cookie = await t.signInCustomer(customer.email);
    const portal = await t.postPortal("/api/portal/requests", { type: "access", text: "Pyydän tietoni." }, cookie);
    const portalId = ((await portal.json()) as { request: { id: string } }).request.id;
    const res = await verify(portalId, { method: "inPersonWithId" });
    expect(res.status).toBe(409);
    expect(await json(res)).toMatchObject({ error: { code: "not_paper_access" } });

    const other = await createCustomer(t.db);
    const id = await accessRequest(other.id, "email");
    expect((await verify(id, { method: "other" })).status).toBe(400);
  });
});
