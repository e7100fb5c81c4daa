import { createHmac } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { suppressionList } from "../db/schema.ts";

/**
 * The suppression list keeps an erased customer's marketing objection without keeping their address:
 * only HMAC-SHA256(SUPPRESSION_KEY, lower-cased e-mail) is stored. Keyed, so the list cannot be checked
 * against guessed addresses without the key.
 */
export function suppressionHash(key: string, email: string): string {
  return createHmac("sha256", key).update(email.trim().toLowerCase(), "utf8").digest("hex");
}

/** Adds the address's hash; adding it twice is harmless. */
export function addSuppression(tx: Pick<Db, "insert">, key: string, email: string, now: number): string {
  const emailHash = suppressionHash(key, email);
  tx.insert(suppressionList).values({ emailHash, createdAt: now }).onConflictDoNothing().run();
  return emailHash;
}

/** Which of the given hashes are on the list (one query per batch of customers). */
export function suppressedAmong(db: Pick<Db, "select">, hashes: readonly string[]): Set<string> {
  if (hashes.length === 0) return new Set();
  const rows = db
    .select({ h: suppressionList.emailHash })
    .from(suppressionList)
    .where(inArray(suppressionList.emailHash, [...hashes]))
    .all();
  return new Set(rows.map((r) => r.h));
}

export function isSuppressed(db: Pick<Db, "select">, key: string, email: string | null): boolean {
  if (email === null) return false;
  const hash = suppressionHash(key, email);
  return suppressedAmong(db, [hash]).has(hash);
}
