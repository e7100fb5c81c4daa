import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { auditSubjects, customers, externalIds, fieldChanges, inboundIssues } from "../../db/schema.ts";
import { registerConnectedSystem } from "../../services/connected-systems.ts";
import type { IngestRun } from "../../services/ingest/contract.ts";
import { ingestRows } from "../../services/ingest/ingest.ts";
import { createTestContext } from "../../test/test-context.ts";

const t = await createTestContext();
afterAll(() => t.close());
const { db } = t;
const agent = await t.signInStaff("agent", "agent-demo-pass");
const n = () => randomInt(1_000_000, 2 ** 40);

async function newSystem(): Promise<IngestRun> {
  const name = `CRM ${n()}`;
  const system = await db.transaction((tx) =>
    registerConnectedSystem(tx, { name, party: { kind: "source", id: "partnerDigital" } }, { type: "system" }, t.now()),
  );
  return {
    system: { id: system.id, name },
    channel: "import",
    actor: { type: "system" },
    importId: null,
    receivedAt: t.now(),
    suppressionKey: t.env.suppressionKey,
  };
}

/** A customer whose phone they changed themselves after the system's value: the next older import conflicts. */
async function conflict() {
  const run = await newSystem();
  const ext = `c-${n()}`;
  const email = `aino.${ext}@example.com`;
  const [created] = await ingestRows(
    t.deps,
    run,
    [
      {
        index: 1,
        key: { externalId: ext },
        record: {
          first_name: "Aino",
          last_name: "Ristiriita",
          email,
          phone: "+358401111111",
          updated_at: "2026-01-01T00:00:00Z",
        },
      },
    ],
    t.now(),
  );
  const id = created?.customerId as string;
  await db.update(customers).set({ phone: "+358402222222" }).where(eq(customers.id, id));
  await db.insert(fieldChanges).values({
    customerId: id,
    field: "phone",
    oldValue: "+358401111111",
    newValue: "+358402222222",
    at: Date.parse("2026-01-10T00:00:00Z"),
    actorType: "customer",
    actorId: id,
  });
  await ingestRows(
    t.deps,
    run,
    [{ index: 5, key: { externalId: ext }, record: { phone: "+358403333333", updated_at: "2026-01-05T00:00:00Z" } }],
    t.now(),
  );
  const issue = await db
    .select()
    .from(inboundIssues)
    .where(and(eq(inboundIssues.customerId, id), eq(inboundIssues.kind, "conflict")))
    .get();
  return { run, id, email, issueId: issue?.id as number };
}

const list = (cookie = agent, query = "") =>
  t.staff.request(`/api/staff/inbound-issues${query}`, { headers: { cookie } });
const resolve = (id: number | string, resolution: string, cookie = agent) =>
  t.postStaff(`/api/staff/inbound-issues/${id}/resolve`, { resolution }, cookie);

