import { extendedDueDate, initialDueDate, type RequestView } from "@tietoni/domain";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  billingDetails,
  correctionNotifications,
  customers,
  fieldChanges,
  requestEvents,
  requests,
} from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { parseBillingAddress } from "../../services/desk/billing-address.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

/*
 * The request desk. The test clock stands at 2026-11-25 12:00 in Helsinki, so a portal request made now is due
 * 2026-12-25. Tests run in order and share one register.
 */

let t: TestContext;
let agent: string;
let admin: string;
let aino: string;
let matti: string;
beforeAll(async () => {
  // Matti sends more requests in this test day than a customer may (customer-limits.test.ts).
  t = await createTestContext({ LIMIT_REQUESTS_PER_DAY: "100" });
  agent = await t.signInStaff("agent", "agent-demo-pass");
  admin = await t.signInAdmin();
  aino = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
  matti = await t.signInCustomer("yhteyshenkilo@example.com");
});
afterAll(() => t.close());

const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog).get())?.n ?? 0;
const lastAudit = () => t.lastAudit();
const requestRow = (id: string) => t.db.select().from(requests).where(eq(requests.id, id)).get();
const emailOf = async (id: string) =>
  (await t.db.select().from(customers).where(eq(customers.id, id)).get())?.email ?? "";

type QueueBody = {
  requests: {
    id: string;
    type: string;
    state: string;
    channel: string;
    customerId: string;
    customerName: string;
    receivedOn: string;
    dueOn: string;
    daysLeft: number | null;
    dueStatus: string | null;
    assignedTo: { id: string; displayName: string } | null;
  }[];
  counts: { open: number; dueThisWeek: number; overdue: number; completedThisMonth: number };
};

