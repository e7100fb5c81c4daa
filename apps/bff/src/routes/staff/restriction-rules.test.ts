import type { RequestView, RestrictionGround } from "@tietoni/domain";
import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import { customers, fieldChanges, requests, restrictions } from "../../db/schema.ts";
import { sessionCookieName } from "../../http/session-cookie.ts";
import { verifyAuditChain } from "../../services/audit.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

/*
 * Issue 11, item 2 (GDPR Art. 16 with Art. 18): a correction changes a restricted record only where the
 * restriction waits for it (contested accuracy), and then ends that restriction; the customer can ask for a
 * correction while restricted; lifting records a reason. Each test uses a customer of its own.
 */

let t: TestContext;
let agent: string;
beforeAll(async () => {
  t = await createTestContext();
  // A staff session made the way the BFF makes one, so these tests do not depend on how staff sign in.
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create("staff-agent", Date.UTC(2026, 10, 25, 10, 0, 0), { ip: null, userAgent: null });
  agent = `${sessionCookieName(t.env, "staff")}=${token}`;
});
afterAll(() => t.close());

/** A demo customer with an e-mail address that no other test here has used, signed in. */
let used = 0;
async function freshCustomer() {
  const withEmail = await t.db
    .select()
    .from(customers)
    .where(and(isNotNull(customers.email), isNotNull(customers.phone), gt(customers.id, "c0000150")))
    .orderBy(asc(customers.id));
  const row = withEmail[used++];
  if (!row?.email) throw new Error("out of demo customers");
  return { ...row, email: row.email, cookie: await t.signInCustomer(row.email) };
}

async function portalRequest(cookie: string, body: unknown): Promise<RequestView> {
  const res = await t.postPortal("/api/portal/requests", body, cookie);
  expect(res.status).toBe(201);
  return ((await res.json()) as { request: RequestView }).request;
}

/** A customer's restriction on `ground`, asked for in the portal and applied by an agent. */
async function restricted(cookie: string, ground: RestrictionGround) {
  const request = await portalRequest(cookie, { type: "restriction", ground });
  const res = await t.postStaff(`/api/staff/operations/restriction/${request.id}/apply`, {}, agent);
  expect(res.status).toBe(201);
  const row = await t.db.select().from(restrictions).where(eq(restrictions.requestId, request.id)).get();
  if (!row) throw new Error("no restriction");
  return row;
}

const restrictionRow = (id: string) => t.db.select().from(restrictions).where(eq(restrictions.id, id)).get();
const approve = (id: string) => t.postStaff(`/api/staff/requests/${id}/approve-correction`, {}, agent);
const lift = (id: string, body: unknown) => t.postStaff(`/api/staff/operations/restriction/${id}/lift`, body, agent);

describe("approving a correction of a restricted record", () => {
  it.each(["legalClaim", "objectionPending", "unlawfulProcessing"] as const)(
    "is refused under %s with a translated error, and changes nothing",
    async (ground) => {
      const c = await freshCustomer();
      const id = c.id;
      const correction = await portalRequest(c.cookie, {
        type: "rectification",
        field: "lastName",
        newValue: "Korjattu",
        reason: "Nimeni on kirjoitettu väärin.",
      });
      const r = await restricted(c.cookie, ground);
      const audit = await t.lastAuditSeq();
      const mails = t.sent.length;

      const res = await approve(correction.id);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "correction_restricted" } });

      expect((await t.db.select().from(customers).where(eq(customers.id, id)).get())?.lastName).toBe(c.lastName);
      expect(await t.db.select().from(fieldChanges).where(eq(fieldChanges.requestId, correction.id))).toEqual([]);
      expect((await t.db.select().from(requests).where(eq(requests.id, correction.id)).get())?.state).toBe("received");
      expect(await restrictionRow(r.id)).toMatchObject({ liftedAt: null, liftReason: null, endedByRequestId: null });
      expect(await t.auditSince(audit)).toEqual([]);
      expect(t.sent.length).toBe(mails);
    },
  );

  it("under contested accuracy is applied, ends the restriction with its reason and request, and tells the customer", async () => {
    const c = await freshCustomer();
    const r = await restricted(c.cookie, "accuracyContested");
    const correction = await portalRequest(c.cookie, {
      type: "rectification",
      field: "lastName",
      newValue: "Oikeanimi",
      reason: "Kiistin sukunimeni; oikea on tämä.",
    });
    const audit = await t.lastAuditSeq();
    const mails = t.sent.length;

    const res = await approve(correction.id);
    expect(res.status).toBe(200);
    expect((await t.db.select().from(customers).where(eq(customers.id, c.id)).get())?.lastName).toBe("Oikeanimi");
    expect(await restrictionRow(r.id)).toMatchObject({
      liftedAt: expect.any(Number),
      liftedBy: "staff-agent",
      liftNoticeAt: expect.any(Number),
      liftReason: "correctionApplied",
      endedByRequestId: correction.id,
    });
    const entries = await t.auditSince(audit);
    expect(entries.map((e) => e.action)).toEqual(["request.correction.approved", "restriction.ended_by_correction"]);
    expect(JSON.parse(entries[1]?.detail ?? "{}")).toEqual({
      restrictionId: r.id,
      reason: "correctionApplied",
      requestId: correction.id,
    });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    // Art. 18(3): the decision mail is the notice that the restriction has ended.
    expect(t.sent.slice(mails)).toEqual([
      expect.objectContaining({ to: c.email, text: expect.stringContaining("rajoitus on päättynyt") }),
    ]);

    // The portal no longer shows a restriction in force, and shows why the earlier one ended.
    const page = (await (await t.portal.request("/api/portal/requests", { headers: { cookie: c.cookie } })).json()) as {
      restriction: unknown;
      endedRestrictions: unknown[];
    };
    expect(page.restriction).toBeNull();
    expect(page.endedRestrictions).toEqual([
      expect.objectContaining({ liftReason: "correctionApplied", endedByRequestId: correction.id }),
    ]);
    // The staff's view of the restriction says so too.
    const view = (await (
      await t.staff.request(`/api/staff/operations/requests/${r.requestId}`, { headers: { cookie: agent } })
    ).json()) as { restriction: unknown };
    expect(view.restriction).toMatchObject({ liftReason: "correctionApplied", endedByRequestId: correction.id });
  });
});

