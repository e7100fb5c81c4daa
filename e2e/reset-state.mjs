// Removes this run's e2e database and mailbox so every run starts from the same seeded demo register.
import fs from "node:fs";
import { createRequire } from "node:module";

const dir = process.env.E2E_STATE_DIR;
if (!dir?.startsWith("var/e2e")) throw new Error("E2E_STATE_DIR must name a folder under var/e2e");
fs.rmSync(dir, { recursive: true, force: true });

// Issue 16 (`pnpm test:e2e:pg`, e2e-env.ts): the server's PostgreSQL database, dropped and created empty. Only a
// database named by the e2e run: a DATABASE_URL left in the shell must never lose its database to a test run.
if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^tietoni_e2e_[a-z0-9_]+$/.test(name)) {
    throw new Error(`DATABASE_URL names ${name}: the e2e run drops and creates only its own tietoni_e2e_… databases`);
  }
  // The BFF's PostgreSQL driver (e2e/ has no dependency of its own on it).
  const pg = createRequire(new URL("../apps/bff/package.json", import.meta.url))("pg");
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}
