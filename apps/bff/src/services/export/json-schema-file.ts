import fs from "node:fs";
import path from "node:path";
import { EXPORT_VERSION, exportJsonSchema } from "@tietoni/domain";
import { repoRoot } from "../../env.ts";

const schemaFileOf = (version: number) => path.join(repoRoot, `docs/schema/export-v${version}.schema.json`);

/** Where the published JSON Schema of the current export version is committed; a BFF test keeps it generated. */
export const EXPORT_SCHEMA_FILE = schemaFileOf(EXPORT_VERSION);

/** Version 1's schema, frozen as published (a BFF test holds it to its digest): downloads made before validate. */
export const EXPORT_V1_SCHEMA_FILE = schemaFileOf(1);

/** A frozen earlier version's schema as committed, or null when the file is not deployed. */
export function frozenSchemaText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** The schema exactly as committed and served: two-space JSON with a final newline. */
export function exportSchemaText(): string {
  return `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
}
