import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, orders } from "../../db/schema.ts";
import { createCustomer } from "../../db/test-fixtures.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
beforeAll(async () => {
  // Issue 14 B: a company whose financial year ends on 30 June.
  t = await createTestContext({ FINANCIAL_YEAR_END: "06-30" });
});
afterAll(() => t.close());

describe("what erasure keeps, with a financial year that is not the calendar year", () => {
  it("counts the bookkeeping period shown to the customer from FINANCIAL_YEAR_END", async () => {
    const c = await createCustomer(t.db, { orders: 1 });
    // September 2026 belongs to the period ending 30.6.2027: kept until 31.12.2033, not 2032.
    await t.db
      .update(orders)
      .set({ orderedAt: Date.UTC(2026, 8, 15, 9) })
      .where(inArray(orders.orderNumber, c.orderNumbers));
    await t.db
      .update(invoices)
      .set({ issuedAt: "2026-09-15", dueAt: "2026-09-29", paidAt: "2026-09-20" })
      .where(inArray(invoices.invoiceNumber, c.invoiceNumbers));
    const cookie = await t.signInCustomer(c.email);
    const res = await t.portal.request("/api/portal/erasure/assessment", { headers: { cookie } });
    const { assessment } = (await res.json()) as { assessment: { kept: { what: string; until: string | null }[] } };
    expect(assessment.kept).toContainEqual({ what: "bookkeeping", until: "2033-12-31" });
  });
});
