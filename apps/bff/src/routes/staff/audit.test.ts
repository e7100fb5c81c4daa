import { checkpointLine, iso } from "@tietoni/domain";
import { desc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCheckpoints, auditLog } from "../../db/schema.ts";
import type { AuditTrailPage } from "../../services/audit.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
let admin: string;
let agent: string;
beforeAll(async () => {
  t = await createTestContext();
  // Some history to browse: the agent opens a record on two days (a session does not last a day).
  agent = await t.signInStaff("agent", "agent-demo-pass");
  await t.staff.request("/api/staff/customers/c0000001", { headers: { cookie: agent } });
  t.advance(86_400_000);
  agent = await t.signInStaff("agent", "agent-demo-pass");
  await t.staff.request("/api/staff/customers/c0000002", { headers: { cookie: agent } });
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

async function browse(query: Record<string, string>, cookie = admin): Promise<AuditTrailPage> {
  const res = await t.staff.request(`/api/staff/audit?${new URLSearchParams(query)}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  // The service's page as JSON: its times are ISO strings already.
  return (await res.json()) as AuditTrailPage;
}
const rows = () => t.db.select().from(auditLog).all();

describe("who may read the trail", () => {
  it("refuses an agent with 403 and a customer cookie with 401", async () => {
    expect((await t.staff.request("/api/staff/audit", { headers: { cookie: agent } })).status).toBe(403);
    expect((await t.postStaff("/api/staff/audit/verify", {}, agent)).status).toBe(403);
    const customer = await t.signInCustomer("asiakas@example.com");
    expect((await t.staff.request("/api/staff/audit", { headers: { cookie: customer } })).status).toBe(401);
    expect((await t.postStaff("/api/staff/audit/verify", {}, customer)).status).toBe(401);
  });
});

describe("browsing the trail", () => {
  it("lists the newest entries first, naming staff actors", async () => {
    const { entries } = await browse({});
    const seqs = entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(entries).toContainEqual(
      expect.objectContaining({
        actorType: "staff",
        actorId: "staff-agent",
        actorName: "Antti Asiakaspalvelu",
        actorRole: "agent",
        action: "customer.record.viewed",
        customerId: "c0000001",
        at: "2026-11-25T10:00:00.000Z",
        detail: {},
      }),
    );
    // Customers are not named in the trail's view, only by id.
    const customerEntry = entries.find((e) => e.actorType === "customer");
    expect(customerEntry?.actorName ?? null).toBeNull();
  });

  it("filters by actor, action (with its dotted prefix), customer and Finnish calendar days", async () => {
    const byActor = await browse({ actorId: "staff-agent" });
    expect(byActor.entries.length).toBeGreaterThan(0);
    expect(byActor.entries.every((e) => e.actorId === "staff-agent")).toBe(true);

    const byAction = await browse({ action: "customer.record.viewed" });
    expect(byAction.entries.map((e) => e.customerId)).toEqual(["c0000002", "c0000001"]);
    const byPrefix = await browse({ action: "staff" });
    expect(byPrefix.entries.map((e) => e.action)).toContain("staff.sign_in");
    expect(byPrefix.entries.every((e) => e.action.startsWith("staff."))).toBe(true);
    // "customer.record" is a prefix of parts, not of characters: "customer.rec" matches nothing.
    expect((await browse({ action: "customer.rec" })).entries).toEqual([]);

    const byCustomer = await browse({ customerId: "c0000002" });
    expect(byCustomer.entries.map((e) => e.action)).toEqual(["customer.record.viewed"]);

    const day1 = await browse({ action: "customer.record.viewed", from: "2026-11-25", to: "2026-11-25" });
    expect(day1.entries.map((e) => e.customerId)).toEqual(["c0000001"]);
    const day2 = await browse({ action: "customer.record.viewed", from: "2026-11-26" });
    expect(day2.entries.map((e) => e.customerId)).toEqual(["c0000002"]);
    // Empty form fields mean "no filter".
    expect((await browse({ action: "", actorId: "", from: "" })).entries.length).toBeGreaterThan(0);
  });

  it("pages with `before` without gaps or repeats", async () => {
    const all = (await browse({ action: "staff", limit: "100" })).entries.map((e) => e.seq);
    const first = await browse({ action: "staff", limit: "2" });
    expect(first.entries).toHaveLength(2);
    expect(first.nextBefore).toBe(first.entries[1]?.seq);
    const second = await browse({ action: "staff", limit: "2", before: String(first.nextBefore) });
    expect([...first.entries, ...second.entries].map((e) => e.seq)).toEqual(all.slice(0, 4));
    const everything = await browse({ action: "staff", limit: "100" });
    expect(everything.nextBefore).toBeNull();
  });

  it("audits each read of the trail with its filters", async () => {
    await browse({ customerId: "c0000001" });
    expect((await rows()).at(-1)).toMatchObject({ action: "audit.viewed", actorId: "staff-admin", customerId: null });
    expect(JSON.parse((await rows()).at(-1)?.detail ?? "{}")).toMatchObject({ filters: { customerId: "c0000001" } });
  });

  it("rejects bad filters with 400 and audits nothing", async () => {
    const before = (await rows()).length;
    for (const q of ["limit=500", "limit=0", "from=25.11.2026", "before=-1", "customerId=x%25", "action=a%25b"]) {
      const res = await t.staff.request(`/api/staff/audit?${q}`, { headers: { cookie: admin } });
      expect(res.status).toBe(400);
    }
    expect((await rows()).length).toBe(before);
  });
});

describe("verifying the chain", () => {
  it("reports an intact chain and audits the run", async () => {
    const res = await t.postStaff("/api/staff/audit/verify", {}, admin);
    expect(res.status).toBe(200);
    const verdict = await res.json();
    expect(verdict).toMatchObject({ ok: true, entries: (await rows()).length - 1, firstBrokenSeq: null, problems: [] });
    expect((await rows()).at(-1)).toMatchObject({ action: "audit.verified", actorId: "staff-admin" });
  });

  it("checks the DPO's pasted copies, and refuses a text without a checkpoint or with a damaged one (issue 14 E)", async () => {
    const [cp] = await t.db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1).all();
    if (!cp) throw new Error("the trail has no checkpoint");
    const line = checkpointLine({ ...cp, at: iso(cp.at) });
    const res = await t.postStaff("/api/staff/audit/verify", { checkpoints: `From: tietoni\n${line}\n` }, admin);
    expect(res.status).toBe(200);
    const verdict = (await res.json()) as { keys: unknown };
    expect(verdict).toMatchObject({ ok: true, checkpoints: { dpoCopies: 1, last: { seq: cp.seq } }, problems: [] });
    expect(verdict.keys).toEqual({ hmacKeyId: expect.stringMatching(/^[0-9a-f]{16}$/), signingKeyId: cp.keyId });
    // The pasted text is not kept in the trail: only counts.
    expect(JSON.parse((await rows()).at(-1)?.detail ?? "{}")).toMatchObject({ ok: true, dpoCopies: 1 });

    const before = (await rows()).length;
    for (const [text, code] of [
      ["no checkpoint here", "audit_checkpoints_none"],
      [line.slice(0, -10), "audit_checkpoint_malformed"],
    ]) {
      const bad = await t.postStaff("/api/staff/audit/verify", { checkpoints: text }, admin);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code } });
    }
    expect((await rows()).length).toBe(before);
  });

  it("names the first broken entry after an edit that bypassed the triggers", async () => {
    // PostgreSQL names a trigger within its table.
    const onTable = sql.raw(t.db.engine === "postgres" ? " ON audit_log" : "");
    await t.db.exec(sql`DROP TRIGGER audit_log_no_update${onTable}`);
    await t.db.exec(sql`DROP TRIGGER audit_log_no_delete${onTable}`);
    await t.db.exec(sql`UPDATE audit_log SET ip = '192.0.2.1' WHERE seq = 3`);
    const res = await t.postStaff("/api/staff/audit/verify", {}, admin);
    expect(await res.json()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(JSON.parse((await rows()).at(-1)?.detail ?? "{}")).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });
});
