import autocannon from "autocannon";

export type LoadFigures = {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** The server's CPU time per request (µs), when the caller can read it: steadier than req/s on a busy machine. */
  cpuMicrosPerRequest?: number;
};

/**
 * Drives one URL with autocannon from this process (the server runs in a child) and returns throughput and
 * latency. Any error or non-2xx answer is counted, so a benchmark can refuse figures from a broken run.
 *
 * @example
 * const figures = await measureLoad({ url: `http://127.0.0.1:${port}/api/portal/profile`, headers: { cookie } });
 */
export async function measureLoad({
  url,
  headers = {},
  method = "GET",
  body,
  connections = 10,
  durationSeconds = 5,
  warmupSeconds = 1,
  serverCpuMicros,
}: {
  url: string;
  headers?: Record<string, string>;
  method?: "GET" | "POST" | "PUT";
  body?: string;
  connections?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  /** Reads the server's total CPU time (µs), e.g. from a bench child's "stats". */
  serverCpuMicros?: () => Promise<number>;
}): Promise<LoadFigures> {
  const options = { url, headers, method, connections, pipelining: 1, ...(body ? { body } : {}) };
  // JIT and caches warm up first; only the second run counts.
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  const cpuBefore = await serverCpuMicros?.();
  const result = await autocannon({ ...options, duration: durationSeconds });
  const cpuAfter = await serverCpuMicros?.();
  return {
    ...(cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0
      ? { cpuMicrosPerRequest: (cpuAfter - cpuBefore) / result.requests.total }
      : {}),
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

type StatsChild = { ask<T>(question: string): Promise<T> };

/** The server's total CPU time (µs) as a bench child reports it in "stats". */
const childCpuMicros = (child: StatsChild) => async () => {
  const { cpuMicros } = await child.ask<{ cpuMicros: NodeJS.CpuUsage }>("stats");
  return cpuMicros.user + cpuMicros.system;
};

/**
 * How a benchmark loads a server running in a bench child: 5 s measured after 2 s of warm-up (1 s and no warm-up
 * in a smoke run), with the child's CPU time for the cost of a request.
 */
export function childLoadTiming(child: StatsChild, { smoke, connections }: { smoke: boolean; connections: number }) {
  return {
    connections,
    durationSeconds: smoke ? 1 : 5,
    warmupSeconds: smoke ? 0 : 2,
    serverCpuMicros: childCpuMicros(child),
  };
}

/** Throws when a load run had errors or non-2xx answers: such figures measure the failure, not the code. */
export function assertClean(label: string, figures: LoadFigures) {
  if (figures.errors > 0 || figures.non2xx > 0 || figures.requests === 0) {
    throw new Error(
      `${label}: ${figures.requests} requests, ${figures.errors} errors, ${figures.non2xx} non-2xx — not a clean run`,
    );
  }
}
