import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  auditLog,
  auditSubjects,
  customers,
  datumSources,
  erasedEmails,
  externalIds,
  fieldChanges,
  inboundIssues,
  invoices,
  marketingEvents,
  marketingObjections,
  orderLines,
  orders,
  organisationRoles,
  organisations,
  restrictions,
} from "../../db/schema.ts";
import { createCustomer } from "../../db/test-fixtures.ts";
import { createTestContext } from "../../test/test-context.ts";
import { anonymiseCustomer } from "../anonymise.ts";
import { registerConnectedSystem } from "../connected-systems.ts";
import { addSuppression } from "../suppression.ts";
import type { InboundRow, IngestRun } from "./contract.ts";
import { ingestRows } from "./ingest.ts";

const t = await createTestContext();
const { db } = t;
const DAY = 86_400_000;

const n = () => randomInt(1_000_000, 2 ** 40);
const businessId = () => {
  // A valid Finnish business id: seven digits and the modulus-11 check digit (remainder 1 is never issued).
  for (;;) {
    const digits = String(randomInt(1_000_000, 9_999_999));
    const w = [7, 9, 10, 5, 8, 4, 2];
    const r = [...digits].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0) % 11;
    if (r !== 1) return `${digits}-${r === 0 ? 0 : 11 - r}`;
  }
};

async function newSystem(channel: IngestRun["channel"] = "import"): Promise<IngestRun> {
  const name = `CRM ${n()}`;
  const system = await db.transaction((tx) =>
    registerConnectedSystem(tx, { name, party: { kind: "source", id: "partnerDigital" } }, { type: "system" }, t.now()),
  );
  return {
    system: { id: system.id, name },
    channel,
    actor: { type: "system" },
    importId: null,
    receivedAt: t.now(),
    suppressionKey: t.env.suppressionKey,
  };
}

const person = (externalId: string, extra: Record<string, unknown> = {}): InboundRow => ({
  index: 1,
  key: { externalId },
  record: { first_name: "Aino", last_name: "Import", email: `aino.${externalId}@example.com`, ...extra },
});

const customerRow = (id: string) => db.select().from(customers).where(eq(customers.id, id)).get();

