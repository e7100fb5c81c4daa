import { customerSignInCodePolicy as signInCodePolicy } from "@tietoni/domain";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerSessions, signInCodes } from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const codeRows = async () => (await t.db.select({ n: count() }).from(signInCodes).get())?.n ?? 0;

describe("customer sign-in with an e-mailed code", () => {
  it("answers the same for registered and unknown addresses, and mails only the registered one", async () => {
    const known = await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const unknown = await t.postPortal("/api/portal/auth/request-code", { email: "nobody@example.com" });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect(t.sent.map((m) => m.to)).toEqual([DEMO_CUSTOMER_EMAIL]);
    expect(t.sent[0]?.text).toMatch(/\d{4} \d{4}/);
  });

  it("stores the code only as a hash", async () => {
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const rows = await t.db.select().from(signInCodes).all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.codeHash).not.toContain(code);
  });

  it("refuses a wrong code, then accepts the right one once", async () => {
    await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const wrong = code === "00000000" ? "00000001" : "00000000";
    const bad = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code: wrong });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "code_invalid" } });
    expect(bad.headers.get("set-cookie")).toBeNull();

    const good = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(good.status).toBe(200);
    expect(good.headers.get("set-cookie")).toMatch(/tietoni-portal=.+; .*HttpOnly/);

    const again = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(again.status).toBe(400);
  });

  it("refuses an expired code", async () => {
    await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    t.advance(signInCodePolicy.validForMs);
    const res = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(res.status).toBe(400);
  });

  it("refuses the right code on the sixth attempt", async () => {
    await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const wrong = code === "11111111" ? "22222222" : "11111111";
    for (let i = 0; i < signInCodePolicy.maxAttempts; i++) {
      const res = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code: wrong });
      expect(res.status).toBe(400);
    }
    const sixth = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(sixth.status).toBe(400);
  });

  it("rejects malformed input with a clear code and changes nothing", async () => {
    const before = await codeRows();
    const res = await t.postPortal("/api/portal/auth/request-code", { email: "not an address" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "email_invalid", fields: [{ path: "email", code: "email_invalid" }] },
    });
    const code = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code: "12ab" });
    expect(await code.json()).toMatchObject({ error: { code: "sign_in_code_format" } });
    const notJson = await t.portal.request("/api/portal/auth/request-code", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect(await codeRows()).toBe(before);
  });

  it("refuses state-changing requests from another origin, including the staff surface", async () => {
    const before = await codeRows();
    for (const origin of ["http://localhost:3001", "https://evil.example"]) {
      const res = await t.portal.request("/api/portal/auth/request-code", {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email: DEMO_CUSTOMER_EMAIL }),
      });
      expect(res.status).toBe(403);
    }
    const noOrigin = await t.portal.request("/api/portal/auth/request-code", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: DEMO_CUSTOMER_EMAIL }),
    });
    expect(noOrigin.status).toBe(403);
    expect(await codeRows()).toBe(before);
  });

  it("signs out by deleting the session row", async () => {
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const sessionId = cookie.split("=")[1]?.split(".")[0] ?? "";
    expect(await t.db.select().from(customerSessions).where(eq(customerSessions.id, sessionId)).get()).toBeDefined();
    const out = await t.postPortal("/api/portal/auth/sign-out", {}, cookie);
    expect(out.status).toBe(200);
    expect(await t.db.select().from(customerSessions).where(eq(customerSessions.id, sessionId)).get()).toBeUndefined();
    const after = await t.portal.request("/api/portal/my-data", { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it("ends an idle session", async () => {
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    t.advance(t.env.sessionPolicy.idleTimeoutMs);
    const res = await t.portal.request("/api/portal/my-data", { headers: { cookie } });
    expect(res.status).toBe(401);
  });
});
