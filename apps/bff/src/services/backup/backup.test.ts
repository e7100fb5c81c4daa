import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import { openDatabase } from "../../db/client.ts";
import type { Db } from "../../db/port.ts";
import { openPostgres } from "../../db/postgres/open.ts";
import {
  auditLog,
  billingDetails,
  customers,
  invoices,
  marketingObjections,
  orders,
  partialErasures,
} from "../../db/schema.ts";
import { type CreatedCustomer, createCustomer } from "../../db/test-fixtures.ts";
import { createDeps } from "../../deps.ts";
import { sessionCookieName } from "../../http/session-cookie.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";
import { needsPostgresServer, postgresRun, testEngine } from "../../test/test-database.ts";
import { verifyAuditChain } from "../audit.ts";
import {
  buildMigrations,
  checkBackup,
  DATABASE_FILE_NAME,
  MANIFEST_FILE_NAME,
  pruneBackups,
  readManifest,
  restoreBackup,
  sha256OfFile,
  takeBackup,
} from "./backup.ts";
import { customerHash, journalFileOf, readJournal } from "./erasure-journal.ts";
import { holdInstanceLock, runningInstances } from "./instance-lock.ts";
import { PG_DUMP_FILE_NAME, pgRelationCount } from "./postgres-backup.ts";
import { replayErasureJournal } from "./replay.ts";

/*
 * Issue 15 F: backups that respect erasure. An online backup is one consistent moment with a manifest that checks;
 * a restore refuses a running instance and a damaged copy; and an erasure made after a backup survives its restore
 * — the start-up replay carries it out again from the journal, whole or partial as it was.
 */

let t: TestContext;
let backups: string;

beforeAll(async () => {
  t = await createTestContext();
  backups = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-backups-"));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(backups, { recursive: true, force: true });
});

async function staffCookie(staffUserId: string) {
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create(staffUserId, t.now(), { ip: null, userAgent: null });
  return `${sessionCookieName(t.env, "staff")}=${token}`;
}

/** The customer asks for erasure in the portal and the desk executes it: the real path, journal and all. */
async function eraseThroughTheDesk(c: CreatedCustomer) {
  const cookie = await t.signInCustomer(c.email);
  const asked = await t.postPortal("/api/portal/requests", { type: "erasure", text: "Poistakaa tietoni." }, cookie);
  expect(asked.status).toBe(201);
  const { request } = (await asked.json()) as { request: { id: string } };
  const res = await t.staff.request(`/api/staff/operations/erasure/${request.id}/execute`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie: await staffCookie("staff-agent") },
    body: "{}",
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { anonymised: boolean; partial: unknown };
}

const customerIn = (db: Db, id: string) => db.select().from(customers).where(eq(customers.id, id)).get();

/*
 * Issue 16: the same backups on PostgreSQL, where the copy is pg_dump's archive and a restore loads it into a new,
 * empty database (postgres-backup.ts). `where` names the register on this run's engine.
 */
const postgres = testEngine === "postgres";
// pg_dump and pg_restore talk to a server; a PGlite run (no server) has none.
const withoutServer = needsPostgresServer("the backup and restore tests");
const where = () => ({ databasePath: t.env.databasePath, databaseUrl: t.env.databaseUrl, stateDir: t.env.stateDir });
const copyName = postgres ? PG_DUMP_FILE_NAME : DATABASE_FILE_NAME;

