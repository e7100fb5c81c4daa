import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginSignInAttempt, signInLimits } from "../../auth/sign-in-limits.ts";
import { auditLog, staffUsers } from "../../db/schema.ts";
import { DEMO_ADMIN_TOTP_SECRET } from "../../db/seed-demo.ts";
import { createStaffAccount } from "../../db/test-fixtures.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

type Enrolment = { secret: string; otpauthUri: string; qrSvg: string };

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const signIn = (body: { username: string; password: string; totp?: string }) =>
  t.postStaff("/api/staff/auth/sign-in", body);
const get = (url: string, cookie: string) => t.staff.request(url, { headers: { cookie } });
const actions = async () => (await t.db.select({ action: auditLog.action }).from(auditLog).all()).map((e) => e.action);
/** Each test starts in a fresh limit window, so counters of earlier tests do not leak in. */
const nextWindow = () => t.advance(signInLimits.windowMs);

/** A code from another 30-second step than now: right format, wrong value. */
const wrongCode = (secret: string) => {
  t.advance(-5 * 60_000);
  const old = t.totpCode(secret);
  t.advance(5 * 60_000);
  return old === t.totpCode(secret) ? "000000" : old;
};

describe("two-factor sign-in of the pre-enrolled demo admin", () => {
  it("asks for the code after a right password, refuses a wrong one and accepts the right one", async () => {
    nextWindow();
    const noCode = await signIn({ username: "admin", password: "admin-demo-pass" });
    expect(noCode.status).toBe(401);
    expect(await noCode.json()).toMatchObject({ error: { code: "totp_required" } });
    expect(noCode.headers.get("set-cookie")).toBeNull();

    const wrong = await signIn({
      username: "admin",
      password: "admin-demo-pass",
      totp: wrongCode(DEMO_ADMIN_TOTP_SECRET),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "sign_in_failed" } });
    expect(wrong.headers.get("set-cookie")).toBeNull();

    // A wrong code with a wrong password says no more than a wrong password alone.
    const bothWrong = await signIn({ username: "admin", password: "nope", totp: t.totpCode(DEMO_ADMIN_TOTP_SECRET) });
    expect(await bothWrong.json()).toEqual(await (await signIn({ username: "admin", password: "nope" })).json());

    const right = await signIn({
      username: "admin",
      password: "admin-demo-pass",
      totp: t.totpCode(DEMO_ADMIN_TOTP_SECRET),
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ signedIn: true, totpEnrolmentRequired: false, passwordChangeRequired: false });
    const session = await get("/api/staff/auth/session", t.cookieFrom(right));
    expect(await session.json()).toMatchObject({ username: "admin", totpEnabled: true, totpEnrolmentRequired: false });
  });

  it("accepts the code of the previous 30-second step (clock drift) but not older ones", async () => {
    nextWindow();
    const code = t.totpCode(DEMO_ADMIN_TOTP_SECRET);
    t.advance(30_000);
    expect((await signIn({ username: "admin", password: "admin-demo-pass", totp: code })).status).toBe(200);
    t.advance(60_000);
    expect((await signIn({ username: "admin", password: "admin-demo-pass", totp: code })).status).toBe(401);
  });
});

