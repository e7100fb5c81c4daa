import { createHash, createHmac, createPrivateKey, createPublicKey, verify } from "node:crypto";
import { type AuditCheckpoint, checkpointLine, checkpointSignedText, iso } from "@tietoni/domain";
import { asc, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCheckpoints, auditLog, outbox } from "../db/schema.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { appendAudit, hmacKeyId, recordAudit, verifyAuditChain, writeDueCheckpoint } from "./audit.ts";

/*
 * Issue 14 item 7: a keyed and anchored audit trail. The attacker these tests play holds the database file (and may
 * drop its triggers) but not the host's configuration: not AUDIT_HMAC_KEY, not AUDIT_SIGNING_KEY.
 */

const EVERY = 5;
let t: TestContext;
/** The context the helpers below work on: `t`, or a describe's own fresh one. */
let cur: TestContext;
beforeAll(async () => {
  t = await createTestContext({ AUDIT_CHECKPOINT_EVERY: String(EVERY), DPO_MAIL_TO: "dpo@example.com" });
  cur = t;
});
afterAll(() => t.close());

const system = { type: "system" } as const;
const append = async (n: number) => {
  for (let i = 0; i < n; i++) await recordAudit(cur.db, { actor: system, action: "maintenance.purged" }, cur.now());
};
const entries = () => cur.db.select().from(auditLog).orderBy(asc(auditLog.seq)).all();
const checkpoints = () => cur.db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq)).all();
const lastCheckpoint = async () =>
  (await cur.db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1).get()) ?? null;
const asCopy = (row: Awaited<ReturnType<typeof checkpoints>>[number]): AuditCheckpoint => ({
  seq: row.seq,
  head: row.head,
  at: iso(row.at),
  keyId: row.keyId,
  signature: row.signature,
});

type Row = Awaited<ReturnType<typeof entries>>[number];
/** What the attacker can compute: the chain's old, unkeyed hash over the same fields. */
const plainHash = (r: Row, prevHash: string) =>
  createHash("sha256")
    .update(
      JSON.stringify([
        r.seq,
        r.at,
        r.actorType,
        r.actorId,
        r.actorRole,
        r.action,
        r.customerId,
        r.detail,
        r.ip,
        prevHash,
      ]),
    )
    .digest("hex");

async function dropTriggers() {
  // PostgreSQL names a trigger within its table.
  for (const [table, name] of [
    ["audit_log", "audit_log_no_update"],
    ["audit_log", "audit_log_no_delete"],
    ["audit_checkpoints", "audit_checkpoints_no_update"],
    ["audit_checkpoints", "audit_checkpoints_no_delete"],
  ])
    await cur.db.exec(sql.raw(`DROP TRIGGER IF EXISTS ${name}${cur.db.engine === "postgres" ? ` ON ${table}` : ""}`));
}

/** Recomputes plain SHA-256 hashes from `fromSeq` to the end, as someone without the key would; `unkeyed` nulls key_id. */
async function rehashFrom(fromSeq: number, unkeyed: boolean) {
  const all = await entries();
  let prev = fromSeq === 1 ? "0".repeat(64) : (all.find((r) => r.seq === fromSeq - 1)?.hash ?? "");
  for (const r of all.filter((e) => e.seq >= fromSeq)) {
    const hash = plainHash(r, prev);
    await cur.db
      .update(auditLog)
      .set({ prevHash: prev, hash, keyId: unkeyed ? null : r.keyId })
      .where(eq(auditLog.seq, r.seq))
      .run();
    prev = hash;
  }
}

describe("keyed entries", () => {
  it("hashes a new entry with HMAC-SHA-256 under the configured key, named by its id, not plain SHA-256", async () => {
    await append(1);
    const [last] = (await entries()).slice(-1) as [Row];
    const keyId = hmacKeyId(t.env.auditHmacKey);
    expect(last.keyId).toBe(keyId);
    expect(last.hash).not.toBe(plainHash(last, last.prevHash));
    const fields = [last.seq, last.at, last.actorType, last.actorId, last.actorRole, last.action, last.customerId];
    const text = JSON.stringify([...fields, last.detail, last.ip, last.prevHash, keyId]);
    expect(last.hash).toBe(createHmac("sha256", t.env.auditHmacKey).update(text).digest("hex"));
    // The key itself is nowhere in the database.
    const dump = JSON.stringify(await entries()) + JSON.stringify(await checkpoints());
    expect(dump).not.toContain(t.env.auditHmacKey);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, hmacKeyIds: [keyId] });
  });
});

