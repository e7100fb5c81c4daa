import { is, type SQL, sql } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { type ChainVerdict, verifyAuditChain } from "../../services/audit.ts";
import type { Db, Queries, Tx } from "../port.ts";
import * as schema from "../schema.ts";

/*
 * Issue 16: `pnpm db:copy -- --to $DATABASE_URL` (cli/db-copy.ts), for an operator who started on the embedded SQLite
 * file and moves to PostgreSQL. Every table of the one schema (db/schema.ts) is read in one SQLite read transaction and
 * written into the migrated, empty PostgreSQL database in ONE transaction, so a failed copy leaves the target as
 * empty as it was. Rows travel a page at a time (read by rowid, written as one multi-row INSERT), so memory stays
 * bounded by one page whatever the register's size.
 *
 * What the target derives itself is not copied: the staff search's customer_search_docs is filled by its triggers
 * (drizzle-pg/0003) as customers and their roles arrive, and its row count is compared with SQLite's like every
 * other table's. Inserting is all the copy does, so the audit trail's append-only triggers (drizzle-pg/0002) stay
 * on; the integer-key trigger (drizzle-pg/0001) moves each sequence past the keys it is given, and the identity
 * columns without one (`rowid`) are moved past the copied values at the end.
 */

/** Tables of the target that are no table of the schema: derived from it, or the migrator's bookkeeping. */
const DERIVED_TABLES = ["customer_search_docs"] as const;
const BOOKKEEPING_TABLES = ["__drizzle_migrations"] as const;

/** Bound parameters per INSERT: far below PostgreSQL's 65,535, and a few hundred kilobytes of statement. */
const PARAMETERS_PER_STATEMENT = 20_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

export type CopiedTable = { table: string; source: number; target: number; ms: number };

export type CopyReport = {
  tables: CopiedTable[];
  rows: number;
  /** The chain as verified on the source before copying, and on the target after the commit. */
  sourceChain: ChainVerdict;
  targetChain: ChainVerdict;
  ms: number;
};

/** The target already holds rows: a copy adds to nothing (it would mix two registers and fork the audit chain). */
export class TargetNotEmptyError extends Error {
  constructor(readonly tables: string[]) {
    super(`the target database is not empty (rows in ${tables.join(", ")}): copy only into a new, empty database`);
  }
}

/** The copy did not arrive whole or the chain does not verify; the message says what differs. */
export class CopyMismatchError extends Error {}

type CopyTable = {
  name: string;
  /** Columns in the schema's order; tables without an integer key also carry SQLite's implicit `rowid`. */
  columns: string[];
};

/**
 * The schema's tables, each after every table it references (a row's foreign keys must exist when it is inserted,
 * and PostgreSQL checks them at once). Throws on a cycle, which the schema does not have: a new one needs the copy
 * to learn deferred constraints.
 */
export function copyOrder(): CopyTable[] {
  const configs = new Map(
    (Object.values(schema) as unknown[])
      .filter((value): value is SQLiteTable => is(value, SQLiteTable))
      .map((table) => {
        const config = getTableConfig(table);
        return [config.name, config] as const;
      }),
  );
  const ordered: CopyTable[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`foreign keys form a cycle: ${[...path, name].join(" → ")}`);
    state.set(name, "visiting");
    const config = configs.get(name);
    if (!config) throw new Error(`${name}: referenced but not a table of the schema`);
    for (const fk of config.foreignKeys) {
      const target = getTableConfig(fk.reference().foreignTable as SQLiteTable).name;
      // A row referring to its own table would need its rows in dependency order; none does today.
      if (target === name) throw new Error(`${name}: a foreign key to its own table has no copy order`);
      visit(target, [...path, name]);
    }
    state.set(name, "done");
    const columns = config.columns.map((column) => column.name);
    // The PostgreSQL schema gives a table without an INTEGER PRIMARY KEY an explicit `rowid` identity
    // (db/postgres/schema-source.ts); its values are SQLite's implicit rowid, the insertion order SQL here relies on.
    const integerKey = config.columns.some((c) => c.primary && c.columnType === "SQLiteInteger");
    ordered.push({ name, columns: integerKey ? columns : [...columns, "rowid"] });
  };
  for (const name of [...configs.keys()].sort()) visit(name, []);
  return ordered;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One multi-row INSERT of `rows` (values in `columns` order). */
