import fs from "node:fs";
import path from "node:path";
import { defineBenchmark } from "../lib/benchmark.ts";
import { startChild } from "../lib/child.ts";
import { createDemoRegister, customerCookie } from "../lib/register.ts";
import { formatNumber, formatRatio, median, percentile, ratio } from "../lib/stats.ts";
import { writeRecords } from "./records.ts";

const CUSTOMERS = Number(process.env.P8_CUSTOMERS ?? 1_000_000);
const SMOKE_CUSTOMERS = 1_500;
const GOAL_RATIO = 0.5;
const GOAL_HEAP_MIB = 256;
const GOAL_P99_MS = 100;
const CONNECTIONS = 10;
const PORTAL_ORIGIN = "http://localhost:3000";
/** Demo customers who read their data and change their marketing choices while the import runs. */
const READERS = Array.from({ length: CONNECTIONS }, (_, i) => `c${String(100 + i).padStart(7, "0")}`);

type ImportAnswer = { seconds: number; peakHeapBytes: number; state: string; counts: Record<string, number> };

/**
 * Ten customers, each on one connection of their own, alternate reading "my data" and changing a marketing choice
 * until `done` resolves; answers every latency (ms).
 */
async function customersDuring(
  base: string,
  cookies: string[],
  done: Promise<unknown>,
): Promise<{ all: number[]; reads: number[]; writes: number[] }> {
  const reads: number[] = [];
  const writes: number[] = [];
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  await Promise.all(
    cookies.map(async (cookie, n) => {
      for (let i = 0; !finished; i++) {
        const started = performance.now();
        const res =
          i % 2 === 0
            ? await fetch(`${base}/api/portal/my-data`, { headers: { cookie } })
            : await fetch(`${base}/api/portal/marketing`, {
                method: "PUT",
                headers: {
                  cookie,
                  origin: PORTAL_ORIGIN,
                  "content-type": "application/json",
                  "x-forwarded-for": `127.0.8.${n}`,
                },
                body: JSON.stringify({ changes: [{ purpose: "directMarketing", objected: i % 4 === 1 }] }),
              });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`customer ${n} got ${res.status} during the import`);
        (i % 2 === 0 ? reads : writes).push(performance.now() - started);
      }
    }),
  );
  return { all: [...reads, ...writes], reads, writes };
}

export const benchmark = defineBenchmark({
  id: "P8",
  title: `Import of ${formatNumber(CUSTOMERS)} customers with orders, lines and invoices as JSON Lines (pnpm data:import's runImport, synchronous=FULL), ${CONNECTIONS} customers using the portal meanwhile`,
  baselineTitle: "a raw prepared insert of the same rows in one transaction, synchronous=FULL",
  goal: `≥ ${GOAL_RATIO}× the rows per second, peak heap ≤ ${GOAL_HEAP_MIB} MiB, portal p99 ≤ ${GOAL_P99_MS} ms during the import`,
  async run({ smoke, runs, tmpDir, log }) {
    const count = smoke ? SMOKE_CUSTOMERS : CUSTOMERS;
    const file = path.join(tmpDir, "records.jsonl");
    const rows = await writeRecords(file, count);
    log(
      `wrote ${formatNumber(count)} customers (${formatNumber(rows)} register rows, ${formatNumber(fs.statSync(file).size / 2 ** 20)} MiB)`,
    );

    const importRates: number[] = [];
    const baselineRates: number[] = [];
    const heaps: number[] = [];
    const p99s: number[] = [];
    const quietP99s: number[] = [];
    for (let run = 0; run < runs; run++) {
      // Both sides start from the same demo register (its customers are the ones using the portal meanwhile).
      const baseDir = path.join(tmpDir, `baseline-${run}`);
      fs.mkdirSync(baseDir);
      const baseFile = await createDemoRegister(baseDir);
      const baseline = await startChild("p8-import/baseline.ts", {
        args: [baseFile, String(count)],
        timeoutMs: 60_000,
      });
      const b = await baseline.ask<{ seconds: number }>("run");
      await baseline.stop();
      baselineRates.push(rows / b.seconds);

      const dir = path.join(tmpDir, `import-${run}`);
      fs.mkdirSync(dir);
      const dbFile = await createDemoRegister(dir);
      const cookies = await Promise.all(READERS.map((id) => customerCookie(dir, id)));
      const server = await startChild<{ port: number }>("p8-import/server.ts", { args: [dir] });
      // The same customers for a few seconds with no import: what the import's p99 compares with.
      const quiet = await customersDuring(
        `http://127.0.0.1:${server.ready.port}`,
        cookies,
        new Promise((r) => setTimeout(r, smoke ? 500 : 3_000)),
      );
      quietP99s.push(
        percentile(
          [...quiet.all].sort((x, y) => x - y),
          0.99,
        ),
      );
      const importer = await startChild("p8-import/import-child.ts", {
        args: [dir, dbFile, file],
        timeoutMs: 60_000,
      });
      try {
        const imported = importer.ask<ImportAnswer>("run");
        const measured = await customersDuring(`http://127.0.0.1:${server.ready.port}`, cookies, imported);
        const latencies = measured.all;
        const p99Of = (values: number[]) =>
          percentile(
            [...values].sort((x, y) => x - y),
            0.99,
          );
        const result = await imported;
        if (result.state !== "done")
          throw new Error(`the import ended ${result.state}: ${JSON.stringify(result.counts)}`);
        if (result.counts.new !== count)
          throw new Error(`the import made ${result.counts.new} customers, not ${count}`);
        importRates.push(rows / result.seconds);
        heaps.push(result.peakHeapBytes / 2 ** 20);
        const sorted = [...latencies].sort((x, y) => x - y);
        p99s.push(percentile(sorted, 0.99));
        log(
          `run ${run + 1}: import ${formatNumber(rows / result.seconds)} rows/s (${result.seconds.toFixed(1)} s), baseline ${formatNumber(rows / b.seconds)} rows/s, peak heap ${(result.peakHeapBytes / 2 ** 20).toFixed(0)} MiB, portal p99 ${percentile(sorted, 0.99).toFixed(1)} ms over ${latencies.length} requests (reads ${p99Of(measured.reads).toFixed(1)} ms, marketing changes ${p99Of(measured.writes).toFixed(1)} ms; without an import ${quietP99s.at(-1)?.toFixed(1)} ms)`,
        );
      } finally {
        await importer.stop();
        await server.stop();
      }
    }
    const rate = median(importRates);
    const base = median(baselineRates);
    const heap = Math.max(...heaps);
    const p99 = median(p99s);
    const r = ratio(rate, base);
    return {
      measured: `${formatNumber(rate)} rows/s, peak heap ${heap.toFixed(0)} MiB, portal p99 ${p99.toFixed(1)} ms (${median(quietP99s).toFixed(1)} ms without an import)`,
      baseline: `${formatNumber(base)} rows/s`,
      ratio: `${formatRatio(r)} rows/s`,
      met: r >= GOAL_RATIO && heap <= GOAL_HEAP_MIB && p99 <= GOAL_P99_MS,
      notes: [
        `P8: ${formatNumber(count)} customers = ${formatNumber(rows)} register rows (customers, roles, orders, lines, invoices, billing). The import also writes what the raw insert does not: external ids, sources with their system, field checks, one audit entry per batch; peak heap is the importing process's, sampled every 5 ms.`,
      ],
    };
  },
});
