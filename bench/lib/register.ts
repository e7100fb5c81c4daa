import fs from "node:fs";
import path from "node:path";
import { createSessionStore } from "../../apps/bff/src/auth/session-store.ts";
import { openRegister } from "../../apps/bff/src/db/open.ts";
import { seedDemo } from "../../apps/bff/src/db/seed-demo.ts";
import { createDeps, type Deps } from "../../apps/bff/src/deps.ts";
import { parseEnv } from "../../apps/bff/src/env.ts";
import { createLogger, useLogger } from "../../apps/bff/src/observability/logger.ts";

// Issue 15 E: a bench child's servers log each request as production does (the cost is measured), but to /dev/null,
// not into the run's output.
useLogger(createLogger({ destination: "/dev/null" }));

/**
 * The BFF's configuration for a bench child: a register file in `dir`, loopback origins, no built apps needed.
 * The benchmarks call the API with the right Origin, as a browser on the portal would.
 */
export function benchEnv(dir: string, overrides: Record<string, string> = {}) {
  return {
    NODE_ENV: "test",
    DEMO: "false",
    DATABASE_PATH: path.join(dir, "register.sqlite"),
    MAIL_DIR: path.join(dir, "mail"),
    // Issue 15 F: the erasure journal beside the bench's register, never the repository's var/state.
    STATE_DIR: path.join(dir, "state"),
    STATIC_DIR_PORTAL: path.join(dir, "no-portal-build"),
    STATIC_DIR_STAFF: path.join(dir, "no-staff-build"),
    PORTAL_ORIGIN: "http://localhost:3000",
    STAFF_ORIGIN: "http://localhost:3001",
    ...overrides,
  };
}

/**
 * Creates the demo register (244 customers) in `dir` and closes it again. Issue 16: a `DATABASE_URL` among the
 * overrides seeds that (empty) PostgreSQL database instead.
 */
export async function createDemoRegister(dir: string, overrides: Record<string, string> = {}): Promise<string> {
  const env = parseEnv(benchEnv(dir, overrides));
  const db = await openRegister(env);
  await seedDemo(db);
  await db.close();
  return env.databasePath;
}

/**
 * A signed-in customer's cookie without clicking through the e-mail code flow (epic-stack's fixture idea):
 * the session row is made the way sign-in makes it, so every request still does the full session lookup.
 */
export async function customerCookie(
  dir: string,
  customerId: string,
  overrides: Record<string, string> = {},
): Promise<string> {
  const env = parseEnv(benchEnv(dir, overrides));
  const db = await openRegister(env);
  try {
    const store = createSessionStore(db, { table: "customer_sessions", subject: "customer_id" }, env.sessionPolicy);
    const { token } = await store.create(customerId, Date.now(), { ip: "127.0.0.1", userAgent: "bench" });
    return `tietoni-portal=${token}`;
  } finally {
    await db.close();
  }
}

/**
 * The BFF's dependencies for a bench child serving the register in `dir`: real database, no mail sent. A static
 * folder that is not there (no built app) is made empty, so the listener answers "not built" without warnings.
 * Issue 16: a `DATABASE_URL` among the overrides serves that PostgreSQL database instead (openRegister chooses).
 */
export async function benchDeps(dir: string, overrides: Record<string, string> = {}): Promise<Deps> {
  const env = parseEnv(benchEnv(dir, overrides));
  for (const folder of [env.staticDirPortal, env.staticDirStaff]) fs.mkdirSync(folder, { recursive: true });
  const mailer = { async send() {} };
  return createDeps({ db: await openRegister(env), env, mailer, now: Date.now });
}
