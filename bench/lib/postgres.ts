import { createRequire } from "node:module";
import path from "node:path";
import { repoRoot } from "./child.ts";

/*
 * Issue 16: the benchmarks that report PostgreSQL beside SQLite (`--database-url`) each make a database of their own
 * on that server for the run and drop it afterwards.
 */

/** A database of its own on the server `url` names, dropped by the returned function. */
export async function freshPostgresDatabase(
  url: string,
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  // node-postgres is the BFF's dependency, not the bench's: loaded from there, as the load test loads better-sqlite3.
  type Client = { connect(): Promise<void>; query(text: string): Promise<unknown>; end(): Promise<void> };
  const pg = createRequire(path.join(repoRoot, "apps/bff/package.json"))("pg") as {
    Client: new (options: { connectionString: string }) => Client;
  };
  const name = `tietoni_bench_${label}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: url });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
