import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { repoRoot } from "../../env.ts";
import { migrationsFolder, pgMigrationsFolder } from "../../paths.ts";
import { journalFileOf, readJournal } from "./erasure-journal.ts";
import { runningInstances } from "./instance-lock.ts";
import {
  PG_DUMP_FILE_NAME,
  pgArchiveProblem,
  pgDump,
  pgMigrationsOf,
  pgRelationCount,
  pgRestore,
} from "./postgres-backup.ts";

/*
 * Issue 15 F — backups and restores of the SQLite register. A backup is a directory `<to>/<timestamp>/` with the
 * database (`register.sqlite`, one self-contained file) and `manifest.json`. It is taken online through SQLite's
 * backup API on a connection of its own: one step copies every page inside one read transaction, so the copy is one
 * consistent moment (WAL: the server keeps writing meanwhile, its later commits are simply not in it).
 * A restore checks the copy (checksum, size, integrity_check, a schema this build knows) and replaces the database of
 * a stopped instance atomically; the erasure journal then carries out, at the next start, every erasure made since
 * (replay.ts). This file holds no personal data itself; the backups do, and are pruned after BACKUP_MAX_AGE_DAYS.
 * Issue 16: on PostgreSQL the copy is pg_dump's archive (`register.pgdump`, postgres-backup.ts) and a restore loads
 * it into a new, empty database; manifest, checks, pruning and the journal's replay are the same.
 */

export const DATABASE_FILE_NAME = "register.sqlite";
export const MANIFEST_FILE_NAME = "manifest.json";

type Engine = "sqlite" | "postgres";

const manifestSchema = z.strictObject({
  format: z.literal("tietoni-backup/1"),
  createdAt: z.iso.datetime(),
  tietoniVersion: z.string(),
  /** Issue 16: the engine the copy is of; manifests from before PostgreSQL are SQLite's. */
  engine: z.enum(["sqlite", "postgres"]).default("sqlite"),
  database: z.strictObject({
    file: z.enum([DATABASE_FILE_NAME, PG_DUMP_FILE_NAME]),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int(),
  }),
  /** The newest migration applied in the copy (drizzle's journal: tag, hash, time) and how many are. */
  schema: z.strictObject({
    migrations: z.number().int().min(0),
    latestTag: z.string().nullable(),
    latestHash: z.string().nullable(),
    latestCreatedAt: z.number().int().nullable(),
  }),
  /** Entries in the erasure journal when the copy began: every later one is carried out again after a restore. */
  erasureJournal: z.strictObject({ entries: z.number().int().min(0) }),
});
export type Manifest = z.output<typeof manifestSchema>;

type BuildMigration = { tag: string; when: number };

/** The migrations this build ships for the engine (drizzle's journal), oldest first. */
export function buildMigrations(engine: Engine = "sqlite"): BuildMigration[] {
  const folder = engine === "postgres" ? pgMigrationsFolder : migrationsFolder;
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as {
    entries: BuildMigration[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

function tietoniVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "unversioned";
  } catch {
    return "unversioned";
  }
}

/** The copy's applied migrations, as drizzle records them. */
function schemaOf(sqlite: Database.Database): Manifest["schema"] {
  const rows = sqlite
    .prepare("SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at")
    .all() as { hash: string; createdAt: number }[];
  return schemaFrom(rows, "sqlite");
}

function schemaFrom(rows: readonly { hash: string; createdAt: number }[], engine: Engine): Manifest["schema"] {
  const latest = rows.at(-1);
  const tag = latest ? (buildMigrations(engine).find((m) => m.when === Number(latest.createdAt))?.tag ?? null) : null;
  return {
    migrations: rows.length,
    latestTag: tag,
    latestHash: latest?.hash ?? null,
    latestCreatedAt: latest ? Number(latest.createdAt) : null,
  };
}

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash("sha256");
    fs.createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

function fsyncPath(file: string) {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function integrityOf(file: string): string {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    sqlite.close();
  }
}

/** `2026-12-02T15-01-24-123Z`: sorts by time and is a valid directory name everywhere. */
export function backupStamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, "-");
}

