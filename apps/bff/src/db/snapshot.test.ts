import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsPostgresServer, openTestDatabase, testEngine } from "../test/test-database.ts";
import type { Db, SlotsFull, Snapshot, SnapshotSlot } from "./port.ts";
import { openPostgres } from "./postgres/open.ts";

/*
 * Issue 16: the long snapshot (the export's, the audit verification's) on both engines — one moment of the register
 * read in batches while writes go on — and its slots, which belong to the database: on PostgreSQL a second instance
 * on the same database sees the first one's slots taken, and a slot comes free when its snapshot's connection dies.
 */

// A snapshot held open while other statements run takes several connections: PGlite has one.
const withoutServer = needsPostgresServer("the long snapshot's tests");

let dir: string;
let db: Db;
let url: string | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-snapshot-"));
  const opened = await openTestDatabase(path.join(dir, "register.sqlite"));
  db = opened.db;
  url = opened.env.DATABASE_URL;
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const opened = (s: Snapshot | SlotsFull): Snapshot => {
  if ("full" in s) throw new Error(`slot ${s.full} is full`);
  return s;
};

async function allRows<R>(snapshot: Snapshot, text: string): Promise<{ rows: R[]; batches: number }> {
  const rows: R[] = [];
  let batches = 0;
  for await (const batch of snapshot.batches<R>(text)) {
    rows.push(...batch);
    batches++;
  }
  return { rows, batches };
}

describe.skipIf(withoutServer)("a long snapshot", () => {
  it("reads one moment in batches while writes go on", async () => {
    await db.exec(sql`
      INSERT INTO organisations (id, name, business_id)
      SELECT 'org' || n, 'Yritys ' || n, 'FI' || n FROM (
        WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 600) SELECT n FROM s) AS numbers`);
    const snapshot = await db.openSnapshot();
    try {
      expect(await snapshot.get<{ n: number }>(`SELECT count(*) AS "n" FROM organisations`)).toEqual({ n: 600 });
      await db.exec(sql`INSERT INTO organisations (id, name, business_id) VALUES ('late', 'Myöhäinen', 'FI-late')`);
      const { rows, batches } = await allRows<{ id: string }>(snapshot, "SELECT id FROM organisations ORDER BY id");
      // 600 rows in batches of 256: three, and the row written meanwhile is not in this moment.
      expect(rows).toHaveLength(600);
      expect(batches).toBe(3);
      expect(rows.some((r) => r.id === "late")).toBe(false);

      // A loop left early ends its statement; the snapshot reads on.
      for await (const batch of snapshot.batches<{ id: string }>("SELECT id FROM organisations ORDER BY id")) {
        expect(batch).toHaveLength(256);
        break;
      }
      expect(await snapshot.get<{ n: number }>(`SELECT count(*) AS "n" FROM organisations`)).toEqual({ n: 600 });
    } finally {
      await snapshot.close();
    }
    expect(await db.row(sql`SELECT count(*) AS "n" FROM organisations`)).toEqual({ n: 601 });
  });
});

describe.skipIf(withoutServer)("snapshot slots", () => {
  const one: SnapshotSlot = { name: "test:one", limit: 1 };
  const two: SnapshotSlot = { name: "test:two", limit: 2 };

  it("refuses a snapshot when a slot is full, naming it, and frees the slot when the snapshot closes", async () => {
    const first = opened(await db.openSnapshot({ slots: [one, two] }));
    const second = await db.openSnapshot({ slots: [two, one] });
    // The first full slot in the order given; nothing taken by the refused one (two still has one place).
    expect(second).toEqual({ full: "test:one" });
    const third = opened(await db.openSnapshot({ slots: [two] }));
    expect(await db.openSnapshot({ slots: [two] })).toEqual({ full: "test:two" });
    await first.close();
    await first.close();
    const fourth = opened(await db.openSnapshot({ slots: [one, two] }));
    await Promise.all([third.close(), fourth.close()]);
  });

  // Skipped on SQLite: one process owns the file (instance-lock.ts), so there is no other instance to share with.
  it.skipIf(testEngine === "sqlite")(
    "counts them per database: another instance sees them taken, and a dead connection gives them back (PostgreSQL)",
    async () => {
      // A second instance on the same database: a port of its own, a pool of its own.
      const other = await openPostgres({
        url: url as string,
        poolSize: 2,
        statementTimeoutMs: 0,
        idleInTransactionMs: 0,
        ssl: "disable",
      });
      try {
        const held = opened(await db.openSnapshot({ slots: [one] }));
        expect(await other.openSnapshot({ slots: [one] })).toEqual({ full: "test:one" });
        await held.close();
        const theirs = opened(await other.openSnapshot({ slots: [one] }));
        expect(await db.openSnapshot({ slots: [one] })).toEqual({ full: "test:one" });

        // The other instance's snapshot connection dies (a crash, a network cut): the server frees the slot.
        await db.exec(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'tietoni snapshot'`);
        let again: Snapshot | SlotsFull = { full: "" };
        for (let i = 0; i < 50 && "full" in again; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          again = await db.openSnapshot({ slots: [one] });
        }
        const mine = opened(again);
        await mine.close();
        await theirs.close();

        // An instance that shuts down with a download still open (a stalled reader) ends its snapshot connection:
        // it is outside the pool, and would otherwise outlive it.
        opened(await other.openSnapshot({ slots: [one] }));
      } finally {
        await other.close();
      }
      // The connection's end reaches the server a moment after close resolves: waited for, up to a second.
      const snapshotSessions = () =>
        db.row<{ n: number }>(sql`SELECT count(*) AS "n" FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'tietoni snapshot'`);
      for (let i = 0; i < 50 && (await snapshotSessions())?.n !== 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await snapshotSessions()).toEqual({ n: 0 });
      // …and its slot with it (given back before the connection ended).
      await opened(await db.openSnapshot({ slots: [one] })).close();
    },
  );
});
