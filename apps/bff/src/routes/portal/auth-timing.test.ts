import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Tx } from "../../db/port.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { createDeps } from "../../deps.ts";
import type { MailMessage } from "../../mail/mailer.ts";
import { createPortalApp } from "../../portal-app.ts";
import { createTestContext, PORTAL_ORIGIN, type TestContext } from "../../test/test-context.ts";

/*
 * Issue 11, item 14: a wrong code must cost the same whether or not the address is registered, or its answer's
 * timing tells who is a customer. Measured two ways over many interleaved samples: what each try writes (counted
 * through the data port, exactly) and how long it takes (medians, within a generous ratio).
 */

type Counts = { full: number; relaxed: number; writes: number };

/** The port with its transactions counted by durability, and the write statements run in them. */
function countingPort(db: Db): { port: Db; counts: Counts } {
  const counts: Counts = { full: 0, relaxed: 0, writes: 0 };
  const writes = new Set<PropertyKey>(["insert", "update", "delete", "exec"]);
  const counted = (tx: Tx): Tx =>
    new Proxy(tx, {
      get(target, prop) {
        if (writes.has(prop)) counts.writes++;
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const port = Object.create(db) as Db;
  port.transaction = (fn, options) => {
    counts[options?.durability ?? "full"]++;
    return db.transaction((tx) => fn(counted(tx)), options);
  };
  return { port, counts };
}

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ TRUST_PROXY: "true" });
});
afterAll(() => t.close());

const DAY = 24 * 60 * 60 * 1000;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

describe("a wrong code costs the same for a registered and an unknown address", () => {
  it("the same writes and commits, and median times within 0.67-1.5 of each other over 200 interleaved tries", async () => {
    const { port, counts } = countingPort(t.db);
    const sent: MailMessage[] = [];
    let clock = Date.UTC(2026, 11, 1, 8, 0, 0);
    const deps = createDeps({
      db: port,
      env: t.env,
      mailer: { send: async (m) => void sent.push(m) },
      now: () => clock,
    });
    const app = createPortalApp(deps);
    const post = (url: string, body: unknown, ip: string) =>
      app.request(`/api/portal/auth/${url}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, "x-forwarded-for": ip },
        body: JSON.stringify(body),
      });

    const unknown = "nobody-at-all@example.com";
    const samples = { registered: [] as number[], unknown: [] as number[] };
    const costs = { registered: new Set<string>(), unknown: new Set<string>() };
    const WARM_UP = 20;
    for (let i = 0; i < WARM_UP + 200; i++) {
      // A new day: the limits per e-mail address start afresh, so every try below is a plain wrong code.
      clock += DAY;
      const ip = `198.51.100.${i % 200}`;
      // The registered address has a live code, as it would while its owner signs in.
      await post("request-code", { email: DEMO_CUSTOMER_EMAIL }, ip);
      // The code is issued and mailed just after the answer: wait for that work, so none of it is counted below
      // (on PostgreSQL it takes round trips to the server).
      await new Promise((resolve) => setImmediate(resolve));
      await port.settled();
      await deps.outbox.idle();
      const live = sent.at(-1)?.text.match(/(\d{4}) (\d{4})/);
      const wrong = live?.[1] === "0000" && live[2] === "0000" ? "00000001" : "00000000";
      const order = i % 2 === 0 ? (["registered", "unknown"] as const) : (["unknown", "registered"] as const);
      for (const who of order) {
        const before = { ...counts };
        const started = performance.now();
        const res = await post(
          "verify-code",
          { email: who === "registered" ? DEMO_CUSTOMER_EMAIL : unknown, code: wrong },
          ip,
        );
        const took = performance.now() - started;
        expect(res.status).toBe(400);
        if (i < WARM_UP) continue;
        samples[who].push(took);
        costs[who].add(
          JSON.stringify({
            full: counts.full - before.full,
            relaxed: counts.relaxed - before.relaxed,
            writes: counts.writes - before.writes,
          }),
        );
      }
    }

    // Exactly the same work every time: one count that does not wait for the disk, no durable commit.
    expect([...costs.registered]).toEqual([...costs.unknown]);
    expect(costs.registered.size).toBe(1);
    expect(JSON.parse([...costs.registered][0] ?? "{}")).toMatchObject({ full: 0, relaxed: 1 });

    const ratio = median(samples.registered) / median(samples.unknown);
    console.info(
      `[item 14] median wrong-code time: registered ${median(samples.registered).toFixed(3)} ms, unknown ${median(samples.unknown).toFixed(3)} ms, ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.67);
    expect(ratio).toBeLessThan(1.5);
  }, 120_000);
});
