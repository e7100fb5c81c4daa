import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffSessions } from "../../db/schema.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const sessionOk = async (cookie: string) =>
  (await t.staff.request("/api/staff/auth/session", { headers: { cookie } })).status === 200;

describe("staff sign out everywhere", () => {
  it("ends every session of the person, this one included, and no one else's; the trail says how many", async () => {
    const laptop = await t.signInStaff("agent", "agent-demo-pass");
    const forgotten = await t.signInStaff("agent", "agent-demo-pass");
    const admin = await t.signInAdmin();
    const before = (await t.db.select().from(staffSessions).all()).length;

    const res = await t.postStaff("/api/staff/auth/sign-out-everywhere", {}, laptop);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signedOut: true, sessionsEnded: 2 });
    expect(res.headers.get("set-cookie")).toMatch(/tietoni-staff=;/);

    expect(await sessionOk(laptop)).toBe(false);
    expect(await sessionOk(forgotten)).toBe(false);
    expect(await sessionOk(admin)).toBe(true);
    expect(await t.db.select().from(staffSessions).all()).toHaveLength(before - 2);
    expect(await t.lastAudit()).toMatchObject({
      action: "staff.sign_out_everywhere",
      actorId: "staff-agent",
      actorType: "staff",
    });
    expect(JSON.parse((await t.lastAudit())?.detail ?? "{}")).toEqual({ sessionsEnded: 2 });
  });

  it("needs a staff session: anonymous and customer sessions are refused and change nothing", async () => {
    const customer = await t.signInCustomer("asiakas@example.com");
    const agent = await t.signInStaff("agent", "agent-demo-pass");
    const rows = (await t.db.select().from(staffSessions).all()).length;
    expect((await t.postStaff("/api/staff/auth/sign-out-everywhere", {})).status).toBe(401);
    expect((await t.postStaff("/api/staff/auth/sign-out-everywhere", {}, customer)).status).toBe(401);
    expect(await t.db.select().from(staffSessions).all()).toHaveLength(rows);
    expect(await sessionOk(agent)).toBe(true);
  });
});
