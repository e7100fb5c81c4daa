import { is, SQL } from "drizzle-orm";
import { getTableConfig, type SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../schema.ts";

/*
 * Issue 16: one schema source of truth. `db/schema.ts` (SQLite, the embedded default) is the only place a table is
 * declared; the PostgreSQL schema `db/postgres/schema.ts` is generated from it by this module (`pnpm db:generate`),
 * and drizzle-kit generates each dialect's migrations from its own schema. A test fails when the committed file
 * differs from what this produces.
 *
 * The PostgreSQL columns keep SQLite's storage classes so the same SQL reads the same values on both engines:
 * integers (times in UTC milliseconds, counts, the 0/1 of a boolean column) are bigint, text is text. Booleans stay
 * 0/1 rather than PostgreSQL's boolean because hand-written SQL compares them with 1 and 0 on both engines.
 * A SQLite INTEGER PRIMARY KEY takes the next value when NULL is inserted (drizzle's SQLite builder writes NULL
 * for an omitted key); the PostgreSQL twin is an identity column plus a trigger doing the same
 * (drizzle-pg/0001_sqlite_integer_keys.sql), named in `autoIncrementColumns`. A table without an integer key
 * gets a `rowid` identity column, SQLite's implicit rowid made explicit.
 */

type Table = ReturnType<typeof getTableConfig>;

const tables = (): { exportName: string; config: Table }[] =>
  (Object.entries(schema) as [string, unknown][])
    .filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable))
    // By name: a module namespace lists its exports alphabetically under Node, in declaration order under vitest.
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([exportName, table]) => ({ exportName, config: getTableConfig(table) }));

/** Every `table.column` the PostgreSQL side gives the next identity value when NULL is inserted. */
export function autoIncrementColumns(): { table: string; column: string }[] {
  return tables().flatMap(({ config }) =>
    config.columns
      .filter((column) => (column as SQLiteColumn & { autoIncrement?: boolean }).autoIncrement)
      .map((column) => ({ table: config.name, column: column.name })),
  );
}

