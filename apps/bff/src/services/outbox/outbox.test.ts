import { outboxRetryPolicy } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { outbox as outboxTable } from "../../db/schema.ts";
import { createTestContext } from "../../test/test-context.ts";
import { createOutbox, type Delivery, type DeliveryOutcome, type OutboxEntry } from "./outbox.ts";

/*
 * The dispatcher on a real SQLite file: each test builds outboxes of its own over the context's database, with a
 * clock it moves and handlers that answer as told, so what is checked is the outbox's bookkeeping, not a transport.
 */

const t = await createTestContext();
afterAll(() => t.close());

let clock = Date.UTC(2026, 11, 2, 8, 0, 0);
const now = () => clock;
const LEASE_MS = 60_000;

/** A handler that records every try and answers with the next scripted outcome (then success). */
function scripted(...outcomes: DeliveryOutcome[]) {
  const tries: Delivery[] = [];
  const handler = async (delivery: Delivery): Promise<DeliveryOutcome> => {
    tries.push(delivery);
    return outcomes.shift() ?? { ok: true };
  };
  return { tries, handler };
}

function outboxWith(handler: (d: Delivery) => Promise<DeliveryOutcome>, maxAttempts = 3) {
  return createOutbox({
    db: t.db,
    now,
    maxAttempts,
    leaseMs: LEASE_MS,
    random: () => 0,
    handlers: { mail: handler, webhook: handler },
  });
}

const entry: OutboxEntry = { kind: "mail", topic: "request_received", body: { to: "a@example.com", text: "hei" } };

async function enqueueOn(box: ReturnType<typeof createOutbox>, e: OutboxEntry = entry) {
  return t.db.transaction((tx) => box.enqueue(tx, e));
}

async function row(id: string) {
  const r = await t.db.select().from(outboxTable).where(eq(outboxTable.id, id)).get();
  if (!r) throw new Error(`no outbox row ${id}`);
  return r;
}

beforeEach(async () => {
  // Each test sees only its own rows (a row left failing by one would be due in the next).
  await t.db.delete(outboxTable);
  clock += 24 * 60 * 60_000;
});

