import { Hono } from "hono";
import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";

/*
 * P1's server: the baseline, a bare Hono "hello world" on @hono/node-server, and the real portal listener
 * (every middleware, session lookup, the customer's whole record) in one process, so both share a core. Issue 16: a
 * second argument serves that PostgreSQL database instead of the SQLite file in REGISTER_DIR.
 */
const [dir, databaseUrl] = process.argv.slice(2);
if (!dir) throw new Error("usage: server.ts REGISTER_DIR [DATABASE_URL]");

const hello = new Hono().get("/", (c) => c.text("Hello Hono!"));
ready({
  hello: await listen(hello.fetch),
  portal: await listen(createPortalApp(await benchDeps(dir, databaseUrl ? { DATABASE_URL: databaseUrl } : {})).fetch),
});
