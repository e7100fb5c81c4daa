import {
  type CustomerEvent,
  type CustomerRecipientNotificationView,
  DISCLOSURE_LOG_STARTED_AT,
  type RecipientNotificationView,
  type RequestView,
} from "@tietoni/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectedSystems,
  customers,
  datumSources,
  disclosures,
  outbox as outboxTable,
  recipientNotifications,
  requestEvents,
} from "../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { createCustomer } from "../db/test-fixtures.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { createOutbox, type Outbox } from "./outbox/outbox.ts";
import { planRecipientNotifications, settleWebhookNotifications } from "./recipient-notifications.ts";

/*
 * Art. 19 from what actually happened (issue 13 D). The services emit their events through emitCustomerEvent
 * (helper "events" adds the call sites); here the events are planned directly, with the fan-out's deliveries made
 * by a test outbox whose webhook handler succeeds, so the delivered hook settles the notification as in production.
 * Aino (c0000001) is a customer from before the disclosure log; Matti (c0000002) is made one from after it.
 */

let t: TestContext;
let agent: string;
let aino: string;
let matti: string;
let sari: string;
let webhooks: Outbox;
let delivered = 0;

const AINO = "c0000001";
const MATTI = "c0000002";

beforeAll(async () => {
  t = await createTestContext({ LIMIT_REQUESTS_PER_DAY: "100" });
  agent = await t.signInStaff("agent", "agent-demo-pass");
  aino = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
  matti = await t.signInCustomer("yhteyshenkilo@example.com");
  sari = await t.signInCustomer("perinta@example.com");
  await t.db
    .update(customers)
    .set({ createdAt: DISCLOSURE_LOG_STARTED_AT + 3_600_000 })
    .where(eq(customers.id, MATTI));
  const system = (id: string, name: string, kind: "source" | "recipient", party: string) => ({
    id,
    name,
    noticePartyKind: kind,
    noticePartyId: party,
    createdAt: t.now(),
    createdBy: null,
  });
  await t.db
    .insert(connectedSystems)
    .values([
      system("syscrm", "Myynnin CRM", "recipient", "financialAdministrationPartner"),
      system("sysbilling", "Laskutus", "recipient", "financialAdministrationPartner"),
      system("sysshop", "Verkkokauppa", "recipient", "financialAdministrationPartner"),
      system("sysvtj", "Väestötietojärjestelmä", "source", "updateService"),
    ]);
  webhooks = createOutbox({
    db: t.db,
    now: t.now,
    handlers: {
      mail: async () => ({ ok: true }),
      webhook: async () => {
        delivered += 1;
        return { ok: true };
      },
    },
    delivered: { webhook: settleWebhookNotifications },
    maxAttempts: 3,
  });
});
afterAll(() => t.close());

let disclosureSeq = 0;
async function disclose(customerId: string, to: { systemId?: string; recipientId?: string }, categories: string[]) {
  disclosureSeq += 1;
  await t.db.insert(disclosures).values({
    id: `d${disclosureSeq}`,
    customerId,
    at: t.now(),
    channel: "manual",
    systemId: to.systemId ?? null,
    noticeRecipientId: to.recipientId ?? null,
    categories: JSON.stringify(categories),
    legalBasis: "contract",
    reason: "bookkeeping",
    eventType: null,
    outboxId: null,
    recordedBy: "staff-agent",
  });
}

/** Emits `event` as a service would, with one webhook delivery per system in `toSystems`. */
async function emit(event: CustomerEvent, toSystems: string[] = []) {
  await t.db.transaction(async (tx) => {
    const deliveries = [];
    for (const systemId of toSystems) {
      const outboxId = await webhooks.enqueue(tx, {
        kind: "webhook",
        topic: event.type,
        body: { type: event.type },
        customerId: event.customerId,
        endpointId: `ep-${systemId}`,
      });
      deliveries.push({ outboxId, endpointId: `ep-${systemId}`, systemId });
    }
    await planRecipientNotifications(tx, event, deliveries, t.now());
  });
  await webhooks.idle();
}

const rowsOf = (customerId: string) =>
  t.db.select().from(recipientNotifications).where(eq(recipientNotifications.customerId, customerId)).all();

async function approvedCorrection(cookie: string, field: string, newValue: string): Promise<string> {
  const res = await t.postPortal(
    "/api/portal/requests",
    { type: "rectification", field, newValue, reason: "Muuttui" },
    cookie,
  );
  expect(res.status).toBe(201);
  const { request } = (await res.json()) as { request: RequestView };
  expect((await t.postStaff(`/api/staff/requests/${request.id}/approve-correction`, {}, agent)).status).toBe(200);
  await t.outbox.idle();
  return request.id;
}

