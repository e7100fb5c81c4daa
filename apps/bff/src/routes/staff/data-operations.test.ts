import { createHmac } from "node:crypto";
import { mayUseFor, noObjections } from "@tietoni/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import {
  billingDetails,
  customerSessions,
  customers,
  emailChangeUndos,
  invoices,
  ipAddresses,
  marketingObjections,
  orders,
  reauthenticationCodes,
  requests,
  restrictions,
  signInAttempts,
  suppressionList,
} from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { sessionCookieName } from "../../http/session-cookie.ts";
import { verifyAuditChain } from "../../services/audit.ts";
import { mailingListBatches } from "../../services/mailing-list.ts";
import { isSuppressed } from "../../services/suppression.ts";
import { createTestContext, PORTAL_ORIGIN, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
let agent: string;
beforeAll(async () => {
  t = await createTestContext();
  agent = await staffCookie("staff-agent");
});
afterAll(() => t.close());

const TEST_NOW = Date.UTC(2026, 10, 25, 10, 0, 0);

/** A staff session made the way the BFF makes one, so these tests do not depend on how staff sign in. */
async function staffCookie(staffUserId: string) {
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create(staffUserId, TEST_NOW, { ip: null, userAgent: null });
  return `${sessionCookieName(t.env, "staff")}=${token}`;
}

const send = async (app: "portal" | "staff", method: string, url: string, cookie: string, body?: unknown) => {
  const res = await t[app].request(url, {
    method,
    headers: {
      origin: app === "portal" ? PORTAL_ORIGIN : STAFF_ORIGIN,
      cookie,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // What the answer left running (the confirmation mail's delivery, which then drops its body) finishes first.
  await t.settle();
  return res;
};
const getStaff = (url: string, cookie = agent) => t.staff.request(url, { headers: { cookie } });
const postStaff = (url: string, cookie = agent) => send("staff", "POST", url, cookie);

type Json = Record<string, unknown>;
const json = async (res: Response): Promise<Json> => {
  const body: unknown = await res.json();
  if (typeof body !== "object" || body === null) throw new Error("expected a JSON object");
  return { ...body };
};

const emailOf = async (id: string) => {
  const email = (await t.db.select({ email: customers.email }).from(customers).where(eq(customers.id, id)).get())
    ?.email;
  if (!email) throw new Error(`${id} has no e-mail`);
  return email;
};

async function createRequest(cookie: string, body: Json): Promise<string> {
  const res = await t.postPortal("/api/portal/requests", body, cookie);
  expect(res.status).toBe(201);
  const { request } = await json(res);
  if (typeof request !== "object" || request === null || !("id" in request) || typeof request.id !== "string")
    throw new Error("no request id");
  return request.id;
}

/** Every value of every column of every table, as text: where personal data could hide. */
async function dumpDatabase(except: string[] = []): Promise<Record<string, string[]>> {
  // The catalogue: SQLite's sqlite_master, PostgreSQL's information_schema (the register's schema only).
  const catalogue =
    t.db.engine === "postgres"
      ? sql`SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
      : sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`;
  const tables = (await t.db.rows<{ name: string }>(catalogue))
    .map((r) => r.name)
    .filter((name) => !except.includes(name));
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await t.db.rows<Record<string, unknown>>(sql`SELECT * FROM ${sql.identifier(table)}`);
    dump[table] = rows.map((row) => JSON.stringify(row));
  }
  return dump;
}

async function findInDatabase(needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const [table, rows] of Object.entries(await dumpDatabase())) {
    for (const row of rows) {
      const text = row.toLowerCase();
      for (const needle of needles) if (text.includes(needle.toLowerCase())) hits.push(`${table}: ${needle}`);
    }
  }
  return hits;
}

const auditActions = (since: number) => t.auditSince(since);
const lastSeq = () => t.lastAuditSeq();

describe("access to the operations", () => {
  it("needs a staff session: none or a customer's is refused", async () => {
    const customer = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    expect((await t.staff.request("/api/staff/operations/mailing-list/summary?purpose=directAdvertising")).status).toBe(
      401,
    );
    expect(
      (
        await t.staff.request("/api/staff/operations/mailing-list/summary?purpose=directAdvertising", {
          headers: { cookie: customer },
        })
      ).status,
    ).toBe(401);
    expect((await send("staff", "POST", "/api/staff/operations/erasure/abc/execute", customer)).status).toBe(401);
  });

  it("answers 404 for unknown requests and 400 for malformed ids", async () => {
    expect((await getStaff("/api/staff/operations/requests/nosuchrequest")).status).toBe(404);
    expect((await postStaff("/api/staff/operations/erasure/nosuchrequest/execute")).status).toBe(404);
    const bad = await getStaff("/api/staff/operations/erasure/NOT%20AN%20ID/preview");
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ error: { code: "id_invalid" } });
  });
});

