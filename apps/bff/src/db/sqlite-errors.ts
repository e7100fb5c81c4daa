import Database from "better-sqlite3";

/**
 * Primary result codes that mean "the database cannot take this request now" (disk full, locked, read-only,
 * I/O failure, file gone), as opposed to a bug. Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT, …)
 * map to their primary code.
 */
const UNAVAILABLE = new Set([
  "SQLITE_FULL",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_IOERR",
  "SQLITE_READONLY",
  "SQLITE_CANTOPEN",
  "SQLITE_PROTOCOL",
]);

type SqliteError = InstanceType<typeof Database.SqliteError>;

/** The SQLite error behind `err`, if any: drizzle wraps driver errors in DrizzleQueryError (as `cause`). */
function sqliteErrorOf(err: unknown): SqliteError | null {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof Database.SqliteError) return current;
    current = current.cause;
  }
  return null;
}

/**
 * The driver's words when `err` says the database is unavailable (the request should fail closed with 503, not
 * 500); null for anything else.
 */
export function unavailableReason(err: unknown): string | null {
  const error = sqliteErrorOf(err);
  if (!error) return null;
  const primary = error.code.split("_").slice(0, 2).join("_");
  return UNAVAILABLE.has(primary) ? `${error.code}: ${error.message}` : null;
}

/**
 * The health check's probe. A bare `SELECT 1` touches no file, so this reads the schema and takes (then
 * releases) the write lock: a missing, locked or read-only database throws. A database that has reached
 * its size limit (max_page_count) counts as unavailable too, since the next write would fail.
 */
export function pingDatabase(sqlite: Database.Database): void {
  sqlite.prepare("SELECT 1 FROM sqlite_master LIMIT 1").get();
  // Inside a transaction the lock is already held; BEGIN would fail for a reason unrelated to health.
  if (!sqlite.inTransaction) sqlite.exec("BEGIN IMMEDIATE; ROLLBACK;");
  const pages = Number(sqlite.pragma("page_count", { simple: true }));
  const maxPages = Number(sqlite.pragma("max_page_count", { simple: true }));
  const free = Number(sqlite.pragma("freelist_count", { simple: true }));
  if (pages >= maxPages && free === 0) throw new Error("database reached max_page_count");
}
