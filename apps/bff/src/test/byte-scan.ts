import fs from "node:fs";

/*
 * TEST ONLY (issue 14 C): what an erasure must leave no byte of, looked for in the files themselves — the SQLite
 * database, its -wal and -shm, a log file — rather than through SQL, which never shows deleted rows, free pages,
 * old WAL frames or the search index's segments.
 */

/** The raw bytes of `file`, or none when it does not exist (a WAL that was removed). */
export function bytesOf(file: string): Buffer {
  return fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
}

/** The database file and its companions. */
export const sqliteFiles = (databaseFile: string) => [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`];

/**
 * "file: needle" for each needle found in each file, in UTF-8 (what SQLite and the log write), as given and in
 * lower case (e-mail addresses are compared and indexed lower-cased). Empty when nothing is left.
 */
export function hitsInFiles(files: readonly string[], needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const bytes = bytesOf(file);
    for (const needle of new Set(needles.flatMap((n) => [n, n.toLowerCase()]))) {
      if (bytes.includes(Buffer.from(needle, "utf8"))) hits.push(`${file}: ${needle}`);
    }
  }
  return hits;
}
