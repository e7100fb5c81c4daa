import { type SQL, sql } from "drizzle-orm";
import type { Queries } from "./port.ts";

/*
 * Issue 16: the SQL fragments that differ between the engines, each defined once with its twin. Everything else the
 * services write runs unchanged on both (drizzle's SQLite builder; hand-written SQL kept portable: quoted aliases,
 * CAST(… AS BIGINT), coalesce, `rowid` — an identity column on PostgreSQL, db/postgres/schema-source.ts).
 */

/**
 * The elements of a JSON array of strings or numbers given as one parameter, as a one-column relation `value`:
 * `… IN (${jsonValues(q, ids)})`. One statement text whatever the list's length, so it stays prepared.
 */
export function jsonValues(q: Pick<Queries, "engine">, json: string): SQL {
  return q.engine === "postgres"
    ? sql`SELECT value FROM json_array_elements_text(${json}::json)`
    : sql`SELECT value FROM json_each(${json})`;
}

/**
 * The rows of a JSON array of arrays given as one parameter, as a relation with columns c0 … c(n-1), each element
 * as text (PostgreSQL) or as its JSON scalar (SQLite): for `INSERT … SELECT` of a batch in one statement.
 */
export function jsonRows(q: Pick<Queries, "engine">, json: string, columns: number): SQL {
  const names = Array.from({ length: columns }, (_, i) => i);
  if (q.engine === "postgres") {
    const list = sql.raw(names.map((i) => `e->>${i} AS c${i}`).join(", "));
    return sql`SELECT ${list} FROM json_array_elements(${json}::json) AS e`;
  }
  const list = sql.raw(names.map((i) => `json_extract(value, '$[${i}]') AS c${i}`).join(", "));
  return sql`SELECT ${list} FROM json_each(${json})`;
}

/**
 * `column` sorted by code point, as SQLite's default BINARY collation sorts text (UTF-8 bytes): for an ORDER BY
 * whose order the answer promises. PostgreSQL's default collation is the database's locale, which puts "ä" beside
 * "a" and ignores case on a first pass; COLLATE "C" compares bytes.
 */
export function codePointOrder(q: Pick<Queries, "engine">, column: SQL): SQL {
  return q.engine === "postgres" ? sql`${column} COLLATE "C"` : column;
}

/**
 * `value GLOB pattern`: SQLite's GLOB (`*`, `?`, `[…]` classes, case-sensitive, the whole text). PostgreSQL has no
 * GLOB; the pattern is translated into the regular expression that means the same, anchored at both ends.
 */
export function glob(q: Pick<Queries, "engine">, value: SQL, pattern: string): SQL {
  return q.engine === "postgres" ? sql`${value} ~ ${globToRegex(pattern)}` : sql`${value} GLOB ${pattern}`;
}

/** The PostgreSQL regular expression (ARE) for a GLOB pattern; exported for its test. */
export function globToRegex(pattern: string): string {
  const chars = Array.from(pattern);
  let out = "^";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === "*") out += ".*";
    else if (ch === "?") out += ".";
    else if (ch === "[") {
      // A class runs to the first `]` after its first member (`[]]` holds a `]`); GLOB negates with `^` as a
      // regular expression does. Inside brackets an ARE still reads `\` as an escape and `[:`, `[.`, `[=` as
      // named classes: both are escaped.
      const end = chars.indexOf("]", i + (chars[i + 1] === "^" ? 3 : 2));
      // GLOB matches nothing at all when a class is not closed; so does a class of no character.
      if (end === -1) return "[^\\s\\S]";
      let body = chars.slice(i + 1, end);
      let negated = "";
      if (body[0] === "^") {
        negated = "^";
        body = body.slice(1);
      }
      out += `[${negated}${body.map((c) => (c === "\\" || c === "[" ? `\\${c}` : c)).join("")}]`;
      i = end;
    } else if (/[\\.^$|()[\]{}+*?]/.test(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return `${out}$`;
}

/**
 * The largest of several values in one row: SQLite's scalar max(a, b, …), PostgreSQL's greatest(a, b, …). They
 * differ on NULL (SQLite answers NULL, PostgreSQL ignores it): give values that are never NULL (coalesce them).
 */
export function greatest(q: Pick<Queries, "engine">, ...values: SQL[]): SQL {
  return sql`${sql.raw(q.engine === "postgres" ? "greatest" : "max")}(${sql.join(values, sql`, `)})`;
}

/**
 * `INSERT INTO table (columns)` of a batch of rows, each an array in `columns` order, given as one JSON parameter:
 * one statement of constant text whatever the batch's size, and no parameter limit (PostgreSQL takes 65,535 per
 * statement). SQLite reads each element with `->>` and stores it by the column's affinity; PostgreSQL has no
 * assignment cast from text to bigint, so the rows are typed by the table's own row type (json_populate_recordset),
 * as a VALUES list's parameters would be. Values are JSON scalars: booleans as 0/1, as drizzle writes them.
 */
export function jsonInsert(
  q: Pick<Queries, "engine">,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): SQL {
  const list = sql.raw(columns.map((c) => `"${c}"`).join(", "));
  if (q.engine === "postgres") {
    const records = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    return sql`INSERT INTO ${sql.identifier(table)} (${list})
      SELECT ${list} FROM json_populate_recordset(NULL::${sql.identifier(table)}, ${JSON.stringify(records)}::json)`;
  }
  const select = sql.raw(columns.map((_, i) => `value ->> ${i}`).join(", "));
  return sql`INSERT INTO ${sql.identifier(table)} (${list}) SELECT ${select} FROM json_each(${JSON.stringify(rows)})`;
}

/**
 * What a claim's row selection adds so that two dispatchers claiming at once never take the same row: PostgreSQL
 * locks the rows it picks and passes over rows another transaction holds (`FOR UPDATE SKIP LOCKED`); SQLite has one
 * writer at a time, so its selection needs nothing.
 */
export function skipLocked(q: Pick<Queries, "engine">): SQL {
  return q.engine === "postgres" ? sql` FOR UPDATE SKIP LOCKED` : sql``;
}