describe("an agent enrols in two-factor sign-in", () => {
  it("enrol → confirm → the session is renewed → sign-in needs the code", async () => {
    nextWindow();
    // An agent who has not enrolled yet (the demo agent comes enrolled).
    const agent = await createStaffAccount(t.db, { role: "agent", totp: false, password: "enrolling-agent-pass" });
    const first = await t.signInStaff(agent.username, agent.password);
    const enrol = await t.postStaff("/api/staff/auth/totp/enrol", { password: agent.password }, first);
    expect(enrol.status).toBe(200);
    const { secret, otpauthUri, qrSvg } = (await enrol.json()) as Enrolment;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(otpauthUri).toContain(agent.username);
    expect(qrSvg).toContain("<svg");
    const pending = await t.db.select().from(staffUsers).where(eq(staffUsers.id, agent.id)).get();
    expect(pending).toMatchObject({ totpSecret: secret, totpEnabledAt: null });
    // Not confirmed yet: the password alone still signs in, and the trail holds no secret.
    expect((await signIn({ username: agent.username, password: agent.password })).status).toBe(200);
    expect(JSON.stringify(await t.db.select().from(auditLog).all())).not.toContain(secret);

    const bad = await t.postStaff("/api/staff/auth/totp/confirm", { code: wrongCode(secret) }, first);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "code_invalid" } });
    const malformed = await t.postStaff("/api/staff/auth/totp/confirm", { code: "12ab" }, first);
    expect(await malformed.json()).toMatchObject({ error: { code: "code_format" } });

    const ok = await t.postStaff("/api/staff/auth/totp/confirm", { code: t.totpCode(secret) }, first);
    expect(ok.status).toBe(200);
    const renewed = t.cookieFrom(ok);
    expect(renewed).not.toBe(first);
    expect((await get("/api/staff/auth/session", first)).status).toBe(401);
    expect(await (await get("/api/staff/auth/session", renewed)).json()).toMatchObject({ totpEnabled: true });
    expect(await actions()).toEqual(expect.arrayContaining(["staff.totp.enrolment_started", "staff.totp.enabled"]));

    const again = await t.postStaff("/api/staff/auth/totp/enrol", { password: agent.password }, renewed);
    expect(again.status).toBe(409);

    const noCode = await signIn({ username: agent.username, password: agent.password });
    expect(await noCode.json()).toMatchObject({ error: { code: "totp_required" } });
    // The confirming code's step counts as used: sign-in takes the next step's code.
    t.advance(30_000);
    expect(
      (await signIn({ username: agent.username, password: agent.password, totp: t.totpCode(secret) })).status,
    ).toBe(200);
  });

  it("an admin resets a lost second factor; the agent signs in with the password and may enrol again", async () => {
    nextWindow();
    const admin = await t.signInAdmin();
    const res = await t.postStaff("/api/staff/accounts/staff-agent/reset-totp", {}, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ totpEnabled: false });
    expect((await signIn({ username: "agent", password: "agent-demo-pass" })).status).toBe(200);
    const self = await t.postStaff("/api/staff/accounts/staff-admin/reset-totp", {}, admin);
    expect(self.status).toBe(409);
  });
});

describe("an admin without two-factor sign-in", () => {
  it("can sign in but gets 403 totp_required everywhere except session, sign-out and enrolment", async () => {
    nextWindow();
    const admin = await t.signInAdmin();
    // Issue 14 D: one admin cannot make another alone — a second admin exists, and approves the new one below.
    const second = await createStaffAccount(t.db, { role: "admin" });
    const created = await t.postStaff(
      "/api/staff/accounts",
      {
        username: "new.admin",
        displayName: "Uusi Ylläpitäjä",
        role: "admin",
        password: "a-long-enough-passphrase",
        confidentialitySignedOn: "2026-11-01",
      },
      admin,
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const approver = await t.signInStaff(second.username, second.password);
    expect((await t.postStaff(`/api/staff/accounts/${id}/approve-admin`, {}, approver)).status).toBe(200);

    const res = await signIn({ username: "new.admin", password: "a-long-enough-passphrase" });
    expect(res.status).toBe(200);
    // Created by an admin with a password the admin chose: the password is changed first, then enrolment.
    expect(await res.json()).toEqual({ signedIn: true, totpEnrolmentRequired: true, passwordChangeRequired: true });
    const changed = await t.postStaff(
      "/api/staff/auth/password",
      { currentPassword: "a-long-enough-passphrase", newPassword: "the-admins-own-passphrase" },
      t.cookieFrom(res),
    );
    expect(changed.status).toBe(200);
    const cookie = t.cookieFrom(changed);
    expect(await (await get("/api/staff/auth/session", cookie)).json()).toMatchObject({
      role: "admin",
      totpEnrolmentRequired: true,
    });
    for (const url of ["/api/staff/accounts", "/api/staff/audit", "/api/staff/customers?q=asiakas"]) {
      const refused = await get(url, cookie);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: "totp_required" } });
    }
    expect((await t.postStaff("/api/staff/audit/verify", {}, cookie)).status).toBe(403);

    const { secret } = (await (
      await t.postStaff("/api/staff/auth/totp/enrol", { password: "the-admins-own-passphrase" }, cookie)
    ).json()) as Enrolment;
    const confirmed = await t.postStaff("/api/staff/auth/totp/confirm", { code: t.totpCode(secret) }, cookie);
    expect(confirmed.status).toBe(200);
    const renewed = t.cookieFrom(confirmed);
    expect((await get("/api/staff/accounts", renewed)).status).toBe(200);
    expect((await get("/api/staff/accounts", cookie)).status).toBe(401);
  });
});

