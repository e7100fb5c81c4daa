import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportDocumentSchema } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, noticeVersions } from "../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { createStaffAccount } from "../db/test-fixtures.ts";
import { registerDescription, useNoticeFile } from "../notice/notice.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { noticeHash, recordNoticeVersion } from "./notice-versions.ts";

/*
 * Issue 15 B: versions of the privacy notice (recorded at start when the file changed, audited), the version in
 * force in every export, the portal's "our notice changed" banner, and the admins' notice check.
 */

let t: TestContext;
let aino: string;
let ainoId: string;
const DAY = 24 * 60 * 60 * 1000;
/** Less than the session idle time, so the customer stays signed in. */
const STEP = 10 * 60 * 1000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-notice-"));

/** A copy of the demo notice with `change` applied, written as the controller would, and made the one served. */
function serveChangedNotice(change: (notice: Record<string, unknown>) => void, name: string) {
  const file = path.join(dir, name);
  const notice = JSON.parse(fs.readFileSync(t.env.noticeFile, "utf8")) as Record<string, unknown>;
  change(notice);
  fs.writeFileSync(file, JSON.stringify(notice, null, 4));
  return useNoticeFile(file);
}

const get = (url: string, cookie: string) => t.portal.request(url, { headers: { cookie } });

beforeAll(async () => {
  t = await createTestContext();
  aino = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
  const row = await t.db.select().from(customers).where(eq(customers.email, DEMO_CUSTOMER_EMAIL)).get();
  ainoId = row?.id ?? "";
});
afterAll(() => {
  useNoticeFile(t.env.noticeFile);
  fs.rmSync(dir, { recursive: true, force: true });
  return t.close();
});

describe("notice versions", () => {
  it("records the first version at start, and no new one while the file is the same however it is formatted", async () => {
    const seq = await t.lastAuditSeq();
    const first = await recordNoticeVersion(t.db, registerDescription, t.now());
    expect(first).toMatchObject({ recorded: true, version: { id: 1, noticeDate: registerDescription.noticeDate } });
    expect(first.version.sha256).toMatch(/^[0-9a-f]{64}$/);
    const entries = await t.auditSince(seq);
    expect(entries.map((e) => [e.action, e.actorType])).toEqual([["notice.version_recorded", "system"]]);
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toMatchObject({ versionId: 1, previousVersionId: null });

    // The same notice re-indented, keys in another order: the same version.
    const reformatted = serveChangedNotice((n) => {
      const { controller, ...rest } = n;
      for (const k of Object.keys(n)) delete n[k];
      Object.assign(n, rest, { controller });
    }, "reformatted.json");
    expect(noticeHash(reformatted)).toBe(first.version.sha256);
    t.advance(STEP);
    expect(await recordNoticeVersion(t.db, reformatted, t.now())).toMatchObject({ recorded: false });
    expect(await t.db.$count(noticeVersions)).toBe(1);
  });

  it("shows no banner for the first version: it is the notice as the register had it, not a change", async () => {
    expect(await (await get("/api/portal/notice-change", aino)).json()).toEqual({ change: null });
  });

  it("exports say which version was in force", async () => {
    const res = await get("/api/portal/export/json", aino);
    const doc = exportDocumentSchema.parse(JSON.parse(await res.text()));
    expect(doc.noticeVersion).toMatchObject({ id: 1, noticeDate: registerDescription.noticeDate });
    const html = await (await get("/api/portal/export/html", aino)).text();
    expect(html).toContain(doc.noticeVersion?.sha256);
  });

  it("records a changed file as a new version, shows the banner until the customer has seen it, and exports the new version", async () => {
    t.advance(STEP);
    const changed = serveChangedNotice((n) => {
      n.noticeDate = "2026-11-20";
      n.transferSafeguards = { fi: "Vakiosopimuslausekkeet.", en: "Standard contractual clauses." };
    }, "changed.json");
    const seq = await t.lastAuditSeq();
    const second = await recordNoticeVersion(t.db, changed, t.now());
    expect(second).toMatchObject({ recorded: true, version: { id: 2, noticeDate: "2026-11-20" } });
    const entries = await t.auditSince(seq);
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toMatchObject({ versionId: 2, previousVersionId: 1 });

    const changedOn = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(t.now());
    expect(await (await get("/api/portal/notice-change", aino)).json()).toEqual({
      change: { versionId: 2, changedOn, noticeDate: "2026-11-20" },
    });
    const doc = exportDocumentSchema.parse(JSON.parse(await (await get("/api/portal/export/json", aino)).text()));
    expect(doc.noticeVersion).toMatchObject({ id: 2, sha256: second.version.sha256, noticeDate: "2026-11-20" });

    // Seen (the notice page or the banner's dismissal): recorded on the customer's row, no banner after.
    const seqBefore = await t.lastAuditSeq();
    const seen = await t.postPortal("/api/portal/notice-change/seen", {}, aino);
    expect(seen.status).toBe(200);
    expect(await (await get("/api/portal/notice-change", aino)).json()).toEqual({ change: null });
    const row = await t.db.select().from(customers).where(eq(customers.id, ainoId)).get();
    expect(row?.noticeSeenVersionId).toBe(2);
    expect(await t.lastAuditSeq()).toBe(seqBefore);
  });

  it("tells a customer who saw an older version, not one whose account came after the change", async () => {
    await t.db.update(customers).set({ noticeSeenVersionId: 1 }).where(eq(customers.id, ainoId));
    expect(await (await get("/api/portal/notice-change", aino)).json()).toMatchObject({ change: { versionId: 2 } });
    // Never saw one: told only when the change came after the account was created.
    await t.db
      .update(customers)
      .set({ noticeSeenVersionId: null, createdAt: t.now() + 1 })
      .where(eq(customers.id, ainoId));
    expect(await (await get("/api/portal/notice-change", aino)).json()).toEqual({ change: null });
    await t.db
      .update(customers)
      .set({ createdAt: t.now() - 3 * DAY })
      .where(eq(customers.id, ainoId));
    expect(await (await get("/api/portal/notice-change", aino)).json()).toMatchObject({ change: { versionId: 2 } });
  });

  it("refuses the banner to a visitor without a session", async () => {
    expect((await t.portal.request("/api/portal/notice-change")).status).toBe(401);
  });
});

describe("the notice check", () => {
  const check = (cookie: string) => t.staff.request("/api/staff/notice-check", { headers: { cookie } });

  it("lists the served notice's warnings with the version in force, for admins and the DPO; agents are refused", async () => {
    useNoticeFile(t.env.noticeFile);
    const admin = await t.signInStaff("admin", "admin-demo-pass");
    const res = await check(admin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { warnings: { code: string }[]; version: { id: number } | null };
    expect(body.warnings.map((w) => w.code)).toEqual([
      "contractBasisForMarketing",
      "contractBasisForMarketing",
      "contractBasisForMarketing",
      "contractBasisForMarketing",
      "cookieConsentByBrowserSettings",
      "transfersWithoutSafeguards",
    ]);
    expect(body.version?.id).toBe(2);

    const account = await createStaffAccount(t.db, { role: "dpo", username: "tietosuoja.notice" });
    expect((await check(await t.signInStaff(account.username, account.password))).status).toBe(200);
    const agent = await check(await t.signInStaff("agent", "agent-demo-pass"));
    expect(agent.status).toBe(403);
    expect(await agent.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});
