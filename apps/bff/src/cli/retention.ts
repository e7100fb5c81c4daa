import { parseArgs } from "node:util";
import { helsinkiDate } from "@tietoni/domain";
import { openRegister } from "../db/open.ts";
import { parseEnv } from "../env.ts";
import { useNoticeFile } from "../notice/notice.ts";
import type { AuditActor } from "../services/audit.ts";
import { retentionDryRun } from "../services/retention.ts";
import { runRetentionJob } from "../services/retention-job.ts";
import { cliDeps } from "./cli-deps.ts";

/**
 * Retention from the command line (the notice: data is kept 10 years from the end of the relationship):
 *   pnpm --filter @tietoni/bff retention --dry-run   lists who is due, and who a ground still blocks
 *   pnpm --filter @tietoni/bff retention --run       runs the retention job: anonymises those due, not held and
 *                                                    unblocked, erases ended remainders, purges past bookkeeping
 * Both are audited with the system as actor; the run is the same job the server runs daily and the staff app runs by
 * hand (services/retention-job.ts), one at a time: while another runs, it says so and exits with 3.
 */
const { values } = parseArgs({ options: { "dry-run": { type: "boolean" }, run: { type: "boolean" } } });
if (Boolean(values["dry-run"]) === Boolean(values.run)) {
  console.error("retention: give exactly one of --dry-run or --run");
  process.exit(2);
}

const env = parseEnv();
// The dry run reads the retention period from the notice, before cliDeps (which also loads it) is made.
useNoticeFile(env.noticeFile);
const db = await openRegister(env);
const actor: AuditActor = { type: "system" };
const now = Date.now();
const dryRun = await retentionDryRun(db, { now, actor });

console.info(`retention: ${dryRun.customers.length} customer(s) due on ${helsinkiDate(now)}`);
for (const c of dryRun.customers) {
  console.info(`  ${c.id}  ${c.name}  relationship ended ${c.relationshipEnd}, retention ended ${c.retentionEndedOn}`);
}
if (dryRun.skipped.length > 0) {
  console.info(
    `retention: ${dryRun.skipped.length} due but left alone (restricted, under a legal hold or with a pending request)`,
  );
  for (const c of dryRun.skipped) console.info(`  ${c.id}  ${c.name}  ${c.reason}`);
}
if (dryRun.blocked.length > 0) {
  console.info(`retention: ${dryRun.blocked.length} due but blocked (kept until the ground is resolved)`);
  for (const c of dryRun.blocked) {
    const grounds = c.blockers
      .map((b) =>
        "count" in b
          ? `${b.ground} (${b.count})`
          : "organisations" in b
            ? `${b.ground} (${b.organisations.join(", ")})`
            : b.ground,
      )
      .join("; ");
    console.info(`  ${c.id}  ${c.name}  ${grounds}`);
  }
}

if (values.run) {
  const deps = await cliDeps(db, env);
  const outcome = await runRetentionJob(deps, { trigger: "cli", now: Date.now, actor });
  if (!outcome.started) {
    console.error("retention: another retention run is already running; nothing was changed. Try again when it ends.");
    await db.close();
    process.exit(3);
  }
  const { counts, skipped } = outcome.result;
  const skippedCount = Object.values(counts.skipped).reduce((a, b) => a + (b ?? 0), 0);
  console.info(
    `retention: anonymised ${counts.anonymised}, skipped ${skippedCount}, remainders erased ${counts.remaindersErased}, bookkeeping rows purged ${counts.bookkeepingRows}`,
  );
  for (const s of skipped) console.info(`  skipped ${s.id}: ${s.reason}`);
} else {
  console.info("retention: dry run only; nothing was changed (run with --run to anonymise)");
}
await db.close();
