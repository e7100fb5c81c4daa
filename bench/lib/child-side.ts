import { monitorEventLoopDelay } from "node:perf_hooks";
import { serve } from "@hono/node-server";

type Fetch = (request: Request) => Response | Promise<Response>;
type Handler = (argument: unknown) => unknown;

/*
 * The child's half of child.ts: serve apps on loopback, tell the parent the ports, and answer its questions.
 * Every child answers "stats" (heap, RSS and the event loop's delay since the last "reset") and "reset".
 */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let peakHeap = process.memoryUsage().heapUsed;
// Peak heap is sampled only between "reset" and "stats": memoryUsage() costs enough to show in a request's profile.
let sampler: NodeJS.Timeout | undefined;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

const handlers: Record<string, Handler> = {
  reset: () => {
    global.gc?.();
    loopDelay.reset();
    peakHeap = process.memoryUsage().heapUsed;
    clearInterval(sampler);
    sampler = setInterval(sample, 5);
    sampler.unref();
    return process.memoryUsage();
  },
  stats: () => {
    sample();
    clearInterval(sampler);
    return {
      /** CPU time the process has used, µs: per-request cost that holds however busy the machine is. */
      cpuMicros: process.cpuUsage(),
      memory: process.memoryUsage(),
      peakHeapUsed: peakHeap,
      loopDelayMs: {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
        count: loopDelay.count,
      },
    };
  },
};

/** Adds questions this child answers, beside "stats" and "reset". */
export function answer(more: Record<string, Handler>) {
  Object.assign(handlers, more);
}

process.on("message", async (raw) => {
  const message = raw as { type: string; id: number; question: string; argument?: unknown };
  if (message.type !== "ask") return;
  const handler = handlers[message.question];
  try {
    if (!handler) throw new Error(`no answer to "${message.question}"`);
    process.send?.({ type: "answer", id: message.id, payload: await handler(message.argument) });
  } catch (err) {
    process.send?.({ type: "answer", id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
process.on("disconnect", () => process.exit(0));

/** Serves one fetch handler on 127.0.0.1 at a free port and resolves to the port. */
export function listen(fetch: Fetch): Promise<number> {
  return new Promise((resolve) => {
    serve({ fetch, hostname: "127.0.0.1", port: 0 }, (info) => resolve(info.port));
  });
}

/** Tells the parent the child is ready, with whatever it needs to know (ports). */
export function ready(payload: unknown) {
  process.send?.({ type: "ready", payload });
}
