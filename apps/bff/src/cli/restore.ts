import path from "node:path";
import { parseEnv } from "../env.ts";
import { restoreBackup } from "../services/backup/backup.ts";

/**
 * Issue 15 F — restores a backup into a stopped instance (docs/backups.md):
 *   pnpm restore -- --from DIR
 * DIR is one backup (the directory holding manifest.json). Refused while an instance runs, or when the backup fails
 * its checks (checksum, size, integrity_check, a schema newer than this build); nothing is changed then. At the next
 * start the server carries out again every erasure journalled since the backup, before it accepts requests.
 * Issue 16: with DATABASE_URL the backup (pg_dump's) is loaded into that database, which must be new and empty.
 * Exit 0: restored; 1: refused; 2: bad usage.
 */
const args = process.argv.slice(2).filter((a) => a !== "--");
const from = args.indexOf("--from");
if (from < 0 || !args[from + 1] || args.length !== 2) {
  console.error("usage: pnpm restore -- --from DIR");
  process.exit(2);
}
const env = parseEnv();
const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[from + 1] as string);
const outcome = await restoreBackup({
  dir,
  databasePath: env.databasePath,
  databaseUrl: env.databaseUrl,
  stateDir: env.stateDir,
});
if (!outcome.ok) {
  for (const problem of outcome.problems) console.error(`REFUSED: ${problem}`);
  console.error("restore: nothing was changed");
  process.exit(1);
}
// The database's name only: the URL may carry a password.
const target = env.databaseUrl
  ? `the PostgreSQL database ${new URL(env.databaseUrl).pathname.slice(1)}`
  : env.databasePath;
console.info(`restored ${dir} (taken ${outcome.manifest.createdAt}) into ${target}`);
console.info(
  `erasures journalled since the backup: ${outcome.journalledSince}; the server carries them out again when it starts, before it accepts requests`,
);
