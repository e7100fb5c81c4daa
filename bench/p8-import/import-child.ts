import { cliDeps } from "../../apps/bff/src/cli/cli-deps.ts";
import { openDatabase } from "../../apps/bff/src/db/client.ts";
import { parseEnv } from "../../apps/bff/src/env.ts";
import { runImport } from "../../apps/bff/src/services/import/run-import.ts";
import { answer, ready } from "../lib/child-side.ts";
import { benchEnv } from "../lib/register.ts";

/*
 * P8's importer: the import as `pnpm data:import -- --file F --system S` runs it (the same runImport, in a
 * process of its own beside the server), with its peak heap sampled every 5 ms.
 */
const [dir, dbFile, file] = process.argv.slice(2);
if (!dir || !dbFile || !file) throw new Error("usage: import-child.ts REGISTER_DIR DB_FILE RECORDS_FILE");

answer({
  run: async () => {
    // The server's default batch unless the run asks for another (IMPORT_BATCH_ROWS=100 pnpm bench -- --only P8).
    const batch = process.env.IMPORT_BATCH_ROWS;
    const env = parseEnv(benchEnv(dir, batch ? { IMPORT_BATCH_ROWS: batch } : {}));
    const db = await openDatabase(dbFile);
    let peak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 5);
    const started = performance.now();
    try {
      const result = await runImport(await cliDeps(db, env), {
        filePath: file,
        fileName: "records.jsonl",
        systemName: "Bench CRM",
        dryRun: false,
        acceptValid: false,
        actor: { type: "system" },
      });
      const seconds = (performance.now() - started) / 1000;
      if (!result.ok) return { seconds, peakHeapBytes: peak, state: `refused: ${result.code}`, counts: {} };
      return { seconds, peakHeapBytes: peak, state: result.report.state, counts: result.report.counts };
    } finally {
      clearInterval(sampler);
      await db.close();
    }
  },
});
ready({});
