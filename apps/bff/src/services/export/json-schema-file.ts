import path from "node:path";
import { exportJsonSchema } from "@tietoni/domain";
import { repoRoot } from "../../env.ts";

/** Where the published JSON Schema of export v1 is committed; the BFF test keeps it equal to the generated one. */
export const EXPORT_SCHEMA_FILE = path.join(repoRoot, "docs/schema/export-v1.schema.json");

/** The schema exactly as committed and served: two-space JSON with a final newline. */
export function exportSchemaText(): string {
  return `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
}
