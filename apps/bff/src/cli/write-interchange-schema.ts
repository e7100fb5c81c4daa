import fs from "node:fs";
import path from "node:path";
import { INTERCHANGE_SCHEMA_FILES } from "../services/import/schema-files.ts";

// Regenerates docs/schema/interchange-v1*.schema.json and update-service-v1-csv.schema.json from the domain's zod
// schemas: pnpm --filter @tietoni/bff schema:interchange
for (const { file, text } of INTERCHANGE_SCHEMA_FILES) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text());
  console.info(`wrote ${path.relative(process.cwd(), file)}`);
}