describe("checkpoints", () => {
  it("writes one every N entries, signed with the Ed25519 key over seq, head and time", async () => {
    await append(EVERY); // crosses N at least once
    const before = await lastCheckpoint();
    expect(before).not.toBeNull();
    await append(EVERY - 1);
    expect((await lastCheckpoint())?.seq).toBe(before?.seq);
    await append(1);
    const cp = await lastCheckpoint();
    expect(cp?.seq).toBe((before?.seq ?? 0) + EVERY);
    const head = (
      await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.seq, cp?.seq ?? 0))
        .get()
    )?.hash;
    expect(cp?.head).toBe(head);
    const publicKey = createPublicKey(
      createPrivateKey({ key: Buffer.from(t.env.auditSigningKey, "base64"), format: "der", type: "pkcs8" }),
    );
    const text = checkpointSignedText({ seq: cp?.seq ?? 0, head: cp?.head ?? "", at: iso(cp?.at ?? 0) });
    expect(text).toBe(`tietoni-audit-checkpoint v1\n${cp?.seq}\n${head}\n${iso(t.now())}`);
    expect(verify(null, Buffer.from(text), publicKey, Buffer.from(cp?.signature ?? "", "base64"))).toBe(true);
  });

  it("mails each checkpoint to the DPO through the outbox: the line, the signed text and the public key", async () => {
    const cp = await lastCheckpoint();
    const row = await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, cp?.outboxId ?? ""))
      .get();
    expect(row).toMatchObject({ kind: "mail", topic: "audit_checkpoint", customerId: null });
    await t.outbox.idle();
    const mail = t.sent.find((m) => m.subject.includes(`checkpoint ${cp?.seq}`));
    expect(mail?.to).toBe("dpo@example.com");
    expect(mail?.text).toContain(checkpointLine(asCopy(cp as NonNullable<typeof cp>)));
    expect(mail?.text).toContain("BEGIN PUBLIC KEY");
  });

  it("writes one once the hour has passed, in the next append or by the schedule when nothing is appended", async () => {
    const before = await lastCheckpoint();
    await append(1);
    expect((await lastCheckpoint())?.seq).toBe(before?.seq);
    t.advance(61 * 60_000);
    expect(await writeDueCheckpoint(t.db, t.now())).toMatchObject({ seq: (before?.seq ?? 0) + 1 });
    // Nothing new since: nothing to anchor, however long it has been.
    t.advance(61 * 60_000);
    expect(await writeDueCheckpoint(t.db, t.now())).toBeNull();
    await append(1);
    t.advance(61 * 60_000);
    await append(1);
    expect((await lastCheckpoint())?.seq).toBe((before?.seq ?? 0) + 3);
  });

  it("are append-only at the database", async () => {
    await expect(t.db.exec(sql`UPDATE audit_checkpoints SET head = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.exec(sql`DELETE FROM audit_checkpoints`)).rejects.toThrow(/append-only/);
  });

  it("verify checks every checkpoint and accepts the DPO's true copies", async () => {
    const copies = (await checkpoints()).map(asCopy);
    const verdict = await verifyAuditChain(t.db, { dpoCopies: copies });
    expect(verdict).toMatchObject({ ok: true, problems: [], firstBrokenSeq: null });
    expect(verdict.checkpoints).toMatchObject({ checked: copies.length, dpoCopies: copies.length });
    expect(verdict.checkpoints.last?.seq).toBe(copies.at(-1)?.seq);
  });

  it("reports a DPO copy that is not a checkpoint the key signed", async () => {
    const [copy] = (await checkpoints()).map(asCopy) as [AuditCheckpoint];
    const forged = { ...copy, head: "f".repeat(64) };
    const verdict = await verifyAuditChain(t.db, { dpoCopies: [forged] });
    expect(verdict).toMatchObject({
      ok: false,
      problems: [{ seq: copy.seq, source: "dpo", reason: "signature_invalid" }],
    });
  });
});

describe("tampering by someone with the database but not the keys", () => {
  const ctx = () => t;
  let copies: AuditCheckpoint[];

  it("a rewritten entry with plain SHA-256 hashes recomputed after it is caught at that entry", async () => {
    copies = (await checkpoints()).map(asCopy);
    await dropTriggers();
    const target = (await entries()).at(-4)?.seq ?? 0;
    await ctx().db.exec(sql`UPDATE audit_log SET detail = '{"rewritten":true}' WHERE seq = ${target}`);
    await rehashFrom(target, false);
    expect(await verifyAuditChain(ctx().db)).toMatchObject({ ok: false, firstBrokenSeq: target });
    // Dropping the keys from there on as well: an unkeyed entry after keyed ones is a downgrade.
    await rehashFrom(target, true);
    expect(await verifyAuditChain(ctx().db)).toMatchObject({ ok: false, firstBrokenSeq: target });
  });

  it("the whole chain rehashed unkeyed and the checkpoints removed still fails against the DPO's copies", async () => {
    await rehashFrom(1, true);
    // The chain alone now looks like an old, unkeyed one…
    const withCheckpoints = await verifyAuditChain(ctx().db);
    expect(withCheckpoints.firstBrokenSeq).toBeNull();
    // …but the database's signed checkpoints name other heads,
    expect(withCheckpoints.ok).toBe(false);
    expect(withCheckpoints.problems.every((p) => p.reason === "head_mismatch" && p.source === "database")).toBe(true);
    // and with them deleted, the copies the DPO holds do.
    await ctx().db.exec(sql`DELETE FROM audit_checkpoints`);
    const verdict = await verifyAuditChain(ctx().db, { dpoCopies: copies });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContainEqual({ seq: copies.at(-1)?.seq, source: "dpo", reason: "head_mismatch" });
  });
});

describe("a cut tail", () => {
  let c: TestContext;
  beforeAll(async () => {
    c = await createTestContext({ AUDIT_CHECKPOINT_EVERY: String(EVERY) });
    cur = c;
  });
  afterAll(() => c.close());

  it("is caught by the database's checkpoint past the new end, and by the DPO's copy when that is removed too", async () => {
    await append(3 * EVERY);
    const copies = (await checkpoints()).map(asCopy);
    const last = copies.at(-1) as AuditCheckpoint;
    expect(await verifyAuditChain(c.db, { dpoCopies: copies })).toMatchObject({ ok: true });
    await dropTriggers();
    await c.db.exec(sql`DELETE FROM audit_log WHERE seq >= ${last.seq - 1}`);
    // The chain that is left is intact in itself: only the checkpoint shows the cut.
    const verdict = await verifyAuditChain(c.db);
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: null });
    expect(verdict.problems).toContainEqual({ seq: last.seq, source: "database", reason: "beyond_chain" });
    await c.db.exec(sql`DELETE FROM audit_checkpoints WHERE seq >= ${last.seq - 1}`);
    expect(await verifyAuditChain(c.db)).toMatchObject({ ok: true });
    const withCopies = await verifyAuditChain(c.db, { dpoCopies: copies });
    expect(withCopies).toMatchObject({ ok: false, firstBrokenSeq: null });
    expect(withCopies.problems).toContainEqual({ seq: last.seq, source: "dpo", reason: "beyond_chain" });
  });

  it("a checkpoint row removed while the chain is intact shows as missing against the DPO's copy", async () => {
    await append(EVERY);
    const copies = (await checkpoints()).map(asCopy);
    const last = copies.at(-1) as AuditCheckpoint;
    await c.db.exec(sql`DELETE FROM audit_checkpoints WHERE seq = ${last.seq}`);
    const verdict = await verifyAuditChain(c.db, { dpoCopies: copies });
    expect(verdict.problems).toEqual([{ seq: last.seq, source: "dpo", reason: "missing_in_database" }]);
  });
});

describe("entries from before the switch", () => {
  let c: TestContext;
  beforeAll(async () => {
    c = await createTestContext({ AUDIT_CHECKPOINT_EVERY: String(EVERY) });
    cur = c;
  });
  afterAll(() => c.close());

  it("still verify unkeyed, followed by the keyed span", async () => {
    await append(3);
    // The trail as the previous version left it: plain SHA-256 hashes, no key ids, no checkpoints.
    await dropTriggers();
    await rehashFrom(1, true);
    await c.db.exec(sql`DELETE FROM audit_checkpoints`);
    const legacy = (await entries()).length;
    await append(2);
    const verdict = await verifyAuditChain(c.db);
    expect(verdict).toMatchObject({ ok: true, unkeyedEntries: legacy, entries: legacy + 2 });
    expect(verdict.hmacKeyIds).toEqual([hmacKeyId(c.env.auditHmacKey)]);
    // The first keyed entry was anchored at once.
    expect((await checkpoints()).map((cp) => cp.seq)).toEqual([legacy + 1]);
    // An old entry edited is still caught.
    await c.db.exec(sql`UPDATE audit_log SET ip = '192.0.2.9' WHERE seq = 2`);
    expect(await verifyAuditChain(c.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});

describe("verification on a long trail (issue 14 item 8)", () => {
  let c: TestContext;
  beforeAll(async () => {
    c = await createTestContext();
    await c.db.transaction(async (tx) => {
      for (let i = 0; i < 20_000; i++) await appendAudit(tx, { actor: system, action: "maintenance.purged" }, c.now());
    });
  }, 60_000);
  afterAll(() => c.close());

  it("yields to the event loop: a timer set before it starts fires before it ends", async () => {
    let fired = false;
    setTimeout(() => {
      fired = true;
    }, 0);
    const verdict = await verifyAuditChain(c.db);
    const firedBeforeTheEnd = fired;
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.entries).toBeGreaterThanOrEqual(20_000);
    expect(firedBeforeTheEnd).toBe(true);
  });
});
