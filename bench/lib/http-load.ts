import autocannon from "autocannon";

export type LoadFigures = { rps: number; p50: number; p99: number; requests: number; errors: number; non2xx: number };

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
}: {
  url: string;
  headers?: Record<string, string>;
  method?: "GET" | "POST" | "PUT";
  body?: string;
  connections?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
}): Promise<LoadFigures> {
  const options = { url, headers, method, connections, pipelining: 1, ...(body ? { body } : {}) };
  // JIT and caches warm up first; only the second run counts.
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  const result = await autocannon({ ...options, duration: durationSeconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
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
