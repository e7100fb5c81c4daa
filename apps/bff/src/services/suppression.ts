import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { jsonValues } from "../db/dialect.ts";
import type { Queries, Tx } from "../db/port.ts";
import { suppressionList } from "../db/schema.ts";

/**
 * The suppression list keeps an erased customer's marketing objection without keeping their address:
 * only HMAC-SHA256(SUPPRESSION_KEY, lower-cased e-mail) is stored. Keyed, so the list cannot be checked
 * against guessed addresses without the key.
 */
export function suppressionHash(key: string, email: string): string {
  return createHmac("sha256", key).update(email.trim().toLowerCase(), "utf8").digest("hex");
}

/** Adds the address's hash in the caller's transaction (the erasure's); adding it twice is harmless. */
export async function addSuppression(tx: Tx, key: string, email: string, now: number): Promise<string> {
  const emailHash = suppressionHash(key, email);
  await tx.insert(suppressionList).values({ emailHash, createdAt: now }).onConflictDoNothing();
  return emailHash;
}

/**
 * Which of the given hashes are on the list (one query per batch of customers). The hashes go as one JSON parameter:
 * an import batch may hold 100,000 addresses, past either engine's limit of parameters per statement.
 */
export async function suppressedAmong(q: Queries, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await q
    .select({ h: suppressionList.emailHash })
    .from(suppressionList)
    .where(sql`${suppressionList.emailHash} IN (${jsonValues(q, JSON.stringify(hashes))})`);
  return new Set(rows.map((r) => r.h));
}

export async function isSuppressed(q: Queries, key: string, email: string | null): Promise<boolean> {
  if (email === null) return false;
  const hash = suppressionHash(key, email);
  return (await suppressedAmong(q, [hash])).has(hash);
}
