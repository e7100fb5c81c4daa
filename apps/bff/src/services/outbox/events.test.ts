import { type DataCategoryId, dataCategoryIds, type WebhookEventType, webhookEventTypeIds } from "@tietoni/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { randomToken } from "../../auth/tokens.ts";
import {
  connectedSystems,
  customers,
  externalIds,
  fieldChanges,
  inboundIssues,
  outbox,
  restrictions,
  webhookEndpoints,
} from "../../db/schema.ts";
import { createCustomer, protectAddress } from "../../db/test-fixtures.ts";
import { createDeps, type Deps } from "../../deps.ts";
import { createPortalApp } from "../../portal-app.ts";
import { createStaffApp } from "../../staff-app.ts";
import { createTestContext, PORTAL_ORIGIN, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";
import type { InboundRow, IngestRun } from "../ingest/contract.ts";
import { ingestRows } from "../ingest/ingest.ts";
import { runRetention } from "../retention.ts";
import { renderWebhookBody } from "./event-payloads.ts";
import type { Delivery } from "./outbox.ts";

/*
 * Issue 13, the events that leave the register: every service that changes a customer writes one outbox row per
 * endpoint that subscribes to the event and may receive its categories, never to the system the change came from,
 * with a payload that carries the state and the receiver's own id. The apps here run on deps whose webhook handler
 * captures each delivery (the signed POST itself is tested with the delivery, services/outbox/webhook-delivery.ts).
 */

const got: Delivery[] = [];
const t: TestContext = await createTestContext();
const deps: Deps = createDeps({
  db: t.db,
  env: t.env,
  mailer: { send: async () => undefined },
  now: t.now,
  webhook: async (d) => {
    got.push(d);
    return { ok: true };
  },
});
const portal = createPortalApp(deps);
const staff = createStaffApp(deps);
const agent = await t.signInStaff("agent", "agent-demo-pass");

const allTypes = [...webhookEventTypeIds];
const allCategories = [...dataCategoryIds];

/** The systems and their endpoints, registered straight into the register. */
const sys = { crm: "", shop: "", news: "", mailer: "", billing: "" };
const ep = { crm: "", shop: "", news: "", mailer: "", billing: "" };

async function system(name: string, kind: "source" | "recipient", party: string) {
  const id = `sys_${randomToken()}`;
  await t.db.insert(connectedSystems).values({
    id,
    name: `${name} ${id}`,
    noticePartyKind: kind,
    noticePartyId: party,
    createdAt: t.now(),
  });
  return id;
}

async function endpoint(
  systemId: string,
  eventTypes: readonly WebhookEventType[],
  categories: readonly DataCategoryId[],
  enabled = true,
) {
  const id = `whe_${randomToken()}`;
  await t.db.insert(webhookEndpoints).values({
    id,
    systemId,
    url: `http://127.0.0.1:9/hooks/${id}`,
    eventTypes: JSON.stringify(eventTypes),
    categories: JSON.stringify(categories),
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    enabled,
    createdAt: t.now(),
  });
  return id;
}

sys.crm = await system("CRM", "source", "partnerDigital");
sys.shop = await system("Verkkokauppa", "source", "partnerDigital");
sys.news = await system("Uutiskirje", "recipient", "financialAdministrationPartner");
sys.mailer = await system("Postitus", "recipient", "financialAdministrationPartner");
sys.billing = await system("Laskutus", "recipient", "financialAdministrationPartner");
ep.crm = await endpoint(sys.crm, allTypes, allCategories);
ep.shop = await endpoint(sys.shop, allTypes, allCategories);
// May receive everything but the phone: contact events (which carry it) never reach it.
ep.news = await endpoint(
  sys.news,
  allTypes,
  allCategories.filter((c) => c !== "phone"),
);
// Subscribes to objections only.
ep.mailer = await endpoint(sys.mailer, ["customer.marketing_objections_changed"], allCategories);
ep.billing = await endpoint(sys.billing, allTypes, allCategories, false);

afterAll(async () => {
  await deps.outbox.stop();
  await t.close();
});

/** A customer of the test's own, known to the CRM by an id of its own. */
async function customer(options: Parameters<typeof createCustomer>[1] = {}) {
  const c = await createCustomer(t.db, options);
  const crmId = `crm-${randomToken()}`;
  await t.db
    .insert(externalIds)
    .values({ systemId: sys.crm, kind: "customer", externalId: crmId, localId: c.id, createdAt: t.now() });
  return { ...c, crmId };
}

/** What the endpoints got for this customer since `from` (deliveries are awaited first). */
async function deliveredFor(customerId: string, from = 0) {
  await deps.outbox.idle();
  return got.slice(from).filter((d) => d.customerId === customerId);
}

const endpointsOf = (ds: readonly Delivery[]) => ds.map((d) => d.endpointId).sort();
const body = (d: Delivery | undefined) => d?.body as { type: string; timestamp: string; data: Record<string, unknown> };

async function request(app: "portal" | "staff", method: string, url: string, cookie: string, json?: unknown) {
  const res = await (app === "portal" ? portal : staff).request(url, {
    method,
    headers: {
      origin: app === "portal" ? PORTAL_ORIGIN : STAFF_ORIGIN,
      cookie,
      ...(json === undefined ? {} : { "content-type": "application/json" }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  await new Promise((resolve) => setImmediate(resolve));
  return res;
}

describe("the fan-out", () => {
  it("sends a portal objection to every enabled endpoint that subscribes and may receive it, with each one's id", async () => {
    const c = await customer();
    const cookie = await t.signInCustomer(c.email);
    const from = got.length;
    const res = await request("portal", "PUT", "/api/portal/marketing", cookie, {
      changes: [{ purpose: "directAdvertising", objected: true }],
    });
    expect(res.status).toBe(200);
    const ds = await deliveredFor(c.id, from);
    // Not the disabled billing endpoint.
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop, ep.news, ep.mailer].sort());
    for (const d of ds) expect(d.topic).toBe("customer.marketing_objections_changed");
    const toCrm = body(ds.find((d) => d.endpointId === ep.crm));
    expect(toCrm).toMatchObject({
      type: "customer.marketing_objections_changed",
      timestamp: new Date(t.now()).toISOString(),
      data: { customer: { id: c.id, externalId: c.crmId }, email: c.email },
    });
    expect(toCrm.data.objections).toContainEqual({
      purpose: "directAdvertising",
      objected: true,
      channel: "portal",
      at: new Date(t.now()).toISOString(),
    });
    // A system that has no id of its own for the customer gets null.
    expect(body(ds.find((d) => d.endpointId === ep.shop)).data.customer).toEqual({ id: c.id, externalId: null });

    // The same answer again changes nothing, and tells nobody.
    const again = got.length;
    await request("portal", "PUT", "/api/portal/marketing", cookie, {
      changes: [{ purpose: "directAdvertising", objected: true }],
    });
    expect(await deliveredFor(c.id, again)).toEqual([]);
  });

  it("sends the objections a browser's GPC signal makes at sign-in", async () => {
    const c = await customer();
    await t.postPortal("/api/portal/auth/request-code", { email: c.email });
    const from = got.length;
    const res = await portal.request("/api/portal/auth/verify-code", {
      method: "POST",
      headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, "sec-gpc": "1" },
      body: JSON.stringify({ email: c.email, code: t.lastCodeFor(c.email) }),
    });
    expect(res.status).toBe(200);
    const ds = await deliveredFor(c.id, from);
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop, ep.news, ep.mailer].sort());
    expect(body(ds[0]).data.objections).toContainEqual(
      expect.objectContaining({ purpose: "directAdvertising", objected: true, channel: "gpc" }),
    );
  });

  it("writes the rows in the change's transaction, with the ids to render them again", async () => {
    const c = await customer();
    const cookie = await t.signInCustomer(c.email);
    await request("portal", "POST", "/api/portal/marketing/object-all", cookie);
    await deps.outbox.idle();
    const rows = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.customerId, c.id), eq(outbox.kind, "webhook")));
    expect(rows.map((r) => r.endpointId).sort()).toEqual([ep.crm, ep.shop, ep.news, ep.mailer].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ topic: "customer.marketing_objections_changed", status: "delivered", body: null });
      expect(JSON.parse(r.params ?? "{}")).toEqual({ customerId: c.id });
    }
  });

  it("sends a contact edit only where the phone may go, and nothing for an edit that changes nothing", async () => {
    const c = await customer();
    const cookie = await t.signInCustomer(c.email);
    const from = got.length;
    const phone = "+358401234567";
    expect((await request("portal", "PATCH", "/api/portal/contact", cookie, { phone })).status).toBe(200);
    const ds = await deliveredFor(c.id, from);
    // The newsletter may not receive phone numbers; the mailer subscribes to objections only.
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop].sort());
    const payload = body(ds.find((d) => d.endpointId === ep.crm));
    expect(payload).toMatchObject({
      type: "customer.contact_changed",
      data: {
        customer: { id: c.id, externalId: c.crmId },
        categories: ["phone"],
        contact: { name: { firstName: c.firstName, lastName: c.lastName }, email: c.email, phone },
      },
    });
    expect(Object.keys(payload.data.contact as object).sort()).toEqual(
      ["email", "name", "organisations", "phone", "postalAddress", "www"].sort(),
    );

    const again = got.length;
    expect((await request("portal", "PATCH", "/api/portal/contact", cookie, { phone })).status).toBe(200);
    expect(await deliveredFor(c.id, again)).toEqual([]);
  });

  it("never sends a postal address under non-disclosure", async () => {
    const c = await customer();
    await protectAddress(t.db, c.id, { street: "Salainen tie 1", postalCode: "00100", city: "Helsinki" });
    const from = got.length;
    const res = await request("staff", "PATCH", `/api/staff/records/${c.id}/fields`, agent, {
      changes: { www: "https://example.com/oma" },
      reason: "Asiakas soitti",
    });
    expect(res.status).toBe(200);
    const ds = await deliveredFor(c.id, from);
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop].sort());
    const payload = body(ds[0]);
    expect(payload.data).toMatchObject({ categories: ["www"], contact: { www: "https://example.com/oma" } });
    expect((payload.data.contact as Record<string, unknown>).postalAddress).toBeNull();
    expect(JSON.stringify(payload)).not.toContain("Salainen");
  });

  it("sends staff corrections and objections recorded by staff", async () => {
    const c = await customer();
    const from = got.length;
    const res = await request("staff", "PATCH", `/api/staff/records/${c.id}/fields`, agent, {
      changes: { lastName: "Korjattu", email: `korjattu.${c.id}@example.com` },
      reason: "Asiakas soitti",
    });
    expect(res.status).toBe(200);
    const contact = await deliveredFor(c.id, from);
    // The e-mail may go to the newsletter, the phone (not changed, but carried) may not: contact_changed carries it.
    expect(endpointsOf(contact)).toEqual([ep.crm, ep.shop].sort());
    expect(body(contact[0]).data).toMatchObject({
      categories: ["name", "email"],
      contact: { name: { lastName: "Korjattu" }, email: `korjattu.${c.id}@example.com` },
    });

    const next = got.length;
    const objection = await request("staff", "POST", `/api/staff/records/${c.id}/objections`, agent, {
      channel: "phone",
      purposes: ["opinionPolls"],
      reason: "Asiakas soitti",
    });
    expect(objection.status).toBe(200);
    const objections = await deliveredFor(c.id, next);
    expect(endpointsOf(objections)).toEqual([ep.crm, ep.shop, ep.news, ep.mailer].sort());
    expect(body(objections[0]).data.objections).toContainEqual(
      expect.objectContaining({ purpose: "opinionPolls", objected: true, channel: "staff" }),
    );
  });

  it("sends a staff correction of billing data as correction_applied, which contact_changed cannot carry", async () => {
    const c = await customer();
    const from = got.length;
    const res = await request("staff", "PATCH", `/api/staff/records/${c.id}/fields`, agent, {
      changes: {
        billingName: "Laskutus Oy",
        billingAddress: { street: "Laskukatu 2", postalCode: "00100", city: "Helsinki", country: "FI" },
      },
      reason: "Asiakas soitti",
    });
    expect(res.status).toBe(200);
    const ds = await deliveredFor(c.id, from);
    expect(ds.map((d) => d.topic)).toEqual(["customer.correction_applied", "customer.correction_applied"]);
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop].sort());
    expect(body(ds[0]).data).toMatchObject({
      fields: ["billingName", "billingAddress"],
      values: { billingName: "Laskutus Oy", billingAddress: "Laskukatu 2, 00100 Helsinki, FI" },
    });
  });

  it("sends an approved correction with its request, the field and its value now", async () => {
    const c = await customer();
    const cookie = await t.signInCustomer(c.email);
    const created = await t.postPortal(
      "/api/portal/requests",
      { type: "rectification", field: "lastName", newValue: "Oikaistu", reason: "Nimi vaihtui" },
      cookie,
    );
    expect(created.status).toBe(201);
    const requestId = ((await created.json()) as { request: { id: string } }).request.id;
    const from = got.length;
    const res = await request("staff", "POST", `/api/staff/requests/${requestId}/approve-correction`, agent, {});
    expect(res.status).toBe(200);
    const ds = await deliveredFor(c.id, from);
    // correction_applied carries the billing data as well: the newsletter, without the phone, cannot get it.
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop].sort());
    for (const d of ds) expect(d).toMatchObject({ topic: "customer.correction_applied", requestId });
    expect(body(ds.find((d) => d.endpointId === ep.crm)).data).toEqual({
      customer: { id: c.id, externalId: c.crmId },
      fields: ["lastName"],
      values: { lastName: "Oikaistu" },
    });
  });

  it("sends a restriction applied and lifted with ids, ground and time only", async () => {
    const c = await customer();
    const cookie = await t.signInCustomer(c.email);
    const created = await t.postPortal(
      "/api/portal/requests",
      { type: "restriction", ground: "accuracyContested" },
      cookie,
    );
    const requestId = ((await created.json()) as { request: { id: string } }).request.id;
    const from = got.length;
    const applied = await request("staff", "POST", `/api/staff/operations/restriction/${requestId}/apply`, agent);
    expect(applied.status).toBe(201);
    const restriction = await t.db.select().from(restrictions).where(eq(restrictions.requestId, requestId)).get();
    const ds = await deliveredFor(c.id, from);
    // No categories: every subscriber may receive it, the objections-only mailer does not subscribe.
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop, ep.news].sort());
    const payload = body(ds.find((d) => d.endpointId === ep.crm));
    expect(payload.data).toEqual({
      customer: { id: c.id, externalId: c.crmId },
      restrictionId: restriction?.id,
      ground: "accuracyContested",
      at: new Date(t.now()).toISOString(),
    });
    for (const d of ds) expect(d.requestId).toBe(requestId);

    // The lift (its notice delivered first, as Art. 18(3) asks).
    await request("staff", "POST", `/api/staff/operations/restriction/${restriction?.id}/notify-lift`, agent);
    await t.outbox.idle();
    await deps.outbox.idle();
    t.advance(60_000);
    const next = got.length;
    const lifted = await request("staff", "POST", `/api/staff/operations/restriction/${restriction?.id}/lift`, agent, {
      reason: "accuracyVerified",
    });
    expect(lifted.status).toBe(200);
    const lifts = await deliveredFor(c.id, next);
    expect(endpointsOf(lifts)).toEqual([ep.crm, ep.shop, ep.news].sort());
    expect(body(lifts[0])).toMatchObject({
      type: "customer.restriction_lifted",
      data: { restrictionId: restriction?.id, ground: "accuracyContested", at: new Date(t.now()).toISOString() },
    });
  });

  it("sends an erasure after the anonymisation, naming the person by each system's former id", async () => {
    // Nothing may block this erasure: no orders, so no open invoice.
    const c = await customer({ orders: 0 });
    const cookie = await t.signInCustomer(c.email);
    const created = await t.postPortal("/api/portal/requests", { type: "erasure" }, cookie);
    const requestId = ((await created.json()) as { request: { id: string } }).request.id;
    const from = got.length;
    const res = await request("staff", "POST", `/api/staff/operations/erasure/${requestId}/execute`, agent);
    expect(res.status).toBe(200);
    const ds = await deliveredFor(c.id, from);
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop, ep.news].sort());
    const payload = body(ds.find((d) => d.endpointId === ep.crm));
    expect(payload).toEqual({
      type: "customer.erased",
      timestamp: new Date(t.now()).toISOString(),
      data: { customer: { id: c.id, externalId: c.crmId }, erasedAt: new Date(t.now()).toISOString() },
    });
    expect(JSON.stringify(ds.map((d) => d.body))).not.toContain(c.email);
    // The system ids went with the person; the event still reached the CRM in its own terms.
    expect(
      await t.db
        .select()
        .from(externalIds)
        .where(and(eq(externalIds.localId, c.id), eq(externalIds.kind, "customer"))),
    ).toEqual([]);
  });
});

