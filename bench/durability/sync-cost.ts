/*
 * Cost of synchronous=FULL against NORMAL for the register's writes: N single-row transactional inserts
 * into a temp SQLite file in WAL mode (as apps/bff/src/db/client.ts opens it), median of R runs each.
 *
 *   pnpm --filter @tietoni/bff exec tsx ../../bench/durability/sync-cost.ts [--n 2000] [--runs 5]
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type BetterSqlite3 from "better-sqlite3";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// better-sqlite3 is the BFF's dependency, not the root's: resolve it from there.
const Database = createRequire(path.join(root, "apps/bff/package.json"))("better-sqlite3") as typeof BetterSqlite3;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive integer`);
  return v;
}

const N = arg("--n", 2000);
const RUNS = arg("--runs", 5);

/** One run: a fresh file, N commits of one audit-like row each; returns commits per second. */
function run(mode: "FULL" | "NORMAL", dir: string, i: number): number {
  const file = path.join(dir, `${mode}-${i}.sqlite`);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${mode}`);
    db.exec(
      "CREATE TABLE events (id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, detail TEXT NOT NULL, at INTEGER)",
    );
    const insert = db.prepare("INSERT INTO events (customer_id, detail, at) VALUES (?, ?, ?)");
    const write = db.transaction((n: number) => insert.run(`c${n % 100}`, JSON.stringify({ n }), Date.now()));
    const start = process.hrtime.bigint();
    for (let n = 0; n < N; n++) write(n);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return N / seconds;
  } finally {
    db.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-sync-cost-"));
try {
  const results: Record<"FULL" | "NORMAL", number[]> = { FULL: [], NORMAL: [] };
  // Interleaved, so a change in machine load affects both settings alike.
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ["FULL", "NORMAL"] as const) results[mode].push(run(mode, dir, i));
  }
  const full = median(results.FULL);
  const normal = median(results.NORMAL);
  console.info(`machine: ${os.cpus().length} CPUs, Node ${process.version}, ${os.platform()} ${os.release()}`);
  console.info(`N=${N} single-row transactions, median of ${RUNS} runs, WAL, temp dir ${os.tmpdir()}`);
  console.info(`synchronous=FULL:   ${full.toFixed(0)} commits/s (${(1000 / full).toFixed(2)} ms each)`);
  console.info(`synchronous=NORMAL: ${normal.toFixed(0)} commits/s (${(1000 / normal).toFixed(2)} ms each)`);
  console.info(`NORMAL/FULL ratio: ${(normal / full).toFixed(1)}x`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
