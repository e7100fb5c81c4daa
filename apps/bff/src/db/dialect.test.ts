import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testEngine } from "../test/test-database.ts";
import { jsonInsert, jsonValues } from "./dialect.ts";
import type { Db } from "./port.ts";
import { organisations, suppressionList } from "./schema.ts";

/*
 * Issue 16: the engine-specific fragments answer alike on the run's engine (vitest project bff or bff-pg). The
 * batches are past PostgreSQL's 65,535 parameters per statement, which is why they are one JSON parameter.
 */

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-dialect-"));
  ({ db } = await openTestDatabase(path.join(dir, "dialect.sqlite")));
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const MANY = 70_000;

describe(`the dialect's JSON fragments on ${testEngine}`, () => {
  it("jsonInsert writes a batch in one statement, typed by the table: numbers stay numbers, text stays text", async () => {
    const at = Date.UTC(2026, 0, 1);
    const rows = Array.from({ length: MANY }, (_, i) => [`h${i}`, at + i]);
    await db.transaction(async (tx) => {
      await tx.exec(jsonInsert(tx, "suppression_list", ["email_hash", "created_at"], rows));
      await tx.exec(
        jsonInsert(
          tx,
          "organisations",
          ["id", "name", "business_id"],
          [
            ["o1", "Numeroita Oy", "0123456-7"],
            ["o2", "12", null],
          ],
        ),
      );
    });
    expect(await db.$count(suppressionList)).toBe(MANY);
    const last = await db.row<{ h: string; at: number }>(
      sql`SELECT email_hash AS h, created_at AS at FROM suppression_list WHERE email_hash = ${`h${MANY - 1}`}`,
    );
    expect(last).toEqual({ h: `h${MANY - 1}`, at: at + MANY - 1 });
    expect(await db.select().from(organisations).orderBy(asc(organisations.id))).toEqual([
      { id: "o1", name: "Numeroita Oy", businessId: "0123456-7" },
      { id: "o2", name: "12", businessId: null },
    ]);
  });

  it("jsonValues is the elements of one JSON array, whatever its length; an empty one matches nothing", async () => {
    const wanted = JSON.stringify(Array.from({ length: MANY }, (_, i) => `h${i * 2}`));
    const found = await db.row<{ n: number }>(
      sql`SELECT count(*) AS n FROM suppression_list WHERE email_hash IN (${jsonValues(db, wanted)})`,
    );
    expect(found).toEqual({ n: MANY / 2 });
    const none = await db.rows(sql`SELECT id FROM organisations WHERE id IN (${jsonValues(db, "[]")})`);
    expect(none).toEqual([]);
  });
});
