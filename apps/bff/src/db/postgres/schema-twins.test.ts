import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { bffRoot, migrationsFolder, pgMigrationsFolder } from "../../paths.ts";
import { autoIncrementColumns, pgSchemaSource } from "./schema-source.ts";

/*
 * Issue 16: one schema source, a twin per dialect. The generated PostgreSQL schema must be what schema.ts gives now
 * (else `pnpm db:generate` was not run), drizzle-kit must have nothing left to generate for either dialect, and
 * every hand-written trigger of the SQLite migrations has a PostgreSQL twin of the same name, or a named reason.
 */

const biome = path.resolve(bffRoot, "../../node_modules/.bin/biome");

/** SQLite triggers whose work PostgreSQL does otherwise. */
const NO_TWIN: Record<string, string> = {
  customer_search_docs_ai: "keeps the FTS5 index in step; PostgreSQL's GIN trigram index follows its table itself",
  customer_search_docs_ad: "keeps the FTS5 index in step; PostgreSQL's GIN trigram index follows its table itself",
  customer_search_docs_au: "keeps the FTS5 index in step; PostgreSQL's GIN trigram index follows its table itself",
};

const pgMigrationText = () =>
  fs
    .readdirSync(pgMigrationsFolder)
    .filter((f) => f.endsWith(".sql"))
    .map((f) => fs.readFileSync(path.join(pgMigrationsFolder, f), "utf8"))
    .join("\n");

describe("the PostgreSQL schema (issue 16)", () => {
  it("is generated from schema.ts: the committed file is current", () => {
    const formatted = execFileSync(biome, ["format", "--stdin-file-path=schema.ts"], {
      input: pgSchemaSource(),
      encoding: "utf8",
    });
    const committed = fs.readFileSync(path.join(bffRoot, "src/db/postgres/schema.ts"), "utf8");
    expect(committed, "run `pnpm db:generate` and commit the result").toBe(formatted);
  });

  it("leaves drizzle-kit nothing to generate for either dialect", () => {
    const runs = [
      { dialect: "sqlite", schema: "./src/db/schema.ts", folder: migrationsFolder },
      { dialect: "postgresql", schema: "./src/db/postgres/schema.ts", folder: pgMigrationsFolder },
    ];
    for (const { dialect, schema, folder } of runs) {
      // drizzle-kit takes its output folder relative to the working directory: a scratch copy inside the package.
      const scratch = fs.mkdtempSync(path.join(bffRoot, ".drizzle-check-"));
      try {
        fs.cpSync(folder, scratch, { recursive: true });
        const out = execFileSync(
          path.resolve(bffRoot, "node_modules/.bin/drizzle-kit"),
          ["generate", "--dialect", dialect, "--schema", schema, "--out", `./${path.basename(scratch)}`],
          { cwd: bffRoot, encoding: "utf8" },
        );
        expect(out, `${dialect}: run \`pnpm db:generate\` and commit the migration`).toMatch(/No schema changes/);
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    }
  }, 60_000);

  it("gives every trigger of the SQLite migrations a PostgreSQL twin of the same name", () => {
    const sqlite = new Database(":memory:");
    migrate(drizzle({ client: sqlite }), { migrationsFolder });
    const triggers = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]
    )
      .map((t) => t.name)
      .sort();
    sqlite.close();
    expect(triggers.length).toBeGreaterThan(10);
    const pgText = pgMigrationText();
    const missing = triggers.filter(
      (name) => !NO_TWIN[name] && !new RegExp(`CREATE TRIGGER "?${name}"? `).test(pgText),
    );
    expect(missing).toEqual([]);
  });

  it("fills each integer key from its sequence, as SQLite does for NULL", () => {
    const pgText = pgMigrationText();
    const columns = autoIncrementColumns();
    expect(columns.length).toBeGreaterThan(5);
    for (const { table, column } of columns)
      expect(pgText).toContain(`CREATE TRIGGER "${table}_${column}_next" BEFORE INSERT ON "${table}"`);
  });
});
