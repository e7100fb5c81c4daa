import { randomInt } from "node:crypto";
import { checkSignInCode, signInCodePolicy } from "@tietoni/domain";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { signInCodes } from "../db/schema.ts";
import { digestsEqual, randomToken, sha256Hex } from "./tokens.ts";

/** The row id salts the hash, so equal codes never share a digest. */
function hashCode(id: string, code: string): string {
  return sha256Hex(`${id}:${code}`);
}

/** Issues a fresh code for a customer; earlier unused codes stop working. */
export function issueSignInCode(db: Db, customerId: string, now: number): string {
  const code = String(randomInt(0, 10 ** signInCodePolicy.digits)).padStart(signInCodePolicy.digits, "0");
  const id = randomToken();
  db.transaction((tx) => {
    tx.update(signInCodes)
      .set({ consumedAt: now })
      .where(and(eq(signInCodes.customerId, customerId), isNull(signInCodes.consumedAt)))
      .run();
    tx.insert(signInCodes)
      .values({
        id,
        customerId,
        codeHash: hashCode(id, code),
        createdAt: now,
        expiresAt: now + signInCodePolicy.validForMs,
      })
      .run();
  });
  return code;
}

/**
 * Tries a code against the customer's newest code. Every try counts toward the limit, right or wrong,
 * and a right code is consumed in the same transaction, so it works once.
 */
export function redeemSignInCode(db: Db, customerId: string, code: string, now: number): boolean {
  return db.transaction((tx) => {
    const latest = tx
      .select()
      .from(signInCodes)
      .where(eq(signInCodes.customerId, customerId))
      .orderBy(desc(signInCodes.createdAt))
      .limit(1)
      .get();
    if (!latest || checkSignInCode(latest, now) !== "usable") return false;
    const matches = digestsEqual(latest.codeHash, hashCode(latest.id, code));
    tx.update(signInCodes)
      .set({ attempts: latest.attempts + 1, consumedAt: matches ? now : null })
      .where(eq(signInCodes.id, latest.id))
      .run();
    return matches;
  });
}
