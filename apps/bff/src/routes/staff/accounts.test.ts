import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, staffUsers } from "../../db/schema.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

const send = (method: "PATCH" | "POST", url: string, body: unknown, cookie: string) =>
  t.staff.request(url, {
    method,
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
const get = (url: string, cookie: string) => t.staff.request(url, { headers: { cookie } });
const lastAudit = () => t.lastAudit();
const signIn = (username: string, password: string) => t.postStaff("/api/staff/auth/sign-in", { username, password });

type Account = { id: string; username: string; disabled: boolean; role: string; totpEnabled: boolean };

async function createAccount(username: string, password = "a-long-enough-passphrase") {
  const res = await t.postStaff(
    "/api/staff/accounts",
    { username, displayName: "Testi Henkilö", role: "agent", password, confidentialitySignedOn: "2026-01-15" },
    admin,
  );
  expect(res.status).toBe(201);
  const account = (await res.json()) as Account;
  return account;
}

describe("who may manage staff accounts", () => {
  it("refuses an agent with 403 and a customer cookie with 401", async () => {
    const agent = await t.signInStaff("agent", "agent-demo-pass");
    expect((await get("/api/staff/accounts", agent)).status).toBe(403);
    const create = await t.postStaff(
      "/api/staff/accounts",
      {
        username: "x1",
        displayName: "X",
        role: "admin",
        password: "a-long-enough-passphrase",
        confidentialitySignedOn: null,
      },
      agent,
    );
    expect(create.status).toBe(403);
    expect(await create.json()).toMatchObject({ error: { code: "forbidden" } });
    expect((await send("PATCH", "/api/staff/accounts/staff-admin", { disabled: true }, agent)).status).toBe(403);

    const customer = await t.signInCustomer("asiakas@example.com");
    expect((await get("/api/staff/accounts", customer)).status).toBe(401);
    expect((await get("/api/staff/accounts", "")).status).toBe(401);
  });
});

describe("the account list", () => {
  it("lists every account without password hashes or secrets", async () => {
    const res = await get("/api/staff/accounts", admin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { staff: Account[] };
    expect(body.staff).toEqual(
      expect.arrayContaining([
        {
          id: "staff-admin",
          username: "admin",
          displayName: "Hilkka Koskinen",
          role: "admin",
          confidentialitySignedOn: "2021-04-28",
          disabled: false,
          totpEnabled: true,
          createdAt: expect.any(String),
          approvalPending: false,
          approvalRequestedBy: null,
        },
        expect.objectContaining({ username: "agent", role: "agent", totpEnabled: true }),
      ]),
    );
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash|totpSecret/);
  });
});

describe("creating an account", () => {
  it("creates an account that can sign in, and audits it without the password", async () => {
    const account = await createAccount("Tiina.Testaaja");
    expect(account).toMatchObject({ username: "tiina.testaaja", role: "agent", disabled: false, totpEnabled: false });
    expect(await lastAudit()).toMatchObject({ action: "staff.created", actorId: "staff-admin", actorRole: "admin" });
    expect((await lastAudit())?.detail).not.toContain("a-long-enough-passphrase");
    expect((await signIn("tiina.testaaja", "a-long-enough-passphrase")).status).toBe(200);
  });

  it("refuses a user name in use with 409 and a common password with 400", async () => {
    const before = (await t.db.select().from(staffUsers).all()).length;
    const taken = await t.postStaff(
      "/api/staff/accounts",
      {
        username: "agent",
        displayName: "A",
        role: "agent",
        password: "a-long-enough-passphrase",
        confidentialitySignedOn: null,
      },
      admin,
    );
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: "username_taken" } });

    const common = await t.postStaff(
      "/api/staff/accounts",
      { username: "new.one", displayName: "N", role: "agent", password: "Password1234", confidentialitySignedOn: null },
      admin,
    );
    expect(common.status).toBe(400);
    expect(await common.json()).toMatchObject({
      error: { code: "password_common", fields: [{ path: "password", code: "password_common" }] },
    });

    const short = await t.postStaff(
      "/api/staff/accounts",
      { username: "new.one", displayName: "N", role: "agent", password: "short", confidentialitySignedOn: null },
      admin,
    );
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { code: "password_too_short" } });
    expect((await t.db.select().from(staffUsers).all()).length).toBe(before);
  });

  it("creates an account without a confidentiality date that cannot sign in until one is recorded", async () => {
    const res = await t.postStaff(
      "/api/staff/accounts",
      {
        username: "unsigned",
        displayName: "U",
        role: "agent",
        password: "a-long-enough-passphrase",
        confidentialitySignedOn: null,
      },
      admin,
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as Account;
    expect((await signIn("unsigned", "a-long-enough-passphrase")).status).toBe(401);
    const update = await send("PATCH", `/api/staff/accounts/${id}`, { confidentialitySignedOn: "2026-11-20" }, admin);
    expect(update.status).toBe(200);
    expect((await signIn("unsigned", "a-long-enough-passphrase")).status).toBe(200);
  });
});

