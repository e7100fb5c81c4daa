import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore, type SessionStore } from "../../auth/session-store.ts";
import type { Db } from "../../db/port.ts";
import { customers } from "../../db/schema.ts";
import { openTestDatabase } from "../../test/test-database.ts";
import { sessionAuth } from "./index.ts";

const policy = { idleTimeoutMs: 30 * 60_000, absoluteLifetimeMs: 12 * 60 * 60_000 };
let dir: string;
let db: Db;
let store: SessionStore;
let clock = Date.UTC(2026, 10, 25, 10);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-session-auth-"));
  // A register on the run's engine (SQLite, or a PostgreSQL database of its own in the bff-pg run).
  ({ db } = await openTestDatabase(path.join(dir, "register.sqlite")));
  await db.insert(customers).values({
    id: "c1",
    firstName: "Aino",
    lastName: "Asiakas",
    email: "aino@example.com",
    relationshipStart: "2020-01-01",
    createdAt: clock,
  });
  store = createSessionStore(db, { table: "customer_sessions", subject: "customer_id" }, policy);
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function appWith(load: Parameters<typeof sessionAuth<{ id: string; name: string }>>[0]["load"]) {
  return new Hono()
    .use(sessionAuth({ store, cookieName: "sid", load, now: () => clock }))
    .get("/", (c) => c.json({ subject: c.get("subject"), session: c.get("session").id }, 200));
}
const loadCustomer = async (r: Parameters<Parameters<typeof appWith>[0]>[0], id: string) => {
  const row = await r.select().from(customers).where(eq(customers.id, id)).get();
  return row ? { id: row.id, name: row.firstName } : null;
};

describe("sessionAuth", () => {
  it("puts the session and its subject in context for a valid cookie", async () => {
    const { token } = await store.create("c1", clock, { ip: null, userAgent: null });
    const res = await appWith(loadCustomer).request("/", { headers: { cookie: `sid=${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ subject: { id: "c1", name: "Aino" }, session: token.split(".")[0] });
  });

  it("answers 401 without a cookie, with a wrong secret, or with another surface's cookie name", async () => {
    const { token } = await store.create("c1", clock, { ip: null, userAgent: null });
    const [id] = token.split(".");
    for (const cookie of [undefined, `sid=${id}.wrongsecret`, `other=${token}`, "sid=garbage"]) {
      const res = await appWith(loadCustomer).request("/", { headers: cookie ? { cookie } : {} });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthenticated" } });
    }
  });

  it("ends a session whose subject is gone (the loader answers null)", async () => {
    const { token } = await store.create("c1", clock, { ip: null, userAgent: null });
    const res = await appWith(async () => null).request("/", { headers: { cookie: `sid=${token}` } });
    expect(res.status).toBe(401);
    // Deleted, not just refused: the same cookie fails with a loader that would accept it.
    const again = await appWith(loadCustomer).request("/", { headers: { cookie: `sid=${token}` } });
    expect(again.status).toBe(401);
  });

  it("ends a session left idle past the policy", async () => {
    const { token } = await store.create("c1", clock, { ip: null, userAgent: null });
    clock += policy.idleTimeoutMs + 1;
    const res = await appWith(loadCustomer).request("/", { headers: { cookie: `sid=${token}` } });
    expect(res.status).toBe(401);
  });
});
