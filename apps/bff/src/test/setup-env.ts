// BFF tests build their configuration explicitly (test/test-context.ts); nothing is read from the shell.
process.env.TZ = "UTC";

// Issue 15: the privacy notice is loaded at start (createDeps); tests that use services without createDeps get the
// demo's, as the demo server would. createTestContext loads NOTICE_FILE again when a test names another.
import { DEMO_NOTICE_FILE, repoRoot } from "../env.ts";
import { useNoticeFile } from "../notice/notice.ts";

useNoticeFile(`${repoRoot}/${DEMO_NOTICE_FILE}`);
