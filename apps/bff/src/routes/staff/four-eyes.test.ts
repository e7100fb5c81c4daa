import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import { customers, legalHolds, pendingApprovals, requests, staffUsers } from "../../db/schema.ts";
import { createCustomer, createStaffAccount } from "../../db/test-fixtures.ts";
import { sessionCookieName } from "../../http/session-cookie.ts";
import { createFirstAdministrator } from "../../services/staff-accounts.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

/*
 * Issue 14 D — four eyes for the irreversible: an erasure its registrant (or the clearer of its blocker) executes
 * waits for a second person; a staff of one may switch that off with a reason; one admin cannot make another alone.
 */

let t: TestContext;
let admin: string;
let agent: string;
let otherAgent: string;

async function staffCookie(staffUserId: string) {
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create(staffUserId, t.now(), { ip: null, userAgent: null });
  return `${sessionCookieName(t.env, "staff")}=${token}`;
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await staffCookie("staff-admin");
  agent = await staffCookie("staff-agent");
  otherAgent = await staffCookie((await createStaffAccount(t.db, { role: "agent" })).id);
});
afterAll(() => t.close());

const send = (method: string, url: string, body: unknown, cookie: string) =>
  t.staff.request(url, {
    method,
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
const post = (url: string, body: unknown, cookie: string) => send("POST", url, body, cookie);
const execute = (requestId: string, cookie: string) =>
  post(`/api/staff/operations/erasure/${requestId}/execute`, {}, cookie);
const approve = (approvalId: string, cookie: string) => post(`/api/staff/approvals/${approvalId}/approve`, {}, cookie);
const erased = async (customerId: string) =>
  (await t.db.select().from(customers).where(eq(customers.id, customerId)).get())?.anonymisedAt != null;
const requestState = async (id: string) => (await t.db.select().from(requests).where(eq(requests.id, id)).get())?.state;

/** An erasure request registered on paper by the staff member of `cookie`. */
async function paperErasure(cookie: string) {
  const c = await createCustomer(t.db, { orders: 0 });
  const res = await post(
    "/api/staff/requests",
    { customerId: c.id, channel: "paper", receivedOn: "2026-11-24", request: { type: "erasure" } },
    cookie,
  );
  expect(res.status).toBe(201);
  return { customerId: c.id, requestId: ((await res.json()) as { request: { id: string } }).request.id };
}

/** An erasure request the customer made in the portal. */
async function portalErasure(options: Parameters<typeof createCustomer>[1] = { orders: 0 }) {
  const c = await createCustomer(t.db, options);
  const res = await t.postPortal("/api/portal/requests", { type: "erasure" }, await t.signInCustomer(c.email));
  expect(res.status).toBe(201);
  return { customerId: c.id, requestId: ((await res.json()) as { request: { id: string } }).request.id };
}

describe("an erasure staff registered", () => {
  it("waits for a second person when its registrant executes it; another approves and it runs, recorded", async () => {
    const { customerId, requestId } = await paperErasure(agent);
    const seq = await t.lastAuditSeq();
    const res = await execute(requestId, agent);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { outcome: string; code: string; approvalId: string; ground: string };
    expect(body).toMatchObject({ outcome: "pending", code: "four_eyes_required", ground: "registrant" });
    expect(await erased(customerId)).toBe(false);
    expect(await requestState(requestId)).toBe("received");
    expect((await t.auditSince(seq)).map((e) => e.action)).toEqual(["approval.requested"]);

    // Asking again while it waits is refused, and the requester cannot approve their own.
    expect((await execute(requestId, agent)).status).toBe(409);
    const own = await approve(body.approvalId, agent);
    expect(own.status).toBe(403);
    expect(await own.json()).toMatchObject({ error: { code: "approval_own_request" } });
    expect(await erased(customerId)).toBe(false);

    const ok = await approve(body.approvalId, otherAgent);
    expect(ok.status).toBe(200);
    expect(await erased(customerId)).toBe(true);
    expect(await requestState(requestId)).toBe("completed");
    const decided = (await t.auditSince(seq)).find((e) => e.action === "approval.decided");
    expect(JSON.parse(decided?.detail ?? "{}")).toMatchObject({
      operation: "erasure.execute",
      outcome: "approved",
      approvedBy: expect.any(String),
      requestedBy: "staff-agent",
    });
  });

  it("runs at once when someone other than its registrant executes it: they are the second pair of eyes", async () => {
    const { customerId, requestId } = await paperErasure(agent);
    const res = await execute(requestId, otherAgent);
    expect(res.status).toBe(200);
    expect(await erased(customerId)).toBe(true);
  });

  it("waits for an admin registrant too: the role does not replace a second person", async () => {
    const { customerId, requestId } = await paperErasure(admin);
    expect((await execute(requestId, admin)).status).toBe(202);
    expect(await erased(customerId)).toBe(false);
  });
});

describe("one person clearing a blocker and erasing", () => {
  it("makes the erasure wait when its executor cleared the customer's legal hold while the request was open", async () => {
    const { customerId, requestId } = await portalErasure();
    const set = await post(`/api/staff/records/${customerId}/holds`, { reason: "Riita-asia vireillä" }, admin);
    expect(set.status).toBe(201);
    const holdId = ((await set.json()) as { holdId: string }).holdId;
    expect(
      (await post(`/api/staff/records/${customerId}/holds/${holdId}/clear`, { reason: "Asia ratkesi" }, admin)).status,
    ).toBe(200);
    expect((await t.db.select().from(legalHolds).where(eq(legalHolds.id, holdId)).get())?.clearedAt).not.toBeNull();

    const res = await execute(requestId, admin);
    expect(res.status).toBe(202);
    const { approvalId, ground } = (await res.json()) as { approvalId: string; ground: string };
    expect(ground).toBe("cleared_blocker");
    expect(await erased(customerId)).toBe(false);
    expect((await approve(approvalId, agent)).status).toBe(200);
    expect(await erased(customerId)).toBe(true);
  });

  it("lets a customer's portal erasure run at once for staff who cleared nothing", async () => {
    const { customerId, requestId } = await portalErasure();
    expect((await execute(requestId, admin)).status).toBe(200);
    expect(await erased(customerId)).toBe(true);
  });
});

describe("creating an administrator", () => {
  it("is refused in the app while only one admin exists: the second comes from the command line", async () => {
    const res = await post(
      "/api/staff/accounts",
      {
        username: "toinen.yllapitaja",
        displayName: "Toinen Ylläpitäjä",
        role: "admin",
        password: "Pitka-ja-outo-salasana-42",
        confidentialitySignedOn: "2026-11-20",
      },
      admin,
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "admin_approval_cli" } });
  });

  it("makes the CLI create the second admin while one exists (audited as the system) and refuse a third", async () => {
    const seq = await t.lastAuditSeq();
    const second = await createFirstAdministrator(
      t.db,
      {
        username: "cli.second",
        displayName: "Kakkonen Ylläpito",
        password: "Pitka-ja-outo-salasana-42",
        confidentialitySignedOn: "2026-11-20",
      },
      t.now(),
    );
    expect(second).toMatchObject({ ok: true, ordinal: "second" });
    const entry = (await t.auditSince(seq)).find((e) => e.action === "staff.created");
    expect(entry?.actorType).toBe("system");
    expect(JSON.parse(entry?.detail ?? "{}")).toMatchObject({ via: "cli", ordinal: "second", role: "admin" });
    const row = await t.db.select().from(staffUsers).where(eq(staffUsers.username, "cli.second")).get();
    expect(row?.approvalPending).toBe(false);

    const third = await createFirstAdministrator(
      t.db,
      {
        username: "cli.third",
        displayName: "Kolmonen Ylläpito",
        password: "Pitka-ja-outo-salasana-42",
        confidentialitySignedOn: "2026-11-20",
      },
      t.now(),
    );
    expect(third).toMatchObject({ ok: false, code: "second_admin_required" });
  });

  it("with two admins: a new admin waits, cannot sign in, the creator cannot approve, the second admin can", async () => {
    // A second admin with a second factor (the CLI's has yet to enrol, and its session is limited until then).
    const secondAdmin = await staffCookie((await createStaffAccount(t.db, { role: "admin" })).id);
    const password = "Pitka-ja-outo-salasana-42";
    const res = await post(
      "/api/staff/accounts",
      {
        username: "uusi.admin",
        displayName: "Uusi Ylläpitäjä",
        role: "admin",
        password,
        confidentialitySignedOn: "2026-11-20",
      },
      admin,
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; approvalPending: boolean };
    expect(created.approvalPending).toBe(true);

    const signIn = await t.postStaff("/api/staff/auth/sign-in", { username: "uusi.admin", password });
    expect(signIn.status).toBe(401);
    const lastFailure = await t.lastAudit();
    expect(lastFailure?.action).toBe("staff.sign_in_failed");
    expect(JSON.parse(lastFailure?.detail ?? "{}")).toMatchObject({ reason: "approval_pending" });

    const byCreator = await post(`/api/staff/accounts/${created.id}/approve-admin`, {}, admin);
    expect(byCreator.status).toBe(403);
    expect(await byCreator.json()).toMatchObject({ error: { code: "approval_own_request" } });

    const seq = await t.lastAuditSeq();
    const ok = await post(`/api/staff/accounts/${created.id}/approve-admin`, {}, secondAdmin);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ approvalPending: false });
    const entry = (await t.auditSince(seq)).find((e) => e.action === "staff.admin_approved");
    expect(JSON.parse(entry?.detail ?? "{}")).toMatchObject({ staffUserId: created.id, requestedBy: "staff-admin" });
    // Approving twice changes nothing.
    expect((await post(`/api/staff/accounts/${created.id}/approve-admin`, {}, secondAdmin)).status).toBe(409);

    expect((await t.postStaff("/api/staff/auth/sign-in", { username: "uusi.admin", password })).status).toBe(200);
  });

  it("makes an agent made admin wait for the second admin too", async () => {
    const someone = await createStaffAccount(t.db, { role: "agent" });
    const res = await send("PATCH", `/api/staff/accounts/${someone.id}`, { role: "admin" }, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "admin", approvalPending: true });
  });
});

