import { and, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, jobRuns, legalHolds, orderLines, orders, requestEvents, requests } from "../db/schema.ts";
import { createCustomer, findCustomer, restrictCustomer } from "../db/test-fixtures.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { purgeBookkeeping } from "./bookkeeping-purge.ts";
import { findRetentionDue, runRetention } from "./retention.ts";
import { listRetentionRuns, retentionScheduleTick, runRetentionJob, startRetentionSchedule } from "./retention-job.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const system = { type: "system" } as const;
/** The context's clock is 25.11.2026 12:00 in Helsinki. */
const today = "2026-11-25";

/** Cuts a customer's orders and invoices loose from the person, as anonymisation leaves them. */
async function cutLoose(customerId: string) {
  await t.db.update(invoices).set({ customerId: null }).where(eq(invoices.customerId, customerId));
  await t.db.update(orders).set({ customerId: null }).where(eq(orders.customerId, customerId));
}
const ordersByNumber = (numbers: readonly string[]) =>
  t.db
    .select({ id: orders.id })
    .from(orders)
    .where(inArray(orders.orderNumber, [...numbers]));
const invoicesByNumber = (numbers: readonly string[]) =>
  t.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(inArray(invoices.invoiceNumber, [...numbers]));
const linesOf = async (orderIds: string[]) =>
  orderIds.length === 0 ? [] : t.db.select().from(orderLines).where(inArray(orderLines.orderId, orderIds));

describe("the bookkeeping purge (issue 14 B, item 2)", () => {
  it("deletes orders, their lines and invoices no longer tied to a person once their period passed, keeps the rest, and audits the counts", async () => {
    // Whatever the seed left is purged first, so the counts below are this test's rows only.
    await t.db.transaction((tx) => purgeBookkeeping(tx, { now: t.now(), financialYearEnd: "12-31", actor: system }));
    const old = await createCustomer(t.db, { endedLongAgo: true }); // vouchers of November 2014
    const linked = await createCustomer(t.db, { endedLongAgo: true }); // the same, but still the customer's
    const recent = await createCustomer(t.db); // vouchers of this year
    // Synthetic orders of an active customer may go back years: this one's are all of this year.
    await t.db
      .update(orders)
      .set({ orderedAt: Date.UTC(2026, 5, 1, 9) })
      .where(inArray(orders.orderNumber, recent.orderNumbers));
    await t.db
      .update(invoices)
      .set({ issuedAt: "2026-06-02", dueAt: "2026-06-16", paidAt: "2026-06-10" })
      .where(inArray(invoices.invoiceNumber, recent.invoiceNumbers));
    await cutLoose(old.id);
    await cutLoose(recent.id);
    const oldOrderIds = (await ordersByNumber(old.orderNumbers)).map((o) => o.id);
    expect(oldOrderIds.length).toBeGreaterThan(0);
    const oldLines = (await linesOf(oldOrderIds)).length;

    const since = await t.lastAuditSeq();
    const purged = await t.db.transaction((tx) =>
      purgeBookkeeping(tx, { now: t.now(), financialYearEnd: "12-31", actor: system }),
    );
    expect(purged).toEqual({ orders: oldOrderIds.length, orderLines: oldLines, invoices: old.invoiceNumbers.length });
    expect(await ordersByNumber(old.orderNumbers)).toEqual([]);
    expect(await invoicesByNumber(old.invoiceNumbers)).toEqual([]);
    expect(await linesOf(oldOrderIds)).toEqual([]);
    expect(await ordersByNumber(linked.orderNumbers)).toHaveLength(linked.orderNumbers.length);
    expect(await invoicesByNumber(linked.invoiceNumbers)).toHaveLength(linked.invoiceNumbers.length);
    expect(await ordersByNumber(recent.orderNumbers)).toHaveLength(recent.orderNumbers.length);
    const entries = await t.auditSince(since);
    expect(entries.map((e) => e.action)).toEqual(["bookkeeping.purged"]);
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toEqual({
      financialYearEnd: "12-31",
      purgedThrough: "2019-12-31",
      ...purged,
    });
  });

  it("counts from the financial-year end: a voucher of September 2019 stays to the end of 2026 when the year ends on 30 June", async () => {
    const c = await createCustomer(t.db, { endedLongAgo: true, orders: 1 });
    await cutLoose(c.id);
    await t.db
      .update(orders)
      .set({ orderedAt: Date.UTC(2019, 8, 15, 9) })
      .where(inArray(orders.orderNumber, c.orderNumbers));
    await t.db
      .update(invoices)
      .set({ issuedAt: "2019-09-15", dueAt: "2019-09-29", paidAt: "2019-09-20" })
      .where(inArray(invoices.invoiceNumber, c.invoiceNumbers));
    const mid = await t.db.transaction((tx) =>
      purgeBookkeeping(tx, { now: t.now(), financialYearEnd: "06-30", actor: system }),
    );
    expect(mid).toEqual({ orders: 0, orderLines: 0, invoices: 0 });
    expect(await ordersByNumber(c.orderNumbers)).toHaveLength(1);
    // A calendar year ended its period on 31.12.2019: kept until 31.12.2025, so gone now.
    const calendar = await t.db.transaction((tx) =>
      purgeBookkeeping(tx, { now: t.now(), financialYearEnd: "12-31", actor: system }),
    );
    expect(calendar.orders).toBe(1);
    expect(await ordersByNumber(c.orderNumbers)).toEqual([]);
  });
});

