import { randomInt } from "node:crypto";
import { checkSignInCode, signInCodePolicy } from "@tietoni/domain";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "../db/port.ts";
import { signInCodes } from "../db/schema.ts";
import { digestsEqual, randomToken, sha256Hex } from "./tokens.ts";

/** The row id salts the hash, so equal codes never share a digest. */
function hashCode(id: string, code: string): string {
  return sha256Hex(`${id}:${code}`);
}

/**
 * Issues a fresh code for a customer inside the caller's transaction (the one that queues its mail); earlier
 * unused codes stop working.
 */
export async function issueSignInCode(tx: Tx, customerId: string, now: number): Promise<string> {
  const code = String(randomInt(0, 10 ** signInCodePolicy.digits)).padStart(signInCodePolicy.digits, "0");
  const id = randomToken();
  await tx
    .update(signInCodes)
    .set({ consumedAt: now })
    .where(and(eq(signInCodes.customerId, customerId), isNull(signInCodes.consumedAt)));
  await tx.insert(signInCodes).values({
    id,
    customerId,
    codeHash: hashCode(id, code),
    createdAt: now,
    expiresAt: now + signInCodePolicy.validForMs,
  });
  return code;
}

/**
 * Tries a code against the customer's newest code. Every try counts toward the limit, right or wrong, so the
 * caller's transaction must commit a wrong try too; a right code is consumed in it, so it works once.
 */
export async function redeemSignInCode(tx: Tx, customerId: string, code: string, now: number): Promise<boolean> {
  const latest = await tx
    .select()
    .from(signInCodes)
    .where(eq(signInCodes.customerId, customerId))
    .orderBy(desc(signInCodes.createdAt))
    .limit(1)
    .get();
  if (!latest || checkSignInCode(latest, now) !== "usable") return false;
  const matches = digestsEqual(latest.codeHash, hashCode(latest.id, code));
  await tx
    .update(signInCodes)
    .set({ attempts: latest.attempts + 1, consumedAt: matches ? now : null })
    .where(eq(signInCodes.id, latest.id));
  return matches;
}
