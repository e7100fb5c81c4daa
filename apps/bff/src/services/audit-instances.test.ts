import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCheckpoints, auditLog } from "../db/schema.ts";
import { appendAgainst } from "../test/audit-instance.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { needsPostgresServer, openSecondPort, testEngine } from "../test/test-database.ts";
import { verifyAuditChain } from "./audit.ts";

/*
 * Issue 16: several instances on one database keep ONE audit chain. Each instance has a port of its own; their
 * audited writes run at the same time, and the chain they leave must verify as one — no two entries with one
 * predecessor, no gap, every checkpoint naming the chain's own head. On PostgreSQL the second instance is a second
 * pool on the same database (the port's advisory lock serialises the appends). On SQLite it is a second process on
 * the same file: SQLite's writer waits for the file's lock synchronously, blocking its thread, so two ports in one
 * process would wait on each other; the file's lock serialises the appends.
 */

const EVERY = 7;
const PER_INSTANCE = 60;
const scriptPath = path.join(import.meta.dirname, "../test/audited-writes.ts");
const bffDir = path.join(import.meta.dirname, "../..");

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ AUDIT_CHECKPOINT_EVERY: String(EVERY) });
});
afterAll(() => t.close());

/** The other instance, its port open, waiting to be told to write; `go` resolves when it has written everything. */
async function otherInstance(label: string): Promise<{ go(): Promise<void>; close(): Promise<void> }> {
  if (testEngine === "postgres") {
    const db = await openSecondPort(t.env);
    return { go: () => appendAgainst(db, label, "a", PER_INSTANCE, t.now), close: () => db.close() };
  }
  const child = spawn(
    process.execPath,
    ["--import", "tsx", scriptPath, t.env.databasePath, String(PER_INSTANCE), label, "a", String(EVERY)],
    { cwd: bffDir, stdio: ["pipe", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the other instance exited ${code}`)))),
  );
  const lines = readline.createInterface({ input: child.stdout });
  await Promise.race([new Promise((resolve) => lines.once("line", resolve)), exited]);
  return {
    go: () => {
      child.stdin.write("go\n");
      return exited;
    },
    async close() {
      if (child.exitCode === null) child.kill();
    },
  };
}

describe("two instances on one database", () => {
  it.skipIf(needsPostgresServer("two instances appending to one audit chain"))(
    "append concurrently to one chain that verifies, checkpoints included (skipped: no PostgreSQL server)",
    async () => {
      const before = (await verifyAuditChain(t.db)).lastSeq;
      const other = await otherInstance("b");
      try {
        await Promise.all([other.go(), appendAgainst(t.db, "a", "b", PER_INSTANCE, t.now)]);
      } finally {
        await other.close();
      }

      const verdict = await verifyAuditChain(t.db);
      expect(verdict).toMatchObject({ ok: true, firstBrokenSeq: null, problems: [] });
      expect(verdict.lastSeq).toBe(before + 2 * PER_INSTANCE);
      const written = (await t.db.select().from(auditLog).orderBy(asc(auditLog.seq)).all())
        .filter((row) => row.seq > before)
        .map((row) => (JSON.parse(row.detail) as { instance: string }).instance);
      expect(written.filter((label) => label === "a")).toHaveLength(PER_INSTANCE);
      expect(written.filter((label) => label === "b")).toHaveLength(PER_INSTANCE);
      // The entries interleave (each instance waits halfway for the other's first half: test/audit-instance.ts).
      expect(written.indexOf("b")).toBeLessThan(written.lastIndexOf("a"));
      expect(written.indexOf("a")).toBeLessThan(written.lastIndexOf("b"));
      // Checkpoints, whichever instance wrote them, form one sequence, each naming the chain's head at its entry.
      const checkpoints = await t.db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq)).all();
      expect(checkpoints.filter((c) => c.seq > before).length).toBeGreaterThanOrEqual(
        Math.floor((2 * PER_INSTANCE) / EVERY) - 1,
      );
      expect(verdict.checkpoints.checked).toBe(checkpoints.length);
    },
    60_000,
  );
});
