import { createServer, type Server } from "node:http";
import { type OutboxKind, outboxKinds } from "@tietoni/domain";
import { count, inArray } from "drizzle-orm";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db/port.ts";
import { outbox } from "../db/schema.ts";
import { log } from "./logger.ts";

/**
 * Prometheus metrics (issue 15 E), one Registry per process (not prom-client's global one, so nothing a library
 * registers there leaks into ours). A live binding like the logger: the places that count (a sign-in refused, an
 * export started) are deep in services no dependency reaches, and one process has one set of counters. Labels are
 * bounded sets — a surface, a route pattern, a reason — never an id, an address or anything a customer typed.
 * Served only on METRICS_HOST:METRICS_PORT (`startMetricsServer`), never on the public listeners.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "tietoni_" });

export type Surface = "portal" | "staff" | "integration";

export const httpRequests = new Counter({
  name: "tietoni_http_requests_total",
  help: "Requests answered, by surface, matched route pattern, method and status class",
  labelNames: ["surface", "route", "method", "status"] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: "tietoni_http_request_duration_seconds",
  help: "Time from the request's arrival to its answer's headers, by surface, route pattern, method and status class",
  labelNames: ["surface", "route", "method", "status"] as const,
  // The portal's goal is p99 ≤ 100 ms (docs/performance.md); exports and imports take seconds.
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

/** A refused sign-in: which surface and which check refused it (never who, never from where). */
export type SignInFailure =
  | { surface: "portal"; reason: "code" | "link" | "rate_limited" }
  | {
      surface: "staff";
      reason: "password" | "disabled" | "no_commitment" | "approval_pending" | "totp" | "totp_reused" | "rate_limited";
    };

export const signInFailures = new Counter({
  name: "tietoni_sign_in_failures_total",
  help: "Sign-in attempts refused: portal codes, staff passwords and second factors",
  labelNames: ["surface", "reason"] as const,
  registers: [registry],
});

export function countSignInFailure(failure: SignInFailure): void {
  signInFailures.inc(failure);
}

export const dataExports = new Counter({
  name: "tietoni_exports_total",
  help: "Customers' data exports: started, refused (by reason), completed, interrupted (failed, cancelled, idle)",
  labelNames: ["outcome", "reason"] as const,
  registers: [registry],
});

export function countExport(outcome: "started" | "completed"): void;
export function countExport(outcome: "refused" | "interrupted", reason: string): void;
export function countExport(outcome: "started" | "refused" | "completed" | "interrupted", reason = ""): void {
  dataExports.inc({ outcome, reason });
}

const BACKLOG_STATUSES = ["pending", "failing", "dead"] as const;

/** Where the outbox backlog is read at scrape; set by `startMetricsServer` (or a test). */
let backlogDb: Pick<Db, "read"> | undefined;

export const outboxBacklog = new Gauge({
  name: "tietoni_outbox_backlog",
  help: "Outbox rows not delivered, by kind and status (pending, failing, dead), counted at scrape",
  labelNames: ["kind", "status"] as const,
  registers: [registry],
  async collect() {
    if (!backlogDb) return;
    // One grouped count over the (status, next_attempt_at) index: cheap even with millions of delivered rows.
    const rows = await backlogDb.read((r) =>
      r
        .select({ kind: outbox.kind, status: outbox.status, n: count() })
        .from(outbox)
        .where(inArray(outbox.status, [...BACKLOG_STATUSES]))
        .groupBy(outbox.kind, outbox.status),
    );
    // Every combination is reported, zeros included, so an alert on "dead > 0" sees the series go back to 0.
    this.reset();
    for (const kind of outboxKinds) for (const status of BACKLOG_STATUSES) this.set({ kind, status }, 0);
    for (const row of rows) this.set({ kind: row.kind as OutboxKind, status: row.status }, row.n);
  },
});

export function watchOutbox(db: Pick<Db, "read"> | undefined): void {
  backlogDb = db;
}

/** The Prometheus text of every metric (what `/metrics` answers). */
export function metricsText(): Promise<string> {
  return registry.metrics();
}

/**
 * The metrics listener: `/metrics` only, on an internal address (METRICS_HOST, loopback by default). A plain
 * node:http server rather than a third Hono surface: no cookies, no SPA, no API, nothing else to guard.
 */
export async function startMetricsServer({
  host,
  port,
  db,
}: {
  host: string;
  port: number;
  db: Pick<Db, "read">;
}): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  watchOutbox(db);
  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    metricsText().then(
      (text) => res.writeHead(200, { "Content-Type": registry.contentType }).end(text),
      (err: unknown) => {
        log.error({ err }, "metrics: collecting failed");
        res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8" }).end("Metrics unavailable\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return {
    server,
    port: bound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