describe("planning who to tell", () => {
  it("tells a system that received the corrected datum by its webhook, and makes a task of one without", async () => {
    await disclose(MATTI, { systemId: "syscrm" }, ["phone", "name"]);
    await disclose(MATTI, { systemId: "sysbilling" }, ["phone"]);
    await disclose(MATTI, { systemId: "sysshop" }, ["email"]);
    const requestId = await approvedCorrection(matti, "phone", "+358409999999");
    const before = delivered;
    await emit({ type: "customer.correction_applied", customerId: MATTI, requestId, categories: ["phone"] }, [
      "syscrm",
      "sysshop",
    ]);
    expect(delivered).toBe(before + 2);
    const rows = await rowsOf(MATTI);
    // The shop got this event but never the phone: it is not a party. The CRM was told by the webhook.
    expect(rows.map((r) => [r.partyId, r.method, r.status, r.requestId, r.trigger, JSON.parse(r.categories)])).toEqual(
      expect.arrayContaining([
        ["syscrm", "webhook", "done", requestId, "correction", ["phone"]],
        ["sysbilling", "task", "pending", requestId, "correction", ["phone"]],
      ]),
    );
    expect(rows).toHaveLength(2);
    const crm = rows.find((r) => r.partyId === "syscrm");
    const sent = await t.db
      .select()
      .from(outboxTable)
      .where(eq(outboxTable.id, crm?.outboxId ?? ""))
      .get();
    expect(sent?.status).toBe("delivered");
    expect(crm?.doneBy).toBeNull();
  });

  it("keeps a webhook notification pending until its delivery succeeds", async () => {
    const failing = createOutbox({
      db: t.db,
      now: t.now,
      handlers: {
        mail: async () => ({ ok: true }),
        webhook: async () => ({ ok: false, permanent: false, reason: "503" }),
      },
      delivered: { webhook: settleWebhookNotifications },
      maxAttempts: 3,
    });
    let outboxId = "";
    await t.db.transaction(async (tx) => {
      outboxId = await failing.enqueue(tx, { kind: "webhook", topic: "customer.erased", body: {}, customerId: MATTI });
      await planRecipientNotifications(
        tx,
        { type: "customer.restriction_applied", customerId: MATTI },
        [{ outboxId, endpointId: "ep", systemId: "syscrm" }],
        t.now(),
      );
    });
    await failing.idle();
    const row = await t.db
      .select()
      .from(recipientNotifications)
      .where(eq(recipientNotifications.outboxId, outboxId))
      .get();
    expect(row).toMatchObject({ partyId: "syscrm", method: "webhook", status: "pending", trigger: "restriction" });
  });

  it("names nobody for a datum that was never disclosed and came from the customer", async () => {
    const before = (await rowsOf(MATTI)).length;
    await emit({ type: "customer.contact_changed", customerId: MATTI, categories: ["www"] }, ["syscrm"]);
    expect(await rowsOf(MATTI)).toHaveLength(before);
  });

  it("gives a customer from before the log one task per recipient the notice names for the category", async () => {
    const requestId = await approvedCorrection(aino, "lastName", "Uusinimi");
    await emit({ type: "customer.correction_applied", customerId: AINO, requestId, categories: ["name"] });
    expect(await rowsOf(AINO)).toEqual([
      expect.objectContaining({
        requestId,
        partyKind: "notice_recipient",
        partyId: "financialAdministrationPartner",
        method: "task",
        status: "pending",
      }),
    ]);
  });

  it("plans once per request and party, widening the categories and letting a webhook take over a task", async () => {
    const requestId = (await rowsOf(AINO))[0]?.requestId ?? "";
    await disclose(AINO, { systemId: "syscrm" }, ["name"]);
    await emit({ type: "customer.correction_applied", customerId: AINO, requestId, categories: ["name"] });
    await emit({ type: "customer.contact_changed", customerId: AINO, requestId, categories: ["name"] }, ["syscrm"]);
    const rows = await rowsOf(AINO);
    expect(rows.map((r) => [r.partyId, r.method, r.status])).toEqual([
      ["financialAdministrationPartner", "task", "pending"],
      ["syscrm", "webhook", "done"],
    ]);
  });

  it("joins a customer's own edits into the party's open task instead of a task per edit", async () => {
    await disclose(MATTI, { recipientId: "financialAdministrationPartner" }, ["phone", "postalAddress"]);
    await emit({ type: "customer.contact_changed", customerId: MATTI, categories: ["phone"] });
    await emit({ type: "customer.contact_changed", customerId: MATTI, categories: ["postalAddress"] });
    const own = (await rowsOf(MATTI)).filter((r) => r.requestId === null && r.partyKind === "notice_recipient");
    expect(own).toHaveLength(1);
    expect(JSON.parse(own[0]?.categories ?? "[]")).toEqual(["postalAddress", "phone"]);
  });

  it("treats an update service's upsert as a correction, never telling the service itself, and ignores others'", async () => {
    const sariId = "c0000003";
    await t.db
      .update(customers)
      .set({ createdAt: DISCLOSURE_LOG_STARTED_AT + 1 })
      .where(eq(customers.id, sariId));
    await disclose(sariId, { systemId: "sysvtj" }, ["postalAddress"]);
    await disclose(sariId, { systemId: "sysbilling" }, ["postalAddress"]);
    await emit({
      type: "customer.upserted",
      customerId: sariId,
      sourceSystemId: "syscrm",
      categories: ["postalAddress"],
    });
    expect(await rowsOf(sariId)).toEqual([]);
    await emit({
      type: "customer.upserted",
      customerId: sariId,
      sourceSystemId: "sysvtj",
      categories: ["postalAddress"],
    });
    expect((await rowsOf(sariId)).map((r) => [r.partyId, r.trigger])).toEqual([["sysbilling", "correction"]]);
  });

  it("an erasure concerns every category the log shows; a marketing change or a lift is no Art. 19 event", async () => {
    const sariId = "c0000003";
    await disclose(sariId, { systemId: "sysshop" }, ["orders"]);
    await emit({ type: "customer.marketing_objections_changed", customerId: sariId });
    await emit({ type: "customer.restriction_lifted", customerId: sariId });
    expect(await rowsOf(sariId)).toHaveLength(1);
    await emit({ type: "customer.erased", customerId: sariId }, ["sysshop"]);
    // Every category: the sources of her IP addresses too (a notice source); here the systems are the point.
    const erasure = (await rowsOf(sariId)).filter((r) => r.trigger === "erasure" && r.partyKind === "system");
    expect(erasure.map((r) => [r.partyId, r.method, r.status, JSON.parse(r.categories)])).toEqual(
      expect.arrayContaining([
        ["sysshop", "webhook", "done", ["orders"]],
        ["sysbilling", "task", "pending", ["postalAddress"]],
        ["sysvtj", "task", "pending", ["postalAddress"]],
      ]),
    );
    expect(erasure).toHaveLength(3);
  });

  it("tells the system a datum came from of an erasure carried out on the desk, though the erasure deletes the sources", async () => {
    const { id } = await createCustomer(t.db, { orders: 0 });
    await t.db
      .insert(datumSources)
      .values({ customerId: id, category: "phone", source: "subcontractor", systemId: "sysvtj", notedAt: t.now() });
    const cookie = await t.signInCustomer(
      (await t.db.select({ email: customers.email }).from(customers).where(eq(customers.id, id)).get())?.email ?? "",
    );
    const res = await t.postPortal("/api/portal/requests", { type: "erasure", text: "Poistakaa." }, cookie);
    expect(res.status).toBe(201);
    const { request } = (await res.json()) as { request: RequestView };
    expect((await t.postStaff(`/api/staff/operations/erasure/${request.id}/execute`, {}, agent)).status).toBe(200);
    expect(await t.db.select().from(datumSources).where(eq(datumSources.customerId, id)).all()).toEqual([]);
    const told = (await rowsOf(id)).filter((r) => r.trigger === "erasure" && r.partyKind === "system");
    expect(told.map((r) => [r.partyId, r.method, r.requestId])).toEqual([["sysvtj", "task", request.id]]);
  });
});

