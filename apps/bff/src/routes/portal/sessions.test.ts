import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { customerSessions, customerSignIns } from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { PORTAL_ORIGIN, withBothDemoCustomers } from "../../test/test-context.ts";

// The file signs both customers in afresh once their first sessions have idled out.
let { t, idA: A, idB: B, cookieA, cookieB } = await withBothDemoCustomers();

const sessionsAnswerSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.iso.datetime(),
      lastSeenAt: z.iso.datetime(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
  signIns: z.array(z.object({ at: z.iso.datetime(), ip: z.string().nullable(), userAgent: z.string().nullable() })),
});

const sessionId = (cookie: string) => cookie.split("=")[1]?.split(".")[0] ?? "";
const list = async (cookie: string) =>
  sessionsAnswerSchema.parse(await (await t.portal.request("/api/portal/sessions", { headers: { cookie } })).json());
const end = (cookie: string, id: string) =>
  t.portal.request(`/api/portal/sessions/${id}`, {
    method: "DELETE",
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, cookie },
  });
const sessionRows = async (customerId?: string) =>
  (
    await t.db
      .select({ n: count() })
      .from(customerSessions)
      .where(customerId ? eq(customerSessions.customerId, customerId) : undefined)
      .get()
  )?.n ?? 0;
const isSignedIn = async (cookie: string) =>
  (await t.portal.request("/api/portal/auth/session", { headers: { cookie } })).status === 200;

describe("the customer's sessions", () => {
  it("lists only this customer's sessions and sign-ins, marking the current one", async () => {
    const second = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const res = await t.portal.request("/api/portal/sessions", { headers: { cookie: cookieA } });
    expect(res.status).toBe(200);
    const body = sessionsAnswerSchema.parse(await res.json());
    expect(body.sessions.map((s) => s.id).sort()).toEqual([sessionId(cookieA), sessionId(second)].sort());
    expect(body.sessions.find((s) => s.current)?.id).toBe(sessionId(cookieA));
    expect(body.sessions.filter((s) => s.current)).toHaveLength(1);
    expect(body.sessions.some((s) => s.id === sessionId(cookieB))).toBe(false);
    expect(body.sessions[0]).toMatchObject({ createdAt: "2026-11-25T10:00:00.000Z" });
    expect(body.signIns).toHaveLength(2);
    expect(body.signIns[0]).toEqual({ at: "2026-11-25T10:00:00.000Z", ip: null, userAgent: null });
    expect((await list(cookieB)).signIns).toHaveLength(1);
  });

  it("shows the newest 50 sign-ins, newest first", async () => {
    const base = Date.UTC(2026, 0, 1);
    await t.db
      .insert(customerSignIns)
      .values(Array.from({ length: 60 }, (_, i) => ({ customerId: A, at: base + i * 60_000, ip: `198.51.100.${i}` })));
    const { signIns } = await list(cookieA);
    expect(signIns).toHaveLength(50);
    expect(signIns.map((s) => Date.parse(s.at))).toEqual(
      [...signIns.map((s) => Date.parse(s.at))].sort((x, y) => y - x),
    );
    expect(signIns.some((s) => s.ip === "198.51.100.0")).toBe(false);
  });

  it("leaves expired sessions out of the list", async () => {
    const idle = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    t.advance(t.env.sessionPolicy.idleTimeoutMs - 1000);
    const fresh = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    t.advance(2000);
    const ids = (await list(fresh)).sessions.map((s) => s.id);
    expect(ids).toContain(sessionId(fresh));
    expect(ids).not.toContain(sessionId(idle));
    // The older sessions idled out too; sign in afresh for the rest of the file.
    cookieA = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    cookieB = await t.signInCustomer("yhteyshenkilo@example.com");
  });

  it("refuses to end another customer's session, the current one, or a malformed id", async () => {
    const before = await sessionRows();
    const foreign = await end(cookieA, sessionId(cookieB));
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { code: "not_found" } });
    expect(await isSignedIn(cookieB)).toBe(true);

    const current = await end(cookieA, sessionId(cookieA));
    expect(current.status).toBe(400);
    expect(await current.json()).toMatchObject({ error: { code: "invalid_input" } });

    for (const bad of ["NOT-AN-ID", "a".repeat(65), "x%20y"]) {
      const res = await end(cookieA, bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "id_invalid" } });
    }
    const unknown = await end(cookieA, "abc123");
    expect(unknown.status).toBe(404);
    expect(await sessionRows()).toBe(before);
    expect(await isSignedIn(cookieA)).toBe(true);
  });

  it("ends one other session of the customer", async () => {
    const other = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const res = await end(cookieA, sessionId(other));
    expect(res.status).toBe(200);
    expect(await isSignedIn(other)).toBe(false);
    expect(await isSignedIn(cookieA)).toBe(true);
    expect((await list(cookieA)).sessions.some((s) => s.id === sessionId(other))).toBe(false);
  });

  it("signs out every other session, keeping the current one and other customers' sessions", async () => {
    const others = [await t.signInCustomer(DEMO_CUSTOMER_EMAIL), await t.signInCustomer(DEMO_CUSTOMER_EMAIL)];
    const bSessions = await sessionRows(B);
    const aSessions = await sessionRows(A);
    const res = await t.postPortal("/api/portal/sessions/sign-out-others", {}, cookieA);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: aSessions - 1 });
    for (const o of others) expect(await isSignedIn(o)).toBe(false);
    expect(await isSignedIn(cookieA)).toBe(true);
    expect(await sessionRows(A)).toBe(1);
    expect(await sessionRows(B)).toBe(bSessions);

    const again = await t.postPortal("/api/portal/sessions/sign-out-others", {}, cookieA);
    expect(await again.json()).toEqual({ ended: 0 });
  });

  it("audits an ended session and signing out the others, by the customer, without any session secret", async () => {
    const others = [await t.signInCustomer(DEMO_CUSTOMER_EMAIL), await t.signInCustomer(DEMO_CUSTOMER_EMAIL)];
    const since = await t.lastAuditSeq();
    expect((await end(cookieA, "abc123")).status).toBe(404);
    expect((await end(cookieA, sessionId(others[0] ?? ""))).status).toBe(200);
    expect((await t.postPortal("/api/portal/sessions/sign-out-others", {}, cookieA)).status).toBe(200);

    const entries = await t.auditSince(since);
    expect(entries.map((e) => [e.action, e.actorType, e.actorId, e.customerId])).toEqual([
      ["customer.session.ended", "customer", A, A],
      ["customer.sessions.ended_others", "customer", A, A],
    ]);
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toEqual({
      sessionId: sessionId(others[0] ?? ""),
      by: sessionId(cookieA),
    });
    expect(JSON.parse(entries[1]?.detail ?? "{}")).toEqual({ ended: 1, by: sessionId(cookieA) });
    const secrets = [cookieA, ...others].map((cookie) => cookie.split(".")[1] ?? "?");
    for (const secret of secrets) expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it("requires a session and the portal's origin", async () => {
    expect((await t.portal.request("/api/portal/sessions")).status).toBe(401);
    const before = await sessionRows();
    const res = await t.portal.request("/api/portal/sessions/sign-out-others", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example", cookie: cookieA },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect(await sessionRows()).toBe(before);
  });
});
