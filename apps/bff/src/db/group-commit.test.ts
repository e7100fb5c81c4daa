import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase, writerPragma } from "./client.ts";
import type { Db, Tx } from "./port.ts";
import { organisations } from "./schema.ts";

/*
 * Decision 015: the SQLite writer's group commit, through the port. SQLite only, in both vitest projects: the
 * PostgreSQL port has no batches (each write transaction commits on its own connection under the advisory lock).
 * Every COMMIT the writer runs is recorded with the safety level it ran under (1 NORMAL, 2 FULL).
 */

let dir: string;
let db: Db;
let events: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-group-commit-"));
  db = await openDatabase(path.join(dir, "register.sqlite"));
  events = [];
  const exec = Database.prototype.exec;
  vi.spyOn(Database.prototype, "exec").mockImplementation(function (this: Database.Database, source: string) {
    if (source === "COMMIT") events.push(`COMMIT synchronous=${this.pragma("synchronous", { simple: true })}`);
    return exec.call(this, source);
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const org = (id: string) => ({ id, name: `Org ${id}`, businessId: `${id.padStart(7, "0")}-1` });
const names = async () => (await db.select({ id: organisations.id }).from(organisations)).map((r) => r.id).sort();
const insert = (id: string) => (tx: Tx) => tx.insert(organisations).values(org(id)).run();
const outcome = (label: string, done: Promise<unknown>) =>
  done.then(
    () => events.push(`${label} committed`),
    // A failed statement's SQLite code (drizzle wraps the driver's error), else the message.
    (error: Error) => events.push(`${label} failed: ${(error.cause as { code?: string })?.code ?? error.message}`),
  );

describe("group commit (decision 015)", () => {
  it("commits transactions that arrive together once, and answers each only after that COMMIT", async () => {
    await Promise.all(["1", "2", "3", "4", "5"].map((id) => outcome(id, db.transaction(insert(id)))));
    expect(events).toEqual([
      "COMMIT synchronous=2",
      "1 committed",
      "2 committed",
      "3 committed",
      "4 committed",
      "5 committed",
    ]);
    expect(await names()).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("rolls back a member that throws alone; the others of its batch commit", async () => {
    await Promise.all([
      outcome("1", db.transaction(insert("1"))),
      outcome(
        "2",
        db.transaction(async (tx) => {
          await insert("2")(tx);
          throw new Error("changed my mind");
        }),
      ),
      // A constraint error inside the member: the same, the statement's error is the member's alone.
      outcome(
        "3",
        db.transaction(async (tx) => {
          await insert("3")(tx);
          await insert("1")(tx);
        }),
      ),
      outcome("4", db.transaction(insert("4"))),
    ]);
    expect(events).toEqual([
      "2 failed: changed my mind",
      "3 failed: SQLITE_CONSTRAINT_PRIMARYKEY",
      "COMMIT synchronous=2",
      "1 committed",
      "4 committed",
    ]);
    expect(await names()).toEqual(["1", "4"]);
  });

  it("fails every member of a batch SQLite rolled back whole (a full disk), and acknowledges none of them", async () => {
    const pages = Number(writerPragma(db, "page_count"));
    const big = "x".repeat(4000);
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        outcome(
          String(i + 1),
          db.transaction(async (tx) => {
            if (i !== 2) return void (await tx.insert(organisations).values(org(`${i + 1}`)));
            // The third member's rows no longer fit: SQLITE_FULL, after which SQLite ends the whole transaction.
            writerPragma(db, `max_page_count = ${pages + 2}`);
            try {
              for (let row = 0; row < 20; row++)
                await tx.insert(organisations).values({ ...org(`3-${row}`), name: big });
            } finally {
              writerPragma(db, "max_page_count = 4294967294");
            }
          }),
        ),
      ),
    );
    // The members before the failing one are lost with the transaction and told so; none heard "committed".
    expect(events.slice(0, 3).sort()).toEqual([
      "1 failed: SQLITE_FULL",
      "2 failed: SQLITE_FULL",
      "3 failed: SQLITE_FULL",
    ]);
    // The members still waiting started over in a batch of their own, and committed.
    expect(events.slice(3)).toEqual(["COMMIT synchronous=2", "4 committed", "5 committed", "6 committed"]);
    expect(await names()).toEqual(["4", "5", "6"]);
  });

  it("lets a relaxed transaction join a full batch, never a full one a relaxed batch", async () => {
    await Promise.all([
      outcome("full", db.transaction(insert("1"))),
      outcome("relaxed", db.transaction(insert("2"), { durability: "relaxed" })),
    ]);
    await Promise.all([
      outcome("relaxed first", db.transaction(insert("3"), { durability: "relaxed" })),
      outcome("full after", db.transaction(insert("4"))),
    ]);
    expect(events).toEqual([
      "COMMIT synchronous=2",
      "full committed",
      "relaxed committed",
      "COMMIT synchronous=1",
      "relaxed first committed",
      "COMMIT synchronous=2",
      "full after committed",
    ]);
    // The relaxed batch's level was the batch's alone.
    expect(writerPragma(db, "synchronous")).toBe(2);
  });

  it("commits a batch after 32 members, so the first waits for no more", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.transaction(insert(String(i)))));
    expect(events).toEqual(["COMMIT synchronous=2", "COMMIT synchronous=2"]);
    expect(await names()).toHaveLength(40);
  });

  it("never shows a batch's uncommitted rows to a read, which waits on the reader instead", async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(insert("1"));
    const second = db.transaction(async (tx) => {
      await paused;
      await insert("2")(tx);
    });
    await new Promise((resolve) => setImmediate(resolve));
    // The first member is done but its batch waits for the second: neither row is visible.
    expect(await db.read(async (r) => (await r.rows(sql`SELECT id FROM organisations`)).length)).toBe(0);
    expect(await names()).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(await names()).toEqual(["1", "2"]);
  });
});
