import { customerSignInCodePolicy } from "@tietoni/domain";
import { and, desc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Queries, Tx } from "../db/port.ts";
import { customers, signInCodes } from "../db/schema.ts";
import { randomDigits } from "./mailed-codes.ts";
import { digestsEqual, randomToken, sha256Hex } from "./tokens.ts";

/*
 * A sign-in mail carries two ways in (decision 010): an 8-digit code, which only the newest mail's code opens and
 * which the limits count per e-mail address, and a one-use link whose 128-bit secret no one can guess, so it is
 * counted only per client address and no newer request ends it. Both live as long as the code, in one row.
 */

/** The row id salts the hash, so equal codes never share a digest. */
function hashCode(id: string, code: string): string {
  return sha256Hex(`${id}:${code}`);
}

function hashLinkSecret(id: string, secret: string): string {
  return sha256Hex(`${id}:link:${secret}`);
}

/** What a try is compared with when the address has no code: one digest and one comparison, as for a real code. */
const NO_CODE_HASH = hashCode("none", randomToken());

/** The link's text after `#`: the row's id (120 bits), a dot and the secret (128 bits). */
export type IssuedSignIn = { code: string; link: string };

/**
 * Issues a fresh code and link for a customer inside the caller's transaction (the one that queues their mail).
 * An earlier code can no longer be tried, as only the newest is; an earlier link keeps working until it expires,
 * so requests made by someone else never shut the customer out.
 */
export async function issueSignInCode(tx: Tx, customerId: string, now: number): Promise<IssuedSignIn> {
  const { digits, validForMs } = customerSignInCodePolicy;
  const code = randomDigits(digits);
  const id = randomToken();
  const secret = randomToken(16);
  await tx.insert(signInCodes).values({
    id,
    customerId,
    codeHash: hashCode(id, code),
    linkHash: hashLinkSecret(id, secret),
    createdAt: now,
    expiresAt: now + validForMs,
  });
  return { code, link: `${id}.${secret}` };
}

export type CodeRow = { id: string; codeHash: string; createdAt: number; expiresAt: number; consumedAt: number | null };

/** The columns of a `CodeRow`, for every query that reads one. */
const codeRowColumns = {
  id: signInCodes.id,
  codeHash: signInCodes.codeHash,
  createdAt: signInCodes.createdAt,
  expiresAt: signInCodes.expiresAt,
  consumedAt: signInCodes.consumedAt,
};
/** The customer an address names (null if none) and their newest code (null if none). */
export type CodeToTry = { customerId: string | null; code: CodeRow | null };

/**
 * The code a try at `email` is compared with: the newest code of the customer who has that address. One statement,
 * whether the address is unknown, registered without a code or registered with one.
 */
export async function findCodeToTry(r: Queries, email: string): Promise<CodeToTry> {
  const row = await r
    .select({ customerId: customers.id, ...codeRowColumns })
    .from(customers)
    .leftJoin(signInCodes, eq(signInCodes.customerId, customers.id))
    .where(and(eq(customers.email, email), isNull(customers.anonymisedAt)))
    .orderBy(desc(signInCodes.createdAt), sql`${signInCodes}.rowid DESC`)
    .limit(1)
    .get();
  if (!row) return { customerId: null, code: null };
  const { customerId, id, codeHash, createdAt, expiresAt, consumedAt } = row;
  const code = id !== null && codeHash !== null && createdAt !== null && expiresAt !== null;
  return { customerId, code: code ? { id, codeHash, createdAt, expiresAt, consumedAt } : null };
}

/** Whether `typed` is the code: a digest and a constant-time comparison, against a dummy when there is no code. */
export function codeMatches(code: CodeRow | null, typed: string): boolean {
  return digestsEqual(code?.codeHash ?? NO_CODE_HASH, hashCode(code?.id ?? "none", typed)) && code !== null;
}

/** The customer's newest code, if any. */
export function newestSignInCode(q: Queries, customerId: string): Promise<CodeRow | undefined> {
  return (
    q
      .select(codeRowColumns)
      .from(signInCodes)
      .where(eq(signInCodes.customerId, customerId))
      // Two codes of the same millisecond: the later insert is the newest (rowid on both engines, issue 16).
      .orderBy(desc(signInCodes.createdAt), sql`rowid DESC`)
      .limit(1)
      .get()
  );
}

/** A live link's row with its customer and their address; null for a wrong, used or expired link. */
export async function findByLink(
  q: Queries,
  link: string,
  now: number,
): Promise<{ id: string; customerId: string; email: string } | null> {
  const [id = "", secret = ""] = link.split(".");
  const row = await q
    .select({
      id: signInCodes.id,
      customerId: signInCodes.customerId,
      linkHash: signInCodes.linkHash,
      expiresAt: signInCodes.expiresAt,
      consumedAt: signInCodes.consumedAt,
      email: customers.email,
    })
    .from(signInCodes)
    .innerJoin(customers, eq(customers.id, signInCodes.customerId))
    .where(and(eq(signInCodes.id, id), isNull(customers.anonymisedAt)))
    .get();
  if (!row?.linkHash || !row.email || !digestsEqual(row.linkHash, hashLinkSecret(id, secret))) return null;
  if (row.consumedAt !== null || now >= row.expiresAt) return null;
  return { id: row.id, customerId: row.customerId, email: row.email };
}

/**
 * Uses code `id` up and, with it, every other code and link of the customer still live: whichever way the
 * customer came in, the other mails' ways in end. False when `id` was no longer live (a parallel sign-in used it).
 */
export async function consumeSignInCodes(tx: Tx, customerId: string, id: string, now: number): Promise<boolean> {
  const { changes } = await tx
    .update(signInCodes)
    .set({ consumedAt: now })
    .where(and(eq(signInCodes.id, id), isNull(signInCodes.consumedAt)))
    .run();
  if (changes === 0) return false;
  await tx
    .update(signInCodes)
    .set({ consumedAt: now })
    .where(and(eq(signInCodes.customerId, customerId), isNull(signInCodes.consumedAt)));
  return true;
}

/** Codes that expired without being used or ended, with their customer and the address they were mailed to. */
export function expiredUnusedCodes(
  q: Queries,
  at: number,
): Promise<(CodeRow & { customerId: string; email: string | null })[]> {
  return q
    .select({ ...codeRowColumns, customerId: signInCodes.customerId, email: customers.email })
    .from(signInCodes)
    .innerJoin(customers, eq(customers.id, signInCodes.customerId))
    .where(and(isNull(signInCodes.consumedAt), lte(signInCodes.expiresAt, at)))
    .all();
}

/** Marks an expired code final (`consumed_at` = its expiry): nothing is done with it again. */
export async function markCodeFinal(tx: Tx, code: CodeRow): Promise<void> {
  await tx.update(signInCodes).set({ consumedAt: code.expiresAt }).where(eq(signInCodes.id, code.id));
}
