import path from "node:path";
import {
  INTERCHANGE_VERSION,
  interchangeCsvJsonSchema,
  interchangeJsonSchema,
  updateServiceCsvJsonSchema,
} from "@tietoni/domain";
import { repoRoot } from "../../env.ts";

/** The interchange format's published JSON Schemas, committed under docs/schema/ beside the export's. */
export const INTERCHANGE_SCHEMA_FILES: readonly { file: string; text: () => string }[] = [
  { file: `interchange-v${INTERCHANGE_VERSION}.schema.json`, text: () => format(interchangeJsonSchema()) },
  {
    file: `interchange-v${INTERCHANGE_VERSION}-customers-csv.schema.json`,
    text: () => format(interchangeCsvJsonSchema()),
  },
  {
    file: `update-service-v${INTERCHANGE_VERSION}-csv.schema.json`,
    text: () => format(updateServiceCsvJsonSchema()),
  },
].map(({ file, text }) => ({ file: path.join(repoRoot, "docs/schema", file), text }));

/** As committed: two-space JSON with a final newline (like the export's schema). */
function format(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
