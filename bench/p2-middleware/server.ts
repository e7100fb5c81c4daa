import { Hono } from "hono";
import { createSessionStore } from "../../apps/bff/src/auth/session-store.ts";
import { sessionCookieName } from "../../apps/bff/src/http/session-cookie.ts";
import { sessionAuth } from "../../apps/bff/src/middleware/session-auth/index.ts";
import { findActiveCustomer } from "../../apps/bff/src/services/customer-record.ts";
import { createSurface } from "../../apps/bff/src/surface.ts";
import { listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";

/*
 * P2's server: the same no-op routes twice — bare, and behind the portal surface's whole chain (security headers,
 * no-store, origin guard, body limit, JSON guard, session lookup), built exactly as portal-app.ts builds it.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: server.ts REGISTER_DIR");
const deps = benchDeps(dir);

const noop = <App extends Hono>(app: App) =>
  app.get("/noop", (c) => c.json({ ok: true }, 200)).post("/noop", (c) => c.json({ ok: true }, 200));

const bare = new Hono().route("/api/portal", noop(new Hono()));

const sessions = createSessionStore(
  deps.db,
  { table: "customer_sessions", subject: "customer_id" },
  deps.env.sessionPolicy,
);
const requireCustomer = sessionAuth({
  store: sessions,
  cookieName: sessionCookieName(deps.env, "portal"),
  load: (id) => findActiveCustomer(deps.db, id) ?? null,
  now: deps.now,
});
const chained = createSurface({
  name: "portal",
  origin: deps.env.portalOrigin,
  production: deps.env.production,
  staticDir: deps.env.staticDirPortal,
  api: new Hono().basePath("/api/portal").use(requireCustomer).route("/", noop(new Hono())),
});

ready({ bare: await listen(bare.fetch), chained: await listen(chained.fetch) });