describe("the inbox of incoming data", () => {
  it("lists a conflict with both values, the system and the customer, audited as a read of that customer", async () => {
    const c = await conflict();
    const before = await t.lastAuditSeq();
    const res = await list();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { issues: Record<string, unknown>[] };
    const shown = body.issues.find((i) => i.id === c.issueId);
    expect(shown).toMatchObject({
      kind: "conflict",
      systemName: c.run.system.name,
      customerName: "Aino Ristiriita",
      field: "phone",
      incomingValue: "+358403333333",
      currentValue: "+358402222222",
      currentBy: "customer",
      incomingAt: "2026-01-05T00:00:00.000Z",
    });
    const [entry] = await t.auditSince(before);
    expect(entry?.action).toBe("inbound_issues.viewed");
    const subjects = await db
      .select()
      .from(auditSubjects)
      .where(eq(auditSubjects.seq, entry?.seq as number));
    expect(subjects.map((s) => s.customerId)).toContain(c.id);
  });

  it("keeps the current value, once", async () => {
    const c = await conflict();
    const before = await t.lastAuditSeq();
    expect((await resolve(c.issueId, "keep")).status).toBe(200);
    expect((await db.select().from(customers).where(eq(customers.id, c.id)).get())?.phone).toBe("+358402222222");
    const [entry] = await t.auditSince(before);
    expect(entry).toMatchObject({ action: "inbound_issue.resolved", customerId: c.id, actorType: "staff" });
    expect((await resolve(c.issueId, "keep")).status).toBe(409);
    const body = (await (await list()).json()) as { issues: { id: number }[] };
    expect(body.issues.some((i) => i.id === c.issueId)).toBe(false);
  });

  it("applies the incoming value with history naming the system", async () => {
    const c = await conflict();
    expect((await resolve(c.issueId, "apply")).status).toBe(200);
    expect((await db.select().from(customers).where(eq(customers.id, c.id)).get())?.phone).toBe("+358403333333");
    const history = await db
      .select()
      .from(fieldChanges)
      .where(and(eq(fieldChanges.customerId, c.id), eq(fieldChanges.sourceSystemId, c.run.system.id)));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.actorType])).toContainEqual([
      "phone",
      "+358402222222",
      "+358403333333",
      "staff",
    ]);
  });

  it("refuses a resolution that does not fit the kind, and unknown or malformed ids", async () => {
    const c = await conflict();
    const wrong = await resolve(c.issueId, "link");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: "inbound_issue_resolution_invalid" } });
    expect((await resolve(999_999_999, "keep")).status).toBe(404);
    expect((await resolve("abc", "keep")).status).toBe(400);
    expect((await resolve(c.issueId, "merge")).status).toBe(400);
  });

  it("links a possible duplicate: the system's id now names the existing customer", async () => {
    const crm = await newSystem();
    const shop = await newSystem();
    const email = `dup${n()}@example.com`;
    const [first] = await ingestRows(
      t.deps,
      crm,
      [{ index: 1, key: { externalId: `c-${n()}` }, record: { first_name: "Dup", last_name: "Licate", email } }],
      t.now(),
    );
    const shopId = `s-${n()}`;
    await ingestRows(
      t.deps,
      shop,
      [{ index: 1, key: { externalId: shopId }, record: { first_name: "Dup", last_name: "Licate", email } }],
      t.now(),
    );
    const issue = await db
      .select()
      .from(inboundIssues)
      .where(and(eq(inboundIssues.systemId, shop.system.id), eq(inboundIssues.kind, "duplicate")))
      .get();
    const body = (await (await list()).json()) as { issues: { id: number; systems: string[] }[] };
    expect(body.issues.find((i) => i.id === issue?.id)?.systems).toEqual([crm.system.name]);
    expect((await resolve(issue?.id as number, "link")).status).toBe(200);
    expect(
      await db
        .select()
        .from(externalIds)
        .where(and(eq(externalIds.systemId, shop.system.id), eq(externalIds.externalId, shopId))),
    ).toEqual([expect.objectContaining({ localId: first?.customerId })]);
  });

  it("is for staff who may change customers' data", async () => {
    expect((await list("")).status).toBe(401);
    const customer = await t.signInCustomer("asiakas@example.com");
    expect((await list(customer)).status).toBe(401);
  });
});

describe("applying a kept e-mail address", () => {
  it("is refused when the address belongs to another customer by now", async () => {
    const c = await conflict();
    const other = `taken${n()}@example.com`;
    // A conflict on the e-mail: the customer changed it after the system's value.
    const [issue] = await db
      .insert(inboundIssues)
      .values({
        systemId: c.run.system.id,
        channel: "import",
        kind: "conflict",
        customerId: c.id,
        field: "email",
        incomingValue: other,
        detail: JSON.stringify({ value: { email: other }, current: c.email }),
        createdAt: t.now(),
      })
      .returning();
    await db.update(customers).set({ email: other }).where(eq(customers.id, "c0000002"));
    expect((await resolve(issue?.id as number, "apply")).status).toBe(409);
    expect((await db.select().from(customers).where(eq(customers.id, c.id)).get())?.email).toBe(c.email);
  });
});