describe("retention skips what it must not touch (issue 14 B, item 5)", () => {
  it("lists a due customer under a legal-claim restriction (Art. 18(1)(c)) as skipped, and the run leaves them whole", async () => {
    const c = await createCustomer(t.db, { endedLongAgo: true });
    await restrictCustomer(t.db, c.id, "legalClaim");
    const dry = await t.db.read((q) => findRetentionDue(q, today));
    expect(dry.skipped).toContainEqual(expect.objectContaining({ id: c.id, name: c.name, reason: "restricted" }));
    expect(dry.customers.map((x) => x.id)).not.toContain(c.id);
    const result = await runRetention(t.deps, [c.id], {
      now: t.now(),
      actor: system,
      suppressionKey: t.env.suppressionKey,
    });
    expect(result).toEqual({ anonymised: [], skipped: [{ id: c.id, reason: "restricted" }] });
    expect(await findCustomer(t.db, c.id)).toMatchObject({ lastName: c.lastName, anonymisedAt: null });
  });

  it("skips a due customer under a legal hold with that reason", async () => {
    const c = await createCustomer(t.db, { endedLongAgo: true });
    await t.db
      .insert(legalHolds)
      .values({ id: `hold-${c.id}`, customerId: c.id, reason: "A dispute", setAt: 0, setByType: "system" });
    const dry = await t.db.read((q) => findRetentionDue(q, today));
    expect(dry.skipped).toContainEqual(expect.objectContaining({ id: c.id, reason: "legal_hold" }));
    const result = await runRetention(t.deps, [c.id], { now: t.now(), actor: system, suppressionKey: "k" });
    expect(result.skipped).toEqual([{ id: c.id, reason: "legal_hold" }]);
  });

  it("never closes a due customer's pending request silently: the customer is skipped and reported", async () => {
    const c = await createCustomer(t.db, { endedLongAgo: true });
    await t.db.insert(requests).values({
      id: `req-${c.id}`,
      customerId: c.id,
      type: "access",
      state: "received",
      channel: "paper",
      receivedOn: "2026-11-20",
      dueOn: "2026-12-20",
      createdAt: Date.UTC(2026, 10, 20),
    });
    const dry = await t.db.read((q) => findRetentionDue(q, today));
    expect(dry.skipped).toContainEqual(expect.objectContaining({ id: c.id, reason: "pending_request" }));
    const result = await runRetention(t.deps, [c.id], { now: t.now(), actor: system, suppressionKey: "k" });
    expect(result.skipped).toEqual([{ id: c.id, reason: "pending_request" }]);
    expect(
      await t.db
        .select()
        .from(requests)
        .where(eq(requests.id, `req-${c.id}`))
        .get(),
    ).toMatchObject({
      state: "received",
    });
    expect(
      await t.db
        .select()
        .from(requestEvents)
        .where(eq(requestEvents.requestId, `req-${c.id}`)),
    ).toEqual([]);
    expect((await findCustomer(t.db, c.id))?.anonymisedAt).toBeNull();
  });
});

