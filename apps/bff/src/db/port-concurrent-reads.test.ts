import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createSessionStore } from "../auth/session-store.ts";
import { parseEnv } from "../env.ts";
import { openDatabase } from "./client.ts";
import type { Db } from "./port.ts";
import { customers } from "./schema.ts";

/*
 * Issue 14 F: once long work yields to the event loop inside a transaction (the sliced retention dry run), reads
 * queue on the reader connection while the writer is held, and a new read takes the writer as soon as the
 * transaction commits. Both reads are open at once, one per connection; the end of one must not end the other.
 * Found by bench P12: portal reads failed with "a read snapshot used after it ended" during the dry run.
 */
let dir: string;
let db: Db;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-port-reads-"));
  db = await openDatabase(path.join(dir, "port.sqlite"));
});
afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const policy = parseEnv({ NODE_ENV: "test" }).sessionPolicy;
const tick = () => new Promise((resolve) => setImmediate(resolve));
const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open: () => open() };
};

it("keeps a read on the writer open while a read on the reader ends", async () => {
  const transactionGate = gate();
  const transaction = db.transaction(() => transactionGate.opened);
  await tick();
  // The writer is held: this read runs on the reader and stays open until its gate opens.
  const readerGate = gate();
  const onReader = db.read(async (r) => {
    await readerGate.opened;
    return r.rows<{ n: number }>(sql`SELECT 1 AS n`);
  });
  await tick();
  transactionGate.open();
  await transaction;
  // The writer is free again: this read takes it, while the one on the reader is still open.
  const writerGate = gate();
  const onWriter = db.read(async (r) => {
    const first = await r.rows<{ n: number }>(sql`SELECT 2 AS n`);
    await writerGate.opened;
    return [...first, ...(await r.rows<{ n: number }>(sql`SELECT 3 AS n`))];
  });
  await tick();
  readerGate.open();
  expect(await onReader).toEqual([{ n: 1 }]);
  writerGate.open();
  expect(await onWriter).toEqual([{ n: 2 }, { n: 3 }]);
});

it("authenticates a session on the reader while a transaction holds the writer, after one on the writer", async () => {
  const store = createSessionStore(db, { table: "customer_sessions", subject: "customer_id" }, policy);
  await db.insert(customers).values({
    id: "c1",
    firstName: "Aino",
    lastName: "Asiakas",
    relationshipStart: "2024-01-01",
    createdAt: 0,
  });
  const now = Date.UTC(2026, 11, 2);
  const { token } = await store.create("c1", now, { ip: null, userAgent: null });
  const load = async () => ({ id: "c1" });
  // The first look-up runs on the writer (free), the second on the reader (a transaction holds the writer).
  expect(await store.authenticate(token, now, load)).toMatchObject({ subject: { id: "c1" } });
  const transactionGate = gate();
  const transaction = db.transaction(() => transactionGate.opened);
  await tick();
  expect(await store.authenticate(token, now, load)).toMatchObject({ subject: { id: "c1" } });
  transactionGate.open();
  await transaction;
});
