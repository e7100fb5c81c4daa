import { assessErasure, customerRecordSchema, exportDocumentSchema, helsinkiDate } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedSystems, customers, datumSources, invoices, legalHolds, organisationRoles } from "../db/schema.ts";
import { createCustomer } from "../db/test-fixtures.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { gatherErasureFacts } from "./erasure-facts.ts";

/* Issue 12 F: the lifecycle rule as the register applies it (erasure facts, "My data", the download). */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const today = () => helsinkiDate(t.now());
const blockersOf = async (id: string) =>
  assessErasure(await t.db.read((r) => gatherErasureFacts(r, id, today()))).blockers.map((b) => b.ground);

describe("erasure facts (issue 12)", () => {
  it("a contact-person role with a future end still blocks; one that ended does not", async () => {
    const c = await createCustomer(t.db, { contactPerson: true });
    await t.db.update(organisationRoles).set({ endDate: "2027-01-31" }).where(eq(organisationRoles.customerId, c.id));
    expect(await blockersOf(c.id)).toEqual(["activeContactPerson"]);
    await t.db.update(organisationRoles).set({ endDate: "2026-11-24" }).where(eq(organisationRoles.customerId, c.id));
    expect(await blockersOf(c.id)).toEqual([]);
    // Its last day is still within the role.
    await t.db.update(organisationRoles).set({ endDate: today() }).where(eq(organisationRoles.customerId, c.id));
    expect(await blockersOf(c.id)).toEqual(["activeContactPerson"]);
  });

  it("a legal hold past its last day does not block; one until a later day does", async () => {
    const c = await createCustomer(t.db);
    await t.db.insert(legalHolds).values({
      id: `h-${c.id}`,
      customerId: c.id,
      reason: "Dispute settled",
      endsOn: "2026-11-24",
      setAt: 0,
      setByType: "staff",
    });
    expect(await blockersOf(c.id)).toEqual([]);
    await t.db.update(legalHolds).set({ endsOn: "2026-12-31" }).where(eq(legalHolds.customerId, c.id));
    expect(await blockersOf(c.id)).toEqual(["legalHold"]);
    // The day comes from the caller: the same hold no longer applies on 1.1.2027.
    const later = assessErasure(await t.db.read((r) => gatherErasureFacts(r, c.id, "2027-01-01")));
    expect(later.blockers).toEqual([]);
  });

  it("a written-off invoice does not block; an open one in collection is debt collection", async () => {
    const c = await createCustomer(t.db, { invoiceInCollection: true });
    expect(await blockersOf(c.id)).toEqual(["debtCollection"]);
    await t.db
      .update(invoices)
      .set({ status: "written_off", inCollection: false, writtenOffOn: "2026-11-20" })
      .where(eq(invoices.invoiceNumber, c.invoiceNumbers[0] ?? ""));
    expect(await blockersOf(c.id)).toEqual([]);
  });
});

describe("My data and the download show the lifecycle (issue 12)", () => {
  async function customerFromWebShop() {
    const c = await createCustomer(t.db, { orders: 1 });
    const systemId = `sys-${c.id}`;
    await t.db.insert(connectedSystems).values({
      id: systemId,
      name: `Verkkokauppa ${c.id}`,
      noticePartyKind: "source",
      noticePartyId: "registration",
      createdAt: 0,
    });
    await t.db.insert(datumSources).values({
      customerId: c.id,
      category: "orders",
      source: "registration",
      notedAt: Date.UTC(2026, 10, 3, 12),
      systemId,
    });
    return { ...c, systemName: `Verkkokauppa ${c.id}` };
  }

  it("names the system a datum came from, dates the erasure and explains why", async () => {
    const c = await customerFromWebShop();
    await t.db.update(customers).set({ relationshipEnd: "2026-06-30" }).where(eq(customers.id, c.id));
    const cookie = await t.signInCustomer(c.email);
    const record = customerRecordSchema.parse(
      await (await t.portal.request("/api/portal/my-data", { headers: { cookie } })).json(),
    );
    expect(record.sources).toContainEqual(
      expect.objectContaining({ category: "orders", systemName: c.systemName, notedAt: "2026-11-03T12:00:00.000Z" }),
    );
    expect(record.erasureSchedule).toEqual({
      relationshipEnd: { kind: "recorded", endsOn: "2026-06-30" },
      erasureDueOn: "2036-06-30",
      relationshipEndsAfterMonths: 24,
    });

    const res = await t.portal.request("/api/portal/export/json", { headers: { cookie } });
    expect(res.status).toBe(200);
    const doc = exportDocumentSchema.parse(await res.json());
    expect(doc.customer.sources).toContainEqual(expect.objectContaining({ systemName: c.systemName }));
    expect(doc.customer.erasureSchedule.erasureDueOn).toBe("2036-06-30");
    expect(doc.register.retention.relationshipEndsAfterMonths).toBe(24);

    // The printable document says the same.
    const html = await (await t.portal.request("/api/portal/export/html?lang=en", { headers: { cookie } })).text();
    expect(html).toContain(c.systemName);
    expect(html).toContain("30 Jun 2036");
    expect(html).toContain("10 years after the customer relationship ended on 30 Jun 2026.");
  });

  it("says the relationship continues while an invoice is open, and shows the agency and the write-off date", async () => {
    const c = await createCustomer(t.db, { orders: 2, invoiceInCollection: true });
    await t.db
      .update(invoices)
      .set({ collectionAgency: "Perintä Oy" })
      .where(eq(invoices.invoiceNumber, c.invoiceNumbers[0] ?? ""));
    await t.db
      .update(invoices)
      .set({ status: "written_off", paidAt: null, writtenOffOn: "2026-10-01" })
      .where(eq(invoices.invoiceNumber, c.invoiceNumbers[1] ?? ""));
    const cookie = await t.signInCustomer(c.email);
    const record = customerRecordSchema.parse(
      await (await t.portal.request("/api/portal/my-data", { headers: { cookie } })).json(),
    );
    expect(record.erasureSchedule).toMatchObject({
      relationshipEnd: { kind: "continues", because: "openInvoice" },
      erasureDueOn: null,
    });
    const byNumber = new Map(record.invoices.map((i) => [i.invoiceNumber, i]));
    expect(byNumber.get(c.invoiceNumbers[0] ?? "")).toMatchObject({
      inCollection: true,
      collectionAgency: "Perintä Oy",
    });
    expect(byNumber.get(c.invoiceNumbers[1] ?? "")).toMatchObject({
      status: "written_off",
      writtenOffOn: "2026-10-01",
    });
  });

  it("derives the end from the last activity when none is recorded", async () => {
    const c = await createCustomer(t.db, { endedLongAgo: true });
    await t.db.update(customers).set({ relationshipEnd: null }).where(eq(customers.id, c.id));
    const cookie = await t.signInCustomer(c.email);
    const record = customerRecordSchema.parse(
      await (await t.portal.request("/api/portal/my-data", { headers: { cookie } })).json(),
    );
    // Last payment 10.11.2014 (after the last order 3.11.2014) + 24 months.
    expect(record.erasureSchedule).toEqual({
      relationshipEnd: { kind: "derived", endsOn: "2016-11-10", after: "payment", activityOn: "2014-11-10" },
      erasureDueOn: "2026-11-10",
      relationshipEndsAfterMonths: 24,
    });
  });
});
