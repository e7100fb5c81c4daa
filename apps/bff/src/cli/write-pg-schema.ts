import fs from "node:fs";
import path from "node:path";
import { pgSchemaSource } from "../db/postgres/schema-source.ts";
import { bffRoot } from "../paths.ts";

// Issue 16: writes db/postgres/schema.ts from db/schema.ts (the one source); `pnpm db:generate` runs it first.
const target = path.join(bffRoot, "src/db/postgres/schema.ts");
fs.writeFileSync(target, pgSchemaSource());
console.info(`wrote ${path.relative(process.cwd(), target)}`);
