import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { verifyAuditChain } from "./audit.ts";

/*
 * "Staff who opened your data" is every staff read of the customer's data: their record opened, their name among
 * search results, their address on a mailing list. The portal page and the download show the same list.
 */

let t: TestContext;
let customer: string;
let agent: string;
const AINO = "c0000001";

beforeAll(async () => {
  t = await createTestContext();
  customer = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
  agent = await t.signInStaff("agent", "agent-demo-pass");
});
afterAll(() => t.close());

const staffGet = (url: string, cookie = agent) => t.staff.request(url, { headers: { cookie } });
const pageViews = async () => {
  const res = await t.portal.request("/api/portal/my-data/staff-views", { headers: { cookie: customer } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { views: { action: string; staffRole: string; why: { fi: string; en: string } }[] })
    .views;
};
const downloadViews = async () => {
  const res = await t.portal.request("/api/portal/export/json", { headers: { cookie: customer } });
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { customer: { staffViews: unknown[] } };
  return doc.customer.staffViews;
};

describe("staff who opened your data", () => {
  it("starts empty for a customer nobody on the staff has read", async () => {
    expect(await pageViews()).toEqual([]);
  });

  it("lists a search that named the customer, the record opened, and a mailing list that held them", async () => {
    // A search that does not name Aino is not a read of her data.
    expect((await staffGet("/api/staff/customers?q=Perintä")).status).toBe(200);
    expect(await pageViews()).toEqual([]);

    expect((await staffGet("/api/staff/customers?q=Asiakas")).status).toBe(200);
    expect((await staffGet(`/api/staff/customers/${AINO}`)).status).toBe(200);
    const admin = await t.signInAdmin();
    const list = await staffGet("/api/staff/operations/mailing-list?purpose=directAdvertising", admin);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(DEMO_CUSTOMER_EMAIL);

    const views = await pageViews();
    expect(views.map((v) => [v.action, v.staffRole])).toEqual([
      ["mailing_list.exported", "admin"],
      ["customer.record.viewed", "agent"],
      ["customer.search", "agent"],
    ]);
    for (const v of views) expect(v.why.fi.length && v.why.en.length).toBeGreaterThan(0);
  });

  it("shows the download the very same list", async () => {
    expect(await downloadViews()).toEqual(await pageViews());
  });

  it("keeps the customers a read concerns provable: the chain fails when one is added afterwards", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    const search = await t.db.row<{ seq: number }>(
      sql`SELECT seq FROM audit_log WHERE action = 'customer.search' ORDER BY seq DESC LIMIT 1`,
    );
    // Someone with the database file claims Matti was among the results too.
    await t.db.exec(sql`INSERT INTO audit_subjects (customer_id, seq) VALUES ('c0000002', ${search?.seq})`);
    expect(await verifyAuditChain(t.db)).toEqual(expect.objectContaining({ ok: false, firstBrokenSeq: search?.seq }));
  });
});
