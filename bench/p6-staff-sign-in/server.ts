import fs from "node:fs";
import { openDatabase } from "../../apps/bff/src/db/client.ts";
import type { Deps } from "../../apps/bff/src/deps.ts";
import { parseEnv } from "../../apps/bff/src/env.ts";
import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { createStaffApp } from "../../apps/bff/src/staff-app.ts";
import { listen, ready } from "../lib/child-side.ts";
import { benchEnv } from "../lib/register.ts";

/*
 * P6's server: both apps in one process on one register (argv[2] is its folder), as in production, so the staff's
 * password hashing and the customers' reads share one event loop and one libuv pool. TRUST_PROXY lets the bench
 * give each sign-in a client address of its own (X-Forwarded-For), as staff behind a proxy would have.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: server.ts <register folder>");
const env = parseEnv(benchEnv(dir, { TRUST_PROXY: "true" }));
// No built apps here; an existing empty folder keeps the static handler quiet.
for (const folder of [env.staticDirPortal, env.staticDirStaff]) fs.mkdirSync(folder, { recursive: true });
const deps: Deps = { db: openDatabase(env.databasePath), env, mailer: { send: async () => {} }, now: Date.now };
const portal = await listen(createPortalApp(deps).fetch);
const staff = await listen(createStaffApp(deps).fetch);
ready({ portal, staff });
