import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { createStaffApp } from "../../apps/bff/src/staff-app.ts";
import { listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";

/*
 * P6's server: both apps in one process on one register (argv[2] is its folder), as in production, so the staff's
 * password hashing and the customers' reads share one event loop and one libuv pool. TRUST_PROXY lets the bench
 * give each sign-in a client address of its own (X-Forwarded-For), as staff behind a proxy would have.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: server.ts <register folder>");
const deps = await benchDeps(dir, { TRUST_PROXY: "true" });
const portal = await listen(createPortalApp(deps).fetch);
const staff = await listen(createStaffApp(deps).fetch);
ready({ portal, staff });
