import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { createTestContext } from "../test/test-context.ts";

/**
 * Issue 15 G: a newcomer who opens the demo at http://127.0.0.1:3000 can sign in (the origin guard refused it as
 * foreign before). The twin is the demo's only: with DEMO=false the exact origin alone is accepted (production's
 * rule, checked in env.test.ts).
 */
const TWIN = "http://127.0.0.1:3000";

const contexts: Awaited<ReturnType<typeof createTestContext>>[] = [];
afterAll(async () => {
  for (const t of contexts) await t.close();
});

async function signInFrom(t: Awaited<ReturnType<typeof createTestContext>>, origin: string) {
  const post = (url: string, body: unknown) =>
    t.portal.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify(body),
    });
  const asked = await post("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
  if (asked.status !== 202) return { asked, verified: undefined };
  // The code is issued just after the answer: wait for that work (round trips to the server on PostgreSQL).
  await new Promise((resolve) => setImmediate(resolve));
  await t.settle();
  const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
  const verified = await post("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
  return { asked, verified };
}

describe("the demo's loopback origins", () => {
  it("signs a customer in from http://127.0.0.1:3000 in the demo, and the host-only cookie then reads their data", async () => {
    const t = await createTestContext();
    contexts.push(t);
    const { asked, verified } = await signInFrom(t, TWIN);
    expect(asked.status).toBe(202);
    expect(verified?.status).toBe(200);
    const cookieHeader = verified?.headers.get("set-cookie") ?? "";
    // Host-only: no Domain attribute, so the browser keeps it for 127.0.0.1 exactly as it would for localhost.
    expect(cookieHeader).not.toMatch(/domain=/i);
    const cookie = cookieHeader.split(";")[0] ?? "";
    const mine = await t.portal.request("/api/portal/my-data", { headers: { cookie } });
    expect(mine.status).toBe(200);
  });

  it("still refuses other origins in the demo, and the twin itself when the demo is off", async () => {
    const t = await createTestContext();
    contexts.push(t);
    for (const origin of ["http://127.0.0.2:3000", "http://127.0.0.1:3001", "http://[::1]:3000"]) {
      expect((await signInFrom(t, origin)).asked.status).toBe(403);
    }
    const exact = await createTestContext({ DEMO: "false" });
    contexts.push(exact);
    const refused = await signInFrom(exact, TWIN);
    expect(refused.asked.status).toBe(403);
    expect(await refused.asked.json()).toMatchObject({ error: { code: "origin_mismatch" } });
  });
});
