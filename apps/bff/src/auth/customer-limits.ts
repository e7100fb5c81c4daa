import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/port.ts";
import { signInAttempts } from "../db/schema.ts";

/**
 * Per-customer limits on what a signed-in customer can repeat (anti-automation, ASVS V2.4): each action is counted
 * per customer in fixed windows in the sign-in limits' counter table (`customer:<action>:<customer id>`), so a
 * restart does not reset them; the scheduled purge deletes past windows (services/purge.ts).
 */
export type CustomerAction = {
  customerId: string;
  /** What is counted, e.g. "request.submit"; one counter per action and customer. */
  action: string;
  /** How many the window allows. */
  max: number;
  windowMs: number;
};

const isTx = (q: Db | Tx): q is Tx => "afterCommit" in q;

/**
 * Counts one `action` of the customer in the window `now` falls in: false (nothing counted) when the window's
 * `max` is used up, true otherwise. Inside a transaction the count commits or rolls back with the action it
 * allows, so a refused or failed action is not counted; given the bare database it commits on its own.
 */
export function takeCustomerAction(
  q: Db | Tx,
  { customerId, action, max, windowMs }: CustomerAction,
  now: number,
): Promise<boolean> {
  const key = `customer:${action}:${customerId}`;
  const windowStart = now - (now % windowMs);
  const take = async (tx: Tx) => {
    const row = await tx
      .select({ count: signInAttempts.failures })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.key, key), eq(signInAttempts.windowStart, windowStart)))
      .get();
    if ((row?.count ?? 0) >= max) return false;
    await tx
      .insert(signInAttempts)
      .values({ key, windowStart, failures: 1 })
      .onConflictDoUpdate({
        target: [signInAttempts.key, signInAttempts.windowStart],
        set: { failures: sql`${signInAttempts.failures} + 1` },
      });
    return true;
  };
  return isTx(q) ? take(q) : q.transaction(take);
}
