import { Hono } from "hono";
import { createPortalApp, createPortalSessionGuard } from "../../apps/bff/src/portal-app.ts";
import { listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";

/*
 * P2's server: the same no-op routes twice — bare, and behind the portal surface's whole chain (security headers,
 * no-store, origin guard, body limit, JSON guard, session lookup), built by portal-app.ts itself.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: server.ts REGISTER_DIR");
const deps = await benchDeps(dir);

const noop = <App extends Hono>(app: App) =>
  app.get("/noop", (c) => c.json({ ok: true }, 200)).post("/noop", (c) => c.json({ ok: true }, 200));

const bare = new Hono().route("/api/portal", noop(new Hono()));

const { requireCustomer } = createPortalSessionGuard(deps);
const chained = createPortalApp(
  deps,
  new Hono().basePath("/api/portal").use(requireCustomer).route("/", noop(new Hono())),
);

ready({ bare: await listen(bare.fetch), chained: await listen(chained.fetch) });