describe("ingestRows: new customers", () => {
  it("creates a customer with the system's id, its sources and its first time, audited once", async () => {
    const run = await newSystem();
    const ext = `c-${n()}`;
    const before = await t.lastAuditSeq();
    const [r] = await ingestRows(
      t.deps,
      run,
      [
        person(ext, {
          phone: "+358401234567",
          street: "Katu 1",
          postal_code: "00100",
          city: "Helsinki",
          updated_at: "2026-01-02T10:00:00Z",
        }),
      ],
      t.now(),
    );
    expect(r).toMatchObject({ outcome: "new", conflicts: [], code: null });
    const id = r?.customerId as string;
    const c = await customerRow(id);
    expect(c).toMatchObject({
      firstName: "Aino",
      phone: "+358401234567",
      country: "FI",
      dataAsOf: Date.parse("2026-01-02T10:00:00Z"),
      relationshipStart: "2026-01-02",
    });
    expect(
      await db
        .select()
        .from(externalIds)
        .where(and(eq(externalIds.systemId, run.system.id), eq(externalIds.externalId, ext))),
    ).toEqual([expect.objectContaining({ kind: "customer", localId: id })]);
    const sources = await db.select().from(datumSources).where(eq(datumSources.customerId, id));
    expect(sources.map((s) => s.category).sort()).toEqual(["email", "name", "phone", "postalAddress"]);
    expect(sources.every((s) => s.systemId === run.system.id && s.source === "partnerDigital")).toBe(true);
    expect(sources[0]?.detail).toBe(run.system.name);

    const entries = await t.auditSince(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "import.batch_applied", actorType: "system" });
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toMatchObject({ systemId: run.system.id, counts: { new: 1 } });
    const subjects = await db
      .select()
      .from(auditSubjects)
      .where(eq(auditSubjects.seq, entries[0]?.seq as number));
    expect(subjects.map((s) => s.customerId)).toEqual([id]);
  });

  it("refuses a new customer without names, and an unknown register id", async () => {
    const run = await newSystem();
    const results = await ingestRows(
      t.deps,
      run,
      [
        { index: 2, key: { externalId: `c-${n()}` }, record: { email: `x${n()}@example.com` } },
        { index: 3, key: { customerId: "nosuchcustomer" }, record: { first_name: "X" } },
      ],
      t.now(),
    );
    expect(results.map((r) => [r.index, r.outcome, r.code])).toEqual([
      [2, "refused", "new_customer_needs_name"],
      [3, "refused", "not_found"],
    ]);
    const issues = await db.select().from(inboundIssues).where(eq(inboundIssues.systemId, run.system.id));
    expect(issues.map((i) => [i.kind, i.code, i.line])).toEqual([
      ["refused", "new_customer_needs_name", 2],
      ["refused", "not_found", 3],
    ]);
  });

  it("brings orders with lines and invoices in the register's words", async () => {
    const run = await newSystem();
    const no = n();
    const [r] = await ingestRows(
      t.deps,
      run,
      [
        person(`c-${no}`, {
          orders: [
            {
              external_id: `o-${no}`,
              order_number: `ON-${no}`,
              ordered_at: "2026-01-01T10:00:00Z",
              status: "delivered",
              total_cents: 1000,
              currency: "EUR",
              lines: [{ line_no: 1, product: "Tuote", quantity: 2, unit_price_cents: 500 }],
            },
          ],
          invoices: [
            {
              external_id: `i-${no}`,
              invoice_number: `IN-${no}`,
              order_external_id: `o-${no}`,
              issued_on: "2026-01-01",
              due_on: "2026-01-15",
              amount_cents: 1000,
              currency: "EUR",
              status: "in_collection",
              collection_agency: "Perintä Oy",
            },
          ],
        }),
      ],
      t.now(),
    );
    const id = r?.customerId as string;
    const order = await db.select().from(orders).where(eq(orders.customerId, id)).get();
    expect(order).toMatchObject({ orderNumber: `ON-${no}`, status: "delivered", totalCents: 1000 });
    expect(
      await db
        .select()
        .from(orderLines)
        .where(eq(orderLines.orderId, order?.id as string)),
    ).toHaveLength(1);
    const invoice = await db.select().from(invoices).where(eq(invoices.customerId, id)).get();
    expect(invoice).toMatchObject({
      status: "open",
      inCollection: true,
      collectionAgency: "Perintä Oy",
      orderId: order?.id,
    });
    const sources = await db.select().from(datumSources).where(eq(datumSources.customerId, id));
    expect(sources.map((s) => s.category)).toContain("orders");
  });
});