/**
 * Takes one backup of `databasePath` into `<to>/<timestamp>/`, beside a running server. Written under a hidden name
 * and renamed when complete, so a directory with a manifest is always a whole backup.
 */
export async function takeBackup(options: {
  databasePath: string;
  /** Issue 16: the PostgreSQL register (DATABASE_URL); when set, the copy is pg_dump's. */
  databaseUrl?: string | undefined;
  stateDir: string;
  to: string;
  now?: number;
}): Promise<{ dir: string; manifest: Manifest }> {
  if (options.databaseUrl) return takePostgresBackup({ ...options, databaseUrl: options.databaseUrl });
  const now = options.now ?? Date.now();
  const stamp = backupStamp(now);
  const dir = path.join(options.to, stamp);
  const partial = path.join(options.to, `.${stamp}.partial`);
  if (fs.existsSync(dir)) throw new Error(`${dir} exists already`);
  fs.mkdirSync(partial, { recursive: true });
  const copy = path.join(partial, DATABASE_FILE_NAME);
  try {
    // Read before the copy starts: each of these erasures committed before it, so the copy holds it.
    const journalEntries = readJournal(journalFileOf(options.stateDir)).entries.length;
    const source = new Database(options.databasePath, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      // The first call copies nothing and reports the size; then every page in one step: one read transaction,
      // so no commit of the server's can restart the copy halfway (it would, between steps of 100 pages).
      await source.backup(copy, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    const target = new Database(copy, { fileMustExist: true });
    let schema: Manifest["schema"];
    try {
      // One self-contained file: no -wal beside it to lose or mismatch.
      target.pragma("journal_mode = DELETE");
      schema = schemaOf(target);
    } finally {
      target.close();
    }
    const integrity = integrityOf(copy);
    if (integrity !== "ok") throw new Error(`the copy fails integrity_check: ${integrity}`);
    fsyncPath(copy);
    return await sealBackup({
      partial,
      dir,
      to: options.to,
      now,
      engine: "sqlite",
      file: DATABASE_FILE_NAME,
      schema,
      journalEntries,
    });
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Issue 16: one backup of the PostgreSQL register, the same directory and manifest with pg_dump's archive in it. The
 * journal is read before the dump starts, as on SQLite, and the schema is the migrations the dump's database had
 * (read after it: a migration applied meanwhile makes the manifest claim a newer schema, which the restore's check
 * then refuses rather than a schema it does not know).
 */
async function takePostgresBackup(options: {
  databaseUrl: string;
  stateDir: string;
  to: string;
  now?: number;
}): Promise<{ dir: string; manifest: Manifest }> {
  const now = options.now ?? Date.now();
  const stamp = backupStamp(now);
  const dir = path.join(options.to, stamp);
  const partial = path.join(options.to, `.${stamp}.partial`);
  if (fs.existsSync(dir)) throw new Error(`${dir} exists already`);
  fs.mkdirSync(partial, { recursive: true });
  const copy = path.join(partial, PG_DUMP_FILE_NAME);
  try {
    const journalEntries = readJournal(journalFileOf(options.stateDir)).entries.length;
    await pgDump(options.databaseUrl, copy);
    const schema = schemaFrom(await pgMigrationsOf(options.databaseUrl), "postgres");
    const problem = await pgArchiveProblem(copy);
    if (problem) throw new Error(`the archive cannot be read back: ${problem}`);
    fsyncPath(copy);
    return await sealBackup({
      partial,
      dir,
      to: options.to,
      now,
      engine: "postgres",
      file: PG_DUMP_FILE_NAME,
      schema,
      journalEntries,
    });
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** The manifest of a backup directory, or why it cannot be read. */
export function readManifest(dir: string): { ok: true; manifest: Manifest } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE_NAME), "utf8"));
  } catch (error) {
    return { ok: false, problem: `${MANIFEST_FILE_NAME} cannot be read: ${(error as Error).message}` };
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      problem: `${MANIFEST_FILE_NAME} is not a tietoni backup manifest: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    };
  return { ok: true, manifest: parsed.data };
}

/**
 * Removes the backups in `dir` whose manifest is older than `maxAgeDays`. Only directories with a readable manifest
 * are touched (never anything else an operator keeps there); a hidden `.partial` left by a crashed run older than a
 * day goes too.
 */
export function pruneBackups(dir: string, maxAgeDays: number, now = Date.now()): string[] {
  const cutoff = now - maxAgeDays * 86_400_000;
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    if (name.startsWith(".") && name.endsWith(".partial")) {
      if (fs.statSync(full).mtimeMs < now - 86_400_000) {
        fs.rmSync(full, { recursive: true, force: true });
        removed.push(full);
      }
      continue;
    }
    const read = readManifest(full);
    if (!read.ok) continue;
    if (Date.parse(read.manifest.createdAt) < cutoff) {
      fs.rmSync(full, { recursive: true, force: true });
      removed.push(full);
    }
  }
  return removed;
}

/** Every reason the backup in `dir` must not be restored by this build; empty when it may. */
export async function checkBackup(dir: string): Promise<{ manifest: Manifest | null; problems: string[] }> {
  const read = readManifest(dir);
  if (!read.ok) return { manifest: null, problems: [read.problem] };
  const { manifest } = read;
  const name = manifest.database.file;
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) return { manifest, problems: [`${name} is missing`] };
  const problems: string[] = [];
  const bytes = fs.statSync(file).size;
  if (bytes !== manifest.database.bytes)
    problems.push(`${name} has ${bytes} bytes, the manifest says ${manifest.database.bytes}`);
  if ((await sha256OfFile(file)) !== manifest.database.sha256)
    problems.push(`${name} does not match the manifest's checksum (damaged or changed)`);
  if (problems.length > 0) return { manifest, problems };
  if (manifest.engine === "postgres") {
    const problem = await pgArchiveProblem(file);
    if (problem) problems.push(`pg_restore --list: ${problem}`);
  } else {
    const integrity = integrityOf(file);
    if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
  }
  const build = buildMigrations(manifest.engine);
  const { latestCreatedAt, migrations } = manifest.schema;
  if (migrations > build.length || (latestCreatedAt !== null && !build.some((m) => m.when === latestCreatedAt)))
    problems.push(
      `the backup's schema (${manifest.schema.latestTag ?? "unknown"}, ${migrations} migrations) is newer than this build's (${build.at(-1)?.tag}, ${build.length}): restore it with the version that took it`,
    );
  return { manifest, problems };
}

/**
 * Whether another process has the database open. In WAL mode every open connection holds a shared lock on the
 * shared-memory file, so leaving WAL mode (which needs the file to itself) fails while one does.
 */
export function databaseInUse(databasePath: string): boolean {
  if (!fs.existsSync(databasePath)) return false;
  const sqlite = new Database(databasePath, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 0");
    const mode = sqlite.pragma("journal_mode = DELETE", { simple: true });
    return mode !== "delete";
  } catch {
    return true;
  } finally {
    sqlite.close();
  }
}

export type RestoreOutcome =
  | { ok: true; manifest: Manifest; journalledSince: number }
  | { ok: false; problems: string[] };

/**
 * Restores the backup in `dir` over `databasePath`, refusing while an instance runs or the backup fails its checks.
 * The copy is written beside the database, fsynced and renamed over it (atomic); the old -wal and -shm go first, so
 * SQLite can never apply the old log to the restored file. The erasures journalled since the backup are carried out
 * at the server's next start, before it accepts requests.
 */
export async function restoreBackup(options: {
  dir: string;
  databasePath: string;
  /** Issue 16: the PostgreSQL database to restore into (DATABASE_URL): it must be new and empty. */
  databaseUrl?: string | undefined;
  stateDir: string;
}): Promise<RestoreOutcome> {
  const running = runningInstances(options.stateDir);
  if (running.length > 0)
    return {
      ok: false,
      problems: running.map(
        (r) =>
          `an instance is running: pid ${r.pid} on ${r.host} since ${r.startedAt} (${r.file}); stop it first (if it is gone, remove the file)`,
      ),
    };
  const { manifest, problems } = await checkBackup(options.dir);
  if (!manifest || problems.length > 0) return { ok: false, problems };
  const engine = options.databaseUrl ? "postgres" : "sqlite";
  if (manifest.engine !== engine)
    return {
      ok: false,
      problems: [
        `the backup is of a ${manifest.engine} register and this one is ${engine}: restore it as it was taken, then move it with pnpm db:copy`,
      ],
    };
  if (options.databaseUrl) return restorePostgres(options.dir, manifest, options.databaseUrl, options.stateDir);
  if (databaseInUse(options.databasePath))
    return { ok: false, problems: [`${options.databasePath} is open in another process: stop it first`] };

  const target = options.databasePath;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.restoring-${process.pid}`;
  try {
    fs.copyFileSync(path.join(options.dir, DATABASE_FILE_NAME), temporary);
    fsyncPath(temporary);
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(temporary, target);
    fsyncPath(path.dirname(target));
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const entries = readJournal(journalFileOf(options.stateDir)).entries.length;
  return { ok: true, manifest, journalledSince: Math.max(0, entries - manifest.erasureJournal.entries) };
}

/**
 * Issue 16: a PostgreSQL restore loads the archive into the database DATABASE_URL names, which must be new and
 * empty (`createdb`): restoring over the live register would mix what instances still write with the copy, and
 * several instances cannot all be known stopped from here. Once it is loaded, point every instance at it; the first
 * to start carries out the erasures journalled since, before it accepts requests.
 */
async function restorePostgres(
  dir: string,
  manifest: Manifest,
  databaseUrl: string,
  stateDir: string,
): Promise<RestoreOutcome> {
  const relations = await pgRelationCount(databaseUrl);
  if (relations > 0)
    return {
      ok: false,
      problems: [
        `the target database is not empty (${relations} tables and sequences): create a new database (createdb), set DATABASE_URL to it and restore into that`,
      ],
    };
  await pgRestore(databaseUrl, path.join(dir, manifest.database.file));
  const entries = readJournal(journalFileOf(stateDir)).entries.length;
  return { ok: true, manifest, journalledSince: Math.max(0, entries - manifest.erasureJournal.entries) };
}

/**
 * The last steps of either engine's backup: the manifest describing the copy beside it, both durable, then the
 * partial directory renamed into place, so a backup directory without its `.partial` prefix is always whole.
 */
async function sealBackup(b: {
  partial: string;
  dir: string;
  to: string;
  now: number;
  engine: Manifest["engine"];
  /** The copy's name in `partial`. */
  file: Manifest["database"]["file"];
  schema: Manifest["schema"];
  journalEntries: number;
}): Promise<{ dir: string; manifest: Manifest }> {
  const copy = path.join(b.partial, b.file);
  const manifest: Manifest = {
    format: "tietoni-backup/1",
    createdAt: new Date(b.now).toISOString(),
    tietoniVersion: tietoniVersion(),
    engine: b.engine,
    database: { file: b.file, sha256: await sha256OfFile(copy), bytes: fs.statSync(copy).size },
    schema: b.schema,
    erasureJournal: { entries: b.journalEntries },
  };
  fs.writeFileSync(path.join(b.partial, MANIFEST_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  fsyncPath(path.join(b.partial, MANIFEST_FILE_NAME));
  fs.renameSync(b.partial, b.dir);
  fsyncPath(b.to);
  return { dir: b.dir, manifest };
}