describe("a retention run", () => {
  it("tells the systems of each customer it anonymised, by their former ids", async () => {
    const c = await customer({ endedLongAgo: true });
    const from = got.length;
    const result = await runRetention(deps, [c.id], {
      now: t.now(),
      actor: { type: "system" },
      suppressionKey: t.env.suppressionKey,
    });
    expect(result.anonymised).toEqual([c.id]);
    const ds = await deliveredFor(c.id, from);
    expect(endpointsOf(ds)).toEqual([ep.crm, ep.shop, ep.news].sort());
    expect(body(ds.find((d) => d.endpointId === ep.crm)).data).toEqual({
      customer: { id: c.id, externalId: c.crmId },
      erasedAt: new Date(t.now()).toISOString(),
    });
  });
});

describe("the ingest path", () => {
  const run = (systemId: string): IngestRun => ({
    system: { id: systemId, name: "CRM" },
    channel: "import",
    actor: { type: "system" },
    importId: null,
    receivedAt: t.now(),
    suppressionKey: t.env.suppressionKey,
  });
  const row = (externalId: string, extra: Record<string, unknown> = {}): InboundRow => ({
    index: 1,
    key: { externalId },
    record: { first_name: "Tuotu", last_name: "Asiakas", email: `${externalId}@example.com`, ...extra },
  });

  it("tells the other systems of a customer the CRM created, never the CRM itself, and nothing when unchanged", async () => {
    const externalId = `crm-${randomToken()}`;
    const from = got.length;
    const [created] = await ingestRows(
      deps,
      run(sys.crm),
      [row(externalId, { phone: "+358401112233", objections: [{ purpose: "directAdvertising" }] })],
      t.now(),
    );
    const id = created?.customerId ?? "";
    expect(created?.outcome).toBe("new");
    const ds = await deliveredFor(id, from);
    const upserted = ds.filter((d) => d.topic === "customer.upserted");
    const objections = ds.filter((d) => d.topic === "customer.marketing_objections_changed");
    expect(endpointsOf(upserted)).toEqual([ep.shop]);
    expect(endpointsOf(objections)).toEqual([ep.shop, ep.news, ep.mailer].sort());
    expect(body(upserted[0]).data).toMatchObject({
      customer: { id, externalId: null },
      categories: expect.arrayContaining(["name", "email", "phone"]),
      contact: { name: { firstName: "Tuotu", lastName: "Asiakas" }, phone: "+358401112233" },
    });

    const again = got.length;
    const [same] = await ingestRows(deps, run(sys.crm), [row(externalId, { phone: "+358401112233" })], t.now());
    expect(same?.outcome).toBe("unchanged");
    expect(await deliveredFor(id, again)).toEqual([]);

    // A change the CRM sends reaches the shop, with the changed category.
    const later = got.length;
    t.advance(1000);
    const [changed] = await ingestRows(deps, run(sys.crm), [row(externalId, { phone: "+358409998877" })], t.now());
    expect(changed?.outcome).toBe("changed");
    const changes = await deliveredFor(id, later);
    expect(endpointsOf(changes)).toEqual([ep.shop]);
    expect(body(changes[0]).data).toMatchObject({ categories: ["phone"], contact: { phone: "+358409998877" } });
  });

  it("sends a kept incoming value staff apply on the desk to the other systems, not back to the one it came from", async () => {
    const externalId = `crm-${randomToken()}`;
    const [created] = await ingestRows(
      deps,
      run(sys.crm),
      [row(externalId, { phone: "+358401111111", updated_at: "2026-01-01T00:00:00Z" })],
      t.now(),
    );
    const id = created?.customerId ?? "";
    // The customer's own later change keeps the CRM's older value back as a conflict.
    await t.db.update(customers).set({ phone: "+358402222222" }).where(eq(customers.id, id));
    await t.db.insert(fieldChanges).values({
      customerId: id,
      field: "phone",
      oldValue: "+358401111111",
      newValue: "+358402222222",
      at: Date.parse("2026-01-10T00:00:00Z"),
      actorType: "customer",
      actorId: id,
    });
    const [kept] = await ingestRows(
      deps,
      run(sys.crm),
      [row(externalId, { phone: "+358403333333", updated_at: "2026-01-05T00:00:00Z" })],
      t.now(),
    );
    expect(kept?.outcome).toBe("conflict");
    const issue = await t.db
      .select()
      .from(inboundIssues)
      .where(and(eq(inboundIssues.customerId, id), eq(inboundIssues.kind, "conflict")))
      .get();
    const from = got.length;
    const res = await request("staff", "POST", `/api/staff/inbound-issues/${issue?.id}/resolve`, agent, {
      resolution: "apply",
    });
    expect(res.status).toBe(200);
    const ds = await deliveredFor(id, from);
    expect(endpointsOf(ds)).toEqual([ep.shop]);
    expect(body(ds[0])).toMatchObject({
      type: "customer.upserted",
      data: { categories: ["phone"], contact: { phone: "+358403333333" } },
    });
  });

  it("writes nothing on a dry run", async () => {
    const externalId = `crm-${randomToken()}`;
    const [r] = await ingestRows(deps, run(sys.crm), [row(externalId)], t.now(), { dryRun: true });
    expect(r?.outcome).toBe("new");
    await deps.outbox.idle();
    expect(
      await t.db
        .select()
        .from(outbox)
        .where(eq(outbox.customerId, r?.customerId ?? "")),
    ).toEqual([]);
  });
});

