import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import {
  customers,
  emailChangeUndos,
  invoices,
  jobRuns,
  legalHolds,
  orders,
  organisationRoles,
} from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { createCustomer } from "../../db/test-fixtures.ts";
import { sessionCookieName } from "../../http/session-cookie.ts";
import { verifyAuditChain } from "../../services/audit.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
let admin: string;
let agent: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await staffCookie("staff-admin");
  agent = await staffCookie("staff-agent");
});
afterAll(() => t.close());

/** A staff session made the way the BFF makes one, so these tests do not depend on how staff sign in. */
async function staffCookie(staffUserId: string) {
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create(staffUserId, Date.UTC(2026, 10, 25, 10, 0, 0), { ip: null, userAgent: null });
  return `${sessionCookieName(t.env, "staff")}=${token}`;
}

const due = (cookie = admin) => t.staff.request("/api/staff/retention/due", { headers: { cookie } });
const run = (body: unknown, cookie = admin) =>
  t.staff.request("/api/staff/retention/run", {
    method: "POST",
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });

type DryRun = {
  customers: {
    id: string;
    name: string;
    relationshipEnd: string;
    relationshipEndKind: string;
    retentionEndedOn: string;
  }[];
  blocked: { id: string; name: string; blockers: { ground: string }[] }[];
  skipped: { id: string; name: string; reason: string }[];
};
const dryRun = async (): Promise<DryRun> => {
  const res = await due();
  expect(res.status).toBe(200);
  return (await res.json()) as DryRun;
};
const auditSince = (seq: number) => t.auditSince(seq);
const lastSeq = () => t.lastAuditSeq();

