import fs from "node:fs";
import path from "node:path";
import { NOTICE_SCHEMA_FILE, noticeSchemaText } from "../notice/notice-schema-file.ts";

// Regenerates docs/notice.schema.json from the domain's zod schema of the privacy notice file: pnpm notice:schema
fs.mkdirSync(path.dirname(NOTICE_SCHEMA_FILE), { recursive: true });
fs.writeFileSync(NOTICE_SCHEMA_FILE, noticeSchemaText());
console.info(`wrote ${path.relative(process.cwd(), NOTICE_SCHEMA_FILE)}`);
