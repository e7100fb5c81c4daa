import { parseArgs } from "node:util";
import { helsinkiDate } from "@tietoni/domain";
import { openDatabase } from "../db/client.ts";
import { parseEnv } from "../env.ts";
import type { AuditActor } from "../services/audit.ts";
import { RETENTION_RUN_MAX, retentionDryRun, runRetention } from "../services/retention.ts";
import { cliDeps } from "./cli-deps.ts";

/**
 * Retention from the command line (the notice: data is kept 10 years from the end of the relationship):
 *   pnpm --filter @tietoni/bff retention --dry-run   lists who is due, and who a ground still blocks
 *   pnpm --filter @tietoni/bff retention --run       anonymises those due and unblocked, with progress
 * Both are audited with the system as actor; the run uses the same code path as an erasure request.
 */
const { values } = parseArgs({ options: { "dry-run": { type: "boolean" }, run: { type: "boolean" } } });
if (Boolean(values["dry-run"]) === Boolean(values.run)) {
  console.error("retention: give exactly one of --dry-run or --run");
  process.exit(2);
}

const env = parseEnv();
const db = await openDatabase(env.databasePath);
const actor: AuditActor = { type: "system" };
const now = Date.now();
const dryRun = await retentionDryRun(db, { now, actor });

console.info(`retention: ${dryRun.customers.length} customer(s) due on ${helsinkiDate(now)}`);
for (const c of dryRun.customers) {
  console.info(`  ${c.id}  ${c.name}  relationship ended ${c.relationshipEnd}, retention ended ${c.retentionEndedOn}`);
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
  const ids = dryRun.customers.map((c) => c.id);
  let anonymised = 0;
  const skipped: { id: string; reason: string }[] = [];
  const deps = await cliDeps(db, env);
  for (let i = 0; i < ids.length; i += RETENTION_RUN_MAX) {
    const result = await runRetention(deps, ids.slice(i, i + RETENTION_RUN_MAX), {
      now: Date.now(),
      actor,
      suppressionKey: env.suppressionKey,
    });
    anonymised += result.anonymised.length;
    skipped.push(...result.skipped);
    console.info(`retention: ${Math.min(i + RETENTION_RUN_MAX, ids.length)}/${ids.length} processed`);
  }
  console.info(`retention: anonymised ${anonymised}, skipped ${skipped.length}`);
  for (const s of skipped) console.info(`  skipped ${s.id}: ${s.reason}`);
} else {
  console.info("retention: dry run only; nothing was changed (run with --run to anonymise)");
}
await db.close();
