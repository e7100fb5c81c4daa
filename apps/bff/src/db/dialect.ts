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