function literal(value: unknown, column: SQLiteColumn): string {
  if (is(value, SQL)) {
    const chunks = value.queryChunks as { value?: string[] }[];
    const text = chunks.map((chunk) => (chunk.value ?? []).join("")).join("");
    return `sql\`${text.replaceAll("`", "\\`")}\``;
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  throw new Error(`${column.name}: a default of type ${typeof value} has no PostgreSQL twin here`);
}

function columnSource(column: SQLiteColumn, exportByTable: Map<string, string>, config: Table): string {
  const kind = column.columnType;
  let source: string;
  if (kind === "SQLiteText") source = `text(${JSON.stringify(column.name)})`;
  else if (kind === "SQLiteInteger" || kind === "SQLiteBoolean" || kind === "SQLiteTimestamp")
    source = `bigint(${JSON.stringify(column.name)}, { mode: "number" })`;
  else if (kind === "SQLiteReal") source = `doublePrecision(${JSON.stringify(column.name)})`;
  else throw new Error(`${config.name}.${column.name}: column type ${kind} has no PostgreSQL twin here`);
  const autoIncrement = (column as SQLiteColumn & { autoIncrement?: boolean }).autoIncrement;
  if (column.primary) source += ".primaryKey()";
  if (autoIncrement) source += ".generatedByDefaultAsIdentity()";
  if (column.notNull && !column.primary) source += ".notNull()";
  if (column.isUnique && column.uniqueName) source += `.unique(${JSON.stringify(column.uniqueName)})`;
  if (column.hasDefault && column.default !== undefined) source += `.default(${literal(column.default, column)})`;
  for (const fk of config.foreignKeys) {
    const reference = fk.reference();
    if (reference.columns.length !== 1 || reference.columns[0] !== column) continue;
    const target = exportByTable.get(getTableConfig(reference.foreignTable as SQLiteTable).name);
    const targetColumn = reference.foreignColumns[0];
    if (!target || !targetColumn) throw new Error(`${config.name}.${column.name}: unknown referenced table`);
    const key = propertyOf(reference.foreignTable as SQLiteTable, targetColumn);
    const actions = [
      fk.onDelete && fk.onDelete !== "no action" ? `onDelete: "${fk.onDelete}"` : "",
      fk.onUpdate && fk.onUpdate !== "no action" ? `onUpdate: "${fk.onUpdate}"` : "",
    ].filter(Boolean);
    source += `.references((): AnyPgColumn => ${target}.${key}${actions.length ? `, { ${actions.join(", ")} }` : ""})`;
  }
  return source;
}

function propertyOf(table: SQLiteTable, column: SQLiteColumn): string {
  const entry = Object.entries(table).find(([, value]) => value === column);
  if (!entry) throw new Error(`no property for column ${column.name}`);
  return entry[0];
}

/** The generated PostgreSQL schema module, as TypeScript source. */
export function pgSchemaSource(): string {
  const all = tables();
  const exportByTable = new Map(all.map(({ exportName, config }) => [config.name, exportName]));
  const out: string[] = [
    "// GENERATED by `pnpm db:generate` from apps/bff/src/db/schema.ts (db/postgres/schema-source.ts). Do not edit:",
    "// change schema.ts and generate again; a test fails when this file is stale.",
    'import { sql } from "drizzle-orm";',
    "import {",
    "  type AnyPgColumn,",
    "  bigint,",
    "  doublePrecision,",
    "  index,",
    "  pgTable,",
    "  primaryKey,",
    "  text,",
    "  uniqueIndex,",
    '} from "drizzle-orm/pg-core";',
    "",
  ];
  for (const { exportName, config } of all) {
    const table = (schema as Record<string, unknown>)[exportName] as SQLiteTable;
    const columns = config.columns.map(
      (column) => `    ${propertyOf(table, column)}: ${columnSource(column, exportByTable, config)},`,
    );
    // SQLite gives every table without an INTEGER PRIMARY KEY an implicit `rowid` in insertion order, which SQL
    // here names (retention's slices, "newest first" with ties broken by insertion). PostgreSQL's twin is an
    // identity column of that name.
    const integerKey = config.columns.some((c) => c.primary && c.columnType === "SQLiteInteger");
    if (!integerKey)
      columns.push('    rowid: bigint("rowid", { mode: "number" }).generatedByDefaultAsIdentity().notNull(),');
    const extras: string[] = [];
    for (const pk of config.primaryKeys) {
      extras.push(
        `    primaryKey({ name: ${JSON.stringify(pk.getName())}, columns: [${pk.columns.map((c) => `t.${propertyOf(table, c)}`).join(", ")}] }),`,
      );
    }
    for (const idx of config.indexes) {
      const { name, columns: on, unique, where } = idx.config;
      if (where) throw new Error(`${name}: partial indexes have no generated twin yet`);
      const cols = on.map((c) => `t.${propertyOf(table, c as SQLiteColumn)}`).join(", ");
      extras.push(`    ${unique ? "uniqueIndex" : "index"}(${JSON.stringify(name)}).on(${cols}),`);
    }
    for (const fk of config.foreignKeys) {
      if (fk.reference().columns.length > 1) throw new Error(`${config.name}: composite foreign keys have no twin yet`);
    }
    out.push(`export const ${exportName} = pgTable(`);
    out.push(`  ${JSON.stringify(config.name)},`);
    out.push("  {");
    out.push(...columns);
    out.push(extras.length ? "  }," : "  },");
    if (extras.length) out.push("  (t) => [", ...extras, "  ],");
    out.push(");", "");
  }
  let text = out.join("\n");
  // Imports only what is used, so the file passes the linter and the compiler.
  if (!text.includes("sql`")) text = text.replace('import { sql } from "drizzle-orm";\n', "");
  for (const name of ["doublePrecision", "primaryKey", "uniqueIndex", "index"]) {
    if (!text.includes(`${name}(`)) text = text.replace(`  ${name},\n`, "");
  }
  return text;
}
