import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { poolEngine } from "../db/postgres/engine.ts";
import { migratePostgres } from "../db/postgres/open.ts";
import { createPglite, migratePglite } from "./pglite-engine.ts";

/*
 * Issue 16: once per `bff-pg` run, one migrated template every test register is copied from.
 *
 * With a PostgreSQL server (TIETONI_TEST_PG_URL, default the local server's `postgres` database): a template
 * database on it; each register is `CREATE DATABASE … TEMPLATE` of it, and at the end every database the run made is
 * dropped. Without one (nothing answers on the server's port): PGlite, PostgreSQL in WebAssembly, migrated once and
 * dumped to a file; each register is a PGlite loaded from that dump in the test's process, so the suite still runs on
 * PostgreSQL's SQL, types and triggers. Tests that need a server (several connections, several processes) say
 * "skipped: no PostgreSQL server" (test/test-database.ts, `postgresServer`).
 */
const adminUrl = process.env.TIETONI_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * What the run provides to its test files (test/test-database.ts, `postgresRun`): the server's address and the
 * template's name, which a PGlite run names too (nothing answers there: a test probing it finds no server), and
 * PGlite's dump.
 */
export type PostgresRun = { adminUrl: string; template: string; prefix: string } & (
  | { kind: "server" }
  | { kind: "pglite"; templateFile: string }
);

/** Whether something accepts connections on the server's address: the only question before choosing PGlite. */
function listening(url: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port || 5432) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export default async function setup(project: TestProject) {
  const prefix = `tietoni_t${Date.now().toString(36)}`;
  const template = `${prefix}_template`;
  if (!(await listening(adminUrl))) return pgliteTemplate(project, { adminUrl, template, prefix });
  return serverTemplate(project, { adminUrl, template, prefix });
}

async function serverTemplate(
  project: TestProject,
  { template, prefix }: { adminUrl: string; template: string; prefix: string },
) {
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
  project.provide("tietoniPostgres" as never, { kind: "server", adminUrl, template, prefix } as never);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC",
      [`${prefix}\\_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  };
}

async function pgliteTemplate(project: TestProject, names: { adminUrl: string; template: string; prefix: string }) {
  console.info(`[bff-pg] no PostgreSQL server at ${new URL(adminUrl).host}: running on embedded PGlite`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-pglite-"));
  const templateFile = path.join(dir, "template.tar");
  const pglite = await createPglite();
  try {
    await migratePglite(pglite);
    // Uncompressed: loading it again for every register is then a copy, not a decompression.
    const dump = await pglite.dumpDataDir("none");
    fs.writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  project.provide("tietoniPostgres" as never, { kind: "pglite", ...names, templateFile } as never);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