let emptyDatabases = 0;
/** A new, empty PostgreSQL database of this run (dropped with the run's others): where a restore goes. */
async function emptyPostgresDatabase(): Promise<string> {
  const { adminUrl, prefix } = postgresRun();
  const name = `${prefix}_restore_${process.pid}_${++emptyDatabases}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.skipIf(withoutServer)("an online backup", () => {
  it("is one consistent copy while writes run: the manifest's checksum and size match, integrity_check says ok", async () => {
    let writes = 0;
    let stop = false;
    // A steady stream of committed writes on the server's own port while the backup runs beside it.
    const load = (async () => {
      while (!stop) {
        await createCustomer(t.db);
        writes++;
        // Each write commits without a macrotask; yield so the backup's own steps get their turns.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { dir, manifest } = await takeBackup({ ...where(), to: backups, now: t.now() });
    stop = true;
    await load;
    expect(writes).toBeGreaterThan(0);

    const file = path.join(dir, copyName);
    expect(manifest.engine).toBe(testEngine);
    expect(manifest.database.sha256).toBe(await sha256OfFile(file));
    expect(manifest.database.bytes).toBe(fs.statSync(file).size);
    expect(manifest.schema.latestTag).toBe(buildMigrations(testEngine).at(-1)?.tag);
    expect(manifest.schema.migrations).toBe(buildMigrations(testEngine).length);
    expect(readManifest(dir)).toEqual({ ok: true, manifest });
    expect(await checkBackup(dir)).toEqual({ manifest, problems: [] });
    // One self-contained file, no log beside it.
    expect(fs.readdirSync(dir).sort()).toEqual([MANIFEST_FILE_NAME, copyName].sort());
    if (postgres) {
      // pg_dump's archive, loaded into a new database: one moment, whole (every customer it has, with its audit).
      const url = await emptyPostgresDatabase();
      expect(await restoreBackup({ dir, ...where(), databaseUrl: url })).toMatchObject({ ok: true });
      const db = await openPostgres({
        url,
        poolSize: 2,
        statementTimeoutMs: 0,
        idleInTransactionMs: 0,
        ssl: "disable",
      });
      try {
        expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
        expect(await db.$count(customers)).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
      return;
    }
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    } finally {
      copy.close();
    }
  });

  it("prunes only the backups older than the configured age, and leaves what is not a backup alone", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-prune-"));
    try {
      const day = 86_400_000;
      const now = t.now();
      const old = await takeBackup({ ...where(), to: dir, now: now - 36 * day });
      const recent = await takeBackup({ ...where(), to: dir, now: now - 34 * day });
      fs.mkdirSync(path.join(dir, "operators-notes"));
      expect(pruneBackups(dir, 35, now)).toEqual([old.dir]);
      expect(fs.readdirSync(dir).sort()).toEqual([path.basename(recent.dir), "operators-notes"].sort());
      expect(pruneBackups(dir, 35, now)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a backup of a PostgreSQL register without PostgreSQL's client tools", () => {
  it("fails, leaving nothing behind, and names what to install or to use instead", async () => {
    const to = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-no-tools-"));
    // A PATH with no pg_dump on it, as on a host with the server elsewhere and no client package.
    vi.stubEnv("PATH", to);
    try {
      const taking = takeBackup({
        databasePath: t.env.databasePath,
        databaseUrl: "postgres://tietoni@127.0.0.1:5432/tietoni",
        stateDir: t.env.stateDir,
        to,
      });
      await expect(taking).rejects.toThrow(/pg_dump is not installed or not on PATH: .*pg_basebackup/);
      expect(fs.readdirSync(to)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      fs.rmSync(to, { recursive: true, force: true });
    }
  });
});

describe.skipIf(withoutServer)("a restore", () => {
  it("is refused, changing nothing, when the copy does not match its manifest or the schema is newer than the build", async () => {
    // Restored elsewhere: a new file, or a new empty database; "nothing changed" means it stays absent or empty.
    const target = path.join(backups, "elsewhere.sqlite");
    const targetUrl = postgres ? await emptyPostgresDatabase() : undefined;
    const untouched = async () => (targetUrl ? (await pgRelationCount(targetUrl)) === 0 : !fs.existsSync(target));
    const into = { databasePath: target, databaseUrl: targetUrl, stateDir: t.env.stateDir };
    const { dir } = await takeBackup({ ...where(), to: backups, now: t.now() + 1 });
    const file = path.join(dir, copyName);
    const bytes = fs.readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100] = (flipped[flipped.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(file, flipped);
    const refused = await restoreBackup({ dir, ...into });
    expect(refused).toEqual({ ok: false, problems: [expect.stringContaining("checksum")] });
    expect(await untouched()).toBe(true);

    fs.writeFileSync(file, bytes);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE_NAME), "utf8"));
    manifest.schema.migrations += 1;
    manifest.schema.latestCreatedAt = Date.UTC(2099, 0, 1);
    fs.writeFileSync(path.join(dir, MANIFEST_FILE_NAME), JSON.stringify(manifest));
    const newer = await restoreBackup({ dir, ...into });
    expect(newer).toEqual({ ok: false, problems: [expect.stringContaining("newer than this build")] });
    expect(await untouched()).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it("is refused while an instance runs, or while another process has the database open", async () => {
    const { dir } = await takeBackup({ ...where(), to: backups, now: t.now() + 2 });
    const lock = holdInstanceLock(t.env.stateDir);
    try {
      expect(runningInstances(t.env.stateDir)).toHaveLength(1);
      const refused = await restoreBackup({ dir, ...where() });
      expect(refused).toEqual({ ok: false, problems: [expect.stringContaining(`pid ${process.pid}`)] });
    } finally {
      lock.release();
    }
    expect(runningInstances(t.env.stateDir)).toEqual([]);
    const open = await restoreBackup({ dir, ...where() });
    // No lock file, but the test's own port still has the database open: SQLite itself says so. PostgreSQL's
    // register is never restored over: the database holds the register, so it is refused as not empty.
    expect(open).toEqual({
      ok: false,
      problems: [expect.stringContaining(postgres ? "not empty" : "open in another process")],
    });
    fs.rmSync(dir, { recursive: true });
  });

  it("of a backup older than an erasure and a partial erasure: the start-up replay erases both again, as they were", async () => {
    const whole = await createCustomer(t.db);
    // An open invoice keeps name, billing and orders: the erasure is partial (issue 14 A).
    const partial = await createCustomer(t.db, { invoiceInCollection: true, orders: 2 });
    await t.db.update(invoices).set({ inCollection: false }).where(eq(invoices.customerId, partial.id));
    await t.db.update(customers).set({ phone: "+358401234567" }).where(eq(customers.id, partial.id));

    const { dir, manifest } = await takeBackup({ ...where(), to: backups, now: t.now() + 3 });
    expect((await eraseThroughTheDesk(whole)).anonymised).toBe(true);
    expect((await eraseThroughTheDesk(partial)).partial).not.toBeNull();

    // Journalled: keyed hashes, kinds and categories; nothing of the person, not even the record's id.
    const journalText = fs.readFileSync(journalFileOf(t.env.stateDir), "utf8");
    for (const secret of [whole.id, whole.email, whole.lastName, partial.id, partial.email, partial.lastName])
      expect(journalText).not.toContain(secret);
    const { entries } = readJournal(journalFileOf(t.env.stateDir));
    expect(entries.slice(manifest.erasureJournal.entries)).toMatchObject([
      { kind: "full", customer: customerHash(t.env.auditHmacKey, whole.id), kept: [] },
      { kind: "partial", customer: customerHash(t.env.auditHmacKey, partial.id), kept: ["name", "orders", "billing"] },
    ]);

    // The server stops; the older backup is restored into it (PostgreSQL: into a new database the register moves to).
    await t.db.close();
    const url = postgres ? await emptyPostgresDatabase() : undefined;
    const restored = await restoreBackup({ dir, ...where(), databaseUrl: url });
    expect(restored).toMatchObject({ ok: true, journalledSince: 2 });

    const db = url
      ? await openPostgres({ url, poolSize: 2, statementTimeoutMs: 0, idleInTransactionMs: 0, ssl: "disable" })
      : await openDatabase(t.env.databasePath);
    try {
      // The backup predates both erasures: both people are back, in full.
      expect(await customerIn(db, whole.id)).toMatchObject({ email: whole.email, anonymisedAt: null });
      expect(await customerIn(db, partial.id)).toMatchObject({ email: partial.email, phone: "+358401234567" });

      const sent: unknown[] = [];
      const deps = createDeps({ db, env: t.env, mailer: { send: async (m) => void sent.push(m) }, now: t.now });
      const seq = (await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(auditLog.seq)).at(-1)?.seq ?? 0;
      expect(await replayErasureJournal(deps)).toMatchObject({ full: 1, partial: 1, unreadable: 0 });

      // Erased again: the whole one anonymised, the partial one without what it lost, with what it kept.
      expect(await customerIn(db, whole.id)).toMatchObject({
        email: null,
        lastName: "",
        anonymisedAt: expect.any(Number),
      });
      expect(await customerIn(db, partial.id)).toMatchObject({
        firstName: partial.firstName,
        lastName: partial.lastName,
        email: null,
        phone: null,
        anonymisedAt: null,
      });
      expect(await db.select().from(billingDetails).where(eq(billingDetails.customerId, partial.id))).toHaveLength(1);
      expect(await db.select().from(orders).where(eq(orders.customerId, partial.id))).toHaveLength(2);
      const objections = await db
        .select()
        .from(marketingObjections)
        .where(eq(marketingObjections.customerId, partial.id));
      expect(objections.every((o) => o.objected)).toBe(true);
      expect(
        await db
          .select()
          .from(partialErasures)
          .where(and(eq(partialErasures.customerId, partial.id))),
      ).toHaveLength(1);

      // Audited as a replay, with the system as the actor; no mail to the customer a second time.
      const audited = await db.select().from(auditLog).where(eq(auditLog.action, "erasure.replayed_after_restore"));
      expect(
        audited
          .filter((a) => a.seq > seq)
          .map((a) => a.customerId)
          .sort(),
      ).toEqual([whole.id, partial.id].sort());
      await deps.outbox.stop();
      expect(sent).toEqual([]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

      // The next start finds nothing left to do.
      expect(await replayErasureJournal(deps)).toMatchObject({ full: 0, partial: 0 });
    } finally {
      await db.close();
    }
  });
});
