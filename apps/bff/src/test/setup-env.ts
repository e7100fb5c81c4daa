// BFF tests build their configuration explicitly (test/test-context.ts); nothing is read from the shell.
process.env.TZ = "UTC";

// Issue 15: the privacy notice is loaded at start (createDeps); tests that use services without createDeps get the
// demo's, as the demo server would. createTestContext loads NOTICE_FILE again when a test names another.
import { DEMO_NOTICE_FILE, repoRoot } from "../env.ts";
import { useNoticeFile } from "../notice/notice.ts";
import { createLogger, type LogLevel, useLogger } from "../observability/logger.ts";

useNoticeFile(`${repoRoot}/${DEMO_NOTICE_FILE}`);

// Issue 15 E: tests are quiet; LOG_LEVEL=debug pnpm exec vitest … shows the lines. Tests of the lines capture them.
useLogger(createLogger({ level: (process.env.LOG_LEVEL as LogLevel | undefined) ?? "silent" }));
