import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { signInAttempts } from "../db/schema.ts";

/**
 * Staff sign-in limits (issue 4): failures are counted per account name and per client address in fixed
 * 15-minute windows, in SQLite so a restart does not reset them. Unknown names are counted like real ones,
 * so the limit's answer does not reveal which accounts exist.
 *
 * An attempt is counted as a failure *before* the password is checked and taken back when it succeeds:
 * parallel guesses racing the slow password hash cannot slip past the limit.
 */
export const signInLimits = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
} as const;

export type SignInAttempt = { username: string; ip: string | null };

const windowStart = (now: number) => now - (now % signInLimits.windowMs);
const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
const addressKey = (ip: string) => `ip:${ip}`;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function failuresOf(tx: Tx, key: string, start: number): number {
  const row = tx
    .select({ failures: signInAttempts.failures })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.windowStart, start)))
    .get();
  return row?.failures ?? 0;
}

function takeBack(tx: Tx, key: string, start: number) {
  tx.update(signInAttempts)
    .set({ failures: sql`${signInAttempts.failures} - 1` })
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.windowStart, start), gt(signInAttempts.failures, 0)))
    .run();
}

/**
 * Starts an attempt: false when the name or the address has used up its window (answer 429 without checking
 * anything), otherwise counts it as a failure until `attemptSucceeded` or `attemptWithdrawn` says otherwise.
 */
export function beginSignInAttempt(db: Db, { username, ip }: SignInAttempt, now: number): boolean {
  const start = windowStart(now);
  return db.transaction((tx) => {
    const account = accountKey(username);
    if (failuresOf(tx, account, start) >= signInLimits.maxFailuresPerAccount) return false;
    if (ip !== null && failuresOf(tx, addressKey(ip), start) >= signInLimits.maxFailuresPerAddress) return false;
    // Rows of past windows no longer matter; dropping them here keeps the table small.
    tx.delete(signInAttempts).where(lt(signInAttempts.windowStart, start)).run();
    for (const key of ip === null ? [account] : [account, addressKey(ip)]) {
      tx.insert(signInAttempts)
        .values({ key, windowStart: start, failures: 1 })
        .onConflictDoUpdate({
          target: [signInAttempts.key, signInAttempts.windowStart],
          set: { failures: sql`${signInAttempts.failures} + 1` },
        })
        .run();
    }
    return true;
  });
}

/** A successful sign-in clears the account's counter and takes back the address's count of this attempt. */
export function attemptSucceeded(db: Db, { username, ip }: SignInAttempt, now: number): void {
  db.transaction((tx) => {
    tx.delete(signInAttempts)
      .where(eq(signInAttempts.key, accountKey(username)))
      .run();
    if (ip !== null) takeBack(tx, addressKey(ip), windowStart(now));
  });
}

/** The password was right but a second step is still to come: this attempt was not a failure. */
export function attemptWithdrawn(db: Db, { username, ip }: SignInAttempt, now: number): void {
  db.transaction((tx) => {
    takeBack(tx, accountKey(username), windowStart(now));
    if (ip !== null) takeBack(tx, addressKey(ip), windowStart(now));
  });
}
