import fs from "node:fs";
import path from "node:path";
import { OPENAPI_FILE, openApiText } from "../integration/openapi.ts";

// Regenerates docs/openapi/integration-v<version>.json from the domain's zod schemas: pnpm --filter @tietoni/bff openapi:export
fs.mkdirSync(path.dirname(OPENAPI_FILE), { recursive: true });
fs.writeFileSync(OPENAPI_FILE, openApiText());
console.info(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