describe("the outbox dispatcher", () => {
  it("delivers a row once right after its transaction commits and drops the body", async () => {
    const { tries, handler } = scripted();
    const box = outboxWith(handler);
    const id = await enqueueOn(box);
    await box.idle();
    expect(tries.map((d) => d.id)).toEqual([id]);
    expect(tries[0]?.body).toEqual(entry.body);
    const r = await row(id);
    expect(r).toMatchObject({ status: "delivered", body: null, attempts: 1, deliveredAt: clock, lastError: null });
    // A later pass, even long after, does not send it again.
    clock += 7 * 24 * 60 * 60_000;
    expect(await box.deliverDue()).toBe(0);
    expect(tries).toHaveLength(1);
  });

  it("hands nothing over when the transaction rolls back", async () => {
    const { tries, handler } = scripted();
    const box = outboxWith(handler);
    let id = "";
    await expect(
      t.db.transaction(async (tx) => {
        id = await box.enqueue(tx, entry);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await box.idle();
    expect(tries).toHaveLength(0);
    expect(await t.db.select().from(outboxTable).where(eq(outboxTable.id, id)).get()).toBeUndefined();
  });

  it("retries a temporary failure after its backoff with the same id, keeping the body until then", async () => {
    const { tries, handler } = scripted({ ok: false, permanent: false, reason: "smtp 451 EENVELOPE" });
    const box = outboxWith(handler);
    const id = await enqueueOn(box);
    await box.idle();
    const failing = await row(id);
    expect(failing).toMatchObject({ status: "failing", attempts: 1, lastError: "smtp 451 EENVELOPE" });
    expect(failing.body).not.toBeNull();
    expect(failing.nextAttemptAt).toBe(clock + outboxRetryPolicy.firstDelayMs);

    // Not before the backoff ran out.
    clock += outboxRetryPolicy.firstDelayMs - 1;
    expect(await box.deliverDue()).toBe(0);
    clock += 1;
    expect(await box.deliverDue()).toBe(1);
    expect(tries.map((d) => d.id)).toEqual([id, id]);
    expect(await row(id)).toMatchObject({ status: "delivered", body: null, attempts: 2, lastError: null });
  });

  it("is dead after the last allowed try, with the reason kept and no body", async () => {
    const fail = { ok: false as const, permanent: false, reason: "ECONNREFUSED" };
    const { tries, handler } = scripted(fail, fail, fail, fail);
    const box = outboxWith(handler, 3);
    const id = await enqueueOn(box);
    await box.idle();
    for (let i = 0; i < 5; i++) {
      clock += outboxRetryPolicy.maxDelayMs;
      await box.deliverDue();
    }
    expect(tries).toHaveLength(3);
    expect(await row(id)).toMatchObject({
      status: "dead",
      body: null,
      attempts: 3,
      lastError: "ECONNREFUSED",
      deadAt: expect.any(Number),
    });
  });

  it("is dead at once on a permanent failure", async () => {
    const { tries, handler } = scripted({ ok: false, permanent: true, reason: "smtp 550 EENVELOPE" });
    const box = outboxWith(handler, 12);
    const id = await enqueueOn(box);
    await box.idle();
    expect(await row(id)).toMatchObject({ status: "dead", body: null, attempts: 1, lastError: "smtp 550 EENVELOPE" });
    clock += outboxRetryPolicy.maxDelayMs;
    expect(await box.deliverDue()).toBe(0);
    expect(tries).toHaveLength(1);
  });

  it("counts a handler that throws as a temporary failure", async () => {
    let calls = 0;
    const box = outboxWith(async () => {
      calls += 1;
      if (calls === 1) throw new Error("socket hang up");
      return { ok: true };
    });
    const id = await enqueueOn(box);
    await box.idle();
    expect(await row(id)).toMatchObject({ status: "failing", lastError: "socket hang up" });
    clock += outboxRetryPolicy.firstDelayMs;
    await box.deliverDue();
    expect(await row(id)).toMatchObject({ status: "delivered" });
  });

  it("never sends a code mail after the code expired, and drops its body", async () => {
    const { tries, handler } = scripted({ ok: false, permanent: false, reason: "ECONNREFUSED" });
    const box = outboxWith(handler);
    const id = await enqueueOn(box, { ...entry, topic: "sign_in_code", bodyExpiresAt: clock + 10 * 60_000 });
    await box.idle();
    clock += 10 * 60_000;
    await box.deliverDue();
    expect(tries).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "dead", body: null, lastError: "expired" });
  });

  it("retries a row whose try was lost in a crash, with the same id, once its lease ran out", async () => {
    // The first process takes the row after commit and never records a result: it "crashed" mid-try.
    let release: (() => void) | undefined;
    const hung = createOutbox({
      db: t.db,
      now,
      maxAttempts: 3,
      leaseMs: LEASE_MS,
      handlers: {
        mail: () =>
          new Promise<DeliveryOutcome>((resolve) => {
            release = () => resolve({ ok: false, permanent: false, reason: "cut off" });
          }),
        webhook: async () => ({ ok: true }),
      },
    });
    const id = await enqueueOn(hung);
    await new Promise((resolve) => setImmediate(resolve));
    expect(release).toBeDefined();
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 0 });

    // The restarted process: nothing while the lease holds, then the same row, the same id.
    const { tries, handler } = scripted();
    const restarted = outboxWith(handler);
    expect(await restarted.deliverDue()).toBe(0);
    clock += LEASE_MS;
    expect(await restarted.deliverDue()).toBe(1);
    expect(tries.map((d) => d.id)).toEqual([id]);
    expect(tries[0]?.body).toEqual(entry.body);
    expect(await row(id)).toMatchObject({ status: "delivered", attempts: 1 });

    // The crashed try's late answer (a failure) does not undo the delivery.
    release?.();
    await hung.idle();
    expect(await row(id)).toMatchObject({ status: "delivered", body: null });
  });

  it("records a slow try's failure only while it still holds the lease", async () => {
    let release: (() => void) | undefined;
    const slow = createOutbox({
      db: t.db,
      now,
      maxAttempts: 3,
      leaseMs: LEASE_MS,
      handlers: {
        mail: () =>
          new Promise<DeliveryOutcome>((resolve) => {
            release = () => resolve({ ok: false, permanent: true, reason: "smtp 550" });
          }),
        webhook: async () => ({ ok: true }),
      },
    });
    const id = await enqueueOn(slow);
    await new Promise((resolve) => setImmediate(resolve));
    // Another process takes the row after the lease ran out and fails it temporarily.
    const other = outboxWith(scripted({ ok: false, permanent: false, reason: "ECONNREFUSED" }).handler);
    clock += LEASE_MS;
    await other.deliverDue();
    expect(await row(id)).toMatchObject({ status: "failing", lastError: "ECONNREFUSED" });
    // The slow try's permanent failure must not kill a row another process now answers for.
    release?.();
    await slow.idle();
    expect(await row(id)).toMatchObject({ status: "failing", lastError: "ECONNREFUSED" });
    expect((await row(id)).body).not.toBeNull();
  });

  it("delivers a row once when two instances on one database race for it (the lease is taken by compare-and-set)", async () => {
    // Written by a process that stops before delivering it (stopped: no try after commit).
    const writer = outboxWith(scripted().handler);
    await writer.stop();
    const ids = [await enqueueOn(writer), await enqueueOn(writer), await enqueueOn(writer)];
    clock += LEASE_MS;
    const a = scripted();
    const b = scripted();
    const boxA = outboxWith(a.handler);
    const boxB = outboxWith(b.handler);
    const [triedA, triedB] = await Promise.all([boxA.deliverDue(), boxB.deliverDue()]);
    expect(triedA + triedB).toBe(3);
    const delivered = [...a.tries, ...b.tries].map((d) => d.id).sort();
    expect(delivered).toEqual([...ids].sort());
    for (const id of ids) expect(await row(id)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("runs the delivered hook once, in the transaction that marks the row delivered", async () => {
    const hooked: string[] = [];
    const { handler } = scripted();
    const box = createOutbox({
      db: t.db,
      now,
      maxAttempts: 3,
      leaseMs: LEASE_MS,
      handlers: { mail: handler, webhook: handler },
      delivered: {
        webhook: async (tx, delivery) => {
          const r = await tx.select().from(outboxTable).where(eq(outboxTable.id, delivery.id)).get();
          hooked.push(`${delivery.id}:${r?.status}`);
        },
      },
    });
    const id = await enqueueOn(box, { kind: "webhook", topic: "customer.updated", body: { type: "x" } });
    await box.idle();
    expect(hooked).toEqual([`${id}:delivered`]);
  });

  it("never sends a row an erasure made dead, though its lease ran out", async () => {
    const writer = outboxWith(scripted().handler);
    await writer.stop();
    const id = await enqueueOn(writer);
    clock += LEASE_MS;
    await t.db
      .update(outboxTable)
      .set({ status: "dead", body: null, lastError: "erased", deadAt: clock })
      .where(eq(outboxTable.id, id));
    const { tries, handler } = scripted();
    expect(await outboxWith(handler).deliverDue()).toBe(0);
    expect(tries).toHaveLength(0);
  });

  it("the loop picks up rows after start and stops cleanly", async () => {
    const writer = outboxWith(scripted().handler);
    await writer.stop();
    const id = await enqueueOn(writer);
    clock += LEASE_MS;
    const { tries, handler } = scripted();
    const box = outboxWith(handler);
    box.start(10);
    for (let i = 0; i < 100 && tries.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await box.stop();
    expect(tries.map((d) => d.id)).toEqual([id]);
    expect(await row(id)).toMatchObject({ status: "delivered" });
  });
});