describe("the desk", () => {
  it("shows the request's parties with how each is told", async () => {
    const row = (await rowsOf(MATTI)).find((r) => r.partyId === "sysbilling" && r.requestId !== null);
    const res = await t.staff.request(`/api/staff/requests/${row?.requestId}`, { headers: { cookie: agent } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { notifications: { parties: RecipientNotificationView[]; earlier: [] } };
    expect(body.notifications.earlier).toEqual([]);
    expect(body.notifications.parties).toEqual([
      expect.objectContaining({
        party: expect.objectContaining({ id: "sysbilling" }),
        method: "task",
        status: "pending",
        delivery: null,
        confirmable: true,
      }),
      expect.objectContaining({
        party: { kind: "system", id: "syscrm", name: { fi: "Myynnin CRM", en: "Myynnin CRM" } },
        method: "webhook",
        status: "done",
        delivery: "delivered",
        confirmable: false,
      }),
    ]);
  });

  it("lists every open task and dead webhook, with the customer, and audits the read", async () => {
    const seq = await t.lastAuditSeq();
    const res = await t.staff.request("/api/staff/recipient-notifications", { headers: { cookie: agent } });
    expect(res.status).toBe(200);
    const { notifications } = (await res.json()) as {
      notifications: (RecipientNotificationView & { customerName: string | null })[];
    };
    expect(notifications.every((n) => n.confirmable)).toBe(true);
    // The still-failing webhook of the restriction is not staff's to confirm yet.
    const inFlight = await t.db
      .select()
      .from(recipientNotifications)
      .where(and(eq(recipientNotifications.trigger, "restriction"), eq(recipientNotifications.method, "webhook")))
      .get();
    expect(inFlight?.status).toBe("pending");
    expect(notifications.some((n) => n.id === inFlight?.id)).toBe(false);
    const own = notifications.find((n) => n.customerId === MATTI && n.requestId === null);
    expect(own).toMatchObject({ customerName: "Matti Yhteyshenkilö", party: { kind: "notice_recipient" } });
    expect(await t.auditSince(seq)).toEqual([
      expect.objectContaining({ action: "recipient_notifications.viewed", actorId: "staff-agent" }),
    ]);
  });

  it("confirms a task once, audited and on the request's history; refuses a webhook in flight and a stranger", async () => {
    const task = (await rowsOf(MATTI)).find((r) => r.partyId === "sysbilling" && r.requestId !== null);
    const id = task?.id ?? "";
    expect((await t.postStaff(`/api/staff/recipient-notifications/${id}/confirm`, {})).status).toBe(401);
    expect((await t.postStaff(`/api/staff/recipient-notifications/${id}/confirm`, {}, matti)).status).toBe(401);
    const seq = await t.lastAuditSeq();
    const ok = await t.postStaff(`/api/staff/recipient-notifications/${id}/confirm`, {}, agent);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      notification: { id, status: "done", doneBy: "Antti Asiakaspalvelu", confirmable: false },
    });
    expect(await t.auditSince(seq)).toEqual([
      expect.objectContaining({ action: "recipient_notification.confirmed", customerId: MATTI }),
    ]);
    const history = await t.db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, task?.requestId ?? ""), eq(requestEvents.event, "notified")))
      .all();
    expect(history).toEqual([expect.objectContaining({ note: "system:Laskutus", internal: true })]);

    const twice = await t.postStaff(`/api/staff/recipient-notifications/${id}/confirm`, {}, agent);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: { code: "already_notified" } });

    const inFlight = await t.db
      .select()
      .from(recipientNotifications)
      .where(and(eq(recipientNotifications.trigger, "restriction"), eq(recipientNotifications.method, "webhook")))
      .get();
    const refused = await t.postStaff(`/api/staff/recipient-notifications/${inFlight?.id}/confirm`, {}, agent);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "notification_by_webhook" } });
    expect((await t.postStaff("/api/staff/recipient-notifications/nosuch/confirm", {}, agent)).status).toBe(404);
    expect((await t.postStaff("/api/staff/recipient-notifications/NO_SUCH/confirm", {}, agent)).status).toBe(400);
    expect(await t.auditSince(seq)).toHaveLength(1);
  });
});

