import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The BFF package's folder (apps/bff), found by walking up from this module to the folder that holds the
 * migrations. The same code runs as source (apps/bff/src/…, under tsx and vitest) and bundled (apps/bff/dist/server.mjs
 * and apps/bff/dist/cli/*.mjs, issue 15 D), at different depths, so a fixed "../.." would be right for one only.
 */
export const bffRoot = findUp(path.dirname(fileURLToPath(import.meta.url)));

/** The repository root, so relative paths in configuration mean the same from any working directory. */
export const repoRoot = path.resolve(bffRoot, "../..");

/** drizzle-kit's migrations and their journal: applied at start, compared by /readyz. */
export const migrationsFolder = path.join(bffRoot, "drizzle");
/** Issue 16: PostgreSQL's migrations (drizzle-kit, from db/postgres/schema.ts). */
export const pgMigrationsFolder = path.join(bffRoot, "drizzle-pg");

function findUp(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "drizzle", "meta", "_journal.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`tietoni: no drizzle/meta/_journal.json above ${from}`);
  }
}