describe("switching four eyes off", () => {
  it("is refused while two or more active staff exist, and off needs a reason of ten characters", async () => {
    const short = await send("PUT", "/api/staff/four-eyes", { enabled: false, reason: "yksin" }, admin);
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { code: "four_eyes_reason_required" } });
    const res = await send(
      "PUT",
      "/api/staff/four-eyes",
      { enabled: false, reason: "Olen yrityksen ainoa työntekijä" },
      admin,
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "four_eyes_colleagues_present" } });
    // An agent may not switch it at all.
    expect((await send("PUT", "/api/staff/four-eyes", { enabled: true }, agent)).status).toBe(403);
  });

  it("for a staff of one: the admin's own registered erasure runs at once and the trail says four eyes was off", async () => {
    // Everyone but the demo admin leaves.
    const others = (await t.db.select().from(staffUsers).all()).filter((s) => s.id !== "staff-admin");
    for (const s of others) await t.db.update(staffUsers).set({ disabledAt: t.now() }).where(eq(staffUsers.id, s.id));
    const seq = await t.lastAuditSeq();
    const off = await send(
      "PUT",
      "/api/staff/four-eyes",
      { enabled: false, reason: "Olen yrityksen ainoa työntekijä" },
      admin,
    );
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({
      enabled: false,
      inEffect: false,
      reason: "Olen yrityksen ainoa työntekijä",
    });
    const changed = (await t.auditSince(seq)).find((e) => e.action === "four_eyes.changed");
    expect(JSON.parse(changed?.detail ?? "{}")).toMatchObject({ enabled: false, activeStaff: 1 });
    // The reason is the firm's, not a customer's, but stays in the policy row, not the trail.
    expect(changed?.detail).not.toContain("ainoa");

    const { customerId, requestId } = await paperErasure(admin);
    const res = await execute(requestId, admin);
    expect(res.status).toBe(200);
    expect(await erased(customerId)).toBe(true);
    const waived = (await t.auditSince(seq)).find((e) => e.action === "four_eyes.waived");
    expect(JSON.parse(waived?.detail ?? "{}")).toMatchObject({ requestId, ground: "registrant", fourEyes: "off" });

    // A second person joins: the switch no longer counts, and the registrant's erasure waits again.
    await t.db.update(staffUsers).set({ disabledAt: null }).where(eq(staffUsers.id, "staff-agent"));
    const view = (await (await t.staff.request("/api/staff/four-eyes", { headers: { cookie: admin } })).json()) as {
      enabled: boolean;
      inEffect: boolean;
    };
    expect(view).toMatchObject({ enabled: false, inEffect: true });
    const next = await paperErasure(admin);
    expect((await execute(next.requestId, admin)).status).toBe(202);
    expect(
      (await t.db.select().from(pendingApprovals).where(eq(pendingApprovals.customerId, next.customerId)).all()).length,
    ).toBe(1);
  });
});
