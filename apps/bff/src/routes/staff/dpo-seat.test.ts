import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCheckpoints, auditLog, requests } from "../../db/schema.ts";
import { createStaffAccount } from "../../db/test-fixtures.ts";
import type { RequestStatisticsReport } from "../../services/request-statistics.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

/*
 * Issue 14 G: the data-protection officer reads and exports the trail (with its signed checkpoints) and sees the
 * request statistics — and nothing else (the authorization matrix tries every route as a dpo too).
 */

let t: TestContext;
let dpo: string;
let dpoId: string;
let agent: string;
/** The checkpoints issue 14 E signed so far (the first keyed entry gets one), as the export writes them. */
async function storedCheckpoints() {
  const rows = await t.db.select().from(auditCheckpoints).orderBy(auditCheckpoints.seq);
  return rows.map((r) => ({
    seq: r.seq,
    head: r.head,
    at: new Date(r.at).toISOString(),
    keyId: r.keyId,
    signature: r.signature,
  }));
}

beforeAll(async () => {
  t = await createTestContext();
  const account = await createStaffAccount(t.db, { role: "dpo", username: "tietosuoja.testi" });
  dpoId = account.id;
  dpo = await t.signInStaff(account.username, account.password);
  agent = await t.signInStaff("agent", "agent-demo-pass");
  // Requests received in 2025, away from the demo data's: the statistics below are of these alone.
  const base = { customerId: "c0000001", channel: "portal" as const, createdAt: t.now() };
  await t.db.insert(requests).values([
    { ...base, id: "rstat1", type: "access", state: "completed", receivedOn: "2025-03-03", dueOn: "2025-04-03" },
    { ...base, id: "rstat2", type: "access", state: "refused", receivedOn: "2025-03-10", dueOn: "2025-04-10" },
    { ...base, id: "rstat3", type: "access", state: "inProgress", receivedOn: "2025-03-20", dueOn: "2025-04-20" },
    {
      ...base,
      id: "rstat4",
      type: "erasure",
      state: "completed",
      receivedOn: "2025-03-31",
      dueOn: "2025-06-30",
      extendedAt: Date.parse("2025-04-10T09:00:00Z"),
      extensionMonths: 2,
    },
    { ...base, id: "rstat5", type: "objection", state: "cancelled", receivedOn: "2025-04-01", dueOn: "2025-05-01" },
  ]);
  // Decided at 23:30 UTC on 5 March = 6 March in Helsinki: the Helsinki day counts.
  await t.db
    .update(requests)
    .set({ decidedAt: Date.parse("2025-03-05T23:30:00Z") })
    .where(eq(requests.id, "rstat1"));
  await t.db
    .update(requests)
    .set({ decidedAt: Date.parse("2025-04-15T10:00:00Z") })
    .where(eq(requests.id, "rstat2"));
  await t.db
    .update(requests)
    .set({ decidedAt: Date.parse("2025-05-02T10:00:00Z") })
    .where(eq(requests.id, "rstat4"));
});
afterAll(() => t.close());

const get = (url: string, cookie: string) => t.staff.request(url, { headers: { cookie } });
const lastEntry = () => t.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();

