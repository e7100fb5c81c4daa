import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client.ts";
import type { Db } from "./port.ts";
import { organisations } from "./schema.ts";

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-port-"));
  db = await openDatabase(path.join(dir, "port.sqlite"));
});

afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const org = (id: string) => ({ id, name: `Org ${id}`, businessId: `${id.padStart(7, "0")}-1` });
const names = async () => (await db.select({ id: organisations.id }).from(organisations)).map((r) => r.id).sort();
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the SQLite data port", () => {
  it("answers drizzle's builders with promises: select, insert, returning, get, update counts", async () => {
    await db.insert(organisations).values(org("1"));
    const [inserted] = await db.insert(organisations).values(org("2")).returning({ id: organisations.id });
    expect(inserted).toEqual({ id: "2" });
    expect(await db.select().from(organisations).where(eq(organisations.id, "1")).get()).toMatchObject(org("1"));
    const { changes } = await db.update(organisations).set({ name: "Renamed" }).run();
    expect(changes).toBe(2);
    expect(await db.row<{ n: number }>(sql`SELECT count(*) AS n FROM organisations`)).toEqual({ n: 2 });
  });

  it("commits a transaction that resolves and rolls back one that throws", async () => {
    await db.transaction(async (tx) => {
      await tx.insert(organisations).values(org("1"));
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(organisations).values(org("2"));
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await names()).toEqual(["1"]);
  });

  it("never lets another caller read a transaction's uncommitted state, even across an await", async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = db.transaction(async (tx) => {
      await tx.insert(organisations).values(org("1"));
      await paused; // real I/O in the middle of a transaction (a worker thread, the network)
      await tx.insert(organisations).values(org("2"));
    });
    await tick();
    expect(await names()).toEqual([]);
    expect(await db.read(async (r) => (await r.select().from(organisations)).length)).toBe(0);
    release();
    await slow;
    expect(await names()).toEqual(["1", "2"]);
  });

  it("runs transactions one at a time, in the order they were asked for, and writes outside wait for them", async () => {
    const order: string[] = [];
    let release!: () => void;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = db.transaction(async (tx) => {
      order.push("first begins");
      await paused;
      await tx.insert(organisations).values(org("1"));
      order.push("first ends");
    });
    const second = db.transaction(async (tx) => {
      order.push("second begins");
      await tx.insert(organisations).values(org("2"));
    });
    const outside = db
      .insert(organisations)
      .values(org("3"))
      .then(() => order.push("outside write"));
    await tick();
    expect(order).toEqual(["first begins"]);
    release();
    await Promise.all([first, second, outside]);
    expect(order).toEqual(["first begins", "first ends", "second begins", "outside write"]);
    expect(await names()).toEqual(["1", "2", "3"]);
  });

  it("lets a read snapshot read, never write", async () => {
    await db.insert(organisations).values(org("1"));
    const error = await db
      .read(async (r) => {
        expect(await r.select().from(organisations)).toHaveLength(1);
        await r.insert(organisations).values(org("2"));
      })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(String(error?.cause ?? error)).toMatch(/cannot write/);
    expect(await names()).toEqual(["1"]);
  });

  it("reads on the reader while a transaction holds the writer, and sees only what was committed", async () => {
    await db.insert(organisations).values(org("1"));
    let release!: () => void;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const open = db.transaction(async (tx) => {
      await tx.update(organisations).set({ name: "uncommitted" });
      await paused;
    });
    await tick();
    expect(await db.read(async (r) => (await r.select().from(organisations).get())?.name)).toBe("Org 1");
    release();
    await open;
    expect(await db.read(async (r) => (await r.select().from(organisations).get())?.name)).toBe("uncommitted");
  });

  it("keeps a read on the reader open when a read on the writer starts and ends meanwhile", async () => {
    // Issue 14 C made background transactions (the trail's entry after a WAL clear) common enough to show this: a
    // transaction holds the writer, so a read goes to the reader; the transaction commits, a second read takes the
    // writer and ends — and the first read must still be able to read.
    await db.insert(organisations).values(org("1"));
    let commit!: () => void;
    const committed = db.transaction(() => new Promise<void>((resolve) => (commit = resolve)));
    await tick();
    let go!: () => void;
    const gate = new Promise<void>((resolve) => (go = resolve));
    const long = db.read(async (r) => {
      await gate;
      return (await r.select({ id: organisations.id }).from(organisations)).length;
    });
    await tick();
    commit();
    await committed;
    expect(await db.read(async (r) => (await r.select().from(organisations)).length)).toBe(1);
    go();
    expect(await long).toBe(1);
  });

  it("rolls back a nested transaction alone", async () => {
    await db.transaction(async (tx) => {
      await tx.insert(organisations).values(org("1"));
      await tx
        .transaction(async (inner) => {
          await inner.insert(organisations).values(org("2"));
          throw new Error("inner fails");
        })
        .catch(() => {});
    });
    expect(await names()).toEqual(["1"]);
  });

  it("refuses a transaction handle used after its transaction ended", async () => {
    const leaked = await db.transaction(async (tx) => tx);
    const error = await leaked
      .insert(organisations)
      .values(org("1"))
      .then(
        () => null,
        (e: Error) => e,
      );
    // Drizzle wraps the driver's error in its own "Failed query" error.
    expect(String(error?.cause)).toMatch(/after it ended/);
    expect(await names()).toEqual([]);
  });

  it("gives a long snapshot one moment of the register while writes go on", async () => {
    await db.insert(organisations).values(org("1"));
    const snapshot = await db.openSnapshot();
    try {
      expect(await snapshot.get<{ n: number }>("SELECT count(*) AS n FROM organisations")).toEqual({ n: 1 });
      await db.insert(organisations).values(org("2"));
      const ids: string[] = [];
      for await (const batch of snapshot.batches<{ id: string }>("SELECT id FROM organisations")) {
        ids.push(...batch.map((r) => r.id));
      }
      expect(ids).toEqual(["1"]);
    } finally {
      await snapshot.close();
    }
    expect(await names()).toEqual(["1", "2"]);
  });
});
