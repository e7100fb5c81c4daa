import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, outbox } from "../../db/schema.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";
import { purgeExpired } from "../purge.ts";
import { createOutbox, type OutboxEntry } from "./outbox.ts";

/*
 * What the outbox keeps of a message: its body only until it is delivered, dead, expired (a code mail) or its
 * customer erased; after that ids and times, never content.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** Rows written by a process that stops before delivering them: they stay pending with their bodies. */
async function parked(...entries: OutboxEntry[]): Promise<string[]> {
  const writer = createOutbox({
    db: t.db,
    now: t.now,
    maxAttempts: 3,
    handlers: { mail: async () => ({ ok: true }), webhook: async () => ({ ok: true }) },
  });
  await writer.stop();
  const ids: string[] = [];
  for (const entry of entries) ids.push(await t.db.transaction((tx) => writer.enqueue(tx, entry)));
  return ids;
}

const rowOf = async (id: string) => {
  const row = await t.db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
};

/** Every outbox row with every column as text, to search for a value anywhere in the table. */
async function outboxText(): Promise<string> {
  const rows = await t.db.rows<Record<string, unknown>>(sql`SELECT * FROM outbox`);
  return JSON.stringify(rows);
}

const mail = (to: string, text: string, customerId: string, topic = "request_received"): OutboxEntry => ({
  kind: "mail",
  topic,
  body: { to, subject: "Hei", text },
  customerId,
});

describe("bodies in the outbox", () => {
  it("keeps no sign-in code or link anywhere in the outbox once the code mail is delivered", async () => {
    const email = "yhteyshenkilo@example.com";
    const res = await t.postPortal("/api/portal/auth/request-code", { email });
    expect(res.status).toBe(202);
    await t.outbox.idle();
    const code = t.lastCodeFor(email);
    const link = t.lastLinkFor(email);
    const row = await t.db.select().from(outbox).where(eq(outbox.topic, "sign_in_code")).get();
    expect(row).toMatchObject({ status: "delivered", body: null, customerId: "c0000002" });
    const everything = await outboxText();
    // The code as mailed ("1234 5678") and as typed, and the link's secret.
    expect(everything).not.toContain(code);
    expect(everything).not.toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(everything).not.toContain(link);
  });

  it("drops an undelivered code mail's body when the code expires (the purge counts it)", async () => {
    const at = t.now();
    const [expired, live, plain] = await parked(
      { ...mail("a@example.com", "Koodisi 1234 5678", "c0000003", "sign_in_code"), bodyExpiresAt: at + 600_000 },
      { ...mail("b@example.com", "Koodisi 8765 4321", "c0000004", "sign_in_code"), bodyExpiresAt: at + 1_200_000 },
      mail("c@example.com", "Pyyntösi on vastaanotettu", "c0000004"),
    );
    t.advance(600_000);
    const seq = await t.lastAuditSeq();
    const counts = await purgeExpired(t.db, { now: t.now(), sessionPolicy: t.env.sessionPolicy });
    expect(counts.outboxBodies).toBe(1);
    expect(await rowOf(expired ?? "")).toMatchObject({
      status: "dead",
      body: null,
      lastError: "expired",
      deadAt: t.now(),
    });
    expect((await rowOf(live ?? "")).body).toContain("8765 4321");
    expect(await rowOf(plain ?? "")).toMatchObject({ status: "pending" });
    expect((await rowOf(plain ?? "")).body).not.toBeNull();
    const purged = (await t.auditSince(seq)).find((e) => e.action === "maintenance.purged");
    expect(JSON.parse(purged?.detail ?? "{}")).toMatchObject({ outboxBodies: 1 });
    expect(await outboxText()).not.toContain("1234 5678");

    // The dispatcher does the same on its own passes, without waiting for the purge.
    t.advance(600_000);
    await t.outbox.deliverDue();
    expect(await rowOf(live ?? "")).toMatchObject({ status: "dead", body: null, lastError: "expired" });
  });

  it("an erasure drops the customer's bodies, sent or not, and the unsent never go; the confirmation still goes", async () => {
    const id = "c0000105";
    const email = (await t.db.select().from(customers).where(eq(customers.id, id)).get())?.email ?? "";
    expect(email).not.toBe("");
    const cookie = await t.signInCustomer(email);
    const created = await t.postPortal("/api/portal/requests", { type: "erasure", text: "Poistakaa tietoni." }, cookie);
    expect(created.status).toBe(201);
    const requestId = ((await created.json()) as { request: { id: string } }).request.id;
    await t.outbox.idle();
    // Two messages about the person still waiting (one already failed once), and one about someone else.
    const [pending, failing, other] = await parked(
      mail(email, "Hei Poistettava, tässä tietosi", id),
      mail(email, "Hei Poistettava, muistutus", id),
      mail("demo@example.com", "Hei Aino", "c0000001"),
    );
    await t.db
      .update(outbox)
      .set({ status: "failing", attempts: 1, lastError: "ECONNREFUSED" })
      .where(eq(outbox.id, failing ?? ""));

    const agent = await t.signInStaff("agent", "agent-demo-pass");
    const sentBefore = t.sent.length;
    const seq = await t.lastAuditSeq();
    const res = await t.postStaff(`/api/staff/operations/erasure/${requestId}/execute`, {}, agent);
    expect(res.status).toBe(200);
    await t.outbox.idle();

    for (const rowId of [pending, failing])
      expect(await rowOf(rowId ?? "")).toMatchObject({ status: "dead", body: null, lastError: "erased" });
    const theirs = await t.db.select().from(outbox).where(eq(outbox.customerId, id)).all();
    expect(theirs.length).toBeGreaterThanOrEqual(4);
    expect(theirs.every((r) => r.body === null)).toBe(true);
    expect(theirs.filter((r) => r.status === "pending" || r.status === "failing")).toEqual([]);
    // Someone else's mail is untouched.
    expect(await rowOf(other ?? "")).toMatchObject({ status: "pending" });

    // The confirmation was queued after the bodies went, so it was not caught; delivered, it keeps no body either.
    const confirmation = t.sent.slice(sentBefore);
    expect(confirmation.map((m) => m.to)).toEqual([email]);
    const confirmationRow = await t.db.select().from(outbox).where(eq(outbox.topic, "erasure_completed")).get();
    expect(confirmationRow).toMatchObject({ status: "delivered", body: null, customerId: null, requestId });
    expect(await outboxText()).not.toContain(email);
    expect(await outboxText()).not.toContain("Poistettava");

    // Counted: the two that still had a body (the delivered ones had none left to drop).
    const anonymised = (await t.auditSince(seq)).find((e) => e.action === "customer.anonymised");
    expect(JSON.parse(anonymised?.detail ?? "{}")).toMatchObject({ removed: { outbox: 2 } });
  });
});
