import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAttempts } from "../../db/schema.ts";
import { createApiClient } from "../../db/test-fixtures.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";
import { type ClientEnv, clientAuth, requireScope } from "./index.ts";

let t: TestContext;
let app: Hono<ClientEnv>;

beforeAll(async () => {
  t = await createTestContext();
  app = new Hono<ClientEnv>()
    .use(clientAuth({ db: t.db, env: t.env, now: t.now }))
    .get("/read", requireScope("register:read"), (c) =>
      c.json({ client: c.var.client.clientId, system: c.var.client.systemName }, 200),
    );
});
afterAll(() => t.close());

const get = (token?: string) => app.request("/read", { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("clientAuth", () => {
  it("hands the route the client and its system", async () => {
    const client = await createApiClient(t.db, { systemName: "Billing", scopes: ["register:read"] });
    const res = await get(client.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ client: client.clientId, system: "Billing" });
  });

  it("counts nothing for a stranger: the token is checked before the call is counted", async () => {
    const client = await createApiClient(t.db, { systemName: "Billing", scopes: ["register:read"] });
    const wrong = `${client.token.slice(0, -1)}${client.token.endsWith("a") ? "b" : "a"}`;
    expect((await get(wrong)).status).toBe(401);
    const counters = await t.db
      .select()
      .from(signInAttempts)
      .where(eq(signInAttempts.key, `client:${client.clientId}`));
    expect(counters).toEqual([]);
  });

  it("refuses a client without the route's scope with 403, after counting the call", async () => {
    const client = await createApiClient(t.db, { systemName: "Billing", scopes: ["customers:write"] });
    const res = await get(client.token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "scope_missing" } });
    const counter = await t.db
      .select()
      .from(signInAttempts)
      .where(eq(signInAttempts.key, `client:${client.clientId}`))
      .get();
    expect(counter?.failures).toBe(1);
  });
});
