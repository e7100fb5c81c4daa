import {
  diffObjections,
  gpcSignalApplies,
  HOUR_MS,
  iso,
  type MarketingChannel,
  type MarketingPurpose,
  noObjections,
  type Objections,
  objectToAll,
} from "@tietoni/domain";
import { desc, eq } from "drizzle-orm";
import { takeCustomerAction } from "../auth/customer-limits.ts";
import type { Queries, Tx } from "../db/port.ts";
import { marketingEvents, marketingObjections } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
import { fail, type Result } from "./result.ts";

type ObjectionChange = { purpose: MarketingPurpose; objected: boolean };
type Actor = { channel: MarketingChannel; actorId: string | null; at: number };
/** What a change of objections needs besides its transaction: the outbox its event goes to (issue 13). */
type EventDeps = Pick<Deps, "outbox" | "now">;
type MarketingDeps = Pick<Deps, "db" | "outbox" | "now">;

/** The customer's current answers; a purpose without a row is not objected. */
export async function readObjections(q: Queries, customerId: string): Promise<Objections> {
  const objections = noObjections();
  const rows = await q
    .select({ purpose: marketingObjections.purpose, objected: marketingObjections.objected })
    .from(marketingObjections)
    .where(eq(marketingObjections.customerId, customerId));
  for (const row of rows) objections[row.purpose] = row.objected;
  return objections;
}

/** Every recorded change of the customer's objections, newest first: the proof shown back to them. */
export async function readObjectionHistory(q: Queries, customerId: string) {
  const rows = await q
    .select({
      purpose: marketingEvents.purpose,
      from: marketingEvents.fromObjected,
      to: marketingEvents.toObjected,
      at: marketingEvents.at,
      channel: marketingEvents.channel,
    })
    .from(marketingEvents)
    .where(eq(marketingEvents.customerId, customerId))
    .orderBy(desc(marketingEvents.at), desc(marketingEvents.id));
  return rows.map((e) => ({ ...e, at: iso(e.at) }));
}

/** What every marketing page shows: the switches, their history, and whether this request carried GPC. */
export type MarketingView = {
  objections: Objections;
  history: Awaited<ReturnType<typeof readObjectionHistory>>;
  gpc: boolean;
};

async function readView(q: Queries, customerId: string, gpc: boolean): Promise<MarketingView> {
  return { objections: await readObjections(q, customerId), history: await readObjectionHistory(q, customerId), gpc };
}

/**
 * Reads the current answers, lets `decide` pick the changes from them, and writes the switches and one
 * event per real change in the caller's transaction: a switch never changes without its proof, nor the reverse.
 * When anything changed, the connected systems hear of it in the same transaction (the newsletter tool must stop
 * as soon as tietoni does); a change to nothing tells nobody.
 */
async function applyChanges(
  tx: Tx,
  deps: EventDeps,
  customerId: string,
  decide: (current: Objections) => readonly ObjectionChange[],
  { channel, actorId, at }: Actor,
) {
  const current = await readObjections(tx, customerId);
  const diffs = diffObjections(current, decide(current));
  for (const d of diffs) {
    await tx
      .insert(marketingObjections)
      .values({ customerId, purpose: d.purpose, objected: d.to, updatedAt: at })
      .onConflictDoUpdate({
        target: [marketingObjections.customerId, marketingObjections.purpose],
        set: { objected: d.to, updatedAt: at },
      });
    await tx
      .insert(marketingEvents)
      .values({ customerId, purpose: d.purpose, fromObjected: d.from, toObjected: d.to, at, channel, actorId });
  }
  if (diffs.length > 0)
    await emitCustomerEvent(tx, deps, { type: "customer.marketing_objections_changed", customerId });
  return diffs;
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
export function applyGpcSignal(tx: Tx, deps: EventDeps, customerId: string, now: number) {
  return applyChanges(tx, deps, customerId, objectToAll, { channel: "gpc", actorId: customerId, at: now });
}

/**
 * The marketing page. With GPC the signal objects to everything first, so the page shows it, but only while the
 * customer has not withdrawn an objection in the portal since (at sign-in it always applies). Without a change to
 * make, nothing waits for the writer.
 */
export async function openMarketing(
  { db, ...deps }: MarketingDeps,
  customerId: string,
  gpc: boolean,
  at: number,
): Promise<MarketingView> {
  const view = await db.read((r) => readView(r, customerId, gpc));
  if (!gpc || !gpcSignalApplies(view.history)) return view;
  return db.transaction(async (tx) => {
    // Checked again on the writer: a withdrawal may have committed since the read.
    if (gpcSignalApplies(await readObjectionHistory(tx, customerId))) await applyGpcSignal(tx, deps, customerId, at);
    return readView(tx, customerId, gpc);
  });
}

/**
 * Withdrawals of objections per customer: 30 an hour by default (LIMIT_MARKETING_WITHDRAWALS_PER_HOUR). Objecting
 * is never limited: an objection to direct marketing must be honoured at once and without hindrance
 * (Art. 21(2)-(3)), and "object to all" always works. Turning marketing back on is what a script toggling the
 * switches needs, and every toggle leaves a permanent proof row; a person changing their mind does so a few times,
 * not thirty times an hour.
 */
export const marketingWithdrawalLimit = { action: "marketing.withdraw", windowMs: HOUR_MS } as const;

/**
 * The customer's own switches in the portal, effective at once. Never re-applies GPC: an explicit withdrawal is
 * respected (channel "portal"); `gpc` only says whether this request carried the signal. A change that withdraws an
 * objection counts toward `marketingWithdrawalLimit` and is refused, changing nothing, once it is used up.
 */
export function setObjections(
  { db, ...deps }: MarketingDeps,
  customerId: string,
  changes: readonly ObjectionChange[],
  gpc: boolean,
  at: number,
  maxWithdrawalsPerHour: number,
): Promise<Result<{ view: MarketingView }>> {
  return db.transaction(async (tx) => {
    const withdraws = diffObjections(await readObjections(tx, customerId), changes).some((d) => !d.to);
    const limit = { customerId, ...marketingWithdrawalLimit, max: maxWithdrawalsPerHour };
    if (withdraws && !(await takeCustomerAction(tx, limit, at))) {
      return fail(429, "marketing_limit_reached");
    }
    await applyChanges(tx, deps, customerId, () => changes, { channel: "portal", actorId: customerId, at });
    return { ok: true, view: await readView(tx, customerId, gpc) };
  });
}

/**
 * An objection (or, when the customer asked, a withdrawal) that reached staff by phone, letter or e-mail, written in
 * the caller's transaction with channel "staff": the customer's history shows it like their own changes (issue 12).
 */
export function applyStaffObjections(
  tx: Tx,
  deps: EventDeps,
  customerId: string,
  changes: readonly ObjectionChange[],
  staffId: string,
  at: number,
) {
  return applyChanges(tx, deps, customerId, () => changes, { channel: "staff", actorId: staffId, at });
}

/** "Object to all marketing" in the portal. */
export function objectToAllMarketing(
  { db, ...deps }: MarketingDeps,
  customerId: string,
  gpc: boolean,
  at: number,
): Promise<MarketingView> {
  return db.transaction(async (tx) => {
    await applyChanges(tx, deps, customerId, objectToAll, { channel: "portal", actorId: customerId, at });
    return readView(tx, customerId, gpc);
  });
}