describe("ingestRows: the conflict rule", () => {
  it("sets what a record carries, leaves omitted fields and clears with null; history names the system", async () => {
    const run = await newSystem();
    const ext = `c-${n()}`;
    const [created] = await ingestRows(
      t.deps,
      run,
      [person(ext, { phone: "+358401111111", www: "https://example.com", updated_at: "2026-01-01T00:00:00Z" })],
      t.now(),
    );
    const id = created?.customerId as string;
    const [r] = await ingestRows(
      t.deps,
      run,
      [
        {
          index: 1,
          key: { externalId: ext },
          record: { phone: null, first_name: "Aina", updated_at: "2026-01-05T00:00:00Z" },
        },
      ],
      t.now(),
    );
    expect(r).toMatchObject({ outcome: "changed", customerId: id });
    expect(await customerRow(id)).toMatchObject({ phone: null, firstName: "Aina", www: "https://example.com" });
    const history = await db.select().from(fieldChanges).where(eq(fieldChanges.customerId, id));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue]).sort()).toEqual([
      ["firstName", "Aino", "Aina"],
      ["phone", "+358401111111", null],
    ]);
    expect(history[0]).toMatchObject({
      sourceSystemId: run.system.id,
      sourceAt: Date.parse("2026-01-05T00:00:00Z"),
      actorType: "system",
    });

    const [again] = await ingestRows(
      t.deps,
      run,
      [
        {
          index: 1,
          key: { externalId: ext },
          record: { phone: null, first_name: "Aina", updated_at: "2026-01-05T00:00:00Z" },
        },
      ],
      t.now(),
    );
    expect(again?.outcome).toBe("unchanged");
  });

  it("keeps a change the customer made after the incoming value and reports the conflict", async () => {
    const run = await newSystem();
    const ext = `c-${n()}`;
    const [created] = await ingestRows(
      t.deps,
      run,
      [person(ext, { phone: "+358401111111", updated_at: "2026-01-01T00:00:00Z" })],
      t.now(),
    );
    const id = created?.customerId as string;
    // The customer corrects their phone on 10 January (as the portal records it).
    const at = Date.parse("2026-01-10T00:00:00Z");
    await db.update(customers).set({ phone: "+358402222222" }).where(eq(customers.id, id));
    await db.insert(fieldChanges).values({
      customerId: id,
      field: "phone",
      oldValue: "+358401111111",
      newValue: "+358402222222",
      at,
      actorType: "customer",
      actorId: id,
    });
    const [r] = await ingestRows(
      t.deps,
      run,
      [
        {
          index: 7,
          key: { externalId: ext },
          record: { phone: "+358403333333", last_name: "Uusi", updated_at: "2026-01-05T00:00:00Z" },
        },
      ],
      t.now(),
    );
    expect(r).toMatchObject({
      outcome: "conflict",
      conflicts: [{ field: "phone", currentAt: at, currentBy: "customer" }],
    });
    expect(await customerRow(id)).toMatchObject({ phone: "+358402222222", lastName: "Uusi" });
    const issue = await db
      .select()
      .from(inboundIssues)
      .where(and(eq(inboundIssues.customerId, id), eq(inboundIssues.kind, "conflict")))
      .get();
    expect(issue).toMatchObject({
      field: "phone",
      incomingValue: "+358403333333",
      incomingAt: Date.parse("2026-01-05T00:00:00Z"),
      currentAt: at,
      currentBy: "customer",
      line: 7,
      externalId: ext,
    });

    // A value newer than the customer's change wins.
    const [later] = await ingestRows(
      t.deps,
      run,
      [{ index: 1, key: { externalId: ext }, record: { phone: "+358403333333", updated_at: "2026-01-11T00:00:00Z" } }],
      t.now(),
    );
    expect(later?.outcome).toBe("changed");
    expect((await customerRow(id))?.phone).toBe("+358403333333");
  });

  it("changes nothing of a customer whose processing is restricted (Art. 18), and says why", async () => {
    const run = await newSystem();
    const ext = `c-${n()}`;
    const [created] = await ingestRows(t.deps, run, [person(ext, { phone: "+358401111111" })], t.now());
    const id = created?.customerId as string;
    await db
      .insert(restrictions)
      .values({ id: `r${n()}`, customerId: id, ground: "accuracyContested", appliedAt: t.now() });
    const [r] = await ingestRows(t.deps, run, [person(ext, { phone: "+358409999999" })], t.now() + 1000);
    expect(r).toMatchObject({ outcome: "refused", code: "customer_restricted" });
    expect((await customerRow(id))?.phone).toBe("+358401111111");
  });

  it("skips a value older than another system's change as stale, without a conflict", async () => {
    const run = await newSystem();
    const other = await newSystem();
    const ext = `c-${n()}`;
    const [created] = await ingestRows(t.deps, run, [person(ext, { updated_at: "2026-01-01T00:00:00Z" })], t.now());
    const id = created?.customerId as string;
    await db.insert(externalIds).values({
      systemId: other.system.id,
      kind: "customer",
      externalId: ext,
      localId: id,
      createdAt: t.now(),
    });
    await ingestRows(
      t.deps,
      other,
      [
        {
          index: 1,
          key: { externalId: ext },
          record: {
            city: null,
            street: null,
            postal_code: null,
            last_name: "Uusin",
            updated_at: "2026-02-01T00:00:00Z",
          },
        },
      ],
      t.now(),
    );
    const [r] = await ingestRows(
      t.deps,
      run,
      [{ index: 1, key: { externalId: ext }, record: { last_name: "Vanha", updated_at: "2026-01-15T00:00:00Z" } }],
      t.now(),
    );
    expect(r).toMatchObject({ outcome: "unchanged", conflicts: [] });
    expect((await customerRow(id))?.lastName).toBe("Uusin");
  });

  it("applies a value newer than a stored customer's creation and refuses an older one silently", async () => {
    const run = await newSystem();
    const c = await createCustomer(db);
    const stored = await customerRow(c.id);
    const [older] = await ingestRows(
      t.deps,
      { ...run, channel: "updateService" },
      [
        {
          index: 1,
          key: { customerId: c.id },
          record: { last_name: "Vanha", updated_at: new Date((stored?.createdAt ?? 0) - DAY).toISOString() },
        },
      ],
      t.now(),
    );
    expect(older?.outcome).toBe("unchanged");
    const [newer] = await ingestRows(
      t.deps,
      { ...run, channel: "updateService" },
      [{ index: 1, key: { customerId: c.id }, record: { last_name: "Uusi", addressProtected: true } }],
      t.now() + DAY,
    );
    expect(newer?.outcome).toBe("changed");
    expect(await customerRow(c.id)).toMatchObject({ lastName: "Uusi", addressProtected: true });
  });
});

