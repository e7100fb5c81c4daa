import readline from "node:readline";
import { openDatabase } from "../db/client.ts";
import { openPostgres } from "../db/postgres/open.ts";
import { DEMO_NOTICE_FILE, parseEnv, repoRoot } from "../env.ts";
import { useNoticeFile } from "../notice/notice.ts";
import { dispatchUntilDone, instanceOutbox } from "./outbox-instance.ts";

/*
 * Another instance's outbox dispatcher, as a process of its own (services/outbox/outbox-instances.test.ts): on
 * SQLite a writer waits for the file's lock synchronously, blocking its thread, so two instances on one file are
 * two processes. Usage: `tsx outbox-dispatcher.ts <file or postgres URL> <now, ms> <batch size>`; it says "ready"
 * once the register is open, dispatches on the first line it reads until nothing is due, prints how many rows it
 * tried, and exits 0.
 */
const [target = "", now = "0", batchSize = "5"] = process.argv.slice(2);
// The notice the test process loaded (test/setup-env.ts): a delivered webhook's disclosure names its legal basis.
useNoticeFile(`${repoRoot}/${DEMO_NOTICE_FILE}`);
const db = /^postgres(ql)?:/.test(target)
  ? await openPostgres({ url: target, poolSize: 2, statementTimeoutMs: 60_000, idleInTransactionMs: 0, ssl: "disable" })
  : await openDatabase(target);
const box = instanceOutbox(db, parseEnv({ NODE_ENV: "test" }), () => Number(now), Number(batchSize));
process.stdout.write("ready\n");
const lines = readline.createInterface({ input: process.stdin });
await new Promise((resolve) => lines.once("line", resolve));
lines.close();
process.stdout.write(`tried ${await dispatchUntilDone(box)}\n`);
await db.close();
