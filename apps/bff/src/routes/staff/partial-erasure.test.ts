import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import {
  billingDetails,
  customerSessions,
  customerSignIns,
  customers,
  invoices,
  ipAddresses,
  legalHolds,
  marketingObjections,
  orders,
  organisationRoles,
  partialErasures,
} from "../../db/schema.ts";
import { type CreatedCustomer, createCustomer } from "../../db/test-fixtures.ts";
import { sessionCookieName } from "../../http/session-cookie.ts";
import { verifyAuditChain } from "../../services/audit.ts";
import { eraseDueRemainders } from "../../services/erasure-remainder.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

/*
 * Issue 14 A: erasure to the extent required (Art. 17(3)). While a ground holds, executing an erasure request erases
 * what no ground covers and keeps what each ground needs; the remainder goes when the last ground ends.
 */

let t: TestContext;
let agent: string;
let admin: string;

async function staffCookie(staffUserId: string) {
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create(staffUserId, t.now(), { ip: null, userAgent: null });
  return `${sessionCookieName(t.env, "staff")}=${token}`;
}

beforeAll(async () => {
  t = await createTestContext();
  agent = await staffCookie("staff-agent");
  admin = await staffCookie("staff-admin");
});
afterAll(() => t.close());

const post = (url: string, body: unknown, cookie = agent) =>
  t.staff.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
const customerRow = async (id: string) => t.db.select().from(customers).where(eq(customers.id, id)).get();

/** A customer who used the portal: unique phone, web address and IP number, a session and a sign-in, marketing on. */
async function activeCustomer(c: CreatedCustomer) {
  await t.db
    .update(customers)
    .set({ phone: `+35840${c.id.slice(-7)}`, www: `https://${c.id}.example.net`, street: `Katu ${c.id}` })
    .where(eq(customers.id, c.id));
  await t.db.insert(ipAddresses).values({ customerId: c.id, ip: "198.51.100.77", seenAt: t.now() });
  const cookie = await t.signInCustomer(c.email);
  expect(await t.db.select().from(customerSignIns).where(eq(customerSignIns.customerId, c.id))).not.toEqual([]);
  const res = await t.postPortal("/api/portal/requests", { type: "erasure", text: "Poistakaa tietoni." }, cookie);
  expect(res.status).toBe(201);
  const { request } = (await res.json()) as { request: { id: string } };
  return { cookie, requestId: request.id };
}

/** The things no ground ever needs: they are gone after any erasure, partial or whole. */
async function expectUncoveredGone(id: string) {
  expect(await t.db.select().from(ipAddresses).where(eq(ipAddresses.customerId, id))).toEqual([]);
  expect(await t.db.select().from(customerSignIns).where(eq(customerSignIns.customerId, id))).toEqual([]);
  expect(await t.db.select().from(customerSessions).where(eq(customerSessions.customerId, id))).toEqual([]);
  const objections = await t.db.select().from(marketingObjections).where(eq(marketingObjections.customerId, id));
  // Marketing stops: no ground covers it, so every purpose is objected to.
  expect(objections.length).toBeGreaterThan(0);
  expect(objections.every((o) => o.objected)).toBe(true);
  expect((await customerRow(id))?.www).toBeNull();
}