describe("ingestRows: duplicates and erased customers", () => {
  it("holds back a row whose e-mail belongs to a customer known under another system", async () => {
    const crm = await newSystem();
    const shop = await newSystem();
    const email = `dup${n()}@example.com`;
    const [first] = await ingestRows(t.deps, crm, [person(`c-${n()}`, { email })], t.now());
    const [r] = await ingestRows(t.deps, shop, [person(`s-${n()}`, { email: email.toUpperCase() })], t.now());
    expect(r).toMatchObject({ outcome: "duplicate", customerId: null, code: "possible_duplicate" });
    const issue = await db
      .select()
      .from(inboundIssues)
      .where(and(eq(inboundIssues.systemId, shop.system.id), eq(inboundIssues.kind, "duplicate")))
      .get();
    expect(issue?.customerId).toBe(first?.customerId);
    expect(JSON.parse(issue?.detail ?? "{}").systems).toEqual([crm.system.name]);
    expect(await db.$count(customers, eq(customers.email, email))).toBe(1);
  });

  it("refuses an erased customer's address, unless a new relationship started after the erasure", async () => {
    const run = await newSystem();
    const c = await createCustomer(db, { orders: 0 });
    await db
      .insert(marketingObjections)
      .values({ customerId: c.id, purpose: "directAdvertising", objected: true, updatedAt: t.now() });
    await db.transaction((tx) =>
      anonymiseCustomer(tx, c.id, {
        now: t.now(),
        actor: { type: "system" },
        reason: "erasure",
        suppressionKey: t.env.suppressionKey,
      }),
    );
    expect(await db.$count(erasedEmails)).toBeGreaterThan(0);
    const [r] = await ingestRows(
      t.deps,
      run,
      [person(`c-${n()}`, { email: c.email, relationship_start: "2020-01-01" })],
      t.now(),
    );
    expect(r).toMatchObject({ outcome: "erased", code: "erased_customer", params: { erasedOn: "2026-11-25" } });

    const [back] = await ingestRows(
      t.deps,
      run,
      [person(`c-${n()}`, { email: c.email, relationship_start: "2026-11-26" })],
      t.now() + 2 * DAY,
    );
    expect(back?.outcome).toBe("new");
    // The suppression list's lasting objection applies at once, on every purpose, with the import as its channel.
    const objections = await db
      .select()
      .from(marketingObjections)
      .where(eq(marketingObjections.customerId, back?.customerId as string));
    expect(objections.length).toBe(7);
    expect(objections.every((o) => o.objected)).toBe(true);
    const events = await db
      .select()
      .from(marketingEvents)
      .where(eq(marketingEvents.customerId, back?.customerId as string));
    expect(events.every((e) => e.channel === "import" && e.systemId === run.system.id)).toBe(true);
  });

  it("erasure forgets the customer's external ids and desk rows", async () => {
    const run = await newSystem();
    const ext = `c-${n()}`;
    const [created] = await ingestRows(t.deps, run, [person(ext)], t.now());
    const id = created?.customerId as string;
    await db.insert(inboundIssues).values({
      systemId: run.system.id,
      channel: "import",
      kind: "conflict",
      customerId: id,
      field: "phone",
      createdAt: t.now(),
    });
    await db.transaction((tx) =>
      anonymiseCustomer(tx, id, {
        now: t.now(),
        actor: { type: "system" },
        reason: "erasure",
        suppressionKey: t.env.suppressionKey,
      }),
    );
    expect(await db.$count(externalIds, eq(externalIds.localId, id))).toBe(0);
    expect(await db.$count(inboundIssues, eq(inboundIssues.customerId, id))).toBe(0);
  });

  it("applies the suppression list to a new customer whose address is on it", async () => {
    const run = await newSystem();
    const email = `supp${n()}@example.com`;
    await db.transaction((tx) => addSuppression(tx, t.env.suppressionKey, email, t.now()));
    const [r] = await ingestRows(t.deps, { ...run, channel: "api" }, [person(`c-${n()}`, { email })], t.now());
    const events = await db
      .select()
      .from(marketingEvents)
      .where(eq(marketingEvents.customerId, r?.customerId as string));
    expect(events).toHaveLength(7);
    expect(events.every((e) => e.channel === "api")).toBe(true);
  });
});