describe("erasure as anonymisation", () => {
  const id = "c0000105";
  const unique = {
    firstName: "Zelmiina",
    lastName: "Poistettavainen",
    phone: "+358409876543",
    newPhone: "+358401112299",
    street: "Unohduksenkuja 42",
    billingStreet: "Laskutuspolku 13",
    ip: "192.0.2.201",
    newEmail: "uusi.zelmiina@example.com",
    formerEmail: "vanha.zelmiina@example.com",
  };

  it("leaves no personal data anywhere in the database, keeps orders and invoices, and confirms by mail", async () => {
    // Values found nowhere else in the register, so any trace left behind is this customer's.
    await t.db
      .update(customers)
      .set({ firstName: unique.firstName, lastName: unique.lastName, phone: unique.phone, street: unique.street })
      .where(eq(customers.id, id));
    await t.db
      .update(billingDetails)
      .set({ billingName: `${unique.firstName} ${unique.lastName}`, street: unique.billingStreet })
      .where(eq(billingDetails.customerId, id));
    await t.db.insert(ipAddresses).values({ customerId: id, ip: unique.ip, seenAt: TEST_NOW });
    const email = await emailOf(id);
    const needles = [email, unique.firstName, unique.lastName, unique.phone, unique.newPhone, unique.street];
    needles.push(unique.billingStreet, unique.ip, unique.newEmail, unique.formerEmail);
    const seededIps = await t.db.select({ ip: ipAddresses.ip }).from(ipAddresses).where(eq(ipAddresses.customerId, id));

    // The customer uses the portal: a session, a sign-in, a contact edit, a pending e-mail change, requests.
    const cookie = await t.signInCustomer(email);
    await t.db.update(customerSessions).set({ ip: unique.ip }).where(eq(customerSessions.customerId, id));
    expect((await send("portal", "PATCH", "/api/portal/contact", cookie, { phone: unique.newPhone })).status).toBe(200);
    expect((await send("portal", "POST", "/api/portal/contact/email", cookie, { email: unique.newEmail })).status).toBe(
      202,
    );
    // Issue 11: a re-authentication code, and the undo link of an earlier change (both addresses in it).
    expect((await send("portal", "POST", "/api/portal/contact/reauthentication", cookie, {})).status).toBe(202);
    await t.db.insert(emailChangeUndos).values({
      id: "undozelmiina",
      customerId: id,
      secretHash: "0".repeat(64),
      oldEmail: unique.formerEmail,
      newEmail: email,
      createdAt: TEST_NOW,
      expiresAt: TEST_NOW + 7 * 86_400_000,
    });
    await createRequest(cookie, { type: "other", text: `${unique.firstName} asks about ${unique.street}` });
    const requestId = await createRequest(cookie, { type: "erasure", text: `Poistakaa tietoni. ${unique.firstName}` });
    expect((await findInDatabase(needles)).length).toBeGreaterThan(0);

    const orderIds = (await t.db.select({ id: orders.id }).from(orders).where(eq(orders.customerId, id))).map(
      (o) => o.id,
    );
    const invoiceIds = (await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.customerId, id))).map(
      (i) => i.id,
    );
    expect(orderIds.length).toBeGreaterThan(0);

    const preview = await getStaff(`/api/staff/operations/erasure/${requestId}/preview`);
    expect(preview.status).toBe(200);
    expect(await json(preview)).toMatchObject({
      assessment: { blocked: false, blockers: [] },
      removes: expect.arrayContaining(["name", "email", "postalAddress", "phone", "ipAddress", "billing"]),
      request: { id: requestId, type: "erasure", state: "received" },
      customerId: id,
    });

    const since = await lastSeq();
    const mailsBefore = t.sent.length;
    const res = await postStaff(`/api/staff/operations/erasure/${requestId}/execute`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      anonymised: true,
      suppressed: false,
      request: { state: "completed", decision: { outcome: "completed" }, text: "" },
    });

    expect(await findInDatabase([...needles, ...seededIps.map((r) => r.ip)])).toEqual([]);
    expect(await t.db.select().from(reauthenticationCodes).where(eq(reauthenticationCodes.customerId, id))).toEqual([]);
    expect(await t.db.select().from(emailChangeUndos).where(eq(emailChangeUndos.customerId, id))).toEqual([]);
    const counters = await t.db.select({ key: signInAttempts.key }).from(signInAttempts);
    expect(counters.filter((c) => c.key.endsWith(`:${id}`))).toEqual([]);
    expect(await t.db.select().from(customers).where(eq(customers.id, id)).get()).toMatchObject({
      firstName: "",
      lastName: "",
      email: null,
      phone: null,
      street: null,
      anonymisedAt: expect.any(Number),
    });
    // Bookkeeping stays, cut loose from the person.
    const keptOrders = await t.db.select().from(orders).where(inArray(orders.id, orderIds));
    const keptInvoices = await t.db.select().from(invoices).where(inArray(invoices.id, invoiceIds));
    expect(keptOrders).toHaveLength(orderIds.length);
    expect(keptInvoices).toHaveLength(invoiceIds.length);
    expect([...keptOrders, ...keptInvoices].every((row) => row.customerId === null)).toBe(true);
    expect(await t.db.select().from(requests).where(eq(requests.id, requestId)).get()).toMatchObject({
      type: "erasure",
      state: "completed",
      decisionOutcome: "completed",
      decidedBy: "staff-agent",
    });
    expect(await t.db.select().from(suppressionList)).toEqual([]);

    // The confirmation went to the address read before it was cleared.
    expect(t.sent.slice(mailsBefore)).toEqual([
      expect.objectContaining({ to: email, subject: expect.stringContaining("poistettu") }),
    ]);
    // Sign-in is gone with the record: the old session is refused and no code is mailed.
    expect((await t.portal.request("/api/portal/my-data", { headers: { cookie } })).status).toBe(401);
    await t.postPortal("/api/portal/auth/request-code", { email });
    expect(t.sent.slice(mailsBefore + 1)).toEqual([]);

    expect(await auditActions(since)).toEqual([
      expect.objectContaining({ action: "customer.anonymised", customerId: id, actorId: "staff-agent" }),
    ]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("refuses a second execution and a preview of a request of another type", async () => {
    const done = await t.db
      .select({ id: requests.id })
      .from(requests)
      .where(and(eq(requests.customerId, id), eq(requests.type, "erasure")))
      .get();
    expect(done).toBeDefined();
    const again = await postStaff(`/api/staff/operations/erasure/${done?.id}/execute`);
    expect(again.status).toBe(409);
    expect(await json(again)).toMatchObject({ error: { code: "invalid_state" } });

    const other = await t.db
      .select({ id: requests.id })
      .from(requests)
      .where(and(eq(requests.customerId, id), eq(requests.type, "other")))
      .get();
    expect((await getStaff(`/api/staff/operations/erasure/${other?.id}/preview`)).status).toBe(404);
  });

  it("while a ground holds erases only what no ground covers (issue 14 A: no longer refused)", async () => {
    const cookie = await t.signInCustomer("perinta@example.com");
    const requestId = await createRequest(cookie, { type: "erasure" });
    const preview = await json(await getStaff(`/api/staff/operations/erasure/${requestId}/preview`));
    expect(preview).toMatchObject({
      assessment: {
        blocked: true,
        blockers: expect.arrayContaining([expect.objectContaining({ ground: "debtCollection" })]),
      },
      scope: { complete: false, kept: expect.arrayContaining([expect.objectContaining({ ground: "debtCollection" })]) },
      remainder: null,
    });

    const mailsBefore = t.sent.length;
    const res = await postStaff(`/api/staff/operations/erasure/${requestId}/execute`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      anonymised: false,
      partial: { kept: expect.arrayContaining([expect.objectContaining({ ground: "debtCollection", until: null })]) },
      request: { state: "completed" },
    });
    expect(t.sent.slice(mailsBefore)).toEqual([
      expect.objectContaining({ to: "perinta@example.com", subject: expect.stringContaining("siltä osin") }),
    ]);
  });

  it("keeps what an active contact person's role needs", async () => {
    const cookie = await t.signInCustomer("yhteyshenkilo@example.com");
    const requestId = await createRequest(cookie, { type: "erasure" });
    const res = await postStaff(`/api/staff/operations/erasure/${requestId}/execute`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      anonymised: false,
      partial: { kept: expect.arrayContaining([expect.objectContaining({ ground: "activeContactPerson" })]) },
    });
  });

  it("closes the customer's other pending requests, which nobody is left to answer", async () => {
    const id = "c0000250";
    // Nothing may block this erasure: settle any open invoice the synthetic customer has.
    await t.db.update(invoices).set({ status: "paid", inCollection: false }).where(eq(invoices.customerId, id));
    const cookie = await t.signInCustomer(await emailOf(id));
    const other = await createRequest(cookie, { type: "other", text: "Mitä tietoja luovutitte?" });
    const requestId = await createRequest(cookie, { type: "erasure" });
    const res = await postStaff(`/api/staff/operations/erasure/${requestId}/execute`);
    expect(res.status).toBe(200);
    const states = await t.db
      .select({ id: requests.id, state: requests.state })
      .from(requests)
      .where(eq(requests.customerId, id));
    expect(states).toEqual(
      expect.arrayContaining([
        { id: other, state: "cancelled" },
        { id: requestId, state: "completed" },
      ]),
    );
  });

  it("keeps an objection as a keyed hash that suppresses a later re-import of the same address", async () => {
    const id = "c0000106";
    const email = await emailOf(id);
    const cookie = await t.signInCustomer(email);
    const objected = await send("portal", "PUT", "/api/portal/marketing", cookie, {
      changes: [{ purpose: "directAdvertising", objected: true }],
    });
    expect(objected.status).toBe(200);
    const requestId = await createRequest(cookie, { type: "erasure" });

    const res = await postStaff(`/api/staff/operations/erasure/${requestId}/execute`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ suppressed: true });
    const expected = createHmac("sha256", t.env.suppressionKey).update(email).digest("hex");
    expect(await t.db.select({ h: suppressionList.emailHash }).from(suppressionList)).toEqual([{ h: expected }]);
    expect(await findInDatabase([email])).toEqual([]);

    // The address comes back, e.g. from an update service: the objection outlives the erased record.
    await t.db.insert(customers).values({
      id: "c0009001",
      firstName: "Tuotu",
      lastName: "Uudelleen",
      email,
      street: "Paluukatu 1",
      postalCode: "00100",
      city: "Helsinki",
      country: "FI",
      relationshipStart: "2026-11-01",
      createdAt: TEST_NOW,
    });
    const subject = {
      objections: noObjections(),
      restricted: false,
      anonymised: false,
      suppressed: await isSuppressed(t.db, t.env.suppressionKey, email.toUpperCase()),
    };
    expect(mayUseFor("marketResearch", subject)).toEqual({ allowed: false, reasons: ["suppressed"] });
    const csv = await (await getStaff("/api/staff/operations/mailing-list?purpose=directAdvertising")).text();
    expect(csv).not.toContain(email);
    expect(csv).not.toContain("Uudelleen");
  });
});

