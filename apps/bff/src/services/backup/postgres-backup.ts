import { execFile } from "node:child_process";
import pg from "pg";

/*
 * Issue 16: `pnpm backup` and `pnpm restore` on PostgreSQL. The server's own tools own its backups: `pg_dump` takes
 * one consistent copy of the register's database (it reads in one REPEATABLE READ snapshot, so the instances keep
 * writing meanwhile and their later commits are simply not in it) as a custom-format archive, and `pg_restore`
 * loads it. The rest is the SQLite backup's (backup.ts): the manifest, the checksum, the schema check, the erasure
 * journal replayed at the next start. Point-in-time recovery (base backups and WAL archiving) is the server
 * operator's, not this command's (docs/backups.md).
 */

/** The archive in a PostgreSQL backup directory. */
export const PG_DUMP_FILE_NAME = "register.pgdump";

/** What an operator is told when the client tools are missing or refuse the server. */
const TOOLS_HINT =
  "install PostgreSQL's client tools (pg_dump, pg_restore) of the server's major version or newer, or back up " +
  "with the server's own tools instead (pg_basebackup with WAL archiving; docs/backups.md)";

/** Runs one of PostgreSQL's client programs; its own message (and the hint when it is missing) on failure. */
function run(program: "pg_dump" | "pg_restore", args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        return reject(new Error(`${program} is not installed or not on PATH: ${TOOLS_HINT}`));
      reject(new Error(`${program} failed: ${stderr.trim() || error.message}`));
    });
  });
}

/** Dumps the database at `url` into `file` (custom format: compressed, restorable table by table). */
export async function pgDump(url: string, file: string): Promise<void> {
  await run("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, `--dbname=${url}`]);
}

/** Why the archive cannot be read, or null: pg_restore lists its table of contents (the integrity check). */
export async function pgArchiveProblem(file: string): Promise<string | null> {
  try {
    await run("pg_restore", ["--list", file]);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Loads the archive into the (empty) database at `url` in one transaction: all of it or nothing. */
export async function pgRestore(url: string, file: string): Promise<void> {
  await run("pg_restore", ["--single-transaction", "--exit-on-error", "--no-owner", `--dbname=${url}`, file]);
}

/** The applied migrations of the database at `url`, as drizzle records them (oldest first). */
export async function pgMigrationsOf(url: string): Promise<{ hash: string; createdAt: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ hash: string; createdAt: string }>(
      `SELECT hash, created_at AS "createdAt" FROM public.__drizzle_migrations ORDER BY created_at`,
    );
    return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
  } finally {
    await client.end();
  }
}

/** How many tables and sequences the database at `url` holds in its public schema: a restore wants none. */
export async function pgRelationCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
