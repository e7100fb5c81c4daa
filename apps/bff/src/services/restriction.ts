import { type AuditAction, iso, isPending, type RequestView } from "@tietoni/domain";
import { and, desc, eq, isNull } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import { customers, requestEvents, requests, restrictions } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { restrictionAppliedMail, restrictionLiftNoticeMail } from "../mail/operation-templates.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { decide } from "./desk/decisions.ts";
import { loadRequestView } from "./requests.ts";
import { fail, invalidState, notFound, type Result, transact } from "./result.ts";

/*
 * Restriction of processing (GDPR Art. 18): applied on the customer's request with its ground, shown to staff,
 * and lifted only after the customer has been told. Each step, its history event and its audit entry commit
 * together; its mail is queued in the same transaction and leaves after the commit.
 */

type RestrictionRow = typeof restrictions.$inferSelect;

export type RestrictionView = ReturnType<typeof toRestrictionView>;

/** The decision text the customer sees; fixed, so it carries no personal data past an erasure. */
const RESTRICTION_DECISION =
  "Tietojesi käsittelyä on rajoitettu pyyntösi mukaisesti. / Processing of your data has been restricted as you asked.";

/** The restriction in force on a customer's record, if any (Art. 18). */
export async function activeRestriction(q: Queries, customerId: string) {
  return (
    (await q
      .select()
      .from(restrictions)
      .where(and(eq(restrictions.customerId, customerId), isNull(restrictions.liftedAt)))
      .orderBy(desc(restrictions.appliedAt))
      .limit(1)
      .get()) ?? null
  );
}

export function toRestrictionView(r: RestrictionRow) {
  return {
    id: r.id,
    customerId: r.customerId,
    ground: r.ground,
    requestId: r.requestId,
    appliedAt: iso(r.appliedAt),
    appliedBy: r.appliedBy,
    liftNoticeAt: iso(r.liftNoticeAt),
    liftedAt: iso(r.liftedAt),
    liftedBy: r.liftedBy,
  };
}

/** The customer's address and whether the record is erased: what the operations check before they act. */
export function customerState(q: Queries, customerId: string) {
  return q
    .select({ email: customers.email, anonymisedAt: customers.anonymisedAt })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
}

/**
 * The request an operation (erasure, restriction) acts on, with its customer's state: found only as a request of
 * that type (404 otherwise), still pending and on a record not yet erased (409 invalid_state otherwise).
 */
export async function pendingOperationRequest(q: Queries, requestId: string, type: "erasure" | "restriction") {
  const row = await q.select().from(requests).where(eq(requests.id, requestId)).get();
  if (row?.type !== type) return notFound();
  if (!isPending(row.state)) return invalidState();
  const customer = await customerState(q, row.customerId);
  if (!customer || customer.anonymisedAt !== null) return invalidState();
  return { ok: true as const, row, customer };
}

/**
 * Restricts processing with the ground of a pending restriction request and completes the request. Refused
 * (409) when the request is decided, the record erased, or a restriction is already in force.
 */
export async function applyRestriction(
  { db, mail }: Pick<Deps, "db" | "mail">,
  requestId: string,
  actor: StaffActor,
  now: number,
): Promise<Result<{ restriction: RestrictionView; request: RequestView }>> {
  return transact(db, async (tx) => {
    const pending = await pendingOperationRequest(tx, requestId, "restriction");
    if (!pending.ok) return pending;
    const { row, customer } = pending;
    const ground = row.restrictionGround;
    if (ground === null) return invalidState();
    if (await activeRestriction(tx, row.customerId)) return fail(409, "restriction_active");
    const restrictionId = randomToken();
    await tx.insert(restrictions).values({
      id: restrictionId,
      customerId: row.customerId,
      ground,
      requestId,
      appliedAt: now,
      appliedBy: actor.id,
    });
    // The history event carries no note: the decision text says it all.
    await decide(tx, row, actor, now, "completed", RESTRICTION_DECISION, null);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "restriction.applied",
        customerId: row.customerId,
        detail: { restrictionId, requestId, ground },
      }),
      now,
    );
    const restriction = await tx.select().from(restrictions).where(eq(restrictions.id, restrictionId)).get();
    const request = await loadRequestView(tx, requestId);
    if (!restriction || !request) throw new Error("restriction vanished after insert");
    if (customer.email) mail.enqueueMail(tx, restrictionAppliedMail(customer.email, ground));
    return { ok: true, restriction: toRestrictionView(restriction), request };
  });
}

