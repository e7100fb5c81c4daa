import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/port.ts";
import { signInAttempts } from "../db/schema.ts";
import { countOne, failuresOf } from "./sign-in-limits.ts";

/*
 * Per-customer limits on what a signed-in customer can set off (an e-mail change, a new request, a marketing
 * change): counted in the sign-in limits' counter table (`sign_in_attempts`), under keys of their own,
 * `customer:<action>:<customer id>`, in fixed windows of the caller's length.
 *
 * These rows keep the END of their window in `window_start`: any clean-up that drops rows by `window_start` (the
 * scheduled purge, services/purge.ts) then drops a long window's count only after the window is over.
 */

export type CustomerAction = {
  customerId: string;
  /** What is counted, e.g. "email-change": letters, digits, dashes and dots. */
  action: string;
  /** How many times it may happen in one window. */
  max: number;
  windowMs: number;
};

export const customerActionKey = (action: string, customerId: string) => `customer:${action}:${customerId}`;

/** The end of the fixed window `now` falls in. */
const windowEnd = (now: number, windowMs: number) => now - (now % windowMs) + windowMs;

/**
 * Counts one action of the customer and answers true, or answers false and counts nothing when the window's
 * `max` is used up. Runs in the caller's transaction when given one (so a refused step that rolls back does not
 * count) and in a transaction of its own when given the database.
 */
export function takeCustomerAction(
  q: Db | Tx,
  { customerId, action, max, windowMs }: CustomerAction,
  now: number,
): Promise<boolean> {
  const key = customerActionKey(action, customerId);
  const end = windowEnd(now, windowMs);
  return q.transaction(async (tx) => {
    if ((await failuresOf(tx, key, end)) >= max) return false;
    // Windows of this key that are over no longer matter.
    await tx
      .delete(signInAttempts)
      .where(and(eq(signInAttempts.key, key), sql`${signInAttempts.windowStart} <= ${now}`));
    await countOne(tx, { key, start: end });
    return true;
  });
}

/** Forgets every per-customer count of a customer (erasure: the keys hold the customer's id). */
export async function forgetCustomerActions(tx: Tx, customerId: string): Promise<void> {
  const suffix = `:${customerId}`;
  await tx.delete(signInAttempts).where(
    // The suffix from its position counted from the start: PostgreSQL's substr reads a negative start otherwise
    // than SQLite's (from the end).
    sql`substr(${signInAttempts.key}, 1, 9) = 'customer:'
        AND substr(${signInAttempts.key}, length(${signInAttempts.key}) - ${sql.raw(String(suffix.length - 1))}) = ${suffix}`,
  );
}
