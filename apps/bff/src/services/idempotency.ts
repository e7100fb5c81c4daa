import { and, eq } from "drizzle-orm";
import { sha256Hex } from "../auth/tokens.ts";
import type { Db } from "../db/port.ts";
import { idempotencyKeys } from "../db/schema.ts";

/*
 * `Idempotency-Key` of the integration API's POSTs (issue 12): the first answer to a key is stored per client with a
 * digest of the request; a repeat of the same request gets that answer again without a second change, and the same
 * key with another request is refused. Only successful answers are stored (a refusal changed nothing, so a retry
 * may simply run again). Stored answers hold ids and outcomes, never a customer's values; the purge deletes them
 * after a day (keepingPeriods.idempotencyKeysMs).
 *
 * The answer is stored after the change committed, not in its transaction (the ingest service owns that one): two
 * parallel first calls with one key, or a crash between the change and the store, apply the call twice, which the
 * upserts keyed by the system's `external_id` make harmless.
 */

export type StoredAnswer = { status: number; body: string };

export const requestDigest = (method: string, path: string, body: string) =>
  sha256Hex(JSON.stringify([method, path, body]));

/** The stored answer of the key, `reused` when the key was used for another request, or null when it is new. */
export async function findIdempotentAnswer(
  db: Db,
  clientId: string,
  key: string,
  digest: string,
): Promise<StoredAnswer | "reused" | null> {
  const row = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.clientId, clientId), eq(idempotencyKeys.key, key)))
    .get();
  if (!row) return null;
  if (row.requestDigest !== digest) return "reused";
  return { status: row.status, body: row.body };
}

/** Stores the answer of a key's first request; a parallel first call that stored one already keeps its own. */
export async function storeIdempotentAnswer(
  db: Db,
  clientId: string,
  key: string,
  digest: string,
  answer: StoredAnswer,
  now: number,
): Promise<void> {
  await db
    .insert(idempotencyKeys)
    .values({ clientId, key, requestDigest: digest, status: answer.status, body: answer.body, createdAt: now })
    .onConflictDoNothing();
}
