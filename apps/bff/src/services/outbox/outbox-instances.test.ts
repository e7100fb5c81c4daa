import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import readline from "node:readline";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedSystems, disclosures, outbox, webhookEndpoints } from "../../db/schema.ts";
import { createCustomer } from "../../db/test-fixtures.ts";
import { dispatchUntilDone, instanceOutbox } from "../../test/outbox-instance.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";
import { openSecondPort, severalConnections, testEngine } from "../../test/test-database.ts";

/*
 * Issue 16: several instances on one database deliver each outbox row once when nothing crashes. Two dispatchers,
 * each on a port of its own, drain the same due rows at the same moment, POSTing to a real receiver on loopback that
 * counts what arrives. On PostgreSQL the second instance is a second pool on the same database (the claim's FOR
 * UPDATE SKIP LOCKED); on SQLite a second process on the same file, since SQLite's writer waits for the file's lock
 * synchronously, blocking its thread. (A crashed try is retried once its lease runs out: outbox.test.ts.)
 */

const ROWS = 40;
const BATCH = 5;
const LEASE_MS = 60_000;
const SECRET = `whsec_${Buffer.from("a-test-secret-of-32-bytes-long!!").toString("base64")}`;
const scriptPath = path.join(import.meta.dirname, "../../test/outbox-dispatcher.ts");
const bffDir = path.join(import.meta.dirname, "../../..");

let t: TestContext;
let receiver: http.Server;
const received: string[] = [];
let url = "";

beforeAll(async () => {
  t = await createTestContext();
  // A dispatcher has at most BATCH tries in flight (a pass waits for its tries before it claims again), so more
  // than BATCH requests waiting at once means both are delivering. The receiver holds its first answers until then:
  // the two dispatchers race however the machine schedules them (a dispatcher that never comes shows as its
  // share being 0, the held tries timing out).
  let held: (() => void)[] | null = [];
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers["webhook-id"]));
      const answer = () => res.writeHead(204).end();
      if (!held) return answer();
      held.push(answer);
      if (held.length > BATCH) {
        for (const waiting of held) waiting();
        held = null;
      }
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((done) => receiver.close(done));
  await t.close();
});

/** The other instance's dispatcher, its port open; `go` drains what is due and resolves with how many it tried. */
async function otherDispatcher(now: number): Promise<{ go(): Promise<number>; close(): Promise<void> }> {
  if (testEngine === "postgres") {
    const db = await openSecondPort(t.env);
    const box = instanceOutbox(db, t.env, () => now, BATCH);
    return { go: () => dispatchUntilDone(box), close: () => db.close() };
  }
  const child = spawn(
    process.execPath,
    ["--import", "tsx", scriptPath, t.env.databasePath, String(now), String(BATCH)],
    {
      cwd: bffDir,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = readline.createInterface({ input: child.stdout });
  const said: string[] = [];
  lines.on("line", (line) => said.push(line));
  const exited = new Promise<void>((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the other instance exited ${code}`)))),
  );
  while (!said.includes("ready")) await Promise.race([new Promise((resolve) => setTimeout(resolve, 20)), exited]);
  return {
    async go() {
      child.stdin.write("go\n");
      await exited;
      const tried = said.find((line) => line.startsWith("tried "));
      if (!tried) throw new Error("the other instance did not say how many rows it tried");
      return Number(tried.slice("tried ".length));
    },
    async close() {
      if (child.exitCode === null) child.kill();
    },
  };
}

describe("two instances' dispatchers on one database", () => {
  it.skipIf(!severalConnections())(
    "deliver each due row exactly once between them, one disclosure each (skipped: no PostgreSQL server)",
    async () => {
      const customer = await createCustomer(t.db);
      await t.db.insert(connectedSystems).values({
        id: "sys_instances",
        name: "Newsletter tool",
        noticePartyKind: "recipient",
        noticePartyId: "financialAdministrationPartner",
        createdAt: t.now(),
      });
      await t.db.insert(webhookEndpoints).values({
        id: "we_instances",
        systemId: "sys_instances",
        url,
        eventTypes: JSON.stringify(["customer.marketing_objections_changed"]),
        categories: JSON.stringify(["email"]),
        secret: SECRET,
        enabled: true,
        createdAt: t.now(),
      });
      // Rows written by an instance that stopped before trying them: due for whoever passes once the lease is over.
      const writer = instanceOutbox(t.db, t.env, t.now, BATCH);
      await writer.stop();
      const ids = await t.db.transaction(async (tx) => {
        const written: string[] = [];
        for (let i = 0; i < ROWS; i++)
          written.push(
            await writer.enqueue(tx, {
              kind: "webhook",
              topic: "customer.marketing_objections_changed",
              body: { type: "customer.marketing_objections_changed", data: { n: i } },
              customerId: customer.id,
              endpointId: "we_instances",
            }),
          );
        return written;
      });
      const due = t.now() + LEASE_MS;

      const other = await otherDispatcher(due);
      const here = instanceOutbox(t.db, t.env, () => due, BATCH);
      let tried: number[];
      try {
        tried = await Promise.all([dispatchUntilDone(here), other.go()]);
      } finally {
        await other.close();
      }

      // Each row reached the receiver once, none twice, and both instances took a share.
      expect([...received].sort()).toEqual([...ids].sort());
      expect(tried[0]).toBeGreaterThan(0);
      expect(tried[1]).toBeGreaterThan(0);
      expect((tried[0] ?? 0) + (tried[1] ?? 0)).toBe(ROWS);
      const rows = await t.db.select().from(outbox).where(inArray(outbox.id, ids)).all();
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ["delivered", 1]));
      const disclosed = await t.db
        .select({ outboxId: disclosures.outboxId })
        .from(disclosures)
        .where(inArray(disclosures.outboxId, ids))
        .all();
      expect(disclosed.map((d) => d.outboxId).sort()).toEqual([...ids].sort());
    },
    60_000,
  );
});
