import path from "node:path";
import { parseArgs } from "node:util";
import { NoticeFileError, readNoticeFile } from "../notice/notice.ts";

/**
 * Checks a privacy notice file before it is deployed (issue 15, docs/notice.md), with the same validation the
 * server runs at start:
 *   pnpm notice:validate -- --file notices/acme.json
 * Prints "valid" and exits 0, or prints each wrong field's path and message and exits 1 (2: wrong usage). Reads no
 * database and no other setting, so it runs anywhere the repository is checked out.
 */
const usage = "usage: pnpm notice:validate -- --file FILE";

let file: string | undefined;
try {
  // pnpm hands the script a literal "--" before the options.
  ({ file } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: { file: { type: "string" } },
  }).values);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
}
if (!file) {
  console.error(usage);
  process.exit(2);
}
// `pnpm --filter` runs the script in apps/bff; the file is named relative to where the command was typed.
const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
try {
  const { notice } = readNoticeFile(filePath);
  console.info(`valid: ${filePath} (${notice.controller.name}, ${notice.noticeDate})`);
} catch (err) {
  if (!(err instanceof NoticeFileError)) throw err;
  console.error(`${filePath} is not a valid privacy notice (docs/notice.md):`);
  for (const p of err.problems) console.error(`  ${p.path}: ${p.message}`);
  process.exit(1);
}
