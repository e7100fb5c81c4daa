import {
  diffObjections,
  type MarketingChannel,
  type MarketingPurpose,
  noObjections,
  type Objections,
  objectToAll,
} from "@tietoni/domain";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { marketingEvents, marketingObjections } from "../db/schema.ts";

type ObjectionChange = { purpose: MarketingPurpose; objected: boolean };
type Actor = { channel: MarketingChannel; actorId: string | null; at: number };

/** The customer's current answers; a purpose without a row is not objected. */
export function readObjections(db: Pick<Db, "select">, customerId: string): Objections {
  const objections = noObjections();
  const rows = db
    .select({ purpose: marketingObjections.purpose, objected: marketingObjections.objected })
    .from(marketingObjections)
    .where(eq(marketingObjections.customerId, customerId))
    .all();
  for (const row of rows) objections[row.purpose] = row.objected;
  return objections;
}

/** Every recorded change of the customer's objections, newest first: the proof shown back to them. */
export function readObjectionHistory(db: Pick<Db, "select">, customerId: string) {
  return db
    .select({
      purpose: marketingEvents.purpose,
      from: marketingEvents.fromObjected,
      to: marketingEvents.toObjected,
      at: marketingEvents.at,
      channel: marketingEvents.channel,
    })
    .from(marketingEvents)
    .where(eq(marketingEvents.customerId, customerId))
    .orderBy(desc(marketingEvents.at), desc(marketingEvents.id))
    .all()
    .map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
}

/**
 * Reads the current answers, lets `decide` pick the changes from them, and writes the switches and one
 * event per real change in one transaction: a switch never changes without its proof, nor the reverse.
 */
function applyChanges(
  db: Db,
  customerId: string,
  decide: (current: Objections) => readonly ObjectionChange[],
  { channel, actorId, at }: Actor,
) {
  return db.transaction((tx) => {
    const current = readObjections(tx, customerId);
    const diffs = diffObjections(current, decide(current));
    for (const d of diffs) {
      tx.insert(marketingObjections)
        .values({ customerId, purpose: d.purpose, objected: d.to, updatedAt: at })
        .onConflictDoUpdate({
          target: [marketingObjections.customerId, marketingObjections.purpose],
          set: { objected: d.to, updatedAt: at },
        })
        .run();
      tx.insert(marketingEvents)
        .values({ customerId, purpose: d.purpose, fromObjected: d.from, toObjected: d.to, at, channel, actorId })
        .run();
    }
    return diffs;
  });
}

/** The customer's own switches in the portal, effective at once. */
export function setObjections(db: Db, customerId: string, changes: readonly ObjectionChange[], at: number) {
  return applyChanges(db, customerId, () => changes, { channel: "portal", actorId: customerId, at });
}

/** "Object to all marketing" in the portal. */
export function objectToAllMarketing(db: Db, customerId: string, at: number) {
  return applyChanges(db, customerId, objectToAll, { channel: "portal", actorId: customerId, at });
}

/** Whether a request carries the Global Privacy Control signal (`Sec-GPC: 1`). */
export function hasGpcSignal(header: string | undefined): boolean {
  return header?.trim() === "1";
}

/**
 * A browser's GPC signal is an objection to marketing and profiling: it sets every purpose to objected,
 * recorded with channel "gpc". Purposes already objected leave no event, so a repeated signal adds nothing.
 *
 * An explicit withdrawal the customer makes in the portal is respected: a GET of /marketing does not
 * re-apply the signal over it (domain gpcSignalApplies); the next sign-in with the header does.
 */
export function applyGpcSignal(db: Db, customerId: string, now: number) {
  return applyChanges(db, customerId, objectToAll, { channel: "gpc", actorId: customerId, at: now });
}
