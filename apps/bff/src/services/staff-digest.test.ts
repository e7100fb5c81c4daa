import type { RequestView } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, outbox } from "../db/schema.ts";
import { createDeps } from "../deps.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { digestContent, helsinkiHour, sendStaffDigest, startDigestSchedule } from "./staff-digest.ts";

/*
 * The daily digest to staff. The test clock stands at 2026-11-25 12:00 in Helsinki (10:00 UTC), past DIGEST_HOUR 7.
 */

const DIGEST_TO = "tietosuojatiimi@example.com";
const DAY = 86_400_000;

let t: TestContext;
let overdueId: string;
let soonId: string;
let laterId: string;
beforeAll(async () => {
  t = await createTestContext({ DIGEST_MAIL_TO: DIGEST_TO, LIMIT_REQUESTS_PER_DAY: "100" });
  const agent = await t.signInStaff("agent", "agent-demo-pass");
  const register = async (customerId: string, receivedOn: string) => {
    const res = await t.postStaff(
      "/api/staff/requests",
      { customerId, channel: "paper", receivedOn, request: { type: "objection", text: "Kiellän markkinoinnin." } },
      agent,
    );
    expect(res.status).toBe(201);
    return ((await res.json()) as { request: RequestView }).request;
  };
  overdueId = (await register("c0000120", "2026-10-20")).id; // due 2026-11-20: 5 days overdue
  soonId = (await register("c0000121", "2026-10-28")).id; // due 2026-11-28: 3 days left
  laterId = (await register("c0000122", "2026-11-20")).id; // due 2026-12-20: not yet
  await t.outbox.idle();
});
afterAll(() => t.close());

const digestRows = () => t.db.select().from(outbox).where(eq(outbox.topic, "staff_digest")).all();

