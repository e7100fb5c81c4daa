import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { answer, ready } from "./child-side.ts";
import type { KindFigures, LoadClient, LoadPlan, LoadReport, LoadRequest } from "./load-generator.ts";
import { percentile } from "./stats.ts";

/*
 * The load generator's process (bench/lib/load-generator.ts says why it is one): answers "run" with a plan's
 * figures. One http.Agent per client with a single keep-alive socket, so each simulated client is one connection
 * with one request in flight, as a browser tab polling the portal would be.
 */

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
/** Open loop: a send this much later than its slot counts as late (the client's previous request was still out). */
const LATE_MS = 10;
/** Clients warm their connections this many at a time, as a ramp rather than one burst of connects. */
const WARM_BATCH = 20;

type Outcome = { status: number; body: string } | { failure: "timeout" | "error"; message: string };
type Client = LoadClient & { agent: http.Agent; hostname: string; port: number; sent: number };

function send(client: Client, request: LoadRequest, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let timedOut = false;
    const body = request.body;
    const req = http.request(
      {
        hostname: client.hostname,
        port: client.port,
        method: request.method,
        path: request.path,
        agent: client.agent,
        headers: {
          ...client.headers,
          ...request.headers,
          ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (err) => resolve({ failure: timedOut ? "timeout" : "error", message: err.message }));
      },
    );
    req.setTimeout(timeoutMs, () => {
      timedOut = true;
      req.destroy(new Error(`no answer in ${timeoutMs} ms`));
    });
    req.on("error", (err) => resolve({ failure: timedOut ? "timeout" : "error", message: err.message }));
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(plan: LoadPlan): Promise<LoadReport> {
  const foreign = new Set(plan.foreignEmails ?? []);
  const clients: Client[] = plan.clients.map((c) => {
    const url = new URL(c.origin);
    return {
      ...c,
      agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
      hostname: url.hostname,
      port: Number(url.port),
      sent: 0,
    };
  });
  const latencies = new Map<string, number[]>();
  const counts = { requests: 0, non2xx: 0, errors: 0, timeouts: 0, lateSends: 0, problemCount: 0 };
  const problems: string[] = [];
  const failures: string[] = [];
  const problem = (text: string) => {
    counts.problemCount++;
    if (problems.length < 20) problems.push(text);
  };

  /** Checks one answer and records its time under its kind. */
  const record = (client: Client, request: LoadRequest, ms: number, outcome: Outcome) => {
    counts.requests++;
    if ("failure" in outcome) {
      if (outcome.failure === "timeout") counts.timeouts++;
      else counts.errors++;
      if (failures.length < 5) failures.push(`${request.kind} for ${client.email ?? "a client"}: ${outcome.message}`);
      // A timeout's time counts (at least the timeout); a refused or reset connection has none.
      if (outcome.failure === "error") return;
    } else if (outcome.status < 200 || outcome.status > 299) {
      counts.non2xx++;
      problem(`${request.kind} for ${client.email ?? "a client"}: ${outcome.status} ${outcome.body.slice(0, 200)}`);
    } else {
      // A customer's answer holds no address of another customer, and their "my data" is their own (staff
      // clients have no e-mail of their own: a search lists customers).
      if (client.email !== undefined && foreign.size > 0) {
        const own = client.email.toLowerCase();
        for (const found of outcome.body.match(EMAIL) ?? []) {
          const email = found.toLowerCase();
          if (email !== own && foreign.has(email)) problem(`${request.kind} for ${client.email} contains ${email}`);
        }
      }
      if (request.profileEmail !== undefined) {
        const shown = (JSON.parse(outcome.body) as { profile?: { email?: string } }).profile?.email;
        if (shown !== request.profileEmail) problem(`${request.kind} for ${client.email} shows profile.email ${shown}`);
      }
    }
    const list = latencies.get(request.kind) ?? [];
    if (list.length === 0) latencies.set(request.kind, list);
    list.push(ms);
  };
  const nextRequest = (client: Client) => client.cycle[client.sent++ % client.cycle.length] as LoadRequest;

  const warmed: Record<string, number> = {};
  const warm = async (client: Client) => {
    const request = nextRequest(client);
    warmed[request.kind] = (warmed[request.kind] ?? 0) + 1;
    const outcome = await send(client, request, plan.timeoutMs);
    if ("failure" in outcome || outcome.status < 200 || outcome.status > 299)
      throw new Error(`warm-up ${request.kind} for ${client.email ?? client.origin}: ${JSON.stringify(outcome)}`);
  };
  // Every connection opened and warmed (JIT, the server's caches, the TCP handshake) before the window starts, a
  // batch at a time; then one more untimed request on all of them at once, so none has sat idle near the server's
  // keep-alive timeout (5 s) when the window starts — a connection the server is closing just then resets the
  // request sent on it.
  for (let i = 0; i < clients.length; i += WARM_BATCH) await Promise.all(clients.slice(i, i + WARM_BATCH).map(warm));
  await Promise.all(clients.map(warm));

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const start = performance.now() + 20;
  const end = start + plan.durationSeconds * 1000;
  await sleep(20);
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();

  const openLoop = async (client: Client, index: number, interval: number) => {
    // Each client's slots are spread over the interval, so the load is even rather than 200 requests at once.
    for (let due = start + (index / clients.length) * interval; due < end; due += interval) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      else if (-wait > LATE_MS) counts.lateSends++;
      const request = nextRequest(client);
      const outcome = await send(client, request, plan.timeoutMs);
      record(client, request, performance.now() - due, outcome);
    }
  };
  const closedLoop = async (client: Client) => {
    while (performance.now() < end) {
      const request = nextRequest(client);
      const sentAt = performance.now();
      const outcome = await send(client, request, plan.timeoutMs);
      record(client, request, performance.now() - sentAt, outcome);
    }
  };
  await Promise.all(
    clients.map((client, i) =>
      plan.intervalMs === undefined ? closedLoop(client) : openLoop(client, i, plan.intervalMs),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  loopDelay.disable();
  for (const client of clients) client.agent.destroy();

  const figures = (list: number[]): KindFigures => {
    const sorted = list.sort((a, b) => a - b);
    return {
      requests: sorted.length,
      rps: sorted.length / seconds,
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    };
  };
  const kinds: Record<string, KindFigures> = {};
  for (const [kind, list] of latencies) kinds[kind] = figures([...list]);
  kinds.all = figures([...latencies.values()].flat());
  return {
    kinds,
    seconds,
    ...counts,
    problems,
    failures,
    warmed,
    generator: {
      cpuCores: (cpu.user + cpu.system) / 1000 / (seconds * 1000),
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
    },
  };
}

answer({ run: (plan) => run(plan as LoadPlan) });
ready(null);
