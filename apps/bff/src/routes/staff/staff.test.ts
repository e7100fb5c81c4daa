import { customerRecordSchema } from "@tietoni/domain";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, staffUsers } from "../../db/schema.ts";
import { verifyAuditChain } from "../../services/audit.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const audit = () => t.db.select().from(auditLog).all();

describe("staff sign-in", () => {
  it("gives one answer for a wrong password and an unknown user", async () => {
    const wrongPassword = await t.postStaff("/api/staff/auth/sign-in", { username: "agent", password: "nope" });
    const unknownUser = await t.postStaff("/api/staff/auth/sign-in", { username: "ghost", password: "nope" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownUser.json());
    expect(wrongPassword.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an account without a recorded confidentiality commitment", async () => {
    await t.db.update(staffUsers).set({ confidentialitySignedOn: null }).where(eq(staffUsers.username, "agent")).run();
    const res = await t.postStaff("/api/staff/auth/sign-in", { username: "agent", password: "agent-demo-pass" });
    expect(res.status).toBe(401);
    await t.db
      .update(staffUsers)
      .set({ confidentialitySignedOn: "2021-04-28" })
      .where(eq(staffUsers.username, "agent"))
      .run();
  });

  it("signs in with the right password, audits it, and the session works on the staff surface only", async () => {
    const cookie = await t.signInStaff("agent", "agent-demo-pass");
    expect(cookie).toMatch(/^tietoni-staff=/);
    const session = await t.staff.request("/api/staff/auth/session", { headers: { cookie } });
    expect(await session.json()).toMatchObject({ username: "agent", role: "agent" });
    expect((await audit()).at(-1)).toMatchObject({
      action: "staff.sign_in",
      actorId: "staff-agent",
      actorRole: "agent",
    });
    const onPortal = await t.portal.request("/api/portal/my-data", { headers: { cookie } });
    expect(onPortal.status).toBe(401);
  });
});

describe("staff customer search and record", () => {
  it("finds the demo customer by name, e-mail and organisation", async () => {
    const cookie = await t.signInStaff("agent", "agent-demo-pass");
    for (const [q, email] of [
      ["asiakas", "asiakas@example.com"],
      ["aino asiakas", "asiakas@example.com"],
      ["asiakas@example", "asiakas@example.com"],
      ["turun puutarha", "yhteyshenkilo@example.com"],
    ] as const) {
      const res = await t.staff.request(`/api/staff/customers?q=${encodeURIComponent(q)}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const { hits } = (await res.json()) as { hits: { email: string }[] };
      expect(hits.map((h) => h.email)).toContain(email);
    }
  });

  it("treats LIKE wildcards in the query as plain text", async () => {
    const cookie = await t.signInStaff("agent", "agent-demo-pass");
    const res = await t.staff.request(`/api/staff/customers?q=${encodeURIComponent("%%")}`, { headers: { cookie } });
    expect(await res.json()).toEqual({ hits: [] });
  });

  it("rejects a too-short query with a clear code", async () => {
    const cookie = await t.signInStaff("agent", "agent-demo-pass");
    const res = await t.staff.request("/api/staff/customers?q=a", { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "search_too_short" } });
  });

  it("shows a record and writes an audit entry for the read", async () => {
    const cookie = await t.signInStaff("agent", "agent-demo-pass");
    const before = (await audit()).length;
    const res = await t.staff.request("/api/staff/customers/c0000001", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(customerRecordSchema.parse(await res.json()).profile.email).toBe("asiakas@example.com");
    const entries = (await audit()).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({ action: "customer.record.viewed", customerId: "c0000001", actorId: "staff-agent" }),
    ]);
  });

  it("answers 404 for an unknown customer and 400 for a malformed id, without auditing a read", async () => {
    const cookie = await t.signInStaff("agent", "agent-demo-pass");
    const before = (await audit()).length;
    expect((await t.staff.request("/api/staff/customers/c9999999", { headers: { cookie } })).status).toBe(404);
    const bad = await t.staff.request("/api/staff/customers/DROP%20TABLE", { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "id_invalid" } });
    expect((await audit()).length).toBe(before);
  });
});

describe("the audit trail", () => {
  it("verifies, and refuses edits and deletions at the database", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    await expect(async () => t.db.exec(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(async () => t.db.exec(sql`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it("names the first altered or removed entry when the triggers are bypassed", async () => {
    // PostgreSQL names a trigger with its table.
    const onTable = sql.raw(t.db.engine === "postgres" ? " ON audit_log" : "");
    await t.db.exec(sql`DROP TRIGGER audit_log_no_update${onTable}`);
    await t.db.exec(sql`DROP TRIGGER audit_log_no_delete${onTable}`);
    await t.db.exec(sql`UPDATE audit_log SET action = 'tampered' WHERE seq = 2`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    await t.db.exec(sql`UPDATE audit_log SET action = (SELECT action FROM audit_log WHERE seq = 3) WHERE seq = 2`);
    await t.db.exec(sql`DELETE FROM audit_log WHERE seq = 2`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });
});

describe("both surfaces", () => {
  it("answer /healthz with JSON and send security headers", async () => {
    for (const app of [t.portal, t.staff]) {
      const res = await app.request("/healthz");
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok" });
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("answer unknown API paths with a JSON 404", async () => {
    const res = await t.portal.request("/api/portal/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
