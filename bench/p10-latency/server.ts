import fs from "node:fs";
import { openRegister } from "../../apps/bff/src/db/open.ts";
import { createDeps } from "../../apps/bff/src/deps.ts";
import { parseEnv } from "../../apps/bff/src/env.ts";
import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { listen, ready } from "../lib/child-side.ts";
import { benchEnv } from "../lib/register.ts";

/*
 * P10's server: the portal on the register in argv[2] — its SQLite file, or the PostgreSQL database DATABASE_URL
 * names (openRegister chooses, as the BFF's start does). A process of its own, so the load generator's CPU is not
 * its CPU; run with LD_PRELOAD=slow-fsync.so for the slow-disk side.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: server.ts <register folder>");
const env = parseEnv(
  benchEnv(dir, {
    // Each simulated customer toggles marketing far more often than the per-customer limit lets a person.
    LIMIT_MARKETING_WITHDRAWALS_PER_HOUR: "1000000000",
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  }),
);
for (const folder of [env.staticDirPortal, env.staticDirStaff]) fs.mkdirSync(folder, { recursive: true });
const deps = createDeps({ db: await openRegister(env), env, mailer: { async send() {} }, now: Date.now });
ready({ portal: await listen(createPortalApp(deps).fetch) });
