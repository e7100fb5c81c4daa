import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/port.ts";
import { signInAttempts } from "../db/schema.ts";
import { openTestDatabase } from "../test/test-database.ts";
import { forgetCustomerActions, takeCustomerAction } from "./customer-limits.ts";
import { beginSignInAttempt } from "./sign-in-limits.ts";

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-customer-limits-"));
  // A register on the run's engine (SQLite, or a PostgreSQL database of its own in the bff-pg run).
  ({ db } = await openTestDatabase(path.join(dir, "register.sqlite")));
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const day = 24 * 60 * 60 * 1000;
const t0 = Date.UTC(2026, 10, 25, 10);
const limit = (customerId: string) => ({ customerId, action: "test-action", max: 3, windowMs: day });

describe("takeCustomerAction", () => {
  it("allows max actions per window per customer, then refuses without counting, and starts afresh next window", async () => {
    for (let i = 0; i < 3; i++) expect(await takeCustomerAction(db, limit("c1"), t0 + i)).toBe(true);
    expect(await takeCustomerAction(db, limit("c1"), t0 + 10)).toBe(false);
    // Another customer and another action have counts of their own.
    expect(await takeCustomerAction(db, limit("c2"), t0)).toBe(true);
    expect(await takeCustomerAction(db, { ...limit("c1"), action: "other" }, t0)).toBe(true);
    const nextDay = t0 - (t0 % day) + day;
    expect(await takeCustomerAction(db, limit("c1"), nextDay)).toBe(true);
  });

  it("keeps its count through the sign-in limiter's clean-up of past 15-minute windows", async () => {
    const at = t0 + 3 * day;
    for (let i = 0; i < 3; i++) expect(await takeCustomerAction(db, limit("c3"), at)).toBe(true);
    // A sign-in an hour later drops the sign-in windows before its own.
    await beginSignInAttempt(db, { username: "someone", ip: null }, at + 60 * 60_000);
    expect(await takeCustomerAction(db, limit("c3"), at + 2 * 60 * 60_000)).toBe(false);
  });

  it("counts nothing when the caller's transaction rolls back", async () => {
    const at = t0 + 5 * day;
    await db
      .transaction(async (tx) => {
        expect(await takeCustomerAction(tx, { ...limit("c4"), max: 1 }, at)).toBe(true);
        throw new Error("refused later");
      })
      .catch(() => undefined);
    expect(await takeCustomerAction(db, { ...limit("c4"), max: 1 }, at)).toBe(true);
  });

  it("forgets a customer's counts on erasure, and only theirs", async () => {
    const at = t0 + 7 * day;
    await takeCustomerAction(db, limit("c5"), at);
    await takeCustomerAction(db, limit("c15"), at);
    await db.transaction((tx) => forgetCustomerActions(tx, "c5"));
    const keys = (await db.select({ key: signInAttempts.key }).from(signInAttempts)).map((r) => r.key);
    expect(keys.some((k) => k.endsWith(":c5"))).toBe(false);
    expect(keys).toContain("customer:test-action:c15");
  });
});