describe("the retention job (issue 14 B, item 6)", () => {
  it("runs one at a time: of two starts at once, one runs and the other is told a run is under way", async () => {
    const start = () => runRetentionJob(t.deps, { trigger: "manual", now: t.now, actor: system });
    const [a, b] = await Promise.all([start(), start()]);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    expect(a.started ? b : a).toEqual({ started: false, reason: "running" });
    expect(await t.db.select().from(jobRuns).where(eq(jobRuns.status, "running"))).toEqual([]);
  });

  it("refuses while another process holds the lease, and takes over a lease that ran out (that run marked failed)", async () => {
    await t.db.insert(jobRuns).values({
      id: "other-process",
      job: "retention",
      trigger: "cli",
      startedAt: t.now() - 60_000,
      status: "running",
      leaseUntil: t.now() + 60_000,
    });
    expect(await runRetentionJob(t.deps, { trigger: "manual", now: t.now, actor: system })).toEqual({
      started: false,
      reason: "running",
    });
    const later = () => t.now() + 120_000;
    expect((await runRetentionJob(t.deps, { trigger: "manual", now: later, actor: system })).started).toBe(true);
    expect(await t.db.select().from(jobRuns).where(eq(jobRuns.id, "other-process")).get()).toMatchObject({
      status: "failed",
      leaseUntil: null,
    });
  });

  it("anonymises every due and unblocked customer in slices, purges bookkeeping, erases remainders, audits the counts and keeps them", async () => {
    const due = await createCustomer(t.db, { endedLongAgo: true });
    const restricted = await createCustomer(t.db, { endedLongAgo: true });
    await restrictCustomer(t.db, restricted.id, "legalClaim");
    const since = await t.lastAuditSeq();
    const outcome = await runRetentionJob(t.deps, { trigger: "schedule", now: t.now, actor: system, sliceSize: 1 });
    if (!outcome.started) throw new Error("the run did not start");
    const { result } = outcome;
    expect(result.anonymised).toContain(due.id);
    expect(result.skipped).toContainEqual({ id: restricted.id, reason: "restricted" });
    // The due customer's 2014 vouchers are past their period once cut loose: the same run purges them.
    expect(result.bookkeeping.orders).toBeGreaterThanOrEqual(due.orderNumbers.length);
    expect(await ordersByNumber(due.orderNumbers)).toEqual([]);
    expect((await findCustomer(t.db, restricted.id))?.anonymisedAt).toBeNull();

    const entries = await t.auditSince(since);
    const run = entries.find((e) => e.action === "retention.scheduled_run");
    expect(run).toBeDefined();
    const detail = JSON.parse(run?.detail ?? "{}");
    expect(detail).toMatchObject({
      runId: result.runId,
      trigger: "schedule",
      counts: {
        anonymised: result.anonymised.length,
        skipped: expect.objectContaining({ restricted: expect.any(Number) }),
        remaindersErased: 0,
        bookkeepingRows: result.bookkeeping.orders + result.bookkeeping.orderLines + result.bookkeeping.invoices,
      },
    });
    expect(detail.skipped).toContainEqual({ id: restricted.id, reason: "restricted" });
    // Ids and reasons only: no name of anyone it touched.
    expect(run?.detail).not.toContain(due.lastName);
    expect(run?.detail).not.toContain(restricted.lastName);
    expect(entries.filter((e) => e.action === "customer.anonymised").map((e) => e.customerId)).toEqual(
      result.anonymised,
    );

    const runs = await t.db.read((q) => listRetentionRuns(q));
    const listed = runs.find((r) => r.id === result.runId);
    expect(listed).toMatchObject({
      id: result.runId,
      trigger: "schedule",
      status: "done",
      counts: detail.counts,
    });
    expect(listed?.finishedAt).toEqual(expect.any(Number));
  });

  it("fires on schedule once a day, after RETENTION_HOUR in Helsinki", async () => {
    const deps = { ...t.deps, env: { ...t.deps.env, RETENTION_HOUR: 2 } };
    // December: Helsinki is UTC+2.
    const helsinki = (day: number, hour: number) => Date.UTC(2026, 11, day, hour - 2, 30);
    expect(await retentionScheduleTick(deps, helsinki(1, 1))).toEqual({ ran: false, reason: "too_early" });
    expect(await retentionScheduleTick(deps, helsinki(1, 3))).toMatchObject({ ran: true });
    expect(await retentionScheduleTick(deps, helsinki(1, 17))).toEqual({ ran: false, reason: "already_ran" });
    expect(await retentionScheduleTick(deps, helsinki(1, 23))).toEqual({ ran: false, reason: "already_ran" });
    expect(await retentionScheduleTick(deps, helsinki(2, 1))).toEqual({ ran: false, reason: "too_early" });
    expect(await retentionScheduleTick(deps, helsinki(2, 3))).toMatchObject({ ran: true });
    const scheduled = await t.db
      .select({ id: jobRuns.id })
      .from(jobRuns)
      .where(and(eq(jobRuns.trigger, "schedule"), eq(jobRuns.status, "done"), isNull(jobRuns.leaseUntil)));
    // The run of the previous test and the two days here.
    expect(scheduled).toHaveLength(3);
  });

  it("is off with RETENTION_SCHEDULE=false, and says so", async () => {
    const lines: string[] = [];
    const before = await t.db.$count(jobRuns);
    const schedule = startRetentionSchedule(
      { ...t.deps, env: { ...t.deps.env, RETENTION_SCHEDULE: false } },
      { log: (l) => lines.push(l) },
    );
    await schedule.ran();
    schedule.stop();
    expect(lines.join("\n")).toContain("RETENTION_SCHEDULE");
    expect(await t.db.$count(jobRuns)).toBe(before);
  });
});
