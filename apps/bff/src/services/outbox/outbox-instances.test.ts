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
import { needsPostgresServer, openSecondPort, testEngine } from "../../test/test-database.ts";

/*
 * Issue 16: several instances on one database deliver each outbox row once when nothing crashes. Two dispatchers,
 * each on a port of its own, drain the same due rows at the same moment, POSTing to a real receiver on loopback that
 * counts what arrives. On PostgreSQL the second instance is a second pool on the same database (the claim's FOR
 * UPDATE SKIP LOCKED); on SQLite a second process on the same file, since SQLite's writer waits for the file's lock
 * synchronously, blocking its thread. An instance killed mid-try (a process of its own on both engines) leaves
 * rows that the other delivers once their lease has run out: at least once.
 */

const ROWS = 40;
const BATCH = 5;
const LEASE_MS = 60_000;
const SECRET = `whsec_${Buffer.from("a-test-secret-of-32-bytes-long!!").toString("base64")}`;
const scriptPath = path.join(import.meta.dirname, "../../test/outbox-dispatcher.ts");
const bffDir = path.join(import.meta.dirname, "../../..");

let t: TestContext;
let receiver: http.Server;
let received: string[] = [];
let url = "";
let customerId = "";
/** How the receiver answers a request it has read: set by each test. */
let respond: (res: http.ServerResponse) => void = (res) => res.writeHead(204).end();

beforeAll(async () => {
  t = await createTestContext();
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers["webhook-id"]));
      respond(res);
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const customer = await createCustomer(t.db);
  customerId = customer.id;
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
});

/** `count` webhook rows written by an instance that stopped before trying them: due for whoever passes at `due`. */
async function writeRows(count: number): Promise<{ ids: string[]; due: number }> {
  const writer = instanceOutbox(t.db, t.env, t.now, BATCH);
  await writer.stop();
  const ids = await t.db.transaction(async (tx) => {
    const written: string[] = [];
    for (let i = 0; i < count; i++)
      written.push(
        await writer.enqueue(tx, {
          kind: "webhook",
          topic: "customer.marketing_objections_changed",
          body: { type: "customer.marketing_objections_changed", data: { n: i } },
          customerId,
          endpointId: "we_instances",
        }),
      );
    return written;
  });
  return { ids, due: t.now() + LEASE_MS };
}

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((done) => receiver.close(done));
  await t.close();
});

/** Another instance's dispatcher, in a process of its own (test/outbox-dispatcher.ts), its port open. */
async function dispatcherProcess(now: number) {
  const child = spawn(process.execPath, ["--import", "tsx", scriptPath, target(), String(now), String(BATCH)], {
    cwd: bffDir,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const said: string[] = [];
  lines.on("line", (line) => said.push(line));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  while (!said.includes("ready"))
    if ((await Promise.race([new Promise((resolve) => setTimeout(resolve, 20, "wait")), exited])) !== "wait")
      throw new Error("the other instance exited before it was ready");
  return {
    /** Drains what is due; how many rows it tried. */
    async go(): Promise<number> {
      child.stdin.write("go\n");
      const code = await exited;
      if (code !== 0) throw new Error(`the other instance exited ${code}`);
      const tried = said.find((line) => line.startsWith("tried "));
      if (!tried) throw new Error("the other instance did not say how many rows it tried");
      return Number(tried.slice("tried ".length));
    },
    start() {
      child.stdin.write("go\n");
    },
    /** The instance crashes: SIGKILL, nothing after it runs. */
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

/** The register as another instance names it: the SQLite file, or the PostgreSQL database's URL. */
const target = () => (testEngine === "postgres" ? (t.env.databaseUrl ?? "") : t.env.databasePath);

/** The other instance's dispatcher, its port open; `go` drains what is due and resolves with how many it tried. */
async function otherDispatcher(now: number): Promise<{ go(): Promise<number>; close(): Promise<void> }> {
  if (testEngine === "postgres") {
    const db = await openSecondPort(t.env);
    const box = instanceOutbox(db, t.env, () => now, BATCH);
    return { go: () => dispatchUntilDone(box), close: () => db.close() };
  }
  return dispatcherProcess(now);
}

describe("two instances' dispatchers on one database", () => {
  it.skipIf(needsPostgresServer("dispatchers on two instances"))(
    "deliver each due row exactly once between them, one disclosure each (skipped: no PostgreSQL server)",
    async () => {
      const { ids, due } = await writeRows(ROWS);
      received = [];
      // A dispatcher has at most BATCH tries in flight (a pass waits for its tries before it claims again), so
      // more than BATCH requests waiting at once means both are delivering. The receiver holds its first answers
      // until then: the two dispatchers race however the machine schedules them (a dispatcher that never comes
      // shows as its share being 0, the held tries timing out).
      let held: http.ServerResponse[] | null = [];
      respond = (res) => {
        if (!held) return void res.writeHead(204).end();
        held.push(res);
        if (held.length > BATCH) {
          for (const waiting of held) waiting.writeHead(204).end();
          held = null;
        }
      };

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

  it.skipIf(needsPostgresServer("dispatchers on two instances"))(
    "deliver the rows of an instance killed mid-try once their lease has run out, with the same ids (skipped: no PostgreSQL server)",
    async () => {
      const { ids, due } = await writeRows(BATCH + 1);
      received = [];
      // The first instance's tries reach the receiver and are never answered: it is killed while they wait.
      const unanswered: http.ServerResponse[] = [];
      respond = (res) => void unanswered.push(res);
      const crashing = await dispatcherProcess(due);
      try {
        crashing.start();
        while (received.length < BATCH) await new Promise((resolve) => setTimeout(resolve, 10));
        await crashing.kill();
      } finally {
        await crashing.close();
      }
      for (const res of unanswered) res.destroy();
      const lost = [...received];
      expect(lost).toHaveLength(BATCH);

      // This instance, at the same moment: only the row the killed one had not claimed is due…
      respond = (res) => void res.writeHead(204).end();
      let now = due;
      const here = instanceOutbox(t.db, t.env, () => now, BATCH);
      expect(await dispatchUntilDone(here)).toBe(1);
      // …and once the lease has run out, the killed instance's rows go out again, with the ids they had.
      now = due + LEASE_MS;
      expect(await dispatchUntilDone(here)).toBe(BATCH);
      const delivered = received.slice(BATCH);
      expect([...delivered].sort()).toEqual([...ids].sort());
      expect(lost.every((id) => delivered.includes(id))).toBe(true);
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
