import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { log } from "./logger.ts";
import { httpDuration, httpRequests, type Surface } from "./metrics.ts";

/** An incoming request id is kept only when it cannot smuggle anything into a log line or a header. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The SPA's files and its index.html fallback, under one route name: paths there are the browser's, not ours. */
const STATIC_ROUTES = new Set(["/*", "*"]);

/**
 * The matched route's pattern (`/api/staff/customers/:id`), never the path itself: the path carries ids and the
 * query string can carry anything a client typed. After `next()` the route index is the handler (or the guard)
 * that answered.
 */
export function matchedRoute(c: Context): string {
  const pattern = routePath(c);
  if (!pattern || STATIC_ROUTES.has(pattern)) return "static";
  return pattern;
}

/** Methods as labels only from a fixed set: a client can send any token as a method. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/**
 * Issue 15 E: one JSON line per request — request id, surface, route pattern, method, status, milliseconds — and
 * the request counters and latency histogram. Nothing else about the request is read: no path, query, header
 * value, cookie, body or client address goes into the line.
 */
export function accessLog(surfaceOf: (c: Context) => Surface): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const reqId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.header("x-request-id", reqId);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    const route = matchedRoute(c);
    const surface = surfaceOf(c);
    const method = METHODS.has(c.req.method) ? c.req.method : "other";
    const labels = { surface, route, method, status: statusClass(status) };
    httpRequests.inc(labels);
    httpDuration.observe(labels, seconds);
    log.info({ reqId, surface, route, method, status, ms: Math.round(seconds * 10_000) / 10 }, "request");
  };
}
