import path from "node:path";
import { noticeJsonSchema } from "@tietoni/domain";
import { repoRoot } from "../env.ts";

/** Where the notice file's published JSON Schema is committed (each notices/*.json names it as "$schema"). */
export const NOTICE_SCHEMA_FILE = path.join(repoRoot, "docs/notice.schema.json");

/** The schema exactly as committed: two-space JSON with a final newline; a BFF test keeps the file generated. */
export function noticeSchemaText(): string {
  return `${JSON.stringify(noticeJsonSchema(), null, 2)}\n`;
}
