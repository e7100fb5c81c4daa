import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSessionStore } from "../../apps/bff/src/auth/session-store.ts";
import { openRegister } from "../../apps/bff/src/db/open.ts";
import { customers as customersTable } from "../../apps/bff/src/db/schema.ts";
import { seedDemo } from "../../apps/bff/src/db/seed-demo.ts";
import { parseEnv } from "../../apps/bff/src/env.ts";
import { defineBenchmark } from "../lib/benchmark.ts";
import { type BenchChild, startChild } from "../lib/child.ts";
import {
  describeGenerator,
  type LoadClient,
  type LoadGenerator,
  type LoadReport,
  startLoadGenerator,
} from "../lib/load-generator.ts";
import { freshPostgresDatabase } from "../lib/postgres.ts";
import { benchEnv } from "../lib/register.ts";
import { formatNumber, formatRatio, median, ratio } from "../lib/stats.ts";

/*
 * P10 (issue 16): latency under a realistic load. 200 signed-in customers, each sending one request every 500 ms
 * (≈ 400 req/s) on a keep-alive connection of its own, in turn `GET /api/portal/my-data` and
 * `PUT /api/portal/marketing` (half of them writes, each an audited, fully durable transaction): p99 and the
 * longest request, open loop (a request's time runs from its slot in the schedule, so a late send counts). On
 * SQLite as it is, on SQLite with 5 ms added to every fsync/fdatasync (an LD_PRELOAD shim, slow-fsync.c), and on
 * PostgreSQL when `--database-url` names a server. Capacity, reported beside it: the closed-loop throughput of the
 * same 200 connections with that mix against the same run with reads only.
 */

const CUSTOMERS = 200;
const INTERVAL_MS = 500;
const FSYNC_DELAY_MS = 5;
const GOAL = { p99Ms: 100, maxMs: 1000, capacity: 0.8 };
const PORTAL_ORIGIN = "http://localhost:3000";

type Customer = { id: string; email: string; cookie: string };
type Side = { label: string; env: Record<string, string> };
type Server = BenchChild<{ portal: number }>;

/** The demo register with a signed-in session for each of `count` ordinary customers (ids from c0000100 on). */
async function prepareRegister(dir: string, databaseUrl: string | undefined, count: number): Promise<Customer[]> {
  const env = parseEnv(benchEnv(dir, databaseUrl ? { DATABASE_URL: databaseUrl } : {}));
  const db = await openRegister(env);
  try {
    await seedDemo(db);
    // The demo's few hundred, filtered here: the bench has no drizzle-orm of its own for a WHERE.
    const all = await db
      .select({ id: customersTable.id, email: customersTable.email, anonymisedAt: customersTable.anonymisedAt })
      .from(customersTable);
    const rows = all
      .filter(
        (c): c is typeof c & { email: string } => c.email !== null && c.anonymisedAt === null && c.id >= "c0000100",
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, count);
    if (rows.length < count) throw new Error(`only ${rows.length} customers in the demo register`);
    const store = createSessionStore(db, { table: "customer_sessions", subject: "customer_id" }, env.sessionPolicy);
    const customers: Customer[] = [];
    for (const row of rows) {
      const { token } = await store.create(row.id, Date.now(), { ip: "127.0.0.1", userAgent: "bench P10" });
      customers.push({ id: row.id, email: row.email, cookie: `tietoni-portal=${token}` });
    }
    return customers;
  } finally {
    await db.close();
  }
}

/** Compiles the fsync shim into `dir` (gcc, at bench time: nothing binary is committed); null without a compiler. */
function compileSlowFsync(dir: string): string | null {
  const out = path.join(dir, "slow-fsync.so");
  try {
    const source = path.join(import.meta.dirname, "slow-fsync.c");
    execFileSync("gcc", ["-shared", "-fPIC", "-O2", "-o", out, source, "-ldl"], { stdio: "ignore" });
    return out;
  } catch {
    return null;
  }
}

const myData = (c: Customer) => ({
  kind: "my-data",
  method: "GET" as const,
  path: "/api/portal/my-data",
  profileEmail: c.email,
});
const marketing = (objected: boolean) => ({
  kind: "marketing",
  method: "PUT" as const,
  path: "/api/portal/marketing",
  headers: { "content-type": "application/json", origin: PORTAL_ORIGIN },
  body: JSON.stringify({ changes: [{ purpose: "directMarketing", objected }] }),
});
const clientsOf = (port: number, customers: Customer[], writes: boolean): LoadClient[] =>
  customers.map((c, i) => ({
    origin: `http://127.0.0.1:${port}`,
    headers: { cookie: c.cookie },
    email: c.email,
    // Half the customers start with the write, so reads and writes are even in every slot.
    cycle: writes
      ? i % 2 === 0
        ? [myData(c), marketing(true), myData(c), marketing(false)]
        : [marketing(true), myData(c), marketing(false), myData(c)]
      : [myData(c)],
  }));

