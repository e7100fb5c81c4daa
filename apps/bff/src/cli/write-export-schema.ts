import fs from "node:fs";
import path from "node:path";
import { EXPORT_SCHEMA_FILE, exportSchemaText } from "../services/export/json-schema-file.ts";

// Regenerates docs/schema/export-v<current version>.schema.json from the domain's zod schema: pnpm --filter @tietoni/bff schema:export
fs.mkdirSync(path.dirname(EXPORT_SCHEMA_FILE), { recursive: true });
fs.writeFileSync(EXPORT_SCHEMA_FILE, exportSchemaText());
console.info(`wrote ${path.relative(process.cwd(), EXPORT_SCHEMA_FILE)}`);