describe("the portal", () => {
  it("shows the customer the recipients told of their own changes only", async () => {
    const res = await t.portal.request("/api/portal/recipient-notifications", { headers: { cookie: matti } });
    expect(res.status).toBe(200);
    const { notifications } = (await res.json()) as { notifications: CustomerRecipientNotificationView[] };
    expect(notifications.map((n) => n.partyName.fi)).toEqual(
      expect.arrayContaining(["Myynnin CRM", "Laskutus", "Ulkoistuskumppani (taloushallinto)"]),
    );
    const billing = notifications.find((n) => n.partyName.fi === "Laskutus" && n.requestId !== null);
    expect(billing).toMatchObject({ status: "done", trigger: "correction", categories: ["phone"] });
    const mattis = new Set((await rowsOf(MATTI)).map((r) => r.id));
    expect(notifications.every((n) => mattis.has(n.id))).toBe(true);
    expect(notifications).toHaveLength(mattis.size);

    const other = await t.portal.request("/api/portal/recipient-notifications", { headers: { cookie: sari } });
    const sarisOwn = ((await other.json()) as { notifications: CustomerRecipientNotificationView[] }).notifications;
    expect(sarisOwn.every((n) => !notifications.some((m) => m.id === n.id))).toBe(true);
    expect((await t.portal.request("/api/portal/recipient-notifications")).status).toBe(401);
  });
});