function insertStatement(table: CopyTable, rows: unknown[][]): SQL {
  const columns = sql.raw(table.columns.map(quoted).join(", "));
  const values = sql.join(
    rows.map(
      (row) =>
        sql`(${sql.join(
          row.map((value) => sql`${value}`),
          sql.raw(", "),
        )})`,
    ),
    sql.raw(", "),
  );
  return sql`INSERT INTO ${sql.raw(quoted(table.name))} (${columns}) VALUES ${values}`;
}

export type CopyOptions = {
  /** Called after each table, for the command's progress lines. */
  onTable?: (copied: CopiedTable) => void;
  /** Rows per INSERT (the default fills about 20,000 parameters, at most 1,000 rows). */
  batchRows?: number;
};

/**
 * Copies the SQLite register `source` into the empty PostgreSQL register `target` (both opened and migrated) and
 * verifies the result: every table's row count, and the audit chain on the target against the source's. Throws
 * TargetNotEmptyError before writing anything into a database that holds rows, and CopyMismatchError when what
 * arrived differs from what was read (the transaction is rolled back then) or the chain does not verify.
 */
export async function copySqliteToPostgres(source: Db, target: Db, options: CopyOptions = {}): Promise<CopyReport> {
  if (source.engine !== "sqlite") throw new Error("the source of a copy is a SQLite register");
  if (target.engine !== "postgres") throw new Error("the target of a copy is a PostgreSQL register");
  const started = Date.now();
  const tables = copyOrder();

  // A broken chain is the operator's to investigate (pnpm audit:verify) before the register moves anywhere.
  const sourceChain = await verifyAuditChain(source);
  if (!sourceChain.ok)
    throw new CopyMismatchError(
      `the source's audit chain does not verify (${sourceChain.firstBrokenSeq !== null ? `broken at entry ${sourceChain.firstBrokenSeq}` : `${sourceChain.problems.length} checkpoint problem(s)`}): run pnpm audit:verify on it first`,
    );

  const copied: CopiedTable[] = [];
  // One read transaction on the source: every table as of one moment, read a page at a time by rowid.
  await source.read(async (from) => {
    await target.transaction(async (tx) => {
      await checkTarget(tx, tables);
      for (const table of tables) {
        const tableStarted = Date.now();
        const expected = await countRows(from, table.name);
        const batchRows =
          options.batchRows ??
          Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMETERS_PER_STATEMENT / table.columns.length)));
        const columns = sql.raw(table.columns.map(quoted).join(", "));
        // In SQLite's insertion order, so the identity values and ties broken by them come out the same.
        for (let after = Number.MIN_SAFE_INTEGER; ; ) {
          const page = await from.rows<Record<string, unknown>>(
            sql`SELECT rowid AS "copy_rowid", ${columns} FROM ${sql.raw(quoted(table.name))}
                WHERE rowid > ${after} ORDER BY rowid LIMIT ${batchRows}`,
          );
          if (page.length === 0) break;
          await tx.exec(
            insertStatement(
              table,
              page.map((row) => table.columns.map((column) => row[column] ?? null)),
            ),
          );
          after = page.at(-1)?.copy_rowid as number;
          if (page.length < batchRows) break;
        }
        const arrived = await countRows(tx, table.name);
        const entry = { table: table.name, source: expected, target: arrived, ms: Date.now() - tableStarted };
        if (arrived !== expected)
          throw new CopyMismatchError(`${table.name}: ${expected} rows read, ${arrived} arrived; nothing was copied`);
        copied.push(entry);
        options.onTable?.(entry);
      }
      // The search index the triggers built holds one row per customer who is not anonymised, as SQLite's does.
      for (const name of DERIVED_TABLES) {
        const derivedStarted = Date.now();
        const expected = await countRows(from, name);
        const built = await countRows(tx, name);
        const entry = { table: name, source: expected, target: built, ms: Date.now() - derivedStarted };
        if (built !== expected)
          throw new CopyMismatchError(`${name}: ${expected} rows in SQLite, ${built} derived; nothing was copied`);
        copied.push(entry);
        options.onTable?.(entry);
      }
      await advanceIdentities(tx);
    });
  });

  const targetChain = await verifyAuditChain(target);
  if (!targetChain.ok || targetChain.entries !== sourceChain.entries || targetChain.lastSeq !== sourceChain.lastSeq)
    throw new CopyMismatchError(
      `the copied audit chain does not verify as the source's did (source: ${sourceChain.entries} entries to ${sourceChain.lastSeq}; target: ${targetChain.entries} entries to ${targetChain.lastSeq}${targetChain.firstBrokenSeq !== null ? `, broken at ${targetChain.firstBrokenSeq}` : ""}${targetChain.problems.length ? `, ${targetChain.problems.length} checkpoint problem(s)` : ""}); the rows are committed: drop the database before trying again`,
    );
  return {
    tables: copied,
    rows: copied
      .filter((t) => !(DERIVED_TABLES as readonly string[]).includes(t.table))
      .reduce((n, t) => n + t.target, 0),
    sourceChain,
    targetChain,
    ms: Date.now() - started,
  };
}

