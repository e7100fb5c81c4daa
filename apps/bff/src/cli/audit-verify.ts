import fs from "node:fs";
import path from "node:path";
import { parseCheckpointLines } from "@tietoni/domain";
import { openRegister } from "../db/open.ts";
import { parseEnv } from "../env.ts";
import { auditKeyIds, type ChainVerdict, verifyAuditChain } from "../services/audit.ts";
import { cliDeps } from "./cli-deps.ts";

/**
 * Verifies the audit trail from the server's shell (issue 14 E):
 *   pnpm audit:verify [--checkpoints FILE]
 * The chain (unkeyed span with SHA-256, keyed span with the HMAC key), every checkpoint's signature and head, and,
 * with --checkpoints, the copies the DPO keeps: a file with their lines or their saved mails. Reads only; the run
 * is not in the trail (the staff app's verification is). Exit 0: all holds; 1: something does not; 2: bad usage.
 */
const args = process.argv.slice(2);
const at = args.indexOf("--checkpoints");
if (args.some((a, i) => a !== "--checkpoints" && i !== at + 1) || (at >= 0 && !args[at + 1])) {
  console.error("usage: pnpm audit:verify [--checkpoints FILE]");
  process.exit(2);
}
// pnpm runs the script in apps/bff; a relative path means the caller's directory.
const file = at >= 0 ? path.resolve(process.env.INIT_CWD ?? process.cwd(), args[at + 1] as string) : null;
let dpoCopies: ReturnType<typeof parseCheckpointLines> | null = null;
if (file) {
  dpoCopies = parseCheckpointLines(fs.readFileSync(file, "utf8"));
  if (!dpoCopies.ok) {
    console.error(
      dpoCopies.reason === "none"
        ? `${file}: no checkpoint line ("tietoni-audit-checkpoint v1 …") found`
        : `${file}:${dpoCopies.line}: a damaged checkpoint line (cut, wrapped or edited)`,
    );
    process.exit(2);
  }
}

const env = parseEnv();
const db = await openRegister(env);
let verdict: ChainVerdict;
try {
  // The keys come from the configuration, as in the server.
  await cliDeps(db, env);
  verdict = await verifyAuditChain(db, { dpoCopies: dpoCopies?.ok ? dpoCopies.checkpoints : [] });
} finally {
  await db.close();
}
const keys = auditKeyIds();
console.info(`entries: ${verdict.entries} (last ${verdict.lastSeq}; ${verdict.unkeyedEntries} from before keying)`);
console.info(`HMAC keys in the trail: ${verdict.hmacKeyIds.join(", ") || "none"} (configured: ${keys.hmacKeyId})`);
const last = verdict.checkpoints.last;
console.info(
  `checkpoints: ${verdict.checkpoints.checked} checked, last ${last ? `${last.seq} at ${last.at}` : "none"}; signing keys ${verdict.checkpoints.signingKeyIds.join(", ") || "none"} (configured: ${keys.signingKeyId})`,
);
if (file) console.info(`DPO's copies: ${verdict.checkpoints.dpoCopies} from ${file}`);
if (verdict.firstBrokenSeq !== null) console.error(`BROKEN: the chain breaks at entry ${verdict.firstBrokenSeq}`);
for (const p of verdict.problems) console.error(`PROBLEM: checkpoint ${p.seq} (${p.source}): ${p.reason}`);
console.info(verdict.ok ? "audit trail: OK" : "audit trail: NOT OK");
process.exit(verdict.ok ? 0 : 1);
