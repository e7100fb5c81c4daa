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
/** Issue 15 E: everything a server writes (stdout and stderr), for the log scan after the run (global-teardown.ts). */
export const e2eLogFile = (stateDir: string) => `${stateDir}/bff.log`;

export const e2eEnv = {
  DATABASE_PATH: E2E_DB,
  MAIL_DIR: E2E_MAIL_DIR,
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
};
