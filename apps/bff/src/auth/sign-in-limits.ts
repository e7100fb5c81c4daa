import { and, eq, gt, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/port.ts";
import { signInAttempts } from "../db/schema.ts";
import { rateLimitAddress } from "../http/client-info.ts";
import { sha256Hex } from "./tokens.ts";

/**
 * Sign-in limits for both surfaces: attempts are counted per key (an account, an e-mail address, a client
 * address) in fixed 15-minute windows, in SQLite so a restart does not reset them. Unknown names and addresses
 * are counted like real ones, so the limit's answer does not reveal which accounts exist.
 *
 * An attempt is counted *before* anything is checked and taken back when it succeeds: parallel guesses racing
 * the slow checks cannot slip past the limit.
 */
export const signInLimits = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
} as const;

/** Customer code sign-in (issue 5), in the same windows as the staff limits. */
export const customerSignInLimits = {
  maxCodeRequestsPerEmail: 5,
  maxCodeRequestsPerAddress: 30,
  maxCodeFailuresPerEmail: 10,
  maxCodeFailuresPerAddress: 50,
} as const;

export type SignInAttempt = { username: string; ip: string | null };
export type CodeSignInAttempt = { email: string; ip: string | null };
type Counter = { key: string; max: number };

const windowStart = (now: number) => now - (now % signInLimits.windowMs);
const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
// An IPv6 client is counted by its /64 network: one subscriber holds them all (http/client-info.ts).
const addressKey = (ip: string) => `ip:${rateLimitAddress(ip)}`;
// Hashed: the table then holds no readable address of people who may not even be customers.
const emailDigest = (email: string) => sha256Hex(email.trim().toLowerCase());
const codeRequestKeys = (email: string, ip: string | null) => ({
  email: `code-request:email:${emailDigest(email)}`,
  ip: ip === null ? null : `code-request:ip:${rateLimitAddress(ip)}`,
});
const codeFailureKeys = (email: string, ip: string | null) => ({
  email: `code-failure:email:${emailDigest(email)}`,
  ip: ip === null ? null : `code-failure:ip:${rateLimitAddress(ip)}`,
});

async function failuresOf(tx: Tx, key: string, start: number): Promise<number> {
  const row = await tx
    .select({ failures: signInAttempts.failures })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.windowStart, start)))
    .get();
  return row?.failures ?? 0;
}

async function takeBack(tx: Tx, key: string, start: number) {
  await tx
    .update(signInAttempts)
    .set({ failures: sql`${signInAttempts.failures} - 1` })
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.windowStart, start), gt(signInAttempts.failures, 0)));
}

/**
 * Counters are written without waiting for the disk (decision 007): a power cut may forget the last moment's
 * counts, which no attacker can cause, and the next durable commit writes them down anyway. A sign-in then waits
 * for one fsync instead of two; in a burst of staff sign-ins those fsyncs, not the password hashing, held up
 * customers' requests (bench P6). SQLite stays consistent either way (WAL).
 */
const countersOnly = { durability: "relaxed" } as const;

/** False when any counter has used up its window (nothing is counted then); otherwise counts one on each. */
function countAttempt(db: Db, counters: readonly Counter[], now: number): Promise<boolean> {
  const start = windowStart(now);
  return db.transaction(async (tx) => {
    for (const { key, max } of counters) if ((await failuresOf(tx, key, start)) >= max) return false;
    // Rows of past windows are deleted by the scheduled purge (services/purge.ts), not here: this table also holds
    // the per-customer counters of longer windows (auth/customer-limits.ts), which a sign-in must not wipe.
    for (const { key } of counters) {
      await tx
        .insert(signInAttempts)
        .values({ key, windowStart: start, failures: 1 })
        .onConflictDoUpdate({
          target: [signInAttempts.key, signInAttempts.windowStart],
          set: { failures: sql`${signInAttempts.failures} + 1` },
        });
    }
    return true;
  }, countersOnly);
}

/**
 * Starts an attempt: false when the name or the address has used up its window (answer 429 without checking
 * anything), otherwise counts it as a failure until `attemptSucceeded` or `attemptWithdrawn` says otherwise.
 */
export function beginSignInAttempt(db: Db, { username, ip }: SignInAttempt, now: number): Promise<boolean> {
  const counters: Counter[] = [{ key: accountKey(username), max: signInLimits.maxFailuresPerAccount }];
  if (ip !== null) counters.push({ key: addressKey(ip), max: signInLimits.maxFailuresPerAddress });
  return countAttempt(db, counters, now);
}

/**
 * A successful sign-in clears the account's counter and takes back the address's count of this attempt, in the
 * transaction that creates the session.
 */
export async function attemptSucceeded(tx: Tx, { username, ip }: SignInAttempt, now: number): Promise<void> {
  await tx.delete(signInAttempts).where(eq(signInAttempts.key, accountKey(username)));
  if (ip !== null) await takeBack(tx, addressKey(ip), windowStart(now));
}

/** The password was right but a second step is still to come: this attempt was not a failure. */
export function attemptWithdrawn(db: Db, { username, ip }: SignInAttempt, now: number): Promise<void> {
  return db.transaction(async (tx) => {
    await takeBack(tx, accountKey(username), windowStart(now));
    if (ip !== null) await takeBack(tx, addressKey(ip), windowStart(now));
  }, countersOnly);
}

/**
 * Counts a code request per e-mail address and per client address; false when either is used up. Called before
 * the address is looked up, so a refused request costs the same for registered and unknown addresses.
 */
export function beginCodeRequest(db: Db, { email, ip }: CodeSignInAttempt, now: number): Promise<boolean> {
  const keys = codeRequestKeys(email, ip);
  const counters: Counter[] = [{ key: keys.email, max: customerSignInLimits.maxCodeRequestsPerEmail }];
  if (keys.ip !== null) counters.push({ key: keys.ip, max: customerSignInLimits.maxCodeRequestsPerAddress });
  return countAttempt(db, counters, now);
}

/** Counts a code attempt as a failure per e-mail address and per client address, across codes. */
export function beginCodeAttempt(db: Db, { email, ip }: CodeSignInAttempt, now: number): Promise<boolean> {
  const keys = codeFailureKeys(email, ip);
  const counters: Counter[] = [{ key: keys.email, max: customerSignInLimits.maxCodeFailuresPerEmail }];
  if (keys.ip !== null) counters.push({ key: keys.ip, max: customerSignInLimits.maxCodeFailuresPerAddress });
  return countAttempt(db, counters, now);
}

/**
 * The right code proves the mailbox: its counters start afresh, and the client address gets back this attempt
 * and the request that led to it, so ordinary sign-ins from one shared address never add up to a block. Runs in
 * the transaction that creates the session.
 */
export async function codeAttemptSucceeded(tx: Tx, { email, ip }: CodeSignInAttempt, now: number): Promise<void> {
  const requests = codeRequestKeys(email, ip);
  const failures = codeFailureKeys(email, ip);
  for (const key of [requests.email, failures.email])
    await tx.delete(signInAttempts).where(eq(signInAttempts.key, key));
  for (const key of [requests.ip, failures.ip]) if (key !== null) await takeBack(tx, key, windowStart(now));
}