describe("changing an account", () => {
  it("disabling ends the person's sessions and refuses sign-in; enabling lets them back", async () => {
    const { id } = await createAccount("disable.me");
    const theirs = t.cookieFrom(await signIn("disable.me", "a-long-enough-passphrase"));
    expect((await get("/api/staff/auth/session", theirs)).status).toBe(200);

    const res = await send("PATCH", `/api/staff/accounts/${id}`, { disabled: true }, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, disabled: true });
    const entry = await lastAudit();
    expect(await t.db.row(sql`SELECT count(*) AS n FROM staff_sessions WHERE staff_user_id = ${id}`)).toEqual({
      n: 0,
    });
    expect((await get("/api/staff/auth/session", theirs)).status).toBe(401);
    expect((await signIn("disable.me", "a-long-enough-passphrase")).status).toBe(401);
    expect(entry).toMatchObject({ action: "staff.updated", actorId: "staff-admin" });
    expect(JSON.parse(entry?.detail ?? "{}")).toMatchObject({
      staffUserId: id,
      changed: ["disabled"],
      disabled: true,
      sessionsEnded: true,
    });

    expect((await send("PATCH", `/api/staff/accounts/${id}`, { disabled: false }, admin)).status).toBe(200);
    expect((await signIn("disable.me", "a-long-enough-passphrase")).status).toBe(200);
  });

  it("changes display name and role; a role change ends the sessions", async () => {
    const { id } = await createAccount("promote.me");
    const theirs = t.cookieFrom(await signIn("promote.me", "a-long-enough-passphrase"));
    // Issue 14 D: a promotion to admin waits for a second admin (four-eyes.test.ts); the data-protection officer's
    // seat is a role change all the same.
    const res = await send("PATCH", `/api/staff/accounts/${id}`, { displayName: "Uusi Nimi", role: "dpo" }, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ displayName: "Uusi Nimi", role: "dpo" });
    expect((await get("/api/staff/auth/session", theirs)).status).toBe(401);
    // The new name is a person's name: the trail says it changed, not what it is.
    expect((await lastAudit())?.detail).not.toContain("Uusi Nimi");
  });

  it("refuses an admin disabling, demoting or un-signing themselves with 409", async () => {
    for (const change of [{ disabled: true }, { role: "agent" }, { confidentialitySignedOn: null }]) {
      const res = await send("PATCH", "/api/staff/accounts/staff-admin", change, admin);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_state" } });
    }
    expect((await get("/api/staff/auth/session", admin)).status).toBe(200);
  });

  it("answers 404 for an unknown account, 400 for a malformed id or an empty change", async () => {
    expect((await send("PATCH", "/api/staff/accounts/nobody", { disabled: true }, admin)).status).toBe(404);
    expect((await send("PATCH", "/api/staff/accounts/DROP%20TABLE", { disabled: true }, admin)).status).toBe(400);
    expect((await send("PATCH", "/api/staff/accounts/staff-agent", {}, admin)).status).toBe(400);
  });
});

describe("resetting a password", () => {
  it("sets the new password, ends the person's sessions and audits without the password", async () => {
    const { id } = await createAccount("reset.me");
    const theirs = t.cookieFrom(await signIn("reset.me", "a-long-enough-passphrase"));
    const res = await send(
      "POST",
      `/api/staff/accounts/${id}/reset-password`,
      { password: "another-long-phrase" },
      admin,
    );
    expect(res.status).toBe(200);
    expect((await get("/api/staff/auth/session", theirs)).status).toBe(401);
    expect((await signIn("reset.me", "a-long-enough-passphrase")).status).toBe(401);
    expect((await signIn("reset.me", "another-long-phrase")).status).toBe(200);
    const entry = (await t.db.select().from(auditLog).where(eq(auditLog.action, "staff.password_reset")).all()).at(-1);
    expect(entry).toMatchObject({ actorId: "staff-admin" });
    expect(entry?.detail).not.toContain("another-long-phrase");
  });

  it("refuses a common password and leaves the old one working", async () => {
    const { id } = await createAccount("keep.me");
    const res = await send("POST", `/api/staff/accounts/${id}/reset-password`, { password: "QWERTYUIOP123" }, admin);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "password_common" } });
    expect((await signIn("keep.me", "a-long-enough-passphrase")).status).toBe(200);
  });
});
