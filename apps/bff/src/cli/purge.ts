import { openRegister } from "../db/open.ts";
import { parseEnv } from "../env.ts";
import { purgeExpired } from "../services/purge.ts";
import { cliDeps } from "./cli-deps.ts";

/**
 * The scheduled purge by hand (the server also runs it at start and hourly):
 *   pnpm --filter @tietoni/bff purge-expired
 * (Not "purge": pnpm's own `purge` is its `clean`, which deletes every node_modules of the workspace.)
 * Deletes expired sessions, spent codes and undo links, old rate-limit counters and sign-in history past its
 * period (packages/domain keepingPeriods), audited as `maintenance.purged` with the counts when anything went.
 */
const env = parseEnv();
const db = await openRegister(env);
try {
  // `maintenance.purged` is appended to the audit trail under the configured keys, as in the server.
  await cliDeps(db, env);
  const counts = await purgeExpired(db, { now: Date.now(), sessionPolicy: env.sessionPolicy });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.info(`purge: removed ${total} row(s)`);
  for (const [kind, n] of Object.entries(counts)) console.info(`  ${kind}: ${n}`);
} finally {
  await db.close();
}
