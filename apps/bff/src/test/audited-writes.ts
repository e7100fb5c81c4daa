import readline from "node:readline";
import { openDatabase } from "../db/client.ts";
import { openPostgres } from "../db/postgres/open.ts";
import { DEMO_AUDIT_HMAC_KEY, DEMO_AUDIT_SIGNING_KEY } from "../env.ts";
import { configureAudit } from "../services/audit.ts";
import { appendAgainst } from "./audit-instance.ts";

/*
 * Another instance's audited writes, as a process of its own (services/audit-instances.test.ts): on SQLite a
 * writer waits for the file's lock synchronously, blocking its thread, so two instances on one file are two
 * processes, never two ports in one. Usage: `tsx audited-writes.ts <file or postgres URL> <count> <label> <the
 * other instance's label> <checkpoint every>`; it says "ready" once the register is open, starts on the first line
 * it reads (test/audit-instance.ts, `appendAgainst`), and exits 0 once every entry is written.
 */
const [target = "", count = "0", label = "", other = "", checkpointEvery = "1000"] = process.argv.slice(2);
configureAudit({
  hmacKey: DEMO_AUDIT_HMAC_KEY,
  signingKey: DEMO_AUDIT_SIGNING_KEY,
  checkpointEvery: Number(checkpointEvery),
});
const db = /^postgres(ql)?:/.test(target)
  ? await openPostgres({ url: target, poolSize: 2, statementTimeoutMs: 60_000, idleInTransactionMs: 0, ssl: "disable" })
  : await openDatabase(target);
process.stdout.write("ready\n");
const lines = readline.createInterface({ input: process.stdin });
await new Promise((resolve) => lines.once("line", resolve));
lines.close();
await appendAgainst(db, label, other, Number(count), Date.now);
await db.close();