describe("the daily digest to staff", () => {
  it("lists overdue and soon-due requests by id, type and deadline in Finnish and English, and no customer", async () => {
    expect(helsinkiHour(t.now())).toBe(12);
    const content = await digestContent(t.db, t.now());
    expect(content.day).toBe("2026-11-25");
    expect(content.overdue.map((e) => e.id)).toContain(overdueId);
    expect(content.dueSoon.map((e) => e.id)).toContain(soonId);
    expect([...content.overdue, ...content.dueSoon].map((e) => e.id)).not.toContain(laterId);
    expect(content.overdue.every((e) => e.daysLeft < 0)).toBe(true);
    expect(content.dueSoon.every((e) => e.daysLeft >= 0 && e.daysLeft <= 7)).toBe(true);

    const before = t.sent.length;
    const result = await sendStaffDigest(t.deps, t.now());
    expect(result).toMatchObject({ sent: true, day: "2026-11-25" });
    await t.outbox.idle();
    const mails = t.sent.slice(before);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.to).toBe(DIGEST_TO);
    expect(mail?.subject).toContain("myöhässä");
    expect(mail?.subject).toContain("overdue");
    const text = mail?.text ?? "";
    expect(text).toMatch(
      new RegExp(`${overdueId} · Vastustaminen.* · määräaika 20\\.11\\.2026 \\(myöhässä 5 päivää\\)`),
    );
    expect(text).toMatch(new RegExp(`${overdueId} · Objection.* · due 2026-11-20 \\(5 days overdue\\)`));
    expect(text).toContain(`${soonId}`);
    expect(text).toContain("(3 days left)");
    expect(text).toContain(`${t.env.staffOrigin}/requests/${soonId}`);
    expect(text).not.toContain(laterId);
    // No customer in it: neither the names nor the addresses of the people whose requests are listed.
    for (const id of ["c0000120", "c0000121"]) {
      const c = await t.db.select().from(customers).where(eq(customers.id, id)).get();
      for (const value of [c?.firstName, c?.lastName, c?.email]) if (value) expect(text).not.toContain(value);
      expect(text).not.toContain(id);
    }
    const [row] = await digestRows();
    expect(row).toMatchObject({ status: "delivered", body: null, customerId: null, required: false });
    expect(JSON.parse(row?.params ?? "{}")).toEqual({ day: "2026-11-25" });
    const audit = await t.lastAudit();
    expect(audit).toMatchObject({ action: "digest.sent", actorType: "system" });
    expect(JSON.parse(audit?.detail ?? "{}")).toMatchObject({ day: "2026-11-25", outboxId: row?.id });
  });

  it("goes at most once a Helsinki day, across a restart, and again the next day", async () => {
    const before = t.sent.length;
    expect(await sendStaffDigest(t.deps, t.now())).toEqual({ sent: false, reason: "already_sent" });
    // A restarted BFF (new deps on the same database) finds today's row too.
    const restarted = createDeps({ db: t.db, env: t.env, mailer: { send: async () => undefined }, now: t.now });
    expect(await sendStaffDigest(restarted, t.now() + 11 * 3_600_000)).toEqual({ sent: false, reason: "already_sent" });
    expect(t.sent.length).toBe(before);
    expect(await digestRows()).toHaveLength(1);

    // 2026-11-26 in Helsinki starts at 22:00 UTC on the 25th; at 06:00 there it is before DIGEST_HOUR.
    t.advance(DAY - 6 * 3_600_000);
    expect(helsinkiHour(t.now())).toBe(6);
    expect(await sendStaffDigest(t.deps, t.now())).toEqual({ sent: false, reason: "too_early" });
    t.advance(3_600_000);
    expect(await sendStaffDigest(t.deps, t.now())).toMatchObject({ sent: true, day: "2026-11-26" });
    await t.outbox.idle();
    expect(t.sent.slice(before).map((m) => m.to)).toEqual([DIGEST_TO]);
  });

  it("the CLI's any-hour send ignores DIGEST_HOUR but not the day", async () => {
    t.advance(DAY - 2 * 3_600_000); // 2026-11-27 05:00 in Helsinki
    expect(await sendStaffDigest(t.deps, t.now())).toEqual({ sent: false, reason: "too_early" });
    expect(await sendStaffDigest(t.deps, t.now(), { anyHour: true })).toMatchObject({ sent: true, day: "2026-11-27" });
    expect(await sendStaffDigest(t.deps, t.now(), { anyHour: true })).toEqual({ sent: false, reason: "already_sent" });
    await t.outbox.idle();
  });

  it("the schedule queues the day's digest once however often it checks", async () => {
    t.advance(DAY + 3 * 3_600_000); // 2026-11-28 08:00 in Helsinki
    const lines: string[] = [];
    const schedule = startDigestSchedule(t.deps, { everyMs: 5, log: (line) => lines.push(line) });
    await schedule.ran();
    await new Promise((resolve) => setTimeout(resolve, 40));
    schedule.stop();
    await schedule.ran();
    await t.outbox.idle();
    const rows = await digestRows();
    expect(rows.filter((r) => r.params?.includes("2026-11-28"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("queued the digest of 2026-11-28"))).toHaveLength(1);
  });
});

describe("without DIGEST_MAIL_TO", () => {
  it("sends nothing and says so once at start", async () => {
    const bare = await createTestContext();
    try {
      expect(bare.env.DIGEST_MAIL_TO).toBeUndefined();
      expect(await sendStaffDigest(bare.deps, bare.now(), { anyHour: true })).toEqual({
        sent: false,
        reason: "not_configured",
      });
      const lines: string[] = [];
      const schedule = startDigestSchedule(bare.deps, { everyMs: 5, log: (line) => lines.push(line) });
      await new Promise((resolve) => setTimeout(resolve, 30));
      await schedule.ran();
      schedule.stop();
      expect(lines).toEqual([expect.stringContaining("DIGEST_MAIL_TO is not set")]);
      expect(await bare.db.select().from(outbox).where(eq(outbox.topic, "staff_digest")).all()).toEqual([]);
      expect(bare.sent.filter((m) => m.subject.includes("Request deadlines"))).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
