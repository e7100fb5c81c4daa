import { keepingPeriods } from "@tietoni/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { purgeExpired, startPurgeSchedule } from "./purge.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CUSTOMER = "c0000001";
const STAFF = "staff-agent";

/** Ids still in `table` among those the test wrote (prefixed "p-"). */
async function left(table: string, column = "id"): Promise<string[]> {
  const rows = await t.db.rows<{ id: string }>(
    sql`SELECT ${sql.raw(column)} AS id FROM ${sql.raw(table)} WHERE ${sql.raw(column)} LIKE 'p-%' ORDER BY 1`,
  );
  return rows.map((r) => String(r.id));
}

describe("the scheduled purge (minimisation)", () => {
  it("deletes expired sessions, spent codes, old counters and old sign-ins, and keeps the rest", async () => {
    const now = Date.UTC(2026, 10, 25, 10, 0, 0);
    const { idleTimeoutMs, absoluteLifetimeMs } = t.env.sessionPolicy;
    const old = now - 2 * DAY;

    for (const [table, subject, who] of [
      ["customer_sessions", "customer_id", CUSTOMER],
      ["staff_sessions", "staff_user_id", STAFF],
    ] as const) {
      const insert = (id: string, created: number, seen: number) =>
        t.db.exec(
          sql`INSERT INTO ${sql.raw(table)} (id, secret_hash, ${sql.raw(subject)}, created_at, last_seen_at) VALUES (${id}, 'x', ${who}, ${created}, ${seen})`,
        );
      await insert("p-idle", now - HOUR, now - idleTimeoutMs - 1);
      await insert("p-too-old", now - absoluteLifetimeMs - 1, now - 60_000);
      await insert("p-live", now - HOUR, now - 60_000);
    }

    for (const table of ["sign_in_codes", "reauthentication_codes", "email_changes"] as const) {
      const extra =
        table === "reauthentication_codes"
          ? { cols: sql`, session_id`, vals: sql`, 's'` }
          : table === "email_changes"
            ? { cols: sql`, new_email`, vals: sql`, 'new@example.com'` }
            : { cols: sql``, vals: sql`` };
      const insert = (id: string, expires: number, consumed: number | null) =>
        t.db.exec(
          sql`INSERT INTO ${sql.raw(table)} (id, customer_id, code_hash, created_at, expires_at, consumed_at ${extra.cols})
              VALUES (${id}, ${CUSTOMER}, 'h', ${expires - 600_000}, ${expires}, ${consumed} ${extra.vals})`,
        );
      await insert("p-used-long-ago", old + 600_000, old);
      await insert("p-expired-unused", old, null); // an abandoned e-mail change, for email_changes
      await insert("p-used-just-now", now + 300_000, now - 60_000);
      await insert("p-open", now + 300_000, null);
    }

    const undo = (id: string, expires: number, used: number | null) =>
      t.db.exec(
        sql`INSERT INTO email_change_undos (id, customer_id, secret_hash, old_email, new_email, created_at, expires_at, used_at)
            VALUES (${id}, ${CUSTOMER}, 'h', 'old@example.com', 'new@example.com', ${expires - 7 * DAY}, ${expires}, ${used})`,
      );
    await undo("p-undo-expired", old, null);
    await undo("p-undo-used", now + 3 * DAY, old);
    await undo("p-undo-open", now + 3 * DAY, null);

    const counter = (key: string, start: number) =>
      t.db.exec(sql`INSERT INTO sign_in_attempts (key, window_start, failures) VALUES (${key}, ${start}, 3)`);
    await counter("p-old-window", now - keepingPeriods.limitCountersMs - 1);
    await counter("p-this-window", now - 60_000);

    const signIn = (ip: string, at: number) =>
      t.db.exec(sql`INSERT INTO customer_sign_ins (customer_id, at, ip) VALUES (${CUSTOMER}, ${at}, ${ip})`);
    await signIn("p-13-months", Date.UTC(2025, 9, 25));
    await signIn("p-11-months", Date.UTC(2025, 11, 25));

    const seq = await t.lastAuditSeq();
    const counts = await purgeExpired(t.db, { now, sessionPolicy: t.env.sessionPolicy });

    expect(await left("customer_sessions")).toEqual(["p-live"]);
    expect(await left("staff_sessions")).toEqual(["p-live"]);
    for (const table of ["sign_in_codes", "reauthentication_codes", "email_changes"])
      expect(await left(table), table).toEqual(["p-open", "p-used-just-now"]);
    expect(await left("email_change_undos")).toEqual(["p-undo-open"]);
    expect(await left("sign_in_attempts", "key")).toEqual(["p-this-window"]);
    expect(await left("customer_sign_ins", "ip")).toEqual(["p-11-months"]);

    expect(counts).toMatchObject({
      customerSessions: 2,
      staffSessions: 2,
      signInCodes: 2,
      reauthenticationCodes: 2,
      emailChanges: 2,
      emailChangeUndos: 2,
      limitCounters: 1,
      signIns: 1,
    });
    const entries = await t.auditSince(seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "maintenance.purged", actorType: "system", actorId: null });
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toEqual(counts);

    // Nothing left to remove: no entry.
    const after = await t.lastAuditSeq();
    await purgeExpired(t.db, { now, sessionPolicy: t.env.sessionPolicy });
    expect(await t.lastAuditSeq()).toBe(after);
  });

  it("runs at start and on its timer until stopped", async () => {
    let now = Date.UTC(2026, 10, 26, 10, 0, 0);
    await t.db.exec(
      sql`INSERT INTO customer_sessions (id, secret_hash, customer_id, created_at, last_seen_at) VALUES ('p-s1', 'x', ${CUSTOMER}, ${now - 2 * DAY}, ${now - 2 * DAY})`,
    );
    const schedule = startPurgeSchedule(t.db, { now: () => now, sessionPolicy: t.env.sessionPolicy, everyMs: 20 });
    await schedule.ran();
    expect(await left("customer_sessions")).toEqual([]);
    now += DAY;
    await t.db.exec(
      sql`INSERT INTO customer_sessions (id, secret_hash, customer_id, created_at, last_seen_at) VALUES ('p-s2', 'x', ${CUSTOMER}, ${now - 2 * DAY}, ${now - 2 * DAY})`,
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    await schedule.ran();
    expect(await left("customer_sessions")).toEqual([]);
    schedule.stop();
    // A run the timer started just before stop() may still be under way: stopped means none starts after it.
    await schedule.ran();
    await t.db.exec(
      sql`INSERT INTO customer_sessions (id, secret_hash, customer_id, created_at, last_seen_at) VALUES ('p-s3', 'x', ${CUSTOMER}, ${now - 2 * DAY}, ${now - 2 * DAY})`,
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await left("customer_sessions")).toEqual(["p-s3"]);
  });
});
