import { DAY_MS } from "@tietoni/domain";
import { and, eq, gt, inArray, like, or, sql } from "drizzle-orm";
import type { Db, Queries, Tx } from "../db/port.ts";
import { signInAttempts } from "../db/schema.ts";
import { rateLimitAddress } from "../http/client-info.ts";
import { sha256Hex } from "./tokens.ts";

/**
 * Sign-in limits for both surfaces: attempts are counted per key (an account, an e-mail address, a client
 * address) in fixed 15-minute windows (a customer's wrong codes in calendar days as well), in SQLite so a restart does not reset them. Unknown names and addresses
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

/**
 * Customer sign-in (issues 5 and 11). Requests and failures are counted per e-mail address and per client address
 * in the 15-minute windows; wrong codes per e-mail address also in calendar days (UTC), which add up where the
 * windows do not: 25 a day is at most 25 × 366 = 9,150 guesses a year at one live 8-digit code, a chance of
 * 9.2 · 10^-5 (docs/security.md, item 13). The sign-in link is not counted per e-mail address, so no one can lock
 * a customer out: only a client address that keeps sending wrong links is stopped.
 */
export const customerSignInLimits = {
  maxCodeRequestsPerEmail: 5,
  maxCodeRequestsPerAddress: 30,
  maxCodeFailuresPerEmail: 10,
  maxCodeFailuresPerEmailPerDay: 25,
  maxCodeFailuresPerAddress: 50,
  maxLinkFailuresPerAddress: 30,
} as const;

export type SignInAttempt = { username: string; ip: string | null };
export type CodeSignInAttempt = { email: string; ip: string | null };
/** A counter row: its key, the start of the window it counts in, and the count that uses the window up. */
type Counter = { key: string; start: number; max: number };

const windowStart = (now: number) => now - (now % signInLimits.windowMs);
const dayStart = (now: number) => now - (now % DAY_MS);
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
  emailDay: `code-failure:email-day:${emailDigest(email)}`,
  ip: ip === null ? null : `code-failure:ip:${rateLimitAddress(ip)}`,
});
const linkFailureKey = (ip: string) => `link-failure:ip:${rateLimitAddress(ip)}`;

/**
 * Forgets every counter keyed by a customer's e-mail address (issue 14 C, erasure): the code requests, the wrong
 * codes in the window and in the day, and the tries on each code. The keys hold the address's unkeyed SHA-256, which
 * anyone who knows the address can recompute, so it is as much a trace of the person as the address itself.
 */
export async function forgetEmailCounters(tx: Tx, email: string): Promise<number> {
  const digest = emailDigest(email);
  const exact = [codeRequestKeys(email, null).email, codeFailureKeys(email, null).email];
  exact.push(codeFailureKeys(email, null).emailDay);
  // The digest is hex, so it holds no LIKE wildcard.
  const deleted = await tx
    .delete(signInAttempts)
    .where(or(inArray(signInAttempts.key, exact), like(signInAttempts.key, `code-tries:${digest}:%`)))
    .run();
  return deleted.changes;
}

/** The code a try is made against: the newest code of the address's customer, if there is one. */
export type TriedCode = { id: string; createdAt: number } | null;

/**
 * The tries on one code, keyed by e-mail digest and code id, counted from the code's issue. An address without a
 * code (unknown, or a customer who asked for none) gets a row of its own ("none", in the current window), so a try
 * costs the same statements whether or not the address is registered (issue 11, item 14).
 */
const codeTriesCounter = (email: string, code: TriedCode, now: number) => ({
  key: `code-tries:${emailDigest(email)}:${code?.id ?? "none"}`,
  start: code?.createdAt ?? windowStart(now),
});

