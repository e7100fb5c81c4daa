import { startChild } from "./child.ts";

/*
 * The load generator of the load test and P10 (issue 16, "the stall"): a process of its own, separate from the
 * server, driving one keep-alive connection per simulated client with node:http. It replaces one process running
 * 204 autocannon instances, which stamped each request's send time in `setupRequest` and so counted its own
 * event-loop queueing and the server's one-accept-per-turn backlog as request latency (docs/performance.md,
 * "The stall"). What it does differently:
 *   - every connection is opened and warmed by one untimed request before the measured window starts;
 *   - a request's time runs from when it was due (open loop: its slot in the schedule; closed loop: the previous
 *     answer) to the last byte of its answer, so a late send counts against the server, not for it;
 *   - it reports its own CPU time and event-loop delay, so a run shows whether the generator was the bound.
 */

export type LoadRequest = {
  /** The row of the report this request counts in: "my-data", "marketing". */
  kind: string;
  method: "GET" | "PUT" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** For GET my-data: the answer's `profile.email` must be this (the customer's own). */
  profileEmail?: string;
};

export type LoadClient = {
  /** http://127.0.0.1:port */
  origin: string;
  /** Sent with every request of this client (its session cookie, its X-Forwarded-For). */
  headers: Record<string, string>;
  /** The requests this client sends in turn, round and round; the first also warms its connection. */
  cycle: LoadRequest[];
  /** The client's own e-mail address: any other of `foreignEmails` in an answer is a failure. */
  email?: string;
};

export type LoadPlan = {
  clients: LoadClient[];
  durationSeconds: number;
  /** Open loop: each client's next request is due this many ms after its previous one was. Closed loop if absent. */
  intervalMs?: number;
  /** A request still unanswered after this long counts as a timeout (its connection is replaced). */
  timeoutMs: number;
  /** Every customer's e-mail address (lower case): none but the client's own may appear in its answers. */
  foreignEmails?: string[];
};

export type KindFigures = { requests: number; rps: number; p50: number; p90: number; p99: number; max: number };

export type LoadReport = {
  /** Per kind, plus "all". Latencies in ms. */
  kinds: Record<string, KindFigures>;
  seconds: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Non-2xx and wrong answers (another customer's e-mail, a wrong profile), the first 20. */
  problems: string[];
  problemCount: number;
  /** The first few timeouts and connection errors, as the client saw them. */
  failures: string[];
  /** The untimed warm-up requests sent before the window, per kind. */
  warmed: Record<string, number>;
  /** Open loop: requests sent more than 10 ms after they were due, because the client's previous one was still out. */
  lateSends: number;
  generator: {
    /** The generator's CPU time over the measured window as a share of one core (1.0 = a whole core). */
    cpuCores: number;
    loopDelayP99Ms: number;
    loopDelayMaxMs: number;
  };
};

export type LoadGenerator = {
  /** Opens and warms every client's connection, then runs the plan; resolves to the measured window's figures. */
  run(plan: LoadPlan): Promise<LoadReport>;
  stop(): Promise<void>;
};

/**
 * Starts the generator in a child process (bench/lib/load-generator-child.ts).
 *
 * @example
 * const generator = await startLoadGenerator();
 * const report = await generator.run({ clients, durationSeconds: 30, intervalMs: 500, timeoutMs: 30_000 });
 * await generator.stop();
 */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child = await startChild<null>("lib/load-generator-child.ts");
  return {
    run: (plan) => child.ask<LoadReport>("run", plan),
    stop: () => child.stop(),
  };
}

/** "0.31 of a core, event-loop p99 2 ms" — the line every report prints about the generator. */
export function describeGenerator({ generator }: LoadReport): string {
  return `load generator (a process of its own) used ${generator.cpuCores.toFixed(2)} of a core, event-loop p99 ${generator.loopDelayP99Ms.toFixed(0)} ms, max ${generator.loopDelayMaxMs.toFixed(0)} ms`;
}