describe("sign-in limits", () => {
  const wrong = { username: "agent", password: "wrong-password" };

  it("answers 429 on the 6th attempt after 5 failures, even with the right password", async () => {
    nextWindow();
    // The agent may have enrolled above; the reset test cleared it, so the password alone is right.
    for (let i = 0; i < signInLimits.maxFailuresPerAccount; i++) expect((await signIn(wrong)).status).toBe(401);
    const blocked = await signIn({ username: "agent", password: "agent-demo-pass" });
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(blocked.headers.get("set-cookie")).toBeNull();
    // The name is counted whatever its case.
    expect((await signIn({ username: "AGENT", password: "agent-demo-pass" })).status).toBe(429);

    t.advance(signInLimits.windowMs);
    expect((await signIn({ username: "agent", password: "agent-demo-pass" })).status).toBe(200);
  });

  it("gives an unknown account the same answers", async () => {
    nextWindow();
    const answers = async (username: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i <= signInLimits.maxFailuresPerAccount; i++) {
        const res = await signIn({ username, password: "wrong-password" });
        seen.push([res.status, await res.json()]);
      }
      return seen;
    };
    const known = await answers("agent");
    expect(await answers("nobody-at-all")).toEqual(known);
    expect(known.at(-1)).toEqual([429, { error: { code: "rate_limited", message: "Too many attempts" } }]);
  });

  it("a success clears the account's counter", async () => {
    nextWindow();
    for (let i = 0; i < signInLimits.maxFailuresPerAccount - 1; i++) await signIn(wrong);
    expect((await signIn({ username: "agent", password: "agent-demo-pass" })).status).toBe(200);
    for (let i = 0; i < signInLimits.maxFailuresPerAccount; i++) expect((await signIn(wrong)).status).toBe(401);
    expect((await signIn(wrong)).status).toBe(429);
  });

  it("a wrong authenticator code counts as a failure; a missing one does not", async () => {
    nextWindow();
    for (let i = 0; i < 10; i++) {
      expect((await signIn({ username: "admin", password: "admin-demo-pass" })).status).toBe(401);
    }
    const code = wrongCode(DEMO_ADMIN_TOTP_SECRET);
    for (let i = 0; i < signInLimits.maxFailuresPerAccount; i++) {
      expect((await signIn({ username: "admin", password: "admin-demo-pass", totp: code })).status).toBe(401);
    }
    const blocked = await signIn({
      username: "admin",
      password: "admin-demo-pass",
      totp: t.totpCode(DEMO_ADMIN_TOTP_SECRET),
    });
    expect(blocked.status).toBe(429);
  });

  it("limits one address to 20 failures across account names", async () => {
    nextWindow();
    const now = Date.UTC(2026, 10, 25, 12);
    for (let i = 0; i < signInLimits.maxFailuresPerAddress; i++) {
      expect(await beginSignInAttempt(t.db, { username: `name-${i}`, ip: "198.51.100.7" }, now)).toBe(true);
    }
    expect(await beginSignInAttempt(t.db, { username: "fresh-name", ip: "198.51.100.7" }, now)).toBe(false);
    expect(await beginSignInAttempt(t.db, { username: "fresh-name", ip: "198.51.100.8" }, now)).toBe(true);
    expect(
      await beginSignInAttempt(t.db, { username: "fresh-name", ip: "198.51.100.7" }, now + signInLimits.windowMs),
    ).toBe(true);
  });

  it("audits failed sign-ins without the password", async () => {
    const failures = await t.db.select().from(auditLog).where(eq(auditLog.action, "staff.sign_in_failed")).all();
    const reasons = new Set(failures.map((f) => JSON.parse(f.detail).reason));
    expect(reasons).toEqual(new Set(["password", "totp"]));
    expect(JSON.stringify(failures)).not.toContain("wrong-password");
  });
});
