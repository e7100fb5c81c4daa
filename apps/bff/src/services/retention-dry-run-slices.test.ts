import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/port.ts";
import { openTestDatabase } from "../test/test-database.ts";
import { findRetentionDue, RETENTION_SCAN_SLICE, retentionDryRun } from "./retention.ts";

/*
 * Issue 14 item 8: the retention dry run reads the register in bounded slices, the event loop running between
 * them, instead of one statement over every customer and an uninterrupted loop over the candidates.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tietoni-retention-slices-${process.env.VITEST_POOL_ID ?? "0"}-`));
let db: Db;
const CUSTOMERS = RETENTION_SCAN_SLICE * 3 + 11;
/** Every this-many-th customer's relationship ended in 2010: retention (10 years) has run out for them. */
const EVERY = 1_000;
const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);

beforeAll(async () => {
  // The run's engine: a SQLite file, or a PostgreSQL database of its own.
  db = (await openTestDatabase(path.join(dir, "register.sqlite"))).db;
  // printf is SQLite's; lpad PostgreSQL's.
  const id = db.engine === "postgres" ? sql`'r' || lpad(i::text, 7, '0')` : sql`printf('r%07d', i)`;
  await db.exec(sql`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${sql.raw(String(CUSTOMERS))})
    INSERT INTO customers (id, first_name, last_name, email, relationship_start, relationship_end, created_at)
    SELECT ${id}, 'Etu', 'Suku' || i, 'r' || i || '@example.com',
           CASE WHEN i % ${EVERY} = 0 THEN '2001-01-01' ELSE '2024-01-01' END,
           CASE WHEN i % ${EVERY} = 0 THEN '2010-06-30' END, 0 FROM n`);
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Counts how often the event loop got to run a callback of its own while `work` ran. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    ticks += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  running = false;
  return { result, ticks };
}

describe("the retention dry run over a large register", () => {
  it("lets the event loop run between slices, and lists exactly the customers whose retention ran out", async () => {
    const { result, ticks } = await ticksDuring(() => findRetentionDue(db, "2026-12-02"));
    expect(ticks).toBeGreaterThanOrEqual(3);
    const expected = Array.from(
      { length: Math.floor(CUSTOMERS / EVERY) },
      (_, i) => `r${String((i + 1) * EVERY).padStart(7, "0")}`,
    );
    expect(result.customers.map((c) => c.id)).toEqual(expected);
    expect(result.blocked).toEqual([]);
  });

  it("also inside the audited dry run's transaction", async () => {
    const { result, ticks } = await ticksDuring(() =>
      retentionDryRun(db, { now: NOW, actor: { type: "staff", id: "staff-admin", role: "admin" } }),
    );
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(result.customers).toHaveLength(Math.floor(CUSTOMERS / EVERY));
  });
});