async function countRows(q: Queries, table: string): Promise<number> {
  const row = await q.row<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.raw(quoted(table))}`);
  return Number(row?.n ?? 0);
}

/**
 * Refuses a target that holds any row, or whose tables are not the ones this copy knows (a migration added a table
 * the copy would silently leave behind, or the target is not migrated to this version).
 */
async function checkTarget(tx: Tx, tables: CopyTable[]): Promise<void> {
  const present = new Set(
    (
      await tx.rows<{ name: string }>(
        sql`SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
      )
    ).map((row) => row.name),
  );
  const known = new Set<string>([...tables.map((t) => t.name), ...DERIVED_TABLES, ...BOOKKEEPING_TABLES]);
  const missing = [...known].filter((name) => !present.has(name) && name !== "__drizzle_migrations");
  if (missing.length > 0) throw new Error(`the target is not migrated to this version: no table ${missing.join(", ")}`);
  const unknown = [...present].filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`the target has tables this copy does not know: ${unknown.join(", ")}`);
  const withRows: string[] = [];
  for (const name of [...tables.map((t) => t.name), ...DERIVED_TABLES]) {
    const row = await tx.row<{ any: number }>(
      sql`SELECT CASE WHEN EXISTS (SELECT 1 FROM ${sql.raw(quoted(name))}) THEN 1 ELSE 0 END AS any`,
    );
    if (Number(row?.any) === 1) withRows.push(name);
  }
  if (withRows.length > 0) throw new TargetNotEmptyError(withRows);
}

/**
 * Moves every identity sequence past the largest value copied, so the next row the BFF inserts without a key gets a
 * new one. The integer-key trigger has done so for the keys it sees; the `rowid` columns have no trigger.
 */
async function advanceIdentities(tx: Tx): Promise<void> {
  const identities = await tx.rows<{ tableName: string; columnName: string }>(
    sql`SELECT table_name AS "tableName", column_name AS "columnName" FROM information_schema.columns
        WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name`,
  );
  for (const { tableName, columnName } of identities) {
    await tx.exec(
      sql`SELECT setval(pg_get_serial_sequence(${quoted(tableName)}, ${columnName}), m)
          FROM (SELECT max(${sql.raw(quoted(columnName))}) AS m FROM ${sql.raw(quoted(tableName))}) t
          WHERE m IS NOT NULL`,
    );
  }
}