describe("restriction", () => {
  const id = "c0000001";
  let cookie: string;
  let restrictionId: string;

  it("is applied with the request's ground, completes the request and is mailed and audited", async () => {
    cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const requestId = await createRequest(cookie, { type: "restriction", ground: "accuracyContested" });
    const view = await json(await getStaff(`/api/staff/operations/requests/${requestId}`));
    expect(view).toMatchObject({
      request: { type: "restriction", state: "received", customerId: id },
      restriction: null,
    });

    const since = await lastSeq();
    const mailsBefore = t.sent.length;
    const res = await postStaff(`/api/staff/operations/restriction/${requestId}/apply`);
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({
      restriction: { customerId: id, ground: "accuracyContested", requestId, liftNoticeAt: null, liftedAt: null },
      request: { state: "completed", decision: { outcome: "completed" } },
    });
    const row = await t.db.select().from(restrictions).where(eq(restrictions.requestId, requestId)).get();
    restrictionId = row?.id ?? "";
    expect(row).toMatchObject({ appliedBy: "staff-agent", liftedAt: null });
    expect(t.sent.slice(mailsBefore)).toEqual([
      expect.objectContaining({ to: DEMO_CUSTOMER_EMAIL, subject: expect.stringContaining("rajoitettu") }),
    ]);
    expect((await auditActions(since)).map((e) => e.action)).toEqual(["restriction.applied"]);

    const current = await json(await getStaff(`/api/staff/operations/restriction/customer/${id}`));
    expect(current).toMatchObject({ restriction: { id: restrictionId, ground: "accuracyContested" } });
  });

  it("shows in the portal, blocks the customer's direct edits and a second restriction", async () => {
    const list = await json(await t.portal.request("/api/portal/requests", { headers: { cookie } }));
    expect(list).toMatchObject({ restriction: { ground: "accuracyContested" } });
    const edit = await send("portal", "PATCH", "/api/portal/contact", cookie, { phone: "+358 40 000 0001" });
    expect(edit.status).toBe(409);
    expect(await json(edit)).toMatchObject({ error: { code: "record_restricted" } });

    const second = await createRequest(cookie, { type: "restriction", ground: "legalClaim" });
    const res = await postStaff(`/api/staff/operations/restriction/${second}/apply`);
    expect(res.status).toBe(409);
    expect(await json(res)).toMatchObject({ error: { code: "restriction_active" } });
  });

  it("leaves the restricted customer out of the mailing list", async () => {
    const res = await getStaff("/api/staff/operations/mailing-list?purpose=directAdvertising");
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(DEMO_CUSTOMER_EMAIL);
    const summary = await json(await getStaff("/api/staff/operations/mailing-list/summary?purpose=directAdvertising"));
    expect(summary).toMatchObject({ excluded: { restricted: 1 } });
  });

  it("is lifted only after the customer has been told", async () => {
    const liftBody = { reason: "accuracyVerified" };
    const early = await send(
      "staff",
      "POST",
      `/api/staff/operations/restriction/${restrictionId}/lift`,
      agent,
      liftBody,
    );
    expect(early.status).toBe(409);
    expect(await json(early)).toMatchObject({ error: { code: "lift_notice_missing" } });

    const since = await lastSeq();
    const mailsBefore = t.sent.length;
    const notified = await postStaff(`/api/staff/operations/restriction/${restrictionId}/notify-lift`);
    expect(notified.status).toBe(200);
    expect(await json(notified)).toMatchObject({ restriction: { liftNoticeAt: expect.any(String), liftedAt: null } });
    // Issue 13: lifting waits for the notice's delivery.
    await t.outbox.idle();
    expect(t.sent.slice(mailsBefore)).toEqual([
      expect.objectContaining({ to: DEMO_CUSTOMER_EMAIL, subject: expect.stringContaining("rajoitus poistetaan") }),
    ]);

    const lifted = await send(
      "staff",
      "POST",
      `/api/staff/operations/restriction/${restrictionId}/lift`,
      agent,
      liftBody,
    );
    expect(lifted.status).toBe(200);
    expect(await json(lifted)).toMatchObject({
      restriction: { liftedAt: expect.any(String), liftedBy: "staff-agent" },
    });
    expect((await auditActions(since)).map((e) => e.action)).toEqual([
      "restriction.lift_notified",
      "restriction.lifted",
    ]);

    expect(await json(await getStaff(`/api/staff/operations/restriction/customer/${id}`))).toEqual({
      restriction: null,
    });
    const edit = await send("portal", "PATCH", "/api/portal/contact", cookie, { phone: "+358 40 000 0001" });
    expect(edit.status).toBe(200);
    const again = await send(
      "staff",
      "POST",
      `/api/staff/operations/restriction/${restrictionId}/lift`,
      agent,
      liftBody,
    );
    expect(again.status).toBe(409);
  });
});

