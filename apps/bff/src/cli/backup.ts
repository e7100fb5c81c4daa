import path from "node:path";
import { parseEnv } from "../env.ts";
import { pruneBackups, takeBackup } from "../services/backup/backup.ts";

/**
 * Issue 15 F — an online backup beside the running server (docs/backups.md):
 *   pnpm backup [-- --to DIR] [--prune-only]
 * Writes DIR/<timestamp>/register.sqlite and manifest.json (DIR: BACKUP_DIR unless given), then removes the backups
 * in DIR older than BACKUP_MAX_AGE_DAYS. Exit 0: done; 1: the backup failed (nothing pruned); 2: bad usage.
 * Issue 16: with DATABASE_URL the copy is pg_dump's archive (register.pgdump); without pg_dump it fails, naming the
 * client tools to install or the server's own backups to use instead.
 */
const args = process.argv.slice(2).filter((a) => a !== "--");
const to = args.indexOf("--to");
const pruneOnly = args.includes("--prune-only");
if (args.some((a, i) => a !== "--to" && a !== "--prune-only" && i !== to + 1) || (to >= 0 && !args[to + 1])) {
  console.error("usage: pnpm backup [-- --to DIR] [--prune-only]");
  process.exit(2);
}
const env = parseEnv();
// pnpm runs the script in apps/bff; a relative path means the caller's directory.
const dir = to >= 0 ? path.resolve(process.env.INIT_CWD ?? process.cwd(), args[to + 1] as string) : env.backupDir;

if (!pruneOnly) {
  try {
    const started = Date.now();
    const { dir: written, manifest } = await takeBackup({
      databasePath: env.databasePath,
      databaseUrl: env.databaseUrl,
      stateDir: env.stateDir,
      to: dir,
    });
    console.info(
      `backup: ${written} (${manifest.database.bytes} bytes, sha256 ${manifest.database.sha256}, schema ${manifest.schema.latestTag}, ${Date.now() - started} ms)`,
    );
  } catch (error) {
    console.error(`backup FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
// Only after a successful backup: a failing backup job must not also delete the copies that still exist.
const removed = pruneBackups(dir, env.BACKUP_MAX_AGE_DAYS);
console.info(
  `pruned ${removed.length} backup(s) older than ${env.BACKUP_MAX_AGE_DAYS} days${removed.map((r) => `\n  ${r}`).join("")}`,
);
