import pg from "pg";
import type { TestProject } from "vitest/node";
import { poolEngine } from "../db/postgres/engine.ts";
import { migratePostgres } from "../db/postgres/open.ts";

/*
 * Issue 16: once per `bff-pg` run, a migrated template database on the PostgreSQL server (TIETONI_TEST_PG_URL,
 * default the local server's `postgres` database); every test register is copied from it. At the end, every
 * database the run made is dropped.
 */
const adminUrl = process.env.TIETONI_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export default async function setup(project: TestProject) {
  const prefix = `tietoni_t${Date.now().toString(36)}`;
  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const engine = poolEngine({
    url: url.toString(),
    poolSize: 2,
    statementTimeoutMs: 0,
    idleInTransactionMs: 0,
    ssl: "disable",
  });
  try {
    await migratePostgres(engine);
  } finally {
    await engine.end();
  }
  project.provide("tietoniPostgres" as never, { adminUrl, template, prefix } as never);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC",
      [`${prefix}\\_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  };
}