describe("ingestRows: organisations, orders, invoices, objections", () => {
  it("never renames an organisation others share; a changed role ends the old one", async () => {
    const run = await newSystem();
    const bid = businessId();
    const orgName = `Yhtiö ${n()} Oy`;
    const org = {
      organisation: orgName,
      organisation_id: bid,
      organisation_role: "contact_person" as const,
      role_start: "2025-01-01",
    };
    const [a] = await ingestRows(t.deps, run, [person(`a-${n()}`, org)], t.now());
    const extB = `b-${n()}`;
    const [b] = await ingestRows(t.deps, run, [person(extB, org)], t.now());
    const roleA = await db
      .select()
      .from(organisationRoles)
      .where(eq(organisationRoles.customerId, a?.customerId as string))
      .get();
    const roleB = await db
      .select()
      .from(organisationRoles)
      .where(eq(organisationRoles.customerId, b?.customerId as string))
      .get();
    expect(roleA?.organisationId).toBe(roleB?.organisationId);
    expect(roleA?.role).toBe("contactPerson");

    // B's record now names the organisation differently: no rename; the same organisation by business id.
    await ingestRows(
      t.deps,
      run,
      [
        {
          index: 1,
          key: { externalId: extB },
          record: { ...org, organisation: "Uusi Nimi Oy", role_end: "2026-06-30" },
        },
      ],
      t.now() + DAY,
    );
    expect(
      (
        await db
          .select()
          .from(organisations)
          .where(eq(organisations.id, roleA?.organisationId as string))
          .get()
      )?.name,
    ).toBe(orgName);
    // B moves to another organisation: the old role ends (kept), a new one starts.
    await ingestRows(
      t.deps,
      run,
      [
        {
          index: 1,
          key: { externalId: extB },
          record: {
            organisation: `Toinen ${n()} Oy`,
            organisation_id: null,
            organisation_role: "representative",
            role_start: "2026-01-01",
          },
        },
      ],
      t.now() + 2 * DAY,
    );
    const rolesB = await db
      .select()
      .from(organisationRoles)
      .where(eq(organisationRoles.customerId, b?.customerId as string));
    expect(rolesB).toHaveLength(2);
    expect(rolesB.find((r) => r.id === roleB?.id)?.endDate).not.toBeNull();
    // null ends the current role, without deleting it.
    await ingestRows(
      t.deps,
      run,
      [
        {
          index: 1,
          key: { externalId: extB },
          record: { organisation: null, organisation_role: null, role_start: null },
        },
      ],
      t.now() + 3 * DAY,
    );
    const after = await db
      .select()
      .from(organisationRoles)
      .where(eq(organisationRoles.customerId, b?.customerId as string));
    expect(after).toHaveLength(2);
    expect(after.every((r) => r.endDate !== null)).toBe(true);
    // A's role is untouched.
    expect(
      (
        await db
          .select()
          .from(organisationRoles)
          .where(eq(organisationRoles.id, roleA?.id as string))
          .get()
      )?.endDate,
    ).toBeNull();
  });

  it("changes an invoice's status only on a newer report, and refuses another customer's order number", async () => {
    const run = await newSystem();
    const no = n();
    const ext = `c-${no}`;
    const invoice = {
      external_id: `i-${no}`,
      invoice_number: `IN-${no}`,
      issued_on: "2026-01-01",
      due_on: "2026-01-15",
      amount_cents: 1000,
      currency: "EUR",
      status: "open" as const,
      status_changed_at: "2026-01-01T00:00:00Z",
    };
    const [created] = await ingestRows(t.deps, run, [person(ext, { invoices: [invoice] })], t.now());
    const id = created?.customerId as string;
    const paid = {
      ...invoice,
      status: "paid" as const,
      paid_on: "2026-01-10",
      status_changed_at: "2026-01-10T00:00:00Z",
    };
    const [r1] = await ingestRows(
      t.deps,
      run,
      [{ index: 1, key: { externalId: ext }, record: { invoices: [paid] } }],
      t.now(),
    );
    expect(r1?.outcome).toBe("changed");
    const stale = { ...invoice, status: "written_off" as const, status_changed_at: "2026-01-05T00:00:00Z" };
    const [r2] = await ingestRows(
      t.deps,
      run,
      [{ index: 1, key: { externalId: ext }, record: { invoices: [stale] } }],
      t.now(),
    );
    expect(r2?.outcome).toBe("unchanged");
    expect(await db.select().from(invoices).where(eq(invoices.customerId, id)).get()).toMatchObject({
      status: "paid",
      paidAt: "2026-01-10",
    });

    const other = await createCustomer(db, { orders: 1 });
    const [clash] = await ingestRows(
      t.deps,
      run,
      [
        {
          index: 4,
          key: { externalId: ext },
          record: {
            orders: [
              {
                external_id: `o-${n()}`,
                order_number: other.orderNumbers[0] as string,
                ordered_at: "2026-01-01T00:00:00Z",
                status: "received",
                total_cents: 1,
                currency: "EUR",
                lines: [],
              },
            ],
          },
        },
      ],
      t.now(),
    );
    expect(clash).toMatchObject({ outcome: "refused", code: "order_number_taken" });
  });

  it("adds objections only: one already held is unchanged, none is ever withdrawn", async () => {
    const run = await newSystem();
    const ext = `c-${n()}`;
    const [created] = await ingestRows(
      t.deps,
      run,
      [person(ext, { objections: [{ purpose: "directAdvertising", date: "2026-01-01" }] })],
      t.now(),
    );
    const id = created?.customerId as string;
    const [same] = await ingestRows(
      t.deps,
      run,
      [
        {
          index: 1,
          key: { externalId: ext },
          record: { objections: [{ purpose: "directAdvertising", date: "2026-01-01" }] },
        },
      ],
      t.now(),
    );
    expect(same?.outcome).toBe("unchanged");
    const [more] = await ingestRows(
      t.deps,
      run,
      [
        {
          index: 1,
          key: { externalId: ext },
          record: { objections: [{ purpose: "marketResearch", date: "2026-01-02" }] },
        },
      ],
      t.now(),
    );
    expect(more?.outcome).toBe("changed");
    const held = await db.select().from(marketingObjections).where(eq(marketingObjections.customerId, id));
    expect(held.map((o) => o.purpose).sort()).toEqual(["directAdvertising", "marketResearch"]);
    expect(await db.$count(marketingEvents, eq(marketingEvents.customerId, id))).toBe(2);
  });
});

describe("ingestRows: runs", () => {
  it("a dry run decides every row and changes nothing, not even the trail", async () => {
    const run = await newSystem();
    const before = await t.lastAuditSeq();
    const ext = `c-${n()}`;
    const results = await ingestRows(t.deps, run, [person(ext), { ...person(ext), index: 2 }], t.now(), {
      dryRun: true,
    });
    expect(results.map((r) => r.outcome)).toEqual(["new", "unchanged"]);
    expect(await db.$count(externalIds, eq(externalIds.externalId, ext))).toBe(0);
    expect(await db.$count(inboundIssues, eq(inboundIssues.systemId, run.system.id))).toBe(0);
    expect(await t.lastAuditSeq()).toBe(before);
  });

  it("an API call is audited as the client's integration call", async () => {
    const run = await newSystem("api");
    const before = await t.lastAuditSeq();
    await ingestRows(t.deps, { ...run, actor: { type: "client", id: "client-1" } }, [person(`c-${n()}`)], t.now());
    const [entry] = await t.auditSince(before);
    expect(entry).toMatchObject({ action: "integration.called", actorType: "client", actorId: "client-1" });
    expect(await db.$count(auditLog)).toBeGreaterThan(0);
  });
});