describe("retention", () => {
  it("is for admins: an agent gets 403 and a customer's cookie 401", async () => {
    expect((await due(agent)).status).toBe(403);
    expect((await run({ ids: ["c0000004"] }, agent)).status).toBe(403);
    const customer = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    expect((await due(customer)).status).toBe(401);
    expect((await t.db.select().from(customers).where(eq(customers.id, "c0000004")).get())?.anonymisedAt).toBeNull();
  });

  it("lists in a dry run the relationship that ended over ten years ago, not active ones, and audits it", async () => {
    // A second due customer whom a legal hold still protects.
    await t.db.update(customers).set({ relationshipEnd: "2012-03-31" }).where(eq(customers.id, "c0000110")).run();
    await t.db
      .insert(legalHolds)
      .values({ id: "hold110", customerId: "c0000110", reason: "A pending dispute", setAt: 0, setByType: "system" })
      .run();
    const since = await lastSeq();
    const result = await dryRun();
    expect(result.customers).toEqual([
      {
        id: "c0000004",
        name: "Pekka Päättynyt",
        relationshipEnd: "2015-06-30",
        relationshipEndKind: "recorded",
        retentionEndedOn: "2025-06-30",
      },
    ]);
    // Issue 14 B: a legal hold is a reason retention leaves the customer alone, listed with it.
    expect(result.blocked).toEqual([]);
    expect(result.skipped).toEqual([expect.objectContaining({ id: "c0000110", reason: "legal_hold" })]);
    const ids = [...result.customers, ...result.blocked, ...result.skipped].map((c) => c.id);
    for (const active of ["c0000001", "c0000002", "c0000003"]) expect(ids).not.toContain(active);
    expect(await auditSince(since)).toEqual([
      expect.objectContaining({
        action: "retention.dry_run",
        actorId: "staff-admin",
        detail: JSON.stringify({
          dueIds: ["c0000004"],
          blockedIds: [],
          skipped: [{ id: "c0000110", reason: "legal_hold" }],
        }),
      }),
    ]);
    // Nothing changed.
    expect((await t.db.select().from(customers).where(eq(customers.id, "c0000004")).get())?.firstName).toBe("Pekka");
  });

  it("refuses an empty or oversized batch", async () => {
    expect((await run({ ids: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, i) => `c${String(i).padStart(7, "0")}`);
    const res = await run({ ids: tooMany });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "too_long" } });
    expect((await run({ ids: ["DROP TABLE"] })).status).toBe(400);
  });

  it("anonymises those still due and unblocked, skips the rest with a reason, and audits the run and each customer", async () => {
    const pekkaOrders = await t.db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.customerId, "c0000004"))
      .all();
    // Issue 11: an undo link of an earlier e-mail change holds both addresses; retention clears it too.
    await t.db.insert(emailChangeUndos).values({
      id: "undopaattynyt",
      customerId: "c0000004",
      secretHash: "0".repeat(64),
      oldEmail: "vanha.paattynyt@example.com",
      newEmail: "paattynyt@example.com",
      createdAt: Date.UTC(2026, 10, 20),
      expiresAt: Date.UTC(2026, 10, 27),
    });
    const since = await lastSeq();
    const res = await run({ ids: ["c0000004", "c0000001", "c0000110", "c9999999"] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      anonymised: ["c0000004"],
      skipped: [
        { id: "c0000001", reason: "not_due" },
        { id: "c0000110", reason: "legal_hold" },
        { id: "c9999999", reason: "not_found" },
      ],
    });
    expect(await t.db.select().from(customers).where(eq(customers.id, "c0000004")).get()).toMatchObject({
      firstName: "",
      lastName: "",
      email: null,
      anonymisedAt: expect.any(Number),
    });
    // Bookkeeping is cut loose from the person; Pekka's vouchers are of 2014, past their period (issue 14 B), so
    // the same run's bookkeeping purge deletes them.
    expect(pekkaOrders.length).toBeGreaterThan(0);
    for (const { id } of pekkaOrders) {
      expect(await t.db.select().from(orders).where(eq(orders.id, id)).get()).toBeUndefined();
    }
    expect(await t.db.select().from(invoices).where(eq(invoices.customerId, "c0000004")).all()).toEqual([]);
    expect(await t.db.select().from(emailChangeUndos).where(eq(emailChangeUndos.customerId, "c0000004"))).toEqual([]);
    const dump = JSON.stringify(await t.db.rows(sql`SELECT * FROM audit_log`));
    expect(dump).not.toContain("paattynyt@example.com");
    expect(dump).not.toContain("Päättynyt");

    const entries = await auditSince(since);
    expect(entries.map((e) => [e.action, e.customerId])).toEqual([
      ["customer.anonymised", "c0000004"],
      ["bookkeeping.purged", null],
      ["retention.run", null],
    ]);
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toMatchObject({ reason: "retention" });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });

    const again = await run({ ids: ["c0000004"] });
    expect(await again.json()).toEqual({ anonymised: [], skipped: [{ id: "c0000004", reason: "already_anonymised" }] });
    expect((await dryRun()).customers).toEqual([]);
  });

  it("finds a customer without a recorded end by the derived one (24 months after the last activity), not one an open invoice or a held role keeps", async () => {
    // Derived: last order 3.11.2014, last payment 10.11.2014 → ends 10.11.2016, retention ran out 10.11.2026.
    // The context's clock is 25.11.2026.
    const quiet = await createCustomer(t.db, { endedLongAgo: true, lastName: "Hiljainen" });
    await t.db.update(customers).set({ relationshipEnd: null }).where(eq(customers.id, quiet.id)).run();
    // The same history, but an invoice still open: the relationship continues.
    const owing = await createCustomer(t.db, { endedLongAgo: true });
    await t.db.update(customers).set({ relationshipEnd: null }).where(eq(customers.id, owing.id)).run();
    await t.db
      .update(invoices)
      .set({ status: "open", paidAt: null })
      .where(eq(invoices.invoiceNumber, owing.invoiceNumbers[0] ?? ""))
      .run();
    // The same history, and a role that ends next year: it still holds.
    const member = await createCustomer(t.db, { endedLongAgo: true, contactPerson: true });
    await t.db.update(customers).set({ relationshipEnd: null }).where(eq(customers.id, member.id)).run();
    await t.db
      .update(organisationRoles)
      .set({ endDate: "2027-06-30" })
      .where(eq(organisationRoles.customerId, member.id))
      .run();
    // A role that ended in 2016 is activity: 30.6.2016 + 24 months = 30.6.2018, retention until 2028.
    const lateRole = await createCustomer(t.db, { endedLongAgo: true, contactPerson: true });
    await t.db.update(customers).set({ relationshipEnd: null }).where(eq(customers.id, lateRole.id)).run();
    await t.db
      .update(organisationRoles)
      .set({ endDate: "2016-06-30" })
      .where(eq(organisationRoles.customerId, lateRole.id))
      .run();

    const result = await dryRun();
    expect(result.customers).toContainEqual({
      id: quiet.id,
      name: quiet.name,
      relationshipEnd: "2016-11-10",
      relationshipEndKind: "derived",
      retentionEndedOn: "2026-11-10",
    });
    const listed = [...result.customers, ...result.blocked].map((c) => c.id);
    expect(listed).not.toContain(owing.id);
    expect(listed).not.toContain(member.id);
    expect(listed).not.toContain(lateRole.id);

    // The run re-checks by the same rule: the derived end anonymises, an open invoice is "not due".
    const res = await run({ ids: [quiet.id, owing.id] });
    expect(await res.json()).toEqual({ anonymised: [quiet.id], skipped: [{ id: owing.id, reason: "not_due" }] });
  });

  it("answers 409 retention_running while another run holds the lease, changing nothing, and lists the last runs with counts", async () => {
    const c = await createCustomer(t.db, { endedLongAgo: true });
    await t.db.insert(jobRuns).values({
      id: "cli-run",
      job: "retention",
      trigger: "cli",
      startedAt: t.now(),
      status: "running",
      leaseUntil: t.now() + 60_000,
    });
    const res = await run({ ids: [c.id] });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "retention_running" } });
    expect((await t.db.select().from(customers).where(eq(customers.id, c.id)).get())?.anonymisedAt).toBeNull();
    await t.db.update(jobRuns).set({ status: "done", leaseUntil: null }).where(eq(jobRuns.id, "cli-run"));

    expect(await (await run({ ids: [c.id] })).json()).toEqual({ anonymised: [c.id], skipped: [] });
    const listed = await t.staff.request("/api/staff/retention/runs", { headers: { cookie: admin } });
    expect(listed.status).toBe(200);
    const { runs } = (await listed.json()) as { runs: { trigger: string; status: string; counts: unknown }[] };
    expect(runs[0]).toMatchObject({ trigger: "manual", status: "done", counts: { anonymised: 1 } });
    // Counts only: the list names no customer.
    expect(JSON.stringify(runs)).not.toContain(c.id);
    expect((await t.staff.request("/api/staff/retention/runs", { headers: { cookie: agent } })).status).toBe(403);
  });
});