/** The restriction in force on a customer's record (null if none); the look is audited. */
export async function viewCustomerRestriction(
  db: Db,
  customerId: string,
  actor: StaffActor,
  now: number,
): Promise<Result<{ restriction: RestrictionView | null }>> {
  return transact(db, async (tx) => {
    if (!(await customerState(tx, customerId))) return notFound();
    const restriction = await activeRestriction(tx, customerId);
    await appendAudit(
      tx,
      byStaff(actor, { action: "restriction.viewed", customerId, detail: { restrictionId: restriction?.id ?? null } }),
      now,
    );
    return { ok: true, restriction: restriction ? toRestrictionView(restriction) : null };
  });
}

/** A step on a restriction: shown in its request's history and appended to the audit trail, in the caller's transaction. */
async function recordRestrictionStep(
  tx: Tx,
  r: RestrictionRow,
  step: { event: string; action: AuditAction },
  actor: StaffActor,
  now: number,
) {
  if (r.requestId) {
    await tx
      .insert(requestEvents)
      .values({ requestId: r.requestId, at: now, actorType: "staff", actorId: actor.id, event: step.event });
  }
  await appendAudit(
    tx,
    byStaff(actor, { action: step.action, customerId: r.customerId, detail: { restrictionId: r.id } }),
    now,
  );
}

/** Loads the restriction inside the transaction, so its state cannot change between the check and the write. */
function onRestriction<T extends object>(
  db: Db,
  restrictionId: string,
  fn: (tx: Tx, r: typeof restrictions.$inferSelect) => Promise<Result<T>>,
): Promise<Result<T>> {
  return transact(db, async (tx) => {
    const r = await tx.select().from(restrictions).where(eq(restrictions.id, restrictionId)).get();
    return r ? fn(tx, r) : notFound();
  });
}

/** Art. 18(3): tells the customer the restriction will be lifted, which lifting it requires first. */
export async function notifyRestrictionLift(
  { db, mail }: Pick<Deps, "db" | "mail">,
  restrictionId: string,
  actor: StaffActor,
  now: number,
): Promise<Result<{ restriction: RestrictionView }>> {
  return onRestriction(db, restrictionId, async (tx, r) => {
    const email = (await customerState(tx, r.customerId))?.email ?? null;
    // Nowhere to send the notice, or nothing left to lift.
    if (r.liftedAt !== null || email === null) return invalidState();
    await tx.update(restrictions).set({ liftNoticeAt: now }).where(eq(restrictions.id, restrictionId));
    await recordRestrictionStep(tx, r, { event: "liftNoticeSent", action: "restriction.lift_notified" }, actor, now);
    mail.enqueueMail(tx, restrictionLiftNoticeMail(email));
    return { ok: true, restriction: toRestrictionView({ ...r, liftNoticeAt: now }) };
  });
}

/** Lifts a restriction the customer has been told about (409 lift_notice_missing before that). */
export async function liftRestriction(
  db: Db,
  restrictionId: string,
  actor: StaffActor,
  now: number,
): Promise<Result<{ restriction: RestrictionView }>> {
  return onRestriction(db, restrictionId, async (tx, r) => {
    if (r.liftedAt !== null) return invalidState();
    // Art. 18(3): the customer is told before the restriction is lifted.
    if (r.liftNoticeAt === null) return fail(409, "lift_notice_missing");
    await tx.update(restrictions).set({ liftedAt: now, liftedBy: actor.id }).where(eq(restrictions.id, restrictionId));
    await recordRestrictionStep(tx, r, { event: "restrictionLifted", action: "restriction.lifted" }, actor, now);
    return { ok: true, restriction: toRestrictionView({ ...r, liftedAt: now, liftedBy: actor.id }) };
  });
}