describe("the dpo reads and exports the trail", () => {
  it("browses the trail", async () => {
    const res = await get("/api/staff/audit", dpo);
    expect(res.status).toBe(200);
    expect((await lastEntry())?.action).toBe("audit.viewed");
  });

  it("exports it as JSON with the checkpoints, audited before the first byte is read", async () => {
    const before = (await lastEntry())?.seq ?? 0;
    const res = await get("/api/staff/audit/export?format=json", dpo);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="audit-trail-2026-11-25\.json"/);
    // Nothing of the body read yet: the entry is already committed.
    const audited = await lastEntry();
    expect(audited).toMatchObject({ action: "audit.exported", actorId: dpoId, actorRole: "dpo" });
    const detail = JSON.parse(audited?.detail ?? "{}") as Record<string, unknown>;
    const checkpoints = await storedCheckpoints();
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(detail).toMatchObject({
      format: "json",
      entries: before,
      checkpoints: checkpoints.length,
      throughSeq: before,
    });

    const file = (await res.json()) as {
      entryCount: number;
      throughSeq: number;
      entries: { seq: number; action: string; hash: string; prevHash: string; detail: string }[];
      checkpoints: unknown[];
    };
    expect(file.entryCount).toBe(before);
    expect(file.entries.map((e) => e.seq)).toEqual(Array.from({ length: before }, (_, i) => i + 1));
    // The chain as stored: each entry links to the one before it.
    for (const [i, e] of file.entries.entries()) {
      if (i > 0) expect(e.prevHash).toBe(file.entries[i - 1]?.hash);
    }
    expect(file.checkpoints).toEqual(checkpoints);
  });

  it("exports it as CSV, filtered as the page filters, the checkpoints as trailing rows", async () => {
    const res = await get("/api/staff/audit/export?format=csv&action=audit", dpo);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "record,seq,at,actor_type,actor_id,actor_name,actor_role,action,customer_id,detail,ip,prev_hash,hash,key_id,signature",
    );
    const records = lines.slice(1).map((line) => line.split(",")[0]);
    const entryRows = lines.slice(1).filter((line) => line.startsWith("entry,"));
    // Only the trail's own actions (audit.viewed, audit.exported), then every checkpoint, last.
    expect(entryRows.length).toBeGreaterThanOrEqual(2);
    for (const row of entryRows) expect(row.split(",")[7]).toMatch(/^audit\./);
    const checkpoints = await storedCheckpoints();
    expect(records.slice(-checkpoints.length)).toEqual(checkpoints.map(() => "checkpoint"));
    const last = checkpoints.at(-1);
    // A signature starting with "+", "-", "=" or "@" is prefixed by the CSV formula guard; compare the rest.
    expect(lines.at(-1)?.replace(/,'(?=[^,]*$)/, ",")).toBe(
      `checkpoint,${last?.seq},${last?.at},,,,,,,,,,${last?.head},${last?.keyId},${last?.signature}`,
    );
  });

  it("selects by Helsinki calendar days, as the page does, and still gives every checkpoint", async () => {
    // The test clock's day is 25 November 2026 in Helsinki; nothing was written on the 26th.
    const today = (await (
      await get("/api/staff/audit/export?format=json&from=2026-11-25&to=2026-11-25", dpo)
    ).json()) as {
      entryCount: number;
      checkpoints: unknown[];
    };
    expect(today.entryCount).toBeGreaterThan(0);
    const tomorrow = (await (await get("/api/staff/audit/export?format=json&from=2026-11-26", dpo)).json()) as {
      entryCount: number;
      entries: unknown[];
      checkpoints: unknown[];
    };
    expect(tomorrow).toMatchObject({ entryCount: 0, entries: [] });
    expect(tomorrow.checkpoints).toHaveLength((await storedCheckpoints()).length);
  });

  it("streams a trail longer than one batch in order, every entry once", async () => {
    const admin = await t.signInAdmin();
    // Each page view is an entry: enough of them to need a second batch (500 a batch).
    for (let i = 0; i < 520; i += 1) await get("/api/staff/audit?limit=1", admin);
    const res = await get("/api/staff/audit/export?format=json", dpo);
    const file = (await res.json()) as { entryCount: number; entries: { seq: number }[] };
    expect(file.entries.length).toBe(file.entryCount);
    expect(file.entryCount).toBeGreaterThan(520);
    expect(new Set(file.entries.map((e) => e.seq)).size).toBe(file.entryCount);
  }, 60_000);

  it("refuses an unknown format and a bad filter with 400 and a code, writing nothing", async () => {
    const before = (await lastEntry())?.seq;
    const xml = await get("/api/staff/audit/export?format=xml", dpo);
    expect(xml.status).toBe(400);
    expect(((await xml.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
    const date = await get("/api/staff/audit/export?format=csv&from=yesterday", dpo);
    expect(date.status).toBe(400);
    expect(((await date.json()) as { error: { code: string } }).error.code).toBe("date_invalid");
    expect((await lastEntry())?.seq).toBe(before);
  });
});

describe("request statistics", () => {
  it("gives the dpo the figures per month and type, and audits the view with counts only", async () => {
    const res = await get("/api/staff/request-statistics?from=2025-01-01&to=2025-12-31", dpo);
    expect(res.status).toBe(200);
    const report = (await res.json()) as RequestStatisticsReport;
    expect(report).toMatchObject({ from: "2025-01-01", to: "2025-12-31", today: "2026-11-25" });
    expect(report.rows).toEqual([
      // Answered in 3 days (the Helsinki day), refused after 36 days (late), one still open long past its deadline.
      {
        month: "2025-03",
        type: "access",
        received: 3,
        completed: 1,
        refused: 1,
        extended: 0,
        overdue: 2,
        medianDaysToAnswer: 19.5,
      },
      {
        month: "2025-03",
        type: "erasure",
        received: 1,
        completed: 1,
        refused: 0,
        extended: 1,
        overdue: 0,
        medianDaysToAnswer: 32,
      },
      {
        month: "2025-04",
        type: "objection",
        received: 1,
        completed: 0,
        refused: 0,
        extended: 0,
        overdue: 0,
        medianDaysToAnswer: null,
      },
    ]);
    const audited = await lastEntry();
    expect(audited).toMatchObject({ action: "request_statistics.viewed", actorId: dpoId, customerId: null });
    expect(JSON.parse(audited?.detail ?? "{}")).toEqual({ from: "2025-01-01", to: "2025-12-31", requests: 5 });
    expect(JSON.stringify(report)).not.toContain("c0000001");
  });

  it("refuses a period that ends before it starts", async () => {
    const res = await get("/api/staff/request-statistics?from=2025-02-01&to=2025-01-01", dpo);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("statistics_period_invalid");
  });
});

describe("and nothing else", () => {
  it("refuses the dpo the customer search, a record, the desk, the approvals and every write", async () => {
    for (const url of [
      "/api/staff/customers?q=aino",
      "/api/staff/customers/c0000001",
      "/api/staff/requests",
      "/api/staff/requests/staff-members",
      "/api/staff/approvals",
      "/api/staff/accounts",
      "/api/staff/systems",
      "/api/staff/inbound-issues",
      "/api/staff/operations/mailing-list/summary?purpose=newsletter",
    ]) {
      expect((await get(url, dpo)).status, url).toBe(403);
    }
    expect((await t.postStaff("/api/staff/records", {}, dpo)).status).toBe(403);
    expect((await t.postStaff("/api/staff/requests", {}, dpo)).status).toBe(403);
  });

  it("refuses an agent the export and the statistics", async () => {
    expect((await get("/api/staff/audit/export?format=csv", agent)).status).toBe(403);
    expect((await get("/api/staff/request-statistics", agent)).status).toBe(403);
  });
});
