/** Where the e2e BFF keeps its state: apart from the demo's var/ files, wiped before every run. */
export const E2E_PORTAL_PORT = 3100;
export const E2E_STAFF_PORT = 3101;
export const E2E_DB = "var/e2e/register.sqlite";
export const E2E_MAIL_DIR = "var/e2e/mail";

export const e2eEnv = {
  DATABASE_PATH: E2E_DB,
  MAIL_DIR: E2E_MAIL_DIR,
  PORTAL_PORT: String(E2E_PORTAL_PORT),
  STAFF_PORT: String(E2E_STAFF_PORT),
  PORTAL_HOST: "127.0.0.1",
  PORTAL_ORIGIN: `http://localhost:${E2E_PORTAL_PORT}`,
  STAFF_ORIGIN: `http://localhost:${E2E_STAFF_PORT}`,
};
