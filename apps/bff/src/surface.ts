import fs from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, type Hono, Hono as HonoApp, type MiddlewareHandler } from "hono";
import { except } from "hono/combine";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ClientErrorStatusCode } from "hono/utils/http-status";
import type { Db } from "./db/port.ts";
import { apiError } from "./http/api-error.ts";
import { declaredBodyLimit } from "./middleware/body-limit/index.ts";
import { jsonGuard } from "./middleware/json-guard/index.ts";
import { originGuard } from "./middleware/origin-guard/index.ts";
import { accessLog, matchedRoute } from "./observability/access-log.ts";
import { log } from "./observability/logger.ts";
import type { Readiness } from "./readiness.ts";

type SurfaceOptions = {
  name: "portal" | "staff";
  origin: string;
  /** Further origins accepted as this surface's own: the demo's loopback twin (env.ts acceptedOrigins). */
  alsoAcceptOrigins?: readonly string[];
  production: boolean;
  staticDir: string;
  // biome-ignore lint/suspicious/noExplicitAny: any typed API app can be mounted; its types are exported separately.
  api: Hono<any, any, any>;
  /**
   * An API that authenticates by bearer token only (the integration API, issue 12), under `basePath`: it brings its
   * own guards (token, scopes, rate and body limits, JSON); the surface's Origin check, body limit and JSON guard
   * do not apply to it, and nothing under it reads a session cookie.
   */
  // biome-ignore lint/suspicious/noExplicitAny: as `api`.
  bearerApi?: { basePath: string; app: Hono<any, any, any> };
  /** Probed by /healthz, and asked whether an error means "unavailable" (503) rather than a bug (500). */
  database: Pick<Db, "ping" | "unavailableReason">;
  /** Asked by /readyz: the database, its migrations and the outbox dispatcher (readiness.ts, issue 15 D). */
  readiness: Pick<Readiness, "check">;
  /**
   * Exact paths whose POST body is a raw file upload (issue 12's import): exempt from the 64 KiB limit and the
   * JSON-only guard below, so the route can stream the body to disk under its own cap and content-type check. The
   * origin guard and the route's session and permission checks still apply.
   */
  uploadPaths?: readonly string[];
};

const API_BODY_LIMIT = 64 * 1024;

/**
 * One listener's app: security headers, health check, the typed API and the built SPA.
 * The portal and the staff surface are built the same way but never share a session or an origin.
 */
const isUnder = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

export function createSurface({
  name,
  origin,
  alsoAcceptOrigins = [],
  production,
  staticDir,
  api,
  bearerApi,
  database,
  readiness,
  uploadPaths = [],
}: SurfaceOptions) {
  const app = new HonoApp();

  // Issue 15 E: first, so its time and its line cover everything below, refusals and errors included. The
  // integration API shares the staff listener but is its own surface in the log and the metrics.
  app.use(accessLog((c) => (bearerApi && isUnder(c.req.path, bearerApi.basePath) ? "integration" : name)));

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: production ? "max-age=31536000; includeSubDomains" : false,
      referrerPolicy: "no-referrer",
      permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.get("/healthz", async (c) => {
    try {
      await database.ping();
    } catch (err) {
      log.error({ surface: name, err }, "health check: database unavailable");
      return c.json({ status: "unavailable", surface: name }, 503);
    }
    return c.json({ status: "ok", surface: name }, 200);
  });

  // Issue 15 D: whether to send traffic here (/healthz says only whether the process and its database answer).
  app.get("/readyz", async (c) => {
    const report = await readiness.check();
    c.header("Cache-Control", "no-store");
    return c.json({ ...report, surface: name }, report.ready ? 200 : 503);
  });

  app.use("/api/*", (c, next) => {
    // API answers carry personal data: never cache them anywhere, unless a public route says otherwise (its own
    // Cache-Control replaces this one). Set before the route answers: reading the finished answer's headers made
    // @hono/node-server build a full Response for every request (bench/p2-middleware).
    c.header("Cache-Control", "no-store");
    return next();
  });
  // The surface's own API: its Origin, its body limit, JSON only. A bearer-token API mounted beside it (the staff
  // listener's integration API) has guards of its own and is left out of these: it reads no cookie, so a
  // cross-site request can carry no credential to it, and its body limit is larger. A file upload (the staff
  // import, `uploadPaths`) keeps the Origin check but streams a body larger than the limit and is not JSON.
  const own = (middleware: MiddlewareHandler) =>
    bearerApi ? except((c) => isUnder(c.req.path, bearerApi.basePath), middleware) : middleware;
  const isUpload = (c: Context) => c.req.method === "POST" && uploadPaths.includes(c.req.path);
  app.use("/api/*", own(originGuard({ origin, alsoAccept: alsoAcceptOrigins })));
  app.use("/api/*", own(except(isUpload, declaredBodyLimit(API_BODY_LIMIT))));
  app.use("/api/*", own(except(isUpload, jsonGuard())));
  app.route("/", api);
  if (bearerApi) app.route("/", bearerApi.app);
  app.all("/api/*", (c) => apiError(c, 404, "not_found", "No such endpoint"));

  // Issue 15 E: metrics are served on METRICS_HOST:METRICS_PORT only. A scraper pointed at a public listener gets a
  // plain 404, not the SPA's index.html (which would read as a scrape of garbage, or as metrics being public).
  app.all("/metrics", (c) => c.text("Not found", 404));

  // The built single-page app; unknown paths get index.html so deep links work.
  const indexFile = path.join(staticDir, "index.html");
  app.use("/*", serveStatic({ root: staticDir }));
  app.get("/*", (c) => {
    if (!fs.existsSync(indexFile)) return c.text(`The ${name} app has not been built (run: pnpm build).`, 503);
    c.header("Cache-Control", "no-cache");
    return c.html(fs.readFileSync(indexFile, "utf8"));
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      return apiError(c, err.status as ClientErrorStatusCode, "invalid_input", err.message);
    }
    // Disk full, locked, read-only or gone: fail closed with 503 (the transaction rolled back), so clients retry.
    const unavailable = database.unavailableReason(err);
    if (unavailable) {
      log.error({ surface: name, reason: unavailable }, "database unavailable");
      c.header("Retry-After", "5");
      const message = "The service is temporarily unavailable; nothing was changed";
      return apiError(c, 503, "service_unavailable", message);
    }
    log.error({ surface: name, route: matchedRoute(c), err }, "request failed");
    return apiError(c, 500, "server_error", "Internal error; nothing was changed");
  });

  return app;
}