describe("a restricted customer's correction request", () => {
  it("is accepted for the contact data they cannot edit themselves while restricted, and approved under contested accuracy", async () => {
    const c = await freshCustomer();
    await restricted(c.cookie, "accuracyContested");
    const edit = await t.portal.request("/api/portal/contact", {
      method: "PATCH",
      headers: { origin: "http://localhost:3000", cookie: c.cookie, "content-type": "application/json" },
      body: JSON.stringify({ phone: "+358 40 765 4321" }),
    });
    expect(edit.status).toBe(409);
    expect(await edit.json()).toMatchObject({ error: { code: "record_restricted" } });

    const res = await t.postPortal(
      "/api/portal/requests",
      { type: "rectification", field: "phone", newValue: "+358 40 765 4321", reason: "Numeroni on väärä." },
      c.cookie,
    );
    expect(res.status).toBe(201);
    const { request } = (await res.json()) as { request: RequestView };
    expect(request.correction).toMatchObject({ field: "phone", currentValue: c.phone, newValue: "+358 40 765 4321" });

    expect((await approve(request.id)).status).toBe(200);
    expect((await t.db.select().from(customers).where(eq(customers.id, c.id)).get())?.phone).toBe("+358407654321");
  });

  it("checks the new phone number as the contact page would", async () => {
    const c = await freshCustomer();
    await restricted(c.cookie, "legalClaim");
    const res = await t.postPortal(
      "/api/portal/requests",
      { type: "rectification", field: "phone", newValue: "040 123", reason: "Numeroni on väärä." },
      c.cookie,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "phone_invalid" } });
  });
});

describe("lifting a restriction", () => {
  it("needs a reason that fits the ground; it is stored, audited and shown to staff and the customer", async () => {
    const c = await freshCustomer();
    const r = await restricted(c.cookie, "legalClaim");
    expect((await t.postStaff(`/api/staff/operations/restriction/${r.id}/notify-lift`, {}, agent)).status).toBe(200);
    // Issue 13: lifting waits for the notice's delivery.
    await t.outbox.idle();

    const audit = await t.lastAuditSeq();
    for (const body of [{}, { reason: "" }, { reason: "whatever" }]) {
      const res = await lift(r.id, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "lift_reason_required" } });
    }
    const misfit = await lift(r.id, { reason: "accuracyVerified" });
    expect(misfit.status).toBe(400);
    expect(await misfit.json()).toMatchObject({ error: { code: "lift_reason_invalid" } });
    expect(await restrictionRow(r.id)).toMatchObject({ liftedAt: null, liftReason: null });
    expect(await t.auditSince(audit)).toEqual([]);

    const res = await lift(r.id, { reason: "legalClaimConcluded" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      restriction: { liftedAt: expect.any(String), liftReason: "legalClaimConcluded", endedByRequestId: null },
    });
    expect(await restrictionRow(r.id)).toMatchObject({ liftReason: "legalClaimConcluded" });
    const entry = await t.lastAudit();
    expect(entry).toMatchObject({ action: "restriction.lifted", customerId: c.id });
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ restrictionId: r.id, reason: "legalClaimConcluded" });

    const page = (await (await t.portal.request("/api/portal/requests", { headers: { cookie: c.cookie } })).json()) as {
      endedRestrictions: unknown[];
    };
    expect(page.endedRestrictions).toEqual([
      expect.objectContaining({ ground: "legalClaim", liftReason: "legalClaimConcluded", endedByRequestId: null }),
    ]);
  });
});
