/**
 * `pnpm bench` (issue 6): runs every benchmark folder `bench/pN-*` (each measures a figure against a baseline
 * in the same run, several times, and reports medians) and writes the table to docs/performance.md.
 *
 *   pnpm bench [-- --only P3,P4] [--runs 5] [--smoke] [--no-write] [--database-url postgres://…]
 *
 * `--smoke` is CI's run: tiny data and one short pass, proving each benchmark still runs; it writes nothing and
 * fails only when a benchmark throws, never on its numbers (the suite has no timed assertions).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Benchmark, BenchResult } from "./lib/benchmark.ts";
import { benchDir, repoRoot } from "./lib/child.ts";
import { describeMachine } from "./lib/machine.ts";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    runs: { type: "string", default: "5" },
    smoke: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    // Issue 16: where the benchmarks that measure PostgreSQL too create their databases (P10); without it, SQLite only.
    "database-url": { type: "string" },
  },
  // pnpm passes a lone "--" through; parseArgs would take every option after it as a positional.
  args: process.argv.slice(2).filter((a) => a !== "--"),
});
const runs = values.smoke ? 1 : Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
  console.error("usage: pnpm bench [-- --only P1,P3] [--runs N (1..50)] [--smoke] [--no-write] [--database-url URL]");
  process.exit(2);
}
const only = values.only ? new Set(values.only.toUpperCase().split(",")) : null;

const folders = fs
  .readdirSync(benchDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^p\d+-/.test(d.name) && fs.existsSync(path.join(benchDir, d.name, "index.ts")))
  .map((d) => d.name)
  .sort((a, b) => Number(a.slice(1).split("-")[0]) - Number(b.slice(1).split("-")[0]));

type Row = { benchmark: Benchmark; result?: BenchResult; error?: string; seconds: number };
const rows: Row[] = [];
const started = Date.now();
const loadBefore = os.loadavg()[0] ?? 0;

for (const folder of folders) {
  const { benchmark } = (await import(`./${folder}/index.ts`)) as { benchmark: Benchmark };
  if (only && !only.has(benchmark.id)) continue;
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `tietoni-bench-${benchmark.id}-`));
  const log = (message: string) => console.info(`[${benchmark.id}] ${message}`);
  const t0 = Date.now();
  log(`${benchmark.title} — ${values.smoke ? "smoke" : `${runs} runs`}`);
  try {
    const result = await benchmark.run({
      smoke: values.smoke,
      runs,
      tmpDir,
      log,
      ...(values["database-url"] ? { databaseUrl: values["database-url"] } : {}),
    });
    rows.push({ benchmark, result, seconds: (Date.now() - t0) / 1000 });
    log(`${result.measured} vs ${result.baseline}: ${result.ratio} → ${result.met ? "met" : "NOT met"}`);
  } catch (err) {
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    rows.push({ benchmark, error, seconds: (Date.now() - t0) / 1000 });
    console.error(`[${benchmark.id}] FAILED: ${error}`);
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const table = [
  "| # | what | measured (median) | baseline in the same run (median) | ratio | goal | result |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(({ benchmark: b, result: r }) =>
    r
      ? `| ${b.id} | ${cell(b.title)} | ${cell(r.measured)} | ${cell(`${b.baselineTitle}: ${r.baseline}`)} | ${cell(r.ratio)} | ${cell(b.goal)} | ${r.met ? "met" : "**not met**"} |`
      : `| ${b.id} | ${cell(b.title)} | — | ${cell(b.baselineTitle)} | — | ${cell(b.goal)} | **failed to run** |`,
  ),
].join("\n");
console.info(`\n${table}\n`);

const failed = rows.filter((r) => r.error);
if (!values.smoke && !values["no-write"] && rows.length > 0) {
  const notes = rows.flatMap(({ benchmark: b, result }) => (result?.notes ?? []).map((n) => `- **${b.id}**: ${n}`));
  const section = [
    "## Benchmarks (`pnpm bench`)",
    "",
    `Run on ${new Date().toISOString().slice(0, 10)}: \`pnpm bench -- --runs ${runs}${only ? ` --only ${[...only].join(",")}` : ""}\`, ${Math.round((Date.now() - started) / 1000)} s; ${describeMachine()}.`,
    `1-minute load average ${loadBefore.toFixed(1)} before the run and ${(os.loadavg()[0] ?? 0).toFixed(1)} after it.`,
    "Each figure is the median of the runs; each baseline was measured in the same run on the same machine, so",
    "the ratios compare, while absolute numbers depend on the machine and what else it was doing.",
    "",
    table,
    ...(notes.length ? ["", ...notes] : []),
    "",
  ].join("\n");
  const file = path.join(repoRoot, "docs/performance.md");
  const current = fs.readFileSync(file, "utf8");
  // Replace the section up to the next "## " heading, or put it first, before the load test.
  const pattern = /## Benchmarks \(`pnpm bench`\)\n[\s\S]*?(?=\n## |$)/;
  const next = pattern.test(current)
    ? current.replace(pattern, section.trimEnd())
    : current.replace(/\n## /, `\n${section}\n## `);
  fs.writeFileSync(file, next.endsWith("\n") ? next : `${next}\n`);
  // The repository's formatter aligns Markdown tables; leave the page as `pnpm lint` wants it.
  execFileSync(path.join(repoRoot, "node_modules/.bin/biome"), ["format", "--write", file], { stdio: "ignore" });
  console.info("[bench] wrote the table to docs/performance.md");
}
console.info(
  `[bench] ${rows.length - failed.length} ran, ${failed.length} failed, in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(failed.length > 0 ? 1 : 0);
