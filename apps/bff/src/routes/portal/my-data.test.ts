import { customerRecordSchema } from "@tietoni/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("GET /api/portal/my-data", () => {
  it("requires a customer session", async () => {
    const res = await t.portal.request("/api/portal/my-data");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("shows the signed-in customer everything held on them", async () => {
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const res = await t.portal.request("/api/portal/my-data", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const record = customerRecordSchema.parse(await res.json());
    expect(record.profile.email).toBe(DEMO_CUSTOMER_EMAIL);
    expect(record.orders.length).toBeGreaterThanOrEqual(3);
    expect(record.orders.every((o) => o.lines.length > 0)).toBe(true);
    expect(record.invoices.map((i) => i.status).sort()).toContain("open");
    expect(record.invoices.map((i) => i.status)).toContain("paid");
    // The sign-in itself adds to the IP history shown (when the address is known); the seeded history is there.
    expect(record.ipAddresses.length).toBeGreaterThanOrEqual(3);
    expect(record.sources.map((s) => s.category)).toEqual(expect.arrayContaining(["name", "email", "orders"]));
  });

  it("never shows another customer's data, whatever the request says", async () => {
    const aino = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const matti = await t.signInCustomer("yhteyshenkilo@example.com");
    const ainoRecord = customerRecordSchema.parse(
      await (await t.portal.request("/api/portal/my-data?id=c0000002", { headers: { cookie: aino } })).json(),
    );
    const mattiRecord = customerRecordSchema.parse(
      await (await t.portal.request("/api/portal/my-data", { headers: { cookie: matti } })).json(),
    );
    expect(ainoRecord.profile.email).toBe(DEMO_CUSTOMER_EMAIL);
    expect(mattiRecord.profile.email).toBe("yhteyshenkilo@example.com");
    expect(JSON.stringify(ainoRecord)).not.toContain("yhteyshenkilo@example.com");
    expect(mattiRecord.organisationRoles).toEqual([expect.objectContaining({ role: "contactPerson", endDate: null })]);
  });

  it("refuses a customer cookie on every staff route", async () => {
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const token = cookie.split("=")[1] ?? "";
    for (const sent of [cookie, `tietoni-staff=${token}`]) {
      for (const url of [
        "/api/staff/auth/session",
        "/api/staff/customers?q=asiakas",
        "/api/staff/customers/c0000001",
      ]) {
        const res = await t.staff.request(url, { headers: { cookie: sent } });
        expect(res.status).toBe(401);
      }
    }
  });
});
