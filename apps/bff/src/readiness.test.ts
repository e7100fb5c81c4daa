import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createTestContext } from "./test/test-context.ts";

/** Issue 15 D: /readyz on both listeners — database, migrations current, outbox dispatcher running. */
describe("/readyz", () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  async function started() {
    const t = await createTestContext();
    t.outbox.start(60_000);
    stop = () => t.outbox.stop();
    return t;
  }

  it("is 200 with every check on both listeners when the database answers, migrations are current and the outbox runs", async () => {
    const t = await started();
    for (const [app, surface] of [
      [t.portal, "portal"],
      [t.staff, "staff"],
    ] as const) {
      const res = await app.request("/readyz");
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({
        ready: true,
        shuttingDown: false,
        surface,
        checks: { database: true, migrations: true, outbox: true },
      });
    }
  });

  it("is 503 naming migrations when the database is behind the bundled journal", async () => {
    const t = await started();
    await t.db.exec(
      sql`delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)`,
    );
    const res = await t.portal.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      ready: false,
      checks: { database: true, migrations: false, outbox: true },
    });
    // Health is the process and its database only: unchanged.
    expect((await t.portal.request("/healthz")).status).toBe(200);
  });

  it("is 503 naming the outbox when the dispatcher is stopped", async () => {
    const t = await started();
    await t.outbox.stop();
    const res = await t.staff.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      ready: false,
      checks: { database: true, migrations: true, outbox: false },
    });
    expect((await t.staff.request("/healthz")).status).toBe(200);
  });

  it("is 503 naming the database when it is closed", async () => {
    const t = await started();
    await t.db.close();
    const res = await t.portal.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, checks: { database: false, migrations: false } });
  });

  it("turns 503 at once when a shutdown begins, every check still passing", async () => {
    const t = await started();
    t.deps.readiness.drain();
    const res = await t.portal.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      ready: false,
      shuttingDown: true,
      checks: { database: true, migrations: true, outbox: true },
    });
  });
});
