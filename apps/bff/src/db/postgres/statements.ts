/*
 * Issue 16: the services build their SQL once, with drizzle's SQLite dialect over the one schema (db/schema.ts),
 * and hand-written SQL is written to run on both engines. What differs in the text itself is only the parameter
 * marker: SQLite's `?`, PostgreSQL's `$1, $2, …`. This rewrites one into the other, skipping string literals,
 * quoted identifiers and comments, and caches the answer (the same few hundred statement texts recur).
 */

const MAX_CACHED = 2_000;
const cache = new Map<string, string>();

/** `text` with each `?` placeholder numbered for PostgreSQL (and the rewrites of `rewriteForPostgres`). */
export function numberedPlaceholders(text: string): string {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  let out = "";
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'" || c === '"' || c === "`") {
      // A literal or quoted identifier runs to its closing quote; a doubled quote inside is part of it.
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === c) {
          if (text[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      // SQLite also quotes identifiers with backticks (drizzle-kit's migrations do); PostgreSQL only with `"`.
      out += c === "`" ? `"${text.slice(i + 1, j)}"` : text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      const j = end === -1 ? text.length : end;
      out += text.slice(i, j);
      i = j;
    } else if (c === "?") {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  out = rewriteForPostgres(out);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, out);
  return out;
}

/**
 * The few constructs drizzle's SQLite builder writes that PostgreSQL spells otherwise, each named:
 *   - an ON CONFLICT target lists bare column names in PostgreSQL, `"table"."column"` in drizzle's SQLite output.
 */
function rewriteForPostgres(text: string): string {
  return text.replace(
    /on conflict \(([^)]*)\)/gi,
    (_, targets: string) => `on conflict (${targets.replace(/"[^"]+"\."/g, '"')})`,
  );
}

/**
 * Parameters as node-postgres sends them. better-sqlite3 takes numbers, strings, buffers and null; a boolean never
 * reaches it (drizzle maps boolean columns to 0/1), but raw SQL could pass one: PostgreSQL gets 0/1 too, so a
 * comparison with a bigint column means the same on both engines.
 */
export function driverParams(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p));
}
