/**
 * The contract every benchmark of `pnpm bench` keeps (issue 6): it measures a figure and a baseline in the
 * same run on the same machine, repeats both `runs` times, and reports medians and their ratio against a goal.
 * Benchmarks live in `bench/pN-name/index.ts` and export `benchmark`; `bench/run.ts` finds them by folder.
 */
export type BenchContext = {
  /** CI's smoke run: prove the benchmark still runs (tiny data, one short run); numbers do not count. */
  smoke: boolean;
  /** How many times to measure each side; the table shows medians. */
  runs: number;
  /** A fresh folder for this benchmark's files, removed afterwards. */
  tmpDir: string;
  log: (message: string) => void;
  /** Issue 16: `--database-url`, a PostgreSQL server the benchmarks that measure both engines create a database on. */
  databaseUrl?: string;
};

export type BenchResult = {
  /** The measured figure(s), medians, in words and units: "4 210 req/s, p99 21 ms". */
  measured: string;
  /** The baseline's figure(s) measured in the same run: "8 020 req/s, p99 9 ms". */
  baseline: string;
  /** The ratio(s) the goal is stated in: "0.52× throughput, p99 2.3×". */
  ratio: string;
  /** Whether every part of the goal was met by the medians. */
  met: boolean;
  /** What bounds a missed goal, or how to read the figure; shown under the table. */
  notes?: string[];
};

export type Benchmark = {
  id: string;
  /** What is measured, as the table's first column says it. */
  title: string;
  /** The baseline, as the issue names it. */
  baselineTitle: string;
  goal: string;
  run(ctx: BenchContext): Promise<BenchResult>;
};

export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}
