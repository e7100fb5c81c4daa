import { defineConfig } from "vitest/config";

// Unit tests of the domain, of the front end's pure logic (UI package and apps), and the BFF's tests on both engines:
// a real SQLite file per worker, and PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "domain", include: ["packages/domain/src/**/*.test.ts"] } },
      // The repository's own tooling: the boundary rules `pnpm lint` checks (scripts/lint-rules.mjs).
      { test: { name: "scripts", include: ["scripts/**/*.test.mjs"] } },
      {
        test: {
          name: "ui",
          include: ["packages/ui/src/**/*.test.{ts,tsx}", "apps/{portal,staff}/src/**/*.test.{ts,tsx}"],
          // Formatters, wording and form wiring are pure functions; none of them needs a DOM.
          environment: "node",
        },
      },
      {
        test: {
          name: "bff",
          include: ["apps/bff/src/**/*.test.ts"],
          setupFiles: ["apps/bff/src/test/setup-env.ts"],
          pool: "forks",
          // Whole-surface tests (authorization matrix, fuzzing) sign in many times with argon2id.
          testTimeout: 30_000,
        },
      },
      // Issue 16: the same BFF suite on PostgreSQL, a database per test register copied from one migrated template on
      // the server (TIETONI_TEST_PG_URL, default the local one), or embedded PGlite where no server answers
      // (test/pg-global-setup.ts).
      {
        test: {
          name: "bff-pg",
          include: ["apps/bff/src/**/*.test.ts"],
          setupFiles: ["apps/bff/src/test/setup-env.ts"],
          globalSetup: ["apps/bff/src/test/pg-global-setup.ts"],
          env: { TIETONI_TEST_ENGINE: "postgres" },
          pool: "forks",
          testTimeout: 30_000,
          // Without a server each register is a PGlite loaded in the test's process: a context takes seconds.
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
