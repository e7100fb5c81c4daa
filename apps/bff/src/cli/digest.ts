import { openRegister } from "../db/open.ts";
import { createDeps } from "../deps.ts";
import { parseEnv } from "../env.ts";
import { mailerFromEnv } from "../mail/mailer.ts";
import { useNoticeFile } from "../notice/notice.ts";
import { sendStaffDigest } from "../services/staff-digest.ts";

/**
 * Today's digest of due and overdue requests, now rather than at DIGEST_HOUR:
 *   pnpm --filter @tietoni/bff digest
 * Still at most one a day (the server's schedule and this share the record: the outbox row). The mail is queued in
 * the outbox and tried at once; if the server is down the running BFF's dispatcher retries it later.
 * Exit 0: queued (or already sent today); 1: DIGEST_MAIL_TO is not set.
 */
const env = parseEnv();
const db = await openRegister(env);
// The notice first: without MAIL_FROM the mailer's sender is the controller it names (issue 15).
useNoticeFile(env.noticeFile);
const deps = createDeps({ db, env, mailer: mailerFromEnv(env), now: Date.now });
let code = 0;
try {
  const result = await sendStaffDigest(deps, Date.now(), { anyHour: true });
  if (result.sent) {
    await deps.outbox.idle();
    console.info(
      `digest ${result.day}: ${result.overdue} overdue, ${result.dueSoon} due within a week → ${env.DIGEST_MAIL_TO} (outbox ${result.outboxId})`,
    );
  } else if (result.reason === "already_sent") {
    console.info("digest: today's digest was already sent");
  } else {
    console.error("digest: DIGEST_MAIL_TO is not set; nothing sent");
    code = 1;
  }
} finally {
  await deps.outbox.stop();
  await db.close();
}
process.exit(code);
