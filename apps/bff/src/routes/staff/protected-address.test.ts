import { customerRecordSchema } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import { customers } from "../../db/schema.ts";
import { type CreatedCustomer, createCustomer } from "../../db/test-fixtures.ts";
import { sessionCookieName } from "../../http/session-cookie.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

/* Issue 12 F: a protected address (non-disclosure) is the customer's to see; staff see it for a stated reason. */

let t: TestContext;
let agent: string;
let protectedOne: CreatedCustomer;
const street = "Salainen polku 7";
beforeAll(async () => {
  t = await createTestContext();
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create("staff-agent", t.now(), { ip: null, userAgent: null });
  agent = `${sessionCookieName(t.env, "staff")}=${token}`;
  protectedOne = await createCustomer(t.db, { lastName: "Turvattu" });
  await t.db
    .update(customers)
    .set({ street, postalCode: "33100", city: "Tampere", country: "FI", addressProtected: true })
    .where(eq(customers.id, protectedOne.id));
});
afterAll(() => t.close());

const getStaff = (url: string) => t.staff.request(url, { headers: { cookie: agent } });
const reveal = (id: string, body: unknown) =>
  t.staff.request(`/api/staff/customers/${id}/protected-address`, {
    method: "POST",
    headers: { origin: STAFF_ORIGIN, cookie: agent, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("protected address", () => {
  it("is shown to the customer themself", async () => {
    const cookie = await t.signInCustomer(protectedOne.email);
    const record = customerRecordSchema.parse(
      await (await t.portal.request("/api/portal/my-data", { headers: { cookie } })).json(),
    );
    expect(record.profile).toMatchObject({ addressProtected: true, postalAddress: { street, city: "Tampere" } });
  });

  it("is withheld from the staff record view, which says it is protected", async () => {
    const res = await getStaff(`/api/staff/customers/${protectedOne.id}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(street);
    expect(customerRecordSchema.parse(JSON.parse(text)).profile).toMatchObject({
      addressProtected: true,
      postalAddress: null,
    });
  });

  it("needs a reason from the list, and changes and records nothing without one", async () => {
    const since = await t.lastAuditSeq();
    for (const body of [{}, { reason: "" }, { reason: "curious" }, { reason: "customerContact", extra: 1 }]) {
      const res = await reveal(protectedOne.id, body);
      expect(res.status).toBe(400);
      expect(await res.text()).not.toContain(street);
    }
    expect(await t.auditSince(since)).toEqual([]);
  });

  it("is revealed for a reason, audited with it, and the customer sees the read", async () => {
    const since = await t.lastAuditSeq();
    const res = await reveal(protectedOne.id, { reason: "deliveryOrInvoice" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      postalAddress: { street, postalCode: "33100", city: "Tampere", country: "FI" },
    });
    const entries = await t.auditSince(since);
    expect(entries).toEqual([
      expect.objectContaining({
        action: "customer.protected_address.viewed",
        customerId: protectedOne.id,
        actorId: "staff-agent",
        detail: JSON.stringify({ reason: "deliveryOrInvoice" }),
      }),
    ]);
    const cookie = await t.signInCustomer(protectedOne.email);
    const views = (await (
      await t.portal.request("/api/portal/my-data/staff-views", { headers: { cookie } })
    ).json()) as { views: { action: string }[] };
    expect(views.views.map((v) => v.action)).toContain("customer.protected_address.viewed");
  });

  it("refuses an address that is not protected, and an unknown customer", async () => {
    const plain = await createCustomer(t.db);
    const res = await reveal(plain.id, { reason: "customerContact" });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "address_not_protected" } });
    expect((await reveal("c9999999", { reason: "customerContact" })).status).toBe(404);
  });

  it("is never put on a mailing list", async () => {
    const csv = await (await getStaff("/api/staff/operations/mailing-list?purpose=directAdvertising")).text();
    expect(csv).not.toContain(protectedOne.email);
    expect(csv).not.toContain(street);
    const summary = (await (
      await getStaff("/api/staff/operations/mailing-list/summary?purpose=directAdvertising")
    ).json()) as { excluded: { addressProtected: number } };
    expect(summary.excluded.addressProtected).toBe(1);
  });
});
