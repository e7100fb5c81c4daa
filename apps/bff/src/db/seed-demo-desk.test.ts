import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { helsinkiDate, requestTypes } from "@tietoni/domain";
import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../env.ts";
import { viewQueue } from "../services/desk/queue.ts";
import { openDatabase } from "./client.ts";
import { customers, requestEvents, requests } from "./schema.ts";
import { DEMO_DESK_REQUESTS, seedDemo } from "./seed-demo.ts";

/*
 * Issue 15 G: the demo's desk is not empty on first sign-in. Seeded at the first start's clock, it holds a pending
 * request of every type on a named customer of its own, two due within the week, one overdue — whatever the day of
 * the month (month lengths and the March time change move calendar-month deadlines).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tietoni-demo-desk-${process.env.VITEST_POOL_ID ?? "0"}-`));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const agent = { id: "staff-agent", role: "agent", ip: null };

const clocks = {
  now: Date.now(),
  "the last day of March, at night": Date.UTC(2027, 2, 30, 22, 30),
  "the first of March, after a 28-day February": Date.UTC(2027, 2, 1, 9, 0),
};

describe("the demo desk", () => {
  for (const [when, now] of Object.entries(clocks)) {
    it(`holds a pending request of every type, two due this week and one overdue (${when})`, async () => {
      const db = await openDatabase(path.join(dir, `${now}.sqlite`));
      try {
        expect(await seedDemo(db, { deskAt: now })).toBe(true);
        const queue = await viewQueue(db, { state: "open" }, agent, now);
        expect(new Set(queue.requests.map((r) => r.type))).toEqual(new Set(requestTypes));
        expect(queue.counts.open).toBe(requestTypes.length);
        expect(queue.counts.overdue).toBe(1);
        expect(queue.counts.dueThisWeek).toBe(2);
        const overdue = queue.requests.filter((r) => r.dueStatus === "overdue");
        expect(overdue.map((r) => [r.type, r.customerName])).toEqual([["erasure", "Elina Poisto"]]);
        // Each on its own named customer, as the README's table says.
        const names = DEMO_DESK_REQUESTS.map((r) => `${r.firstName} ${r.lastName}`);
        expect(queue.requests.map((r) => r.customerName).sort()).toEqual([...names].sort());
        const extended = queue.requests.find((r) => r.state === "extended");
        expect(extended?.type).toBe("other");
        // Nothing is received after the seed's clock, and every request has its "received" step.
        const today = helsinkiDate(now);
        for (const r of queue.requests) expect(r.receivedOn <= today).toBe(true);
        const received = await db
          .select({ n: count() })
          .from(requestEvents)
          .where(eq(requestEvents.event, "received"))
          .get();
        expect(received?.n).toBe(requestTypes.length);
        // The correction asked for shows the current value beside the new one.
        const correction = await db.select().from(requests).where(eq(requests.type, "rectification")).get();
        expect(correction).toMatchObject({ correctionCurrent: "Oikaisu", correctionNew: "Oikaisu-Virtanen" });
      } finally {
        await db.close();
      }
    });
  }

  it("is left out of the register the BFF tests start from (no clock given)", async () => {
    const db = await openDatabase(path.join(dir, "tests.sqlite"));
    try {
      await seedDemo(db);
      expect((await db.select({ n: count() }).from(requests).get())?.n).toBe(0);
      const emails = DEMO_DESK_REQUESTS.map((r) => r.email);
      const rows = await db.select({ email: customers.email }).from(customers).all();
      expect(rows.filter((c) => c.email !== null && emails.includes(c.email))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("is listed in the README's table, one row per customer naming the request's type", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    for (const r of DEMO_DESK_REQUESTS) {
      const row = readme.split("\n").find((line) => line.startsWith("|") && line.includes(`\`${r.email}\``));
      expect(row, r.email).toContain(`${r.firstName} ${r.lastName}`);
      expect(row, r.email).toContain(`**${r.type}**`);
    }
  });
});