describe("mailing list", () => {
  it("downloads a CSV of those the purpose check allows, neutralises formulas, and audits the export", async () => {
    const objector = "c0000107";
    const objectorEmail = await emailOf(objector);
    const cookie = await t.signInCustomer(objectorEmail);
    await send("portal", "PUT", "/api/portal/marketing", cookie, {
      changes: [{ purpose: "listPublication", objected: true }],
    });
    await t.db
      .update(customers)
      .set({ firstName: '=HYPERLINK("http://x")', lastName: "@SUM(A1)" })
      .where(eq(customers.id, "c0000108"));

    const since = await lastSeq();
    const res = await getStaff("/api/staff/operations/mailing-list?purpose=listPublication");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="mailing-list-listPublication-/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("first_name,last_name,street,postal_code,city,country,email");
    const data = lines.slice(1);
    expect(data.some((l) => l.includes(objectorEmail))).toBe(false);
    expect(data.some((l) => l.includes("asiakas@example.com"))).toBe(true);
    expect(data).toContainEqual(expect.stringMatching(/^"'=HYPERLINK\(""http:\/\/x""\)",'@SUM\(A1\),/));

    const summary = await json(await getStaff("/api/staff/operations/mailing-list/summary?purpose=listPublication"));
    // Objected: the objector above, and (issue 14 A) the two partially erased above, whose kept data no ground lets
    // anyone market to.
    expect(summary).toMatchObject({ eligible: data.length, excluded: { objected: 3, erased: 3, suppressed: 1 } });
    // Issue 11 item 1: every mailing-list file is a list, so the ban on publication in lists keeps the customer off
    // the list for another purpose too (before, only the purpose's own objection counted).
    const other = await (await getStaff("/api/staff/operations/mailing-list?purpose=marketResearch")).text();
    expect(other).not.toContain(objectorEmail);
    expect(other).toContain("asiakas@example.com");

    expect(await auditActions(since)).toEqual([
      expect.objectContaining({
        action: "mailing_list.exported",
        actorId: "staff-agent",
      }),
      expect.objectContaining({ action: "mailing_list.exported" }),
    ]);
    // Deliberate change 1 (issue 10): the entry also proves which customers the file held (audit_subjects).
    const [listed] = await auditActions(since);
    // Issue 14 item 9: audited part by part before each part leaves; this register fits one part, which ends the file.
    expect(JSON.parse(listed?.detail ?? "{}")).toEqual({
      purpose: "listPublication",
      part: 1,
      count: data.length,
      last: true,
      subjectsDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("leaves out of the direct-advertising labels a customer who banned list publication, and one who objected only to direct marketing", async () => {
    const [listBanned, marketingObjector, control] = ["c0000120", "c0000121", "c0000122"];
    const emails = {
      listBanned: await emailOf(listBanned),
      marketingObjector: await emailOf(marketingObjector),
      control: await emailOf(control),
    };
    const labels = async () => (await getStaff("/api/staff/operations/mailing-list?purpose=directAdvertising")).text();
    const before = await labels();
    for (const email of Object.values(emails)) expect(before).toContain(email);

    await t.db.insert(marketingObjections).values([
      { customerId: listBanned, purpose: "listPublication", objected: true, updatedAt: TEST_NOW },
      { customerId: marketingObjector, purpose: "directMarketing", objected: true, updatedAt: TEST_NOW },
      // Objected to research only: not a bar to advertising labels.
      { customerId: control, purpose: "marketResearch", objected: true, updatedAt: TEST_NOW },
    ]);
    const after = await labels();
    expect(after).not.toContain(emails.listBanned);
    expect(after).not.toContain(emails.marketingObjector);
    expect(after).toContain(emails.control);
    const summary = await json(await getStaff("/api/staff/operations/mailing-list/summary?purpose=directAdvertising"));
    const beforeCount = before.trimEnd().split("\r\n").length - 1;
    expect(summary).toMatchObject({ eligible: beforeCount - 2 });
    // The umbrella objection also bars distance selling, not research.
    const selling = await (await getStaff("/api/staff/operations/mailing-list?purpose=distanceSelling")).text();
    expect(selling).not.toContain(emails.marketingObjector);

    await t.db
      .delete(marketingObjections)
      .where(inArray(marketingObjections.customerId, [listBanned, marketingObjector, control]));
  });

  it("streams a large register in batches and refuses an unknown purpose", async () => {
    const res = await getStaff("/api/staff/operations/mailing-list?purpose=everything");
    expect(res.status).toBe(400);
    const full = await (await getStaff("/api/staff/operations/mailing-list?purpose=opinionPolls")).text();
    const summary = await json(await getStaff("/api/staff/operations/mailing-list/summary?purpose=opinionPolls"));
    expect(full.trimEnd().split("\r\n").length - 1).toBe(summary.eligible);
    // Small batches walk the same register page by page (keyset on id) without losing or repeating anyone.
    const seen: string[] = [];
    let batches = 0;
    for await (const batch of mailingListBatches(t.db, t.env.suppressionKey, "opinionPolls", 7)) {
      batches += 1;
      seen.push(...batch.eligible.map((r) => r.id));
    }
    expect(batches).toBeGreaterThan(30);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(summary.eligible);
  });
});