describe("renderWebhookBody", () => {
  it("renders a dropped body again as it was, from the row's ids", async () => {
    const c = await customer();
    const cookie = await t.signInCustomer(c.email);
    const from = got.length;
    await request("portal", "PATCH", "/api/portal/contact", cookie, { www: "https://example.com/uusi" });
    const [d] = (await deliveredFor(c.id, from)).filter((x) => x.endpointId === ep.crm);
    const stored = await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, d?.id ?? ""))
      .get();
    expect(stored?.body).toBeNull();
    if (!stored) throw new Error("no outbox row");
    expect(await renderWebhookBody(t.db, stored)).toEqual(d?.body);
  });

  it("answers null for a customer since erased, and rebuilds an erasure from ids alone", async () => {
    const c = await customer();
    const cookie = await t.signInCustomer(c.email);
    const from = got.length;
    await request("portal", "PATCH", "/api/portal/contact", cookie, { www: "https://example.com/pois" });
    const [d] = (await deliveredFor(c.id, from)).filter((x) => x.endpointId === ep.crm);
    const stored = await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, d?.id ?? ""))
      .get();
    if (!stored) throw new Error("no outbox row");
    await t.db.update(customers).set({ anonymisedAt: t.now() }).where(eq(customers.id, c.id));
    expect(await renderWebhookBody(t.db, stored)).toBeNull();
    const erased = { ...stored, topic: "customer.erased" };
    expect(await renderWebhookBody(t.db, erased)).toEqual({
      type: "customer.erased",
      timestamp: new Date(stored.createdAt).toISOString(),
      data: { customer: { id: c.id, externalId: c.crmId }, erasedAt: new Date(t.now()).toISOString() },
    });
  });
});
