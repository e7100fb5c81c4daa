/*
 * Where the e2e BFF listens and keeps its state: apart from the demo's var/ files and wiped before every
 * run. E2E_PORT_BASE lets several runs share a machine (portal on the base port, staff on base + 1).
 */
const base = Number(process.env.E2E_PORT_BASE ?? "3100");
export const E2E_PORTAL_PORT = base;
export const E2E_STAFF_PORT = base + 1;
export const E2E_STATE_DIR = `var/e2e-${base}`;
export const E2E_DB = `${E2E_STATE_DIR}/register.sqlite`;
export const E2E_MAIL_DIR = `${E2E_STATE_DIR}/mail`;
/*
 * Issue 16: `pnpm test:e2e:pg` runs both e2e servers on PostgreSQL. E2E_PG_URL names the server by its maintenance
 * database (`postgres://postgres@127.0.0.1:5432/postgres`); each e2e server gets a database of its own on it, dropped
 * and created empty before the server starts (reset-state.mjs), as the SQLite file is deleted, and the server
 * migrates and seeds it. Without E2E_PG_URL the servers run on SQLite files, as before.
 */
const pgServer = process.env.E2E_PG_URL;
/** The prefix of every database the e2e run makes: reset-state.mjs drops no other. */
const E2E_DATABASE_PREFIX = "tietoni_e2e_";
const postgresDatabase = (name: string): { DATABASE_URL?: string } => {
  if (!pgServer) return {};
  const url = new URL(pgServer);
  url.pathname = `/${E2E_DATABASE_PREFIX}${name}`;
  return { DATABASE_URL: url.toString() };
};

/** Issue 15 E: everything a server writes (stdout and stderr), for the log scan after the run (global-teardown.ts). */
export const e2eLogFile = (stateDir: string) => `${stateDir}/bff.log`;

export const e2eEnv = {
  DATABASE_PATH: E2E_DB,
  MAIL_DIR: E2E_MAIL_DIR,
  // Issue 15 F: the e2e register's erasure journal and instance lock beside it. Without this the e2e server journalled
  // its erasures into the demo's var/state, and the demo's next start would have replayed them on the demo register
  // (seeded customers have the same ids in both).
  STATE_DIR: `${E2E_STATE_DIR}/state`,
  PORTAL_PORT: String(E2E_PORTAL_PORT),
  STAFF_PORT: String(E2E_STAFF_PORT),
  PORTAL_HOST: "127.0.0.1",
  PORTAL_ORIGIN: `http://localhost:${E2E_PORTAL_PORT}`,
  STAFF_ORIGIN: `http://localhost:${E2E_STAFF_PORT}`,
  // Not the default (720), so the About page's statement is seen to give this installation's session lifetime.
  SESSION_ABSOLUTE_MINUTES: "600",
  // Issue 14 B: no scheduled retention run in the browser tests: it would anonymise the seeded customers (Pekka
  // Päättynyt) the retention tests run on by hand. The schedule is tested in the BFF tests with a clock they set.
  RETENTION_SCHEDULE: "false",
  E2E_STATE_DIR,
  ...postgresDatabase(String(base)),
};

/*
 * Issue 15 C: a second server for the smoke project of another controller (notices/nordwind.json, a made-up one), on
 * base + 2 (portal) and base + 3 (staff) with a state folder of its own. Same build, same code: only NOTICE_FILE
 * differs, which is the point.
 */
/** Which e2e server a project's fixtures talk to (a worker option, set per project in playwright.config.ts). */
export type E2eServer = "main" | "second";
export type E2eServerOptions = { e2eServer: E2eServer };

export const E2E_SECOND_PORTAL_PORT = base + 2;
export const E2E_SECOND_STAFF_PORT = base + 3;
export const E2E_SECOND_STATE_DIR = `var/e2e-${base}-second`;
export const E2E_SECOND_MAIL_DIR = `${E2E_SECOND_STATE_DIR}/mail`;
export const SECOND_NOTICE_FILE = "notices/nordwind.json";

export const secondControllerEnv = {
  ...e2eEnv,
  NOTICE_FILE: SECOND_NOTICE_FILE,
  DATABASE_PATH: `${E2E_SECOND_STATE_DIR}/register.sqlite`,
  MAIL_DIR: E2E_SECOND_MAIL_DIR,
  // Its own erasure journal (STATE_DIR): the two registers are two deployments.
  STATE_DIR: `${E2E_SECOND_STATE_DIR}/state`,
  ...postgresDatabase(`${base}_second`),
  PORTAL_PORT: String(E2E_SECOND_PORTAL_PORT),
  STAFF_PORT: String(E2E_SECOND_STAFF_PORT),
  PORTAL_ORIGIN: `http://localhost:${E2E_SECOND_PORTAL_PORT}`,
  STAFF_ORIGIN: `http://localhost:${E2E_SECOND_STAFF_PORT}`,
  E2E_STATE_DIR: E2E_SECOND_STATE_DIR,
};