async function queue(query = "", cookie = agent): Promise<QueueBody> {
  const res = await t.staff.request(`/api/staff/requests${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as QueueBody;
}

async function portalRequest(cookie: string, body: unknown): Promise<RequestView> {
  const res = await t.postPortal("/api/portal/requests", body, cookie);
  expect(res.status).toBe(201);
  return ((await res.json()) as { request: RequestView }).request;
}

async function paperRequest(body: Record<string, unknown>, cookie = agent) {
  return t.postStaff("/api/staff/requests", body, cookie);
}

async function registered(customerId: string, receivedOn: string, request: unknown, channel = "paper") {
  const res = await paperRequest({ customerId, channel, receivedOn, request });
  expect(res.status).toBe(201);
  return ((await res.json()) as { request: RequestView }).request;
}

const act = (id: string, action: string, body: unknown = {}, cookie = agent) =>
  t.postStaff(`/api/staff/requests/${id}/${action}`, body, cookie);

describe("who may use the desk", () => {
  it("lets an agent and an admin in and refuses a customer's cookie and no cookie everywhere", async () => {
    await queue("", agent);
    await queue("", admin);
    const someId = (await portalRequest(matti, { type: "other", text: "Kenelle tietojani on luovutettu?" })).id;
    const gets = ["/api/staff/requests", "/api/staff/requests/staff-members", `/api/staff/requests/${someId}`];
    for (const url of gets) {
      expect((await t.staff.request(url, { headers: { cookie: aino } })).status).toBe(401);
      expect((await t.staff.request(url)).status).toBe(401);
    }
    for (const action of ["notes", "assign", "start", "extend", "refuse", "approve-correction", "complete"]) {
      const res = await act(someId, action, { note: "x", reasons: "Riittävän pitkät perustelut" }, aino);
      expect(res.status, action).toBe(401);
    }
    expect((await paperRequest({}, aino)).status).toBe(401);
    expect((await requestRow(someId))?.state).toBe("received");
    // Clean slate for the queue tests below.
    expect((await act(someId, "refuse", { reasons: "Pyyntö on testiaineistoa." }, admin)).status).toBe(200);
  });

  it("lists the active staff members for assignment", async () => {
    const res = await t.staff.request("/api/staff/requests/staff-members", { headers: { cookie: agent } });
    expect(await res.json()).toEqual({
      staff: [
        { id: "staff-agent", displayName: "Antti Asiakaspalvelu" },
        { id: "staff-admin", displayName: "Hilkka Koskinen" },
      ],
    });
  });
});

describe("registering a request that came on paper or by e-mail", () => {
  it("runs the deadline from the day it was received, audits it and mails a receipt", async () => {
    const before = await auditCount();
    const mails = t.sent.length;
    const request = await registered("c0000120", "2026-10-20", {
      type: "access",
      text: "Kirje: mitä tietoja minusta on?",
    });
    expect(request).toMatchObject({
      channel: "paper",
      receivedOn: "2026-10-20",
      dueOn: initialDueDate("2026-10-20"),
      state: "received",
    });
    expect(await auditCount()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({
      action: "request.registered",
      customerId: "c0000120",
      actorId: "staff-agent",
      actorRole: "agent",
    });
    expect(t.sent.slice(mails)).toEqual([expect.objectContaining({ to: await emailOf("c0000120") })]);
    expect((await requestRow(request.id))?.text).toBe("Kirje: mitä tietoja minusta on?");
  });

  it("refuses a day in the future, an unknown customer and the portal channel, recording nothing", async () => {
    const rows = (await t.db.select({ n: count() }).from(requests).get())?.n;
    const before = await auditCount();
    const future = await paperRequest({
      customerId: "c0000121",
      channel: "email",
      receivedOn: "2026-11-26",
      request: { type: "other", text: "Huomenna saapuva" },
    });
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({
      error: { code: "date_invalid", fields: [{ path: "receivedOn", code: "date_in_future" }] },
    });
    const unknown = await paperRequest({
      customerId: "c9999999",
      channel: "paper",
      receivedOn: "2026-11-20",
      request: { type: "other", text: "Kirje" },
    });
    expect(unknown.status).toBe(404);
    const portal = await paperRequest({
      customerId: "c0000121",
      channel: "portal",
      receivedOn: "2026-11-20",
      request: { type: "other", text: "Kirje" },
    });
    expect(portal.status).toBe(400);
    expect((await t.db.select({ n: count() }).from(requests).get())?.n).toBe(rows);
    expect(await auditCount()).toBe(before);
  });
});

describe("the queue", () => {
  let overdue: string;
  let dueSoon: string;
  let correction: string;
  it("sorts by due date, shows days left with the due status, and counts the dashboard", async () => {
    overdue = (await queue("?state=open")).requests[0]?.id ?? "";
    dueSoon = (
      await registered("c0000121", "2026-11-01", { type: "objection", text: "Kiellän suoramarkkinoinnin." }, "email")
    ).id;
    correction = (
      await portalRequest(aino, {
        type: "rectification",
        field: "lastName",
        newValue: "Korjattu",
        reason: "Sukunimeni vaihtui avioliiton myötä",
      })
    ).id;
    const before = await auditCount();
    const body = await queue("?state=open");
    expect(body.requests.map((r) => r.id)).toEqual([overdue, dueSoon, correction]);
    expect(body.requests[0]).toMatchObject({
      type: "access",
      channel: "paper",
      customerId: "c0000120",
      dueOn: "2026-11-20",
      daysLeft: -5,
      dueStatus: "overdue",
      assignedTo: null,
    });
    // 1 Nov → 1 Dec is 30 days; 6 left is under a quarter.
    expect(body.requests[1]).toMatchObject({ dueOn: "2026-12-01", daysLeft: 6, dueStatus: "soon" });
    expect(body.requests[2]).toMatchObject({ customerName: "Aino Asiakas", daysLeft: 30, dueStatus: "ok" });
    expect(body.counts).toEqual({ open: 3, dueThisWeek: 1, overdue: 1, completedThisMonth: 0 });
    expect(await auditCount()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({ action: "request.queue.viewed", customerId: null });
    expect(JSON.parse((await lastAudit())?.detail ?? "{}")).toEqual({ requestIds: [overdue, dueSoon, correction] });
  });

  it("filters by state, type, overdue, assignment and customer text", async () => {
    const ids = async (query: string) => (await queue(query)).requests.map((r) => r.id);
    expect(await ids("?state=refused")).toHaveLength(1);
    expect((await ids("")).length).toBe(4);
    expect(await ids("?type=rectification")).toEqual([correction]);
    expect(await ids("?overdue=true")).toEqual([overdue]);
    expect(await ids("?q=aino%20asiakas")).toEqual([correction]);
    expect(await ids(`?q=${encodeURIComponent("ASIAKAS@example")}`)).toEqual([correction]);
    expect(await ids("?q=nobody-like-this")).toEqual([]);
    expect(await ids("?mine=true")).toEqual([]);
    expect((await act(dueSoon, "assign", { staffUserId: "staff-agent" })).status).toBe(200);
    expect(await ids("?mine=true")).toEqual([dueSoon]);
    expect(await ids("?mine=true&state=open&type=objection")).toEqual([dueSoon]);
    expect(await queue("?mine=true", admin)).toMatchObject({ requests: [] });
    expect((await queue("?type=objection")).requests[0]?.assignedTo).toEqual({
      id: "staff-agent",
      displayName: "Antti Asiakaspalvelu",
    });
  });

  it("rejects unknown filter values", async () => {
    const res = await t.staff.request("/api/staff/requests?state=lost", { headers: { cookie: agent } });
    expect(res.status).toBe(400);
  });
});

describe("one request", () => {
  it("shows the request, the customer's record, notes, assignment and Art. 19 parties, and audits the read", async () => {
    const id = (await queue("?type=rectification")).requests[0]?.id ?? "";
    const noteRes = await act(id, "notes", { note: "Soitin asiakkaalle, vahvisti nimenmuutoksen." });
    expect(noteRes.status).toBe(201);
    const before = await auditCount();
    const res = await t.staff.request(`/api/staff/requests/${id}`, { headers: { cookie: agent } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { request: RequestView };
    expect(body).toMatchObject({
      customerId: "c0000001",
      customer: { profile: { lastName: "Asiakas" } },
      notes: [{ staffName: "Antti Asiakaspalvelu", note: "Soitin asiakkaalle, vahvisti nimenmuutoksen." }],
      assignedTo: null,
      erasure: null,
      // Art. 19 parties appear once the correction is made and its event planned them.
      notifications: { parties: [], earlier: [] },
    });
    expect(body.request.correction).toMatchObject({ field: "lastName", currentValue: "Asiakas", newValue: "Korjattu" });
    // Notes stay internal: the customer's view of the request has no trace of them.
    expect(JSON.stringify(body.request)).not.toContain("Soitin");
    expect(await auditCount()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({
      action: "request.viewed",
      customerId: "c0000001",
      actorId: "staff-agent",
    });
    const portal = await t.portal.request("/api/portal/requests", { headers: { cookie: aino } });
    expect(await portal.text()).not.toContain("Soitin");
  });

  it("shows the erasure grounds for an erasure request", async () => {
    const id = (await portalRequest(matti, { type: "erasure" })).id;
    const res = await t.staff.request(`/api/staff/requests/${id}`, { headers: { cookie: agent } });
    const body = (await res.json()) as { erasure: { blocked: boolean; blockers: unknown[] }; notifications: unknown };
    expect(body.erasure.blocked).toBe(true);
    expect(body.erasure.blockers).toContainEqual({
      ground: "activeContactPerson",
      organisations: ["Turun Puutarha Oy"],
    });
    expect(body.notifications).toEqual({ parties: [], earlier: [] });
  });

  it("answers 404 for an unknown request without auditing a read", async () => {
    const before = await auditCount();
    expect((await t.staff.request("/api/staff/requests/nosuchrequest", { headers: { cookie: agent } })).status).toBe(
      404,
    );
    expect((await act("nosuchrequest", "start")).status).toBe(404);
    expect(await auditCount()).toBe(before);
  });
});

describe("decisions", () => {
  it("refuses a refusal without reasons with 400 and changes nothing", async () => {
    const { id } = await portalRequest(matti, { type: "other", text: "Poistakaa vanha puhelinnumeroni." });
    const before = {
      audit: await auditCount(),
      events: (await t.db.select().from(requestEvents)).length,
      mails: t.sent.length,
    };
    for (const body of [{}, { reasons: null }, { reasons: "" }, { reasons: "   lyhyt  " }]) {
      const res = await act(id, "refuse", body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "reasons_required" } });
    }
    expect(await requestRow(id)).toMatchObject({ state: "received", decisionOutcome: null, decidedAt: null });
    expect(await auditCount()).toBe(before.audit);
    expect((await t.db.select().from(requestEvents)).length).toBe(before.events);
    expect(t.sent.length).toBe(before.mails);
  });

  it("refuses with a written statement in the portal and by mail, with the Ombudsman, and only once", async () => {
    const { id } = await portalRequest(matti, { type: "objection", text: "Kiellän kaiken käsittelyn." });
    const before = await auditCount();
    const mails = t.sent.length;
    const reasons = "Asiakassuhde on voimassa, ja tietoja tarvitaan sopimuksen täyttämiseen (6 art. 1 b).";
    const res = await act(id, "refuse", { reasons });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      request: { state: "refused", decision: { outcome: "refused", reasons } },
    });
    expect(await auditCount()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({ action: "request.refused", customerId: "c0000002" });
    const [mail] = t.sent.slice(mails);
    expect(mail?.to).toBe("yhteyshenkilo@example.com");
    expect(mail?.text).toContain(reasons);
    expect(mail?.text).toContain("Tietosuojavaltuutetun toimisto");
    expect(mail?.text).toContain("tietosuoja@om.fi");
    const portal = await t.portal.request("/api/portal/requests", { headers: { cookie: matti } });
    const { requests: mine } = (await portal.json()) as { requests: RequestView[] };
    expect(mine.find((r) => r.id === id)?.decision).toMatchObject({ outcome: "refused", reasons });

    for (const [action, body] of [
      ["refuse", { reasons: "Toinen päätös samaan pyyntöön" }],
      ["complete", { note: "" }],
      ["extend", { months: 1, reasons: "Lisäaikaa tarvitaan selvitykseen" }],
      ["start", {}],
      ["assign", { staffUserId: "staff-agent" }],
    ] as const) {
      const again = await act(id, action, body);
      expect(again.status, action).toBe(409);
      expect(await again.json()).toMatchObject({ error: { code: "invalid_state" } });
    }
    expect(await auditCount()).toBe(before + 1);
    expect((await requestRow(id))?.decisionReasons).toBe(reasons);
  });

  it("starts a received request once, taking it when nobody has", async () => {
    const { id } = await portalRequest(matti, { type: "access", text: "Haluan kopion tiedoistani." });
    const before = await auditCount();
    const res = await act(id, "start", {}, admin);
    expect(res.status).toBe(200);
    expect(await requestRow(id)).toMatchObject({ state: "inProgress", assignedTo: "staff-admin" });
    expect(await auditCount()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({ action: "request.started", actorId: "staff-admin", actorRole: "admin" });
    expect((await act(id, "start")).status).toBe(409);

    const done = await act(id, "complete", { note: "Kopio lähetetty kirjeitse 25.11." });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      request: { state: "completed", decision: { outcome: "completed", reasons: "Kopio lähetetty kirjeitse 25.11." } },
    });
    expect(await auditCount()).toBe(before + 2);
    expect((await queue()).counts.completedThisMonth).toBe(1);
  });

  it("assigns only to an active staff member, and unassigns", async () => {
    const { id } = await portalRequest(matti, { type: "other", text: "Kysymys laskusta." });
    const bad = await act(id, "assign", { staffUserId: "staff-nobody" });
    expect(bad.status).toBe(404);
    expect((await act(id, "assign", { staffUserId: "staff-admin" })).status).toBe(200);
    expect((await requestRow(id))?.assignedTo).toBe("staff-admin");
    expect((await act(id, "assign", { staffUserId: null })).status).toBe(200);
    expect((await requestRow(id))?.assignedTo).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "request.assigned" });
  });

  it("leaves restriction and erasure decisions to the operations routes, and corrections to approval", async () => {
    const erasure = (await queue("?type=erasure")).requests[0]?.id ?? "";
    const restriction = (await portalRequest(matti, { type: "restriction", ground: "accuracyContested" })).id;
    const correction = (
      await portalRequest(matti, {
        type: "rectification",
        field: "firstName",
        newValue: "Matias",
        reason: "Virallinen etunimeni",
      })
    ).id;
    const access = (await portalRequest(matti, { type: "access", text: "Mitä tietoja minusta on?" })).id;
    const before = await auditCount();
    for (const [id, action] of [
      [erasure, "complete"],
      [erasure, "approve-correction"],
      [restriction, "complete"],
      [restriction, "approve-correction"],
      [correction, "complete"],
      [access, "approve-correction"],
    ] as const) {
      const res = await act(id, action, {});
      expect(res.status, `${action} ${id}`).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_state" } });
    }
    expect(await auditCount()).toBe(before);
    // Refusal and extension work for every type.
    expect(
      (await act(restriction, "extend", { months: 1, reasons: "Paikkansapitävyyden tarkistus kestää." })).status,
    ).toBe(200);
    expect(
      (await act(restriction, "refuse", { reasons: "Tiedot on tarkistettu ja ne pitävät paikkansa." })).status,
    ).toBe(200);
    expect((await act(correction, "refuse", { reasons: "Nimi on väestötietojärjestelmän mukainen." })).status).toBe(
      200,
    );
  });
});

describe("approving a correction", () => {
  it("applies the change with its history in one step; the portal shows it; parties are confirmed one by one", async () => {
    const id = (await queue("?type=rectification&state=open")).requests[0]?.id ?? "";
    expect((await requestRow(id))?.customerId).toBe("c0000001");
    const before = await auditCount();
    const mails = t.sent.length;
    const res = await act(id, "approve-correction");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ request: { state: "completed", decision: { outcome: "completed" } } });
    expect(await auditCount()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({ action: "request.correction.approved", customerId: "c0000001" });
    expect(JSON.parse((await lastAudit())?.detail ?? "{}")).toEqual({ requestId: id, field: "lastName" });
    expect(await t.db.select().from(fieldChanges).where(eq(fieldChanges.requestId, id))).toEqual([
      expect.objectContaining({
        customerId: "c0000001",
        field: "lastName",
        oldValue: "Asiakas",
        newValue: "Korjattu",
        actorType: "staff",
        actorId: "staff-agent",
        reason: "Sukunimeni vaihtui avioliiton myötä",
      }),
    ]);
    const myData = await t.portal.request("/api/portal/my-data", { headers: { cookie: aino } });
    expect(await myData.json()).toMatchObject({ profile: { firstName: "Aino", lastName: "Korjattu" } });
    expect(t.sent.slice(mails)).toEqual([expect.objectContaining({ to: DEMO_CUSTOMER_EMAIL })]);

    // Decided once: no second approval.
    const again = await act(id, "approve-correction");
    expect(again.status).toBe(409);
    expect(await t.db.select().from(fieldChanges).where(eq(fieldChanges.requestId, id))).toHaveLength(1);

    // Art. 19: the parties come from the disclosure log when the correction's event is emitted
    // (services/recipient-notifications.test.ts); the old tick list's route is gone, its rows stay as history.
    expect(
      (await act(id, "notifications", { partyKind: "recipient", partyId: "financialAdministrationPartner" })).status,
    ).toBe(404);
    await t.db.insert(correctionNotifications).values({
      requestId: id,
      partyKind: "recipient",
      partyId: "financialAdministrationPartner",
      notifiedAt: t.now(),
      notifiedBy: "staff-agent",
    });
    const page = await t.staff.request(`/api/staff/requests/${id}`, { headers: { cookie: agent } });
    expect(await page.json()).toMatchObject({
      notifications: {
        earlier: [
          {
            partyKind: "recipient",
            name: { en: "Outsourcing partner (financial administration)" },
            staffName: "Antti Asiakaspalvelu",
          },
        ],
      },
    });
    expect(await auditCount()).toBe(before + 2);
  });

  it("approves a billing name correction", async () => {
    const { id } = await portalRequest(aino, {
      type: "rectification",
      field: "billingName",
      newValue: "Aino Korjattu",
      reason: "Laskutusnimi muuttui",
    });
    expect((await act(id, "approve-correction")).status).toBe(200);
    expect(
      (await t.db.select().from(billingDetails).where(eq(billingDetails.customerId, "c0000001")).get())?.billingName,
    ).toBe("Aino Korjattu");
  });

  it("parses a billing address, and refuses one it cannot read without changing anything", async () => {
    const ok = await portalRequest(aino, {
      type: "rectification",
      field: "billingAddress",
      newValue: "Uusikatu 5 B 12, 20100 Turku",
      reason: "Muutin",
    });
    expect((await act(ok.id, "approve-correction")).status).toBe(200);
    expect(
      await t.db.select().from(billingDetails).where(eq(billingDetails.customerId, "c0000001")).get(),
    ).toMatchObject({
      street: "Uusikatu 5 B 12",
      postalCode: "20100",
      city: "Turku",
      country: "FI",
    });
    const bad = await portalRequest(aino, {
      type: "rectification",
      field: "billingAddress",
      newValue: "Turku jossain",
      reason: "Muutin",
    });
    const before = await auditCount();
    const res = await act(bad.id, "approve-correction");
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "address_unparsed" } });
    expect((await requestRow(bad.id))?.state).toBe("received");
    expect(await auditCount()).toBe(before);
  });

  it("moves the customer's current role to the organisation named, renaming it for nobody else", async () => {
    const { id } = await portalRequest(matti, {
      type: "rectification",
      field: "organisation",
      newValue: "Turun Puutarha ja Taimisto Oy",
      reason: "Yhtiön nimi muuttui",
    });
    expect((await act(id, "approve-correction", {}, admin)).status).toBe(200);
    const record = await t.portal.request("/api/portal/my-data", { headers: { cookie: matti } });
    expect(await record.json()).toMatchObject({
      organisationRoles: [{ organisationName: "Turun Puutarha ja Taimisto Oy", role: "contactPerson" }],
    });
  });

  it("rolls the change back when its audit entry cannot be written", async () => {
    const { id } = await portalRequest(aino, {
      type: "rectification",
      field: "firstName",
      newValue: "Aina",
      reason: "Kirjoitusvirhe",
    });
    const changes = (await t.db.select().from(fieldChanges)).length;
    // A trigger that refuses the approval's audit entry: SQLite's a temporary one (on the writer's connection),
    // PostgreSQL's (which has no temporary triggers) a function and a trigger dropped again afterwards.
    const pg = t.db.engine === "postgres";
    if (pg) {
      await t.db.exec(sql`CREATE FUNCTION fail_approval_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.action = 'request.correction.approved' THEN RAISE EXCEPTION 'audit refused'; END IF;
          RETURN NEW;
        END $$`);
      await t.db.exec(sql`CREATE TRIGGER fail_approval_audit BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION fail_approval_audit()`);
    } else {
      await t.db.exec(
        sql`CREATE TEMP TRIGGER fail_approval_audit BEFORE INSERT ON audit_log
         WHEN NEW.action = 'request.correction.approved' BEGIN SELECT RAISE(ABORT, 'audit refused'); END;`,
      );
    }
    try {
      const res = await act(id, "approve-correction");
      expect(res.status).toBe(500);
    } finally {
      // Through a transaction: SQLite's temporary trigger exists only on the writer's connection.
      await t.db.transaction(async (tx) => {
        if (pg) {
          await tx.exec(sql`DROP TRIGGER fail_approval_audit ON audit_log`);
          await tx.exec(sql`DROP FUNCTION fail_approval_audit()`);
        } else await tx.exec(sql`DROP TRIGGER fail_approval_audit`);
      });
    }
    expect((await t.db.select().from(customers).where(eq(customers.id, "c0000001")).get())?.firstName).toBe("Aino");
    expect(await t.db.select().from(fieldChanges)).toHaveLength(changes);
    expect(await requestRow(id)).toMatchObject({ state: "received", decisionOutcome: null });
  });
});

describe("extending the deadline", () => {
  it("extends once by up to two months within the first month, tells the customer why", async () => {
    const { id, receivedOn } = await portalRequest(matti, { type: "other", text: "Selvittäkää tilaushistoriani." });
    const before = await auditCount();
    const mails = t.sent.length;
    const tooLong = await act(id, "extend", { months: 3, reasons: "Kolme kuukautta olisi hyvä" });
    expect(tooLong.status).toBe(400);
    const res = await act(id, "extend", { months: 2, reasons: "Tilaushistoria on arkistossa ja haku kestää." });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      request: { state: "extended", dueOn: extendedDueDate(receivedOn, 2), extension: { months: 2 } },
    });
    expect(await auditCount()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({ action: "request.extended", customerId: "c0000002" });
    expect(t.sent.slice(mails)[0]?.text).toContain("Tilaushistoria on arkistossa ja haku kestää.");
    const again = await act(id, "extend", { months: 1, reasons: "Vielä vähän lisää aikaa" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "extension_not_allowed" } });
    expect(await auditCount()).toBe(before + 1);
  });

  it("is refused once the first month is over", async () => {
    const { id } = await registered("c0000122", "2026-10-01", { type: "access", text: "Kirje: kaikki tietoni." });
    const res = await act(id, "extend", { months: 1, reasons: "Myöhässä pyydetty lisäaika" });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "extension_not_allowed" } });
    expect(await requestRow(id)).toMatchObject({ state: "received", dueOn: "2026-11-01", extendedAt: null });
  });
});

describe("billing address parsing", () => {
  it("reads the register's own format and its usual variants, and nothing else", () => {
    expect(parseBillingAddress("Piiskakuja 1, 20380 Turku, FI")).toEqual({
      street: "Piiskakuja 1",
      postalCode: "20380",
      city: "Turku",
      country: "FI",
    });
    expect(parseBillingAddress("Aurakatu 3 A 4 20100 Turku")).toEqual({
      street: "Aurakatu 3 A 4",
      postalCode: "20100",
      city: "Turku",
      country: null,
    });
    expect(parseBillingAddress("Storgatan 1, 123 45 Stockholm, se")).toMatchObject({
      postalCode: "12345",
      city: "Stockholm",
      country: "SE",
    });
    expect(parseBillingAddress("20100 Turku")).toBeNull();
    expect(parseBillingAddress("Aurakatu 3, Turku")).toBeNull();
  });
});
