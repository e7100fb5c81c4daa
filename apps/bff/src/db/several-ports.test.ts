import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createTestPostgresDatabase, needsPostgresServer, testEngine } from "../test/test-database.ts";
import { openDatabase } from "./client.ts";
import type { Db } from "./port.ts";
import { openPostgres } from "./postgres/open.ts";
import { customers, staffUsers } from "./schema.ts";
import { seedDemo } from "./seed-demo.ts";

/*
 * Issue 16: two data ports on one register, as two BFF instances have them: on PostgreSQL two pools on one
 * database, on SQLite two connections sets on one file (one server process owns a file, but a second process — the
 * CLI, or the portal and staff surfaces as two processes — may open it).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tietoni-ports-${process.env.VITEST_POOL_ID ?? "0"}-`));
const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let registers = 0;
/** Two ports on one new register of this run's engine. */
async function twoPorts(): Promise<[Db, Db]> {
  const open =
    testEngine === "sqlite"
      ? (() => {
          const file = path.join(dir, `register-${++registers}.sqlite`);
          return () => openDatabase(file);
        })()
      : await (async () => {
          const url = await createTestPostgresDatabase();
          return () =>
            openPostgres({ url, poolSize: 3, statementTimeoutMs: 60_000, idleInTransactionMs: 0, ssl: "disable" });
        })();
  const a = await open();
  opened.push(a);
  const b = await open();
  opened.push(b);
  return [a, b];
}

/** A job that runs until `finish` is called. */
function heldJob() {
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let started = false;
  return {
    run: async () => {
      started = true;
      await done;
      return "value";
    },
    finish: () => finish(),
    started: () => started,
  };
}

// Two pools on one database need a server: a PGlite run (no server) has one in-process database per register.
const noServer = needsPostgresServer("two ports on one register (db.exclusive, the demo seed)");

describe.skipIf(noServer)("db.exclusive: one round of a job at a time", () => {
  it("skips a round of the same job while one runs in this process, and runs other jobs meanwhile", async () => {
    const [a] = await twoPorts();
    const job = heldJob();
    const first = a.exclusive("purge", job.run);
    await expect.poll(job.started).toBe(true);
    expect(await a.exclusive("purge", async () => "second")).toEqual({ ran: false });
    expect(await a.exclusive("digest", async () => "other job")).toEqual({ ran: true, value: "other job" });
    job.finish();
    expect(await first).toEqual({ ran: true, value: "value" });
    // Released: the next round runs.
    expect(await a.exclusive("purge", async () => "next")).toEqual({ ran: true, value: "next" });
  });

  it("releases the lock when the job throws", async () => {
    const [a, b] = await twoPorts();
    await expect(
      a.exclusive("retention-schedule", async () => {
        throw new Error("the round failed");
      }),
    ).rejects.toThrow("the round failed");
    expect(await a.exclusive("retention-schedule", async () => 1)).toEqual({ ran: true, value: 1 });
    expect(await b.exclusive("retention-schedule", async () => 2)).toEqual({ ran: true, value: 2 });
  });

  it(
    testEngine === "postgres"
      ? "on PostgreSQL: a second instance skips the round while the first runs it, and takes the next one"
      : "on SQLite: the lock is the process's (one server process owns the file), so a second port runs its round",
    async () => {
      const [a, b] = await twoPorts();
      const job = heldJob();
      const first = a.exclusive("purge", job.run);
      await expect.poll(job.started).toBe(true);
      const second = await b.exclusive("purge", async () => "second");
      if (testEngine === "postgres") expect(second).toEqual({ ran: false });
      else expect(second).toEqual({ ran: true, value: "second" });
      // Another job is not held by this one on either engine.
      expect(await b.exclusive("digest", async () => "digest")).toEqual({ ran: true, value: "digest" });
      job.finish();
      await first;
      expect(await b.exclusive("purge", async () => "next")).toEqual({ ran: true, value: "next" });

      // An instance that stops (or dies: its connections go with it) in the middle of a round leaves no lock behind.
      const held = heldJob();
      const inFlight = a.exclusive("digest", held.run);
      await expect.poll(held.started).toBe(true);
      await a.close();
      expect(await b.exclusive("digest", async () => "taken over")).toEqual({ ran: true, value: "taken over" });
      held.finish();
      expect(await inFlight).toEqual({ ran: true, value: "value" });
    },
  );
});

describe.skipIf(noServer)("the demo seed", () => {
  it("seeds an empty register once when two instances start at once", async () => {
    const [a, b] = await twoPorts();
    const seeded = await Promise.all([seedDemo(a), seedDemo(b)]);
    expect(seeded.sort()).toEqual([false, true]);
    const demo = await a.select({ n: count() }).from(customers).get();
    expect(demo?.n).toBeGreaterThan(200);
    expect((await a.select({ n: count() }).from(staffUsers).get())?.n).toBe(2);
    // A later start finds it there.
    expect(await seedDemo(b)).toBe(false);
    expect((await b.select({ n: count() }).from(customers).get())?.n).toBe(demo?.n);
  });
});