/** How many fsyncs the shim has counted in the server of `side` so far (0 where it does not count). */
function fsyncsSoFar(side: Side): number {
  const file = side.env.SLOW_FSYNC_COUNT_FILE;
  return file && fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").trim()) : 0;
}

/** A load run whose answers were all right; anything else measures the failure, not the code. */
function assertClean(label: string, report: LoadReport) {
  if (report.non2xx + report.errors + report.timeouts + report.problemCount > 0 || report.requests === 0) {
    throw new Error(
      `${label}: ${report.requests} requests, ${report.non2xx} non-2xx, ${report.errors} errors, ${report.timeouts} timeouts, ${report.problemCount} wrong answers: ${[...report.problems, ...report.failures].slice(0, 3).join("; ")}`,
    );
  }
}

const cpuMicros = async (server: Server) => {
  const { cpuMicros } = await server.ask<{ cpuMicros: NodeJS.CpuUsage }>("stats");
  return cpuMicros.user + cpuMicros.system;
};

export const benchmark = defineBenchmark({
  id: "P10",
  title:
    "Latency under a realistic load: 200 customers, each one request every 500 ms (≈ 400 req/s), half of them writes (`PUT /api/portal/marketing`, half `GET /api/portal/my-data`), open loop; SQLite, SQLite with 5 ms added to every fsync, PostgreSQL",
  baselineTitle: "capacity: closed-loop throughput of the same 200 connections with reads only",
  goal: `p99 ≤ ${GOAL.p99Ms} ms and max ≤ 1 s on each side; capacity with writes ≥ ${GOAL.capacity}× reads only`,
  async run({ smoke, runs, tmpDir, log, databaseUrl }) {
    const count = smoke ? 20 : CUSTOMERS;
    const latencySeconds = smoke ? 1 : 20;
    const capacitySeconds = smoke ? 1 : 5;
    const shim = compileSlowFsync(tmpDir);
    const sides: Side[] = [{ label: "SQLite", env: {} }];
    if (shim)
      sides.push({
        label: `SQLite, fsync +${FSYNC_DELAY_MS} ms`,
        env: {
          LD_PRELOAD: shim,
          SLOW_FSYNC_MS: String(FSYNC_DELAY_MS),
          SLOW_FSYNC_COUNT_FILE: path.join(tmpDir, "fsyncs.txt"),
        },
      });
    else log("no gcc to compile the fsync shim: the slow-disk side is not measured");
    const postgres = databaseUrl ? await freshPostgresDatabase(databaseUrl, "p10") : undefined;
    if (postgres) sides.push({ label: "PostgreSQL", env: { DATABASE_URL: postgres.url } });

    const generator: LoadGenerator = await startLoadGenerator();
    const latency = new Map<string, LoadReport[]>();
    const capacity = new Map<string, { writes: number[]; reads: number[]; ratios: number[]; cpu: string[] }>();
    const generatorCpu: number[] = [];
    const fsyncs: { syncs: number; writes: number }[] = [];
    try {
      for (const side of sides) {
        const dir = path.join(tmpDir, side.label.replace(/\W+/g, "-"));
        const customers = await prepareRegister(dir, side.env.DATABASE_URL, count);
        const server = await startChild<{ portal: number }>("p10-latency/server.ts", { args: [dir], env: side.env });
        try {
          const port = server.ready.portal;
          const reports: LoadReport[] = [];
          const cap = { writes: [] as number[], reads: [] as number[], ratios: [] as number[], cpu: [] as string[] };
          for (let run = 0; run < runs; run++) {
            const syncsBefore = fsyncsSoFar(side);
            const report = await generator.run({
              clients: clientsOf(port, customers, true),
              durationSeconds: latencySeconds,
              intervalMs: INTERVAL_MS,
              timeoutMs: 30_000,
            });
            assertClean(`${side.label} latency`, report);
            reports.push(report);
            const syncs = fsyncsSoFar(side) - syncsBefore;
            if (side.env.SLOW_FSYNC_COUNT_FILE) {
              // Every write of the run, its warm-up's included, against the fsyncs the server made meanwhile.
              const writes = (report.kinds.marketing?.requests ?? 0) + (report.warmed.marketing ?? 0);
              fsyncs.push({ syncs, writes });
              log(`${side.label} run ${run + 1}: ${formatNumber(syncs)} fsyncs for ${formatNumber(writes)} writes`);
            }
            const all = report.kinds.all;
            log(
              `${side.label} run ${run + 1}: ${formatNumber(all?.rps ?? 0)} req/s, p99 ${formatNumber(all?.p99 ?? 0)} ms, max ${formatNumber(all?.max ?? 0)} ms (writes p99 ${formatNumber(report.kinds.marketing?.p99 ?? 0)} ms, reads p99 ${formatNumber(report.kinds["my-data"]?.p99 ?? 0)} ms; ${report.lateSends} sends late); ${describeGenerator(report)}`,
            );
            // Capacity on the unslowed sides only: it is a property of the code, the slow disk's is the latency's.
            if (side.env.LD_PRELOAD) continue;
            const closed = async (writes: boolean) => {
              const before = await cpuMicros(server);
              const r = await generator.run({
                clients: clientsOf(port, customers, writes),
                durationSeconds: capacitySeconds,
                timeoutMs: 30_000,
              });
              assertClean(`${side.label} capacity (${writes ? "with writes" : "reads only"})`, r);
              generatorCpu.push(r.generator.cpuCores);
              return { rps: r.requests / r.seconds, cpuPerRequest: ((await cpuMicros(server)) - before) / r.requests };
            };
            // In turns which side goes first, so drift in the machine's other load favours neither.
            let mixed: Awaited<ReturnType<typeof closed>>;
            let reads: Awaited<ReturnType<typeof closed>>;
            if (run % 2 === 0) {
              mixed = await closed(true);
              reads = await closed(false);
            } else {
              reads = await closed(false);
              mixed = await closed(true);
            }
            cap.writes.push(mixed.rps);
            cap.reads.push(reads.rps);
            cap.ratios.push(ratio(mixed.rps, reads.rps));
            cap.cpu.push(
              `server CPU ${formatNumber(mixed.cpuPerRequest)} µs a request with writes, ${formatNumber(reads.cpuPerRequest)} µs reads only`,
            );
            log(
              `${side.label} capacity run ${run + 1}: ${formatNumber(mixed.rps)} req/s with writes, ${formatNumber(reads.rps)} reads only: ${formatRatio(cap.ratios.at(-1) ?? 0)}; ${cap.cpu.at(-1)}`,
            );
          }
          latency.set(side.label, reports);
          if (cap.ratios.length > 0) capacity.set(side.label, cap);
        } finally {
          await server.stop();
        }
      }
    } finally {
      await generator.stop();
      await postgres?.drop();
    }

    const figure = (reports: LoadReport[], pick: (r: LoadReport) => number) => median(reports.map(pick));
    // A side that could not run is a goal not shown to be met.
    let met = shim !== null;
    const measured = [...latency].map(([label, reports]) => {
      const p99 = figure(reports, (r) => r.kinds.all?.p99 ?? 0);
      const max = figure(reports, (r) => r.kinds.all?.max ?? 0);
      const writesP99 = figure(reports, (r) => r.kinds.marketing?.p99 ?? 0);
      met &&= p99 <= GOAL.p99Ms && max <= GOAL.maxMs;
      return `${label}: p99 ${formatNumber(p99)} ms, max ${formatNumber(max)} ms (writes p99 ${formatNumber(writesP99)} ms; ${formatNumber(figure(reports, (r) => r.kinds.all?.rps ?? 0))} req/s)`;
    });
    const capacityFigures = [...capacity].map(([label, cap]) => {
      const r = median(cap.ratios);
      met &&= r >= GOAL.capacity;
      return {
        label,
        baseline: `${label} ${formatNumber(median(cap.reads))} req/s reads only (with writes ${formatNumber(median(cap.writes))} req/s)`,
        ratio: `${label} capacity ${formatRatio(r)} (runs ${cap.ratios.map((x) => x.toFixed(2)).join(", ")})`,
        cpu: `${label}: ${cap.cpu.at(-1)}`,
      };
    });
    return {
      measured: measured.join("; "),
      baseline: capacityFigures.map((c) => c.baseline).join("; "),
      ratio: capacityFigures.map((c) => c.ratio).join("; "),
      met,
      notes: [
        `${count} customers, each its own keep-alive connection and session, ${INTERVAL_MS} ms apart in open loop for ${latencySeconds} s a run; capacity: the same connections in closed loop for ${capacitySeconds} s a side. Load generator and server are separate processes (${os.availableParallelism()} cores); the generator used at most ${Math.max(...generatorCpu, 0).toFixed(2)} of a core in the capacity runs, so it was not the bound. ${capacityFigures.map((c) => c.cpu).join("; ")}.`,
        ...(shim ? [] : ["The slow-disk side was not measured: no gcc to compile `slow-fsync.c`."]),
        ...(databaseUrl
          ? []
          : [
              "PostgreSQL not measured: run with `--database-url postgres://…` (a server where a database may be created).",
            ]),
        ...fsyncs.map(
          ({ syncs, writes }) =>
            `Group commit (decision 015) with the slow disk: ${formatNumber(syncs)} fsyncs for ${formatNumber(writes)} writes, ${(writes / Math.max(syncs, 1)).toFixed(1)} writes an fsync.`,
        ),
        `The fsync shim delays the server process's own fsync calls, so on PostgreSQL (another process) it has no effect and is not run.`,
      ],
    };
  },
});