/** A counter's count in the window that starts (or, for per-customer counters, ends) at `start`. */
export async function failuresOf(q: Queries, key: string, start: number): Promise<number> {
  const row = await q
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

/** Counts one on a counter and answers its new count. */
export async function countOne(tx: Tx, { key, start }: Omit<Counter, "max">): Promise<number> {
  const row = await tx
    .insert(signInAttempts)
    .values({ key, windowStart: start, failures: 1 })
    .onConflictDoUpdate({
      target: [signInAttempts.key, signInAttempts.windowStart],
      set: { failures: sql`${signInAttempts.failures} + 1` },
    })
    .returning({ failures: signInAttempts.failures })
    .get();
  return row?.failures ?? 1;
}

/**
 * Null when any counter has used up its window (nothing is counted then); otherwise counts one on each and on
 * `tally` (a counter that refuses nothing), and answers the tally's new count (0 without one).
 */
function countAttempt(db: Db, counters: readonly Counter[], tally?: Omit<Counter, "max">): Promise<number | null> {
  return db.transaction(async (tx) => {
    for (const { key, start, max } of counters) if ((await failuresOf(tx, key, start)) >= max) return null;
    // Rows of past windows are deleted by the scheduled purge (services/purge.ts), not here: this table also holds
    // the daily count of wrong codes and the per-customer counters of longer windows (auth/customer-limits.ts),
    // which a sign-in must not wipe.
    for (const counter of counters) await countOne(tx, counter);
    return tally ? await countOne(tx, tally) : 0;
  }, countersOnly);
}

/**
 * Starts an attempt: false when the name or the address has used up its window (answer 429 without checking
 * anything), otherwise counts it as a failure until `attemptSucceeded` or `attemptWithdrawn` says otherwise.
 */
export async function beginSignInAttempt(db: Db, { username, ip }: SignInAttempt, now: number): Promise<boolean> {
  const start = windowStart(now);
  const counters: Counter[] = [{ key: accountKey(username), start, max: signInLimits.maxFailuresPerAccount }];
  if (ip !== null) counters.push({ key: addressKey(ip), start, max: signInLimits.maxFailuresPerAddress });
  return (await countAttempt(db, counters)) !== null;
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
export async function beginCodeRequest(db: Db, { email, ip }: CodeSignInAttempt, now: number): Promise<boolean> {
  const keys = codeRequestKeys(email, ip);
  const start = windowStart(now);
  const counters: Counter[] = [{ key: keys.email, start, max: customerSignInLimits.maxCodeRequestsPerEmail }];
  if (keys.ip !== null) counters.push({ key: keys.ip, start, max: customerSignInLimits.maxCodeRequestsPerAddress });
  return (await countAttempt(db, counters)) !== null;
}

/**
 * Counts a code try as a failure per e-mail address (in the window and in the day) and per client address, across
 * codes, and as a try on the code it is made against. Null when a failure limit is used up (nothing is counted
 * then); otherwise the tries on that code including this one. The same statements run for every address.
 */
export function beginCodeAttempt(
  db: Db,
  { email, ip }: CodeSignInAttempt,
  now: number,
  code: TriedCode,
): Promise<number | null> {
  const keys = codeFailureKeys(email, ip);
  const start = windowStart(now);
  const counters: Counter[] = [
    { key: keys.email, start, max: customerSignInLimits.maxCodeFailuresPerEmail },
    { key: keys.emailDay, start: dayStart(now), max: customerSignInLimits.maxCodeFailuresPerEmailPerDay },
  ];
  if (keys.ip !== null) counters.push({ key: keys.ip, start, max: customerSignInLimits.maxCodeFailuresPerAddress });
  return countAttempt(db, counters, codeTriesCounter(email, code, now));
}

/** The tries counted on a code so far (for the audit trail's count of wrong codes). */
export function triesOn(q: Queries, email: string, code: NonNullable<TriedCode>): Promise<number> {
  const { key, start } = codeTriesCounter(email, code, code.createdAt);
  return failuresOf(q, key, start);
}

/**
 * The right code proves the mailbox: the e-mail's request count starts afresh and this try is taken back from
 * the failure counts, so ordinary sign-ins from one shared address never add up to a block. The e-mail's earlier
 * wrong codes stay counted: were they cleared, each sign-in of the customer would hand a guesser a fresh day's
 * budget. Runs in the transaction that creates the session.
 */
export async function codeAttemptSucceeded(tx: Tx, { email, ip }: CodeSignInAttempt, now: number): Promise<void> {
  const requests = codeRequestKeys(email, ip);
  const failures = codeFailureKeys(email, ip);
  await tx.delete(signInAttempts).where(eq(signInAttempts.key, requests.email));
  await takeBack(tx, failures.email, windowStart(now));
  await takeBack(tx, failures.emailDay, dayStart(now));
  for (const key of [requests.ip, failures.ip]) if (key !== null) await takeBack(tx, key, windowStart(now));
}

/**
 * Counts a sign-in link try per client address; false when the address has used up its window. Not per e-mail
 * address: the link's 128-bit secret cannot be guessed, and a count per customer would let anyone lock them out.
 */
export async function beginLinkAttempt(db: Db, ip: string | null, now: number): Promise<boolean> {
  if (ip === null) return true;
  const start = windowStart(now);
  const counter = { key: linkFailureKey(ip), start, max: customerSignInLimits.maxLinkFailuresPerAddress };
  return (await countAttempt(db, [counter])) !== null;
}

/** A link that signed in proves the mailbox as a right code does; the address gets its try back. */
export async function linkAttemptSucceeded(tx: Tx, { email, ip }: CodeSignInAttempt, now: number): Promise<void> {
  await tx.delete(signInAttempts).where(eq(signInAttempts.key, codeRequestKeys(email, ip).email));
  if (ip !== null) await takeBack(tx, linkFailureKey(ip), windowStart(now));
}
