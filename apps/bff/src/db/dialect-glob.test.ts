import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInsensitiveGlob } from "../services/desk/queue.ts";
import { openTestDatabase } from "../test/test-database.ts";
import { glob, globToRegex } from "./dialect.ts";
import type { Db } from "./port.ts";

/*
 * Issue 16: the desk's name filter is a GLOB on SQLite and its translation into a regular expression on
 * PostgreSQL (db/dialect.ts). SQLite's GLOB is the oracle: on this run's engine, `glob()` answers what GLOB answers.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tietoni-glob-${process.env.VITEST_POOL_ID ?? "0"}-`));
let db: Db;
const oracle = new Database(":memory:");
const globbed = oracle.prepare<[string, string], { m: number }>("SELECT ? GLOB ? AS m");

beforeAll(async () => {
  db = (await openTestDatabase(path.join(dir, "register.sqlite"))).db;
});
afterAll(async () => {
  await db.close();
  oracle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const matches = async (value: string, pattern: string) =>
  Boolean(
    (
      await db.row<{ m: number | boolean }>(
        sql`SELECT CASE WHEN ${glob(db, sql`${value}`, pattern)} THEN 1 ELSE 0 END AS m`,
      )
    )?.m,
  );

const text = (alphabet: string[]) => fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }).map((a) => a.join(""));
const letters = ["a", "A", "b", "ä", "Ä", "ö", "x", " ", ".", "*", "?", "[", "]", "^", "$", "\\", "(", "-", "é"];

describe("glob (db/dialect.ts)", () => {
  it("matches what SQLite's GLOB matches, for the desk's case-folding patterns", async () => {
    await fc.assert(
      fc.asyncProperty(text(letters), text(letters), fc.boolean(), async (value, word, anywhere) => {
        const folded = caseInsensitiveGlob(word);
        const pattern = anywhere ? `*${folded}*` : `${folded}*`;
        expect(await matches(value, pattern)).toBe(globbed.get(value, pattern)?.m === 1);
      }),
      { numRuns: 200 },
    );
  });

  it("matches what SQLite's GLOB matches for its classes, wildcards and characters special to a regular expression", async () => {
    const patterns = [
      "[]a]*",
      "[^a]*",
      "a?c",
      "*.*",
      "[a-c]x",
      "[[]*",
      "*[\\]*",
      "(*",
      "*$",
      "^*",
      "a|b",
      "x{2}",
      "[ab",
      "",
    ];
    const values = ["]x", "ax", "bx", "abc", "a.c", "bx", "[q", "\\", "(a", "a$", "^a", "a|b", "xx", "x{2}", "[ab", ""];
    for (const pattern of patterns) {
      for (const value of values) {
        expect(await matches(value, pattern), `${JSON.stringify(value)} GLOB ${JSON.stringify(pattern)}`).toBe(
          globbed.get(value, pattern)?.m === 1,
        );
      }
    }
    expect(globToRegex("[äÄ][*]x?")).toBe("^[äÄ][*]x.$");
  });
});
