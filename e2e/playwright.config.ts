import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import {
  E2E_PORTAL_PORT,
  E2E_SECOND_PORTAL_PORT,
  E2E_SECOND_STATE_DIR,
  E2E_STAFF_PORT,
  E2E_STATE_DIR,
  type E2eServerOptions,
  e2eEnv,
  e2eLogFile,
  secondControllerEnv,
} from "./e2e-env.ts";
import { systemChromiumArgs } from "./system-chromium.ts";

const root = path.resolve(import.meta.dirname, "..");

/*
 * Runs the real BFF, serving the built apps, on ports of its own and a fresh SQLite file (var/e2e),
 * so a running demo is not disturbed; `pnpm test:e2e:pg` (issue 16) a fresh PostgreSQL database instead (e2e-env.ts). CHROMIUM_PATH picks a system Chromium; without it Playwright's own is used.
 */
const chromiumPath = process.env.CHROMIUM_PATH;
const launchOptions = chromiumPath
  ? {
      executablePath: chromiumPath,
      args: systemChromiumArgs,
    }
  : {};

export default defineConfig<object, E2eServerOptions>({
  testDir: ".",
  testMatch: "*.spec.ts",
  fullyParallel: false,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"]],
  // Generous: a 2-core CI machine runs the BFF, two workers and Chromium at once.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { ...devices["Desktop Chrome"], launchOptions, trace: "retain-on-failure" },
  /*
   * Tests create the customers and staff accounts they use (fixtures.ts) and run two at a time. Tests of an
   * operation on the whole register (retention, the mailing-list export, verifying the audit trail) are tagged
   * @register and run in a project of their own, one at a time (`workers: 1`), beside the others: they assert only
   * on records they created, and never run against each other (a retention run beside another one's dry run).
   */
  projects: [
    {
      name: "portal",
      testMatch: "portal-*.spec.ts",
      grepInvert: /@register/,
      use: { baseURL: `http://localhost:${E2E_PORTAL_PORT}` },
    },
    {
      name: "staff",
      testMatch: "staff-*.spec.ts",
      grepInvert: /@register/,
      use: { baseURL: `http://localhost:${E2E_STAFF_PORT}` },
    },
    {
      name: "register",
      testMatch: "staff-*.spec.ts",
      grep: /@register/,
      fullyParallel: false,
      workers: 1,
      use: { baseURL: `http://localhost:${E2E_STAFF_PORT}` },
    },
    /*
     * Issue 15 C: the smoke of another controller. The same build served by a second BFF whose only difference is
     * NOTICE_FILE (notices/nordwind.json): sign-in, my data, download, one mail, the staff record. Its fixtures talk
     * to that server's register (`e2eServer: "second"`); staff pages are opened by full URL on its staff port.
     */
    {
      name: "second-controller",
      testMatch: "controller-*.spec.ts",
      use: { baseURL: `http://localhost:${E2E_SECOND_PORTAL_PORT}`, e2eServer: "second" },
    },
  ],
  webServer: [
    {
      // The server's stdout and stderr are kept in its state dir for the scan, and still shown (tee). `--silent`:
      // pnpm's own banner is not a log line of the server's.
      command: `node e2e/reset-state.mjs && mkdir -p ${E2E_STATE_DIR} && pnpm --silent --filter @tietoni/bff start 2>&1 | tee ${e2eLogFile(E2E_STATE_DIR)}`,
      cwd: root,
      url: `http://localhost:${E2E_PORTAL_PORT}/healthz`,
      env: e2eEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      command: `node e2e/reset-state.mjs && mkdir -p ${E2E_SECOND_STATE_DIR} && pnpm --silent --filter @tietoni/bff start 2>&1 | tee ${e2eLogFile(E2E_SECOND_STATE_DIR)}`,
      cwd: root,
      url: `http://localhost:${E2E_SECOND_PORTAL_PORT}/healthz`,
      env: secondControllerEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
  ],
  // Issue 15 E: after the run, every line each server wrote is scanned for personal data (global-teardown.ts).
  globalTeardown: "./global-teardown.ts",
});
