import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../db/client.ts";
import { openRegister } from "../db/open.ts";
import type { Db } from "../db/port.ts";
import { CopyMismatchError, copySqliteToPostgres, TargetNotEmptyError } from "../db/postgres/copy-from-sqlite.ts";
import { parseEnv } from "../env.ts";
import { cliDeps } from "./cli-deps.ts";

/**
 * Issue 16 — moves a SQLite register to PostgreSQL, for an operator who started small (docs/deployment.md,
 * "Moving from SQLite to PostgreSQL"):
 *   pnpm db:copy -- --to postgres://… [--from FILE]
 * FILE is DATABASE_PATH unless given; the target must be an empty database (it is migrated first). Stop the server
 * before: the copy reads one snapshot of the file, and what is written after it stays behind. Exit 0: copied, every
 * table's row count and the audit chain verified on the target; 1: refused or failed (a refusal or a failure before
 * the commit leaves the target as it was); 2: bad usage.
 */
const USAGE = "usage: pnpm db:copy -- --to postgres://USER@HOST/DATABASE [--from FILE]";
const args = process.argv.slice(2).filter((a) => a !== "--");
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const to = option("--to");
const from = option("--from");
const known = new Set(["--to", "--from"]);
if (
  !to ||
  !/^postgres(ql)?:\/\/.+/.test(to) ||
  args.some((a, i) => !known.has(a) && !known.has(args[i - 1] ?? "")) ||
  args.some((a, i) => known.has(a) && (!args[i + 1] || args[i + 1]?.startsWith("--")))
) {
  console.error(USAGE);
  process.exit(2);
}

const env = parseEnv();
// pnpm runs the script in apps/bff; a relative path means the caller's directory.
const file = from ? path.resolve(process.env.INIT_CWD ?? process.cwd(), from) : env.databasePath;
const redacted = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
};

// Opening a path that does not exist would create an empty register and copy nothing from it.
if (!fs.existsSync(file)) {
  console.error(`copy FAILED: no register at ${file}`);
  process.exit(1);
}

let source: Db | undefined;
let target: Db | undefined;
let code = 0;
try {
  source = await openDatabase(file);
  // The target's connection settings (TLS, its CA, the statement timeout) are the server's.
  target = await openRegister({ ...env, databaseUrl: to });
  // The audit keys come from the configuration, as in the server: both chains are verified with them.
  await cliDeps(source, env);
  console.info(`copying ${file} → ${redacted(to)}`);
  const report = await copySqliteToPostgres(source, target, {
    onTable: ({ table, source: read, target: arrived, ms }) =>
      console.info(`  ${table.padEnd(28)} ${String(arrived).padStart(10)} rows  (${read} read, ${ms} ms)`),
  });
  const chain = report.targetChain;
  console.info(
    `audit chain on the target: OK, ${chain.entries} entries (last ${chain.lastSeq}), ${chain.checkpoints.checked} checkpoints`,
  );
  console.info(
    `copied ${report.rows} rows in ${report.tables.length} tables in ${(report.ms / 1000).toFixed(1)} s; start the server with DATABASE_URL=${redacted(to)}`,
  );
} catch (error) {
  code = 1;
  const known = error instanceof TargetNotEmptyError || error instanceof CopyMismatchError;
  console.error(`copy FAILED: ${error instanceof Error ? (known ? error.message : error.stack) : String(error)}`);
} finally {
  await target?.close();
  await source?.close();
}
process.exit(code);