describe("a partial erasure", () => {
  it("with an open invoice erases phone, web address, IP numbers, sign-ins and marketing; keeps name, billing and orders; records, audits and mails it", async () => {
    const c = await createCustomer(t.db, { invoiceInCollection: true, orders: 2 });
    await t.db.update(invoices).set({ inCollection: false }).where(eq(invoices.customerId, c.id));
    const { cookie, requestId } = await activeCustomer(c);

    // Before: the customer sees what would be kept, per ground and until when, and what would be erased.
    const before = await t.portal.request("/api/portal/erasure/assessment", { headers: { cookie } });
    expect(await before.json()).toMatchObject({
      scope: {
        complete: false,
        kept: [
          { ground: "openInvoice", categories: ["name", "billing", "orders"], until: null },
          { ground: "bookkeeping", categories: ["orders"] },
        ],
        erased: ["organisation", "email", "postalAddress", "phone", "www", "ipAddress"],
      },
      partial: null,
    });

    const since = await t.lastAuditSeq();
    const mailsBefore = t.sent.length;
    const res = await post(`/api/staff/operations/erasure/${requestId}/execute`, {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { anonymised: boolean; partial: { id: string } | null; request: unknown };
    expect(body).toMatchObject({
      anonymised: false,
      partial: { kept: [{ ground: "openInvoice" }, { ground: "bookkeeping" }] },
      request: { state: "completed", decision: { outcome: "completed" } },
    });

    const after = await customerRow(c.id);
    expect(after).toMatchObject({
      firstName: c.firstName,
      lastName: c.lastName,
      phone: null,
      www: null,
      email: null,
      street: null,
      anonymisedAt: null,
    });
    await expectUncoveredGone(c.id);
    expect(await t.db.select().from(billingDetails).where(eq(billingDetails.customerId, c.id))).toHaveLength(1);
    expect(await t.db.select().from(orders).where(eq(orders.customerId, c.id))).toHaveLength(2);

    const [row] = await t.db.select().from(partialErasures).where(eq(partialErasures.customerId, c.id));
    expect(row).toMatchObject({ requestId, remainderErasedAt: null });
    expect(JSON.parse(row?.erased ?? "[]")).toContain("phone");

    const entries = await t.auditSince(since);
    const entry = entries.find((e) => e.action === "customer.partially_erased");
    expect(entry).toMatchObject({ customerId: c.id, actorId: "staff-agent" });
    // Ids, categories and grounds only: nothing of the person on the trail.
    for (const secret of [c.firstName, c.lastName, c.email, "198.51.100.77"])
      expect(entry?.detail).not.toContain(secret);
    expect(entries.map((e) => e.action)).not.toContain("customer.anonymised");

    // In writing, to the address read before it was erased, with the ground, the kept and the complaint route.
    const mail = t.sent.slice(mailsBefore).find((m) => m.to === c.email);
    expect(mail?.text).toContain("Avoin lasku");
    expect(mail?.text).toContain("Tietosuojavaltuutetun toimisto");
    expect(mail?.text).toContain("https://tietosuoja.fi");

    // After: the customer's own view says what was kept (the record remains, though it can no longer be signed in to
    // by this address; staff read it the same way).
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });

    // The remainder: held while the invoice is open, erased by the retention run's call once it is paid.
    expect((await eraseDueRemainders(t, { now: t.now(), actor: { type: "system" } })).erased).not.toContain(c.id);
    expect((await customerRow(c.id))?.anonymisedAt).toBeNull();
    await t.db.update(invoices).set({ status: "paid", paidAt: "2026-11-20" }).where(eq(invoices.customerId, c.id));
    const since2 = await t.lastAuditSeq();
    expect((await eraseDueRemainders(t, { now: t.now(), actor: { type: "system" } })).erased).toEqual([c.id]);
    expect(await customerRow(c.id)).toMatchObject({ firstName: "", lastName: "", anonymisedAt: expect.any(Number) });
    expect(await t.db.select().from(billingDetails).where(eq(billingDetails.customerId, c.id))).toEqual([]);
    const [closed] = await t.db.select().from(partialErasures).where(eq(partialErasures.customerId, c.id));
    expect(closed?.remainderErasedAt).toEqual(expect.any(Number));
    expect((await t.auditSince(since2)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["customer.anonymised", "customer.remainder_erased"]),
    );
    // Once only.
    expect((await eraseDueRemainders(t, { now: t.now(), actor: { type: "system" } })).erased).toEqual([]);
  });

  it("for an active contact person keeps name, organisation, work e-mail and phone, and erases the rest", async () => {
    const c = await createCustomer(t.db, { contactPerson: true, orders: 1 });
    const { requestId } = await activeCustomer(c);
    const phone = (await customerRow(c.id))?.phone;
    const res = await post(`/api/staff/operations/erasure/${requestId}/execute`, {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      anonymised: false,
      partial: { kept: [{ ground: "activeContactPerson", until: null }, { ground: "bookkeeping" }] },
    });
    expect(await customerRow(c.id)).toMatchObject({
      firstName: c.firstName,
      email: c.email,
      phone,
      street: null,
      postalCode: null,
      anonymisedAt: null,
    });
    await expectUncoveredGone(c.id);
    expect(await t.db.select().from(organisationRoles).where(eq(organisationRoles.customerId, c.id))).toHaveLength(1);
    // No personal ground keeps the orders: they stay for bookkeeping, cut loose from the person, as do billing details.
    expect(await t.db.select().from(orders).where(eq(orders.customerId, c.id))).toEqual([]);
    expect(await t.db.select().from(billingDetails).where(eq(billingDetails.customerId, c.id))).toEqual([]);
  });

  it("under a legal hold naming the phone keeps only the phone; staff erase the rest the day the hold is cleared", async () => {
    const c = await createCustomer(t.db, { orders: 1 });
    const hold = await post(
      `/api/staff/records/${c.id}/holds`,
      { reason: "Riita-asia käräjäoikeudessa", keeps: ["phone"] },
      admin,
    );
    expect(hold.status).toBe(201);
    const { holdId } = (await hold.json()) as { holdId: string };
    expect((await t.db.select().from(legalHolds).where(eq(legalHolds.id, holdId)).get())?.keeps).toBe('["phone"]');
    const { requestId } = await activeCustomer(c);
    const phone = (await customerRow(c.id))?.phone;

    const res = await post(`/api/staff/operations/erasure/${requestId}/execute`, {});
    expect(res.status).toBe(200);
    expect(await customerRow(c.id)).toMatchObject({
      firstName: "",
      lastName: "",
      email: null,
      phone,
      anonymisedAt: null,
    });
    await expectUncoveredGone(c.id);

    // The desk task: refused while the hold applies, changing nothing; due and done the day it is cleared.
    const held = await post(`/api/staff/operations/erasure/remainder/${c.id}`, {});
    expect(held.status).toBe(409);
    expect(await held.json()).toMatchObject({ error: { code: "erasure_remainder_held" } });
    const preview = await t.staff.request(`/api/staff/operations/erasure/${requestId}/preview`, {
      headers: { cookie: agent },
    });
    expect(await preview.json()).toMatchObject({ remainder: { due: false } });
    const cleared = await post(`/api/staff/records/${c.id}/holds/${holdId}/clear`, { reason: "Asia ratkaistu" }, admin);
    expect(cleared.status).toBe(200);
    const due = await t.staff.request(`/api/staff/operations/erasure/${requestId}/preview`, {
      headers: { cookie: agent },
    });
    expect(await due.json()).toMatchObject({ remainder: { due: true } });
    const done = await post(`/api/staff/operations/erasure/remainder/${c.id}`, {});
    expect(done.status).toBe(200);
    expect(await customerRow(c.id)).toMatchObject({ phone: null, anonymisedAt: expect.any(Number) });
    expect(
      await t.db
        .select()
        .from(partialErasures)
        .where(and(eq(partialErasures.customerId, c.id), isNull(partialErasures.remainderErasedAt))),
    ).toEqual([]);
  });

  it("refuses a hold naming an unknown category, changing nothing", async () => {
    const c = await createCustomer(t.db);
    const res = await post(`/api/staff/records/${c.id}/holds`, { reason: "Riita-asia", keeps: ["shoeSize"] }, admin);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "hold_keeps_invalid" } });
    expect(await t.db.select().from(legalHolds).where(eq(legalHolds.customerId, c.id))).toEqual([]);
  });
});
