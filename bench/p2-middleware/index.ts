import { defineBenchmark } from "../lib/benchmark.ts";
import { startChild } from "../lib/child.ts";
import { assertClean, measureLoad } from "../lib/http-load.ts";
import { createDemoRegister, customerCookie } from "../lib/register.ts";
import { formatNumber, formatRatio, median } from "../lib/stats.ts";

const CONNECTIONS = 10;
const ORIGIN = "http://localhost:3000";

export const benchmark = defineBenchmark({
  id: "P2",
  title:
    "The portal's whole middleware chain (headers, no-store, CSRF origin check, body limit, JSON guard, session) on a no-op `GET` and `POST`",
  baselineTitle: "the same no-op routes without middleware",
  goal: "≥ 0.7× throughput (each method)",
  async run({ smoke, runs, tmpDir, log }) {
    await createDemoRegister(tmpDir);
    const cookie = customerCookie(tmpDir, "c0000120");
    const child = await startChild<{ bare: number; chained: number }>("p2-middleware/server.ts", { args: [tmpDir] });
    const timing = { connections: CONNECTIONS, durationSeconds: smoke ? 1 : 5, warmupSeconds: smoke ? 0 : 2 };
    const post = {
      method: "POST" as const,
      body: "{}",
      headers: { cookie, origin: ORIGIN, "content-type": "application/json" },
    };
    const figures = {
      bareGet: [] as number[],
      chainedGet: [] as number[],
      barePost: [] as number[],
      chainedPost: [] as number[],
    };
    try {
      for (let i = 0; i < runs; i++) {
        for (const [key, port, options] of [
          ["bareGet", child.ready.bare, { headers: { cookie } }],
          ["chainedGet", child.ready.chained, { headers: { cookie } }],
          ["barePost", child.ready.bare, post],
          ["chainedPost", child.ready.chained, post],
        ] as const) {
          const result = await measureLoad({ url: `http://127.0.0.1:${port}/api/portal/noop`, ...options, ...timing });
          assertClean(key, result);
          figures[key].push(result.rps);
        }
        log(
          `run ${i + 1}: ${Object.entries(figures)
            .map(([k, v]) => `${k} ${v.at(-1)?.toFixed(0)}`)
            .join(", ")} req/s`,
        );
      }
    } finally {
      await child.stop();
    }
    const m = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, median(v)])) as Record<
      keyof typeof figures,
      number
    >;
    const getRatio = m.chainedGet / m.bareGet;
    const postRatio = m.chainedPost / m.barePost;
    return {
      measured: `GET ${formatNumber(m.chainedGet)} req/s, POST ${formatNumber(m.chainedPost)} req/s`,
      baseline: `GET ${formatNumber(m.bareGet)} req/s, POST ${formatNumber(m.barePost)} req/s`,
      ratio: `GET ${formatRatio(getRatio)}, POST ${formatRatio(postRatio)}`,
      met: getRatio >= 0.7 && postRatio >= 0.7,
    };
  },
});
