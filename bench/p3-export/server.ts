import fs from "node:fs";
import Database from "better-sqlite3";
import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { SQL } from "../../apps/bff/src/services/export/export-reader.ts";
import { answer, listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";

/*
 * P3's server: the real portal app on the register the parent made (argv[2] is its folder), and the baseline,
 * run in this same process so both sides pay the same for SQLite and V8.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: server.ts <register folder>");
const deps = await benchDeps(dir);
const { env } = deps;

/**
 * The baseline: every statement the export runs, for the same customer, read with better-sqlite3's `iterate()`
 * on a read-only connection of its own and each row `JSON.stringify`-ed to /dev/null (in 64 KiB writes, so the
 * baseline does not pay a system call per row). No grouping, no dates, no HTTP: the floor under the export.
 */
function baseline(customerId: string) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const sqlite = new Database(env.databasePath, { readonly: true, fileMustExist: true });
  const out = fs.openSync("/dev/null", "w");
  let buffer = "";
  let bytes = 0;
  let rows = 0;
  try {
    sqlite.exec("BEGIN");
    for (const sql of Object.values(SQL)) {
      // The customer's id for every placeholder (two in staffViews, none in the notice version's).
      const params = Array.from({ length: sql.split("?").length - 1 }, () => customerId);
      for (const row of sqlite.prepare(sql).iterate(...params)) {
        buffer += `${JSON.stringify(row)}\n`;
        rows += 1;
        if (buffer.length >= 64 * 1024) {
          bytes += fs.writeSync(out, buffer);
          buffer = "";
        }
      }
    }
    bytes += fs.writeSync(out, buffer);
    sqlite.exec("ROLLBACK");
  } finally {
    fs.closeSync(out);
    sqlite.close();
  }
  const { user, system } = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (user + system) / 1000, rows, bytes };
}

answer({
  baseline: (customerId) => baseline(String(customerId)),
  // CPU time is less at the mercy of whatever else the machine runs than wall time.
  cpu: () => process.cpuUsage(),
});
const port = await listen(createPortalApp(deps).fetch);
ready({ port });
