import {
  type AuditAction,
  checkLiftReason,
  iso,
  isPending,
  isRestrictionLiftReason,
  type LiftNoticeState,
  type LiftToldOtherwiseMethod,
  liftNoticeState,
  type OutboxStatus,
  type RequestView,
  type RestrictionLiftReason,
} from "@tietoni/domain";
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import { customers, outbox, requestEvents, requests, restrictions } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { restrictionAppliedMail, restrictionLiftNoticeMail } from "../mail/operation-templates.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { decide } from "./desk/decisions.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
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

/** Every restriction in force on a customer's record, newest first (applyRestriction keeps it to one). */
export function restrictionsInForce(q: Queries, customerId: string) {
  return q
    .select()
    .from(restrictions)
    .where(and(eq(restrictions.customerId, customerId), isNull(restrictions.liftedAt)))
    .orderBy(desc(restrictions.appliedAt));
}

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

/**
 * When the customer was told the restriction will be lifted, as the portal shows it (issue 13): when the notice's
 * mail was delivered, when staff told them another way, or, for a notice from before the outbox, when it was sent.
 * Null while the notice is on its way or failed: a queued mail has told no one.
 */
export async function liftToldAt(q: Queries, r: RestrictionRow): Promise<string | null> {
  if (r.liftToldOtherwiseAt !== null) return iso(r.liftToldOtherwiseAt);
  if (r.liftNoticeOutboxId === null) return iso(r.liftNoticeAt);
  const row = await q
    .select({ deliveredAt: outbox.deliveredAt })
    .from(outbox)
    .where(eq(outbox.id, r.liftNoticeOutboxId))
    .get();
  return iso(row?.deliveredAt ?? null);
}

/** The restrictions on a customer's record that have ended, newest first, with why: what the customer is shown. */
export async function endedRestrictions(q: Queries, customerId: string) {
  const rows = await q
    .select()
    .from(restrictions)
    .where(and(eq(restrictions.customerId, customerId), isNotNull(restrictions.liftedAt)))
    .orderBy(desc(restrictions.liftedAt));
  const ended = [];
  for (const e of rows) {
    ended.push({
      ground: e.ground,
      requestId: e.requestId,
      since: iso(e.appliedAt),
      liftNoticeToldAt: await liftToldAt(q, e),
      liftedAt: iso(e.liftedAt),
      liftReason: liftReasonOf(e),
      endedByRequestId: e.endedByRequestId,
    });
  }
  return ended;
}

/**
 * Where the notice before a lift stands (issue 13): its outbox row's status and last error, what staff recorded if
 * they told the customer another way, and what the rule allows now.
 */
export type LiftNoticeView = LiftNoticeState & {
  lastError: string | null;
  toldOtherwise: { at: string; method: LiftToldOtherwiseMethod } | null;
};

const noNotice: LiftNoticeView = {
  delivery: "none",
  told: false,
  mayRecordToldOtherwise: false,
  lastError: null,
  toldOtherwise: null,
};

/** The facts the lift rule needs: the notice's outbox row and whether the customer has an address to mail. */
export async function loadLiftNotice(q: Queries, r: RestrictionRow): Promise<LiftNoticeView> {
  const row = r.liftNoticeOutboxId
    ? await q
        .select({ status: outbox.status, deliveredAt: outbox.deliveredAt, lastError: outbox.lastError })
        .from(outbox)
        .where(eq(outbox.id, r.liftNoticeOutboxId))
        .get()
    : undefined;
  const customer = await customerState(q, r.customerId);
  const state = liftNoticeState({
    liftNoticeAt: r.liftNoticeAt,
    noticeStatus: (row?.status ?? null) as OutboxStatus | null,
    noticeDelivered: row ? row.deliveredAt !== null : false,
    toldOtherwiseAt: r.liftToldOtherwiseAt,
    customerHasEmail: Boolean(customer?.email) && customer?.anonymisedAt === null,
  });
  return {
    ...state,
    lastError: row && (row.status === "failing" || row.status === "dead") ? row.lastError : null,
    toldOtherwise:
      r.liftToldOtherwiseAt !== null && r.liftToldOtherwiseMethod !== null
        ? { at: iso(r.liftToldOtherwiseAt), method: r.liftToldOtherwiseMethod }
        : null,
  };
}

/** The view with the notice's delivery read too: what the staff panel shows. */
export async function restrictionViewWithNotice(q: Queries, r: RestrictionRow) {
  return toRestrictionView(r, r.liftedAt === null ? await loadLiftNotice(q, r) : noNotice);
}

export function toRestrictionView(r: RestrictionRow, liftNotice: LiftNoticeView = noNotice) {
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
    liftReason: liftReasonOf(r),
    endedByRequestId: r.endedByRequestId,
    liftNotice,
  };
}

/** The stored reason as the domain names it; a lift from before reasons were recorded has none. */
export function liftReasonOf(r: Pick<RestrictionRow, "liftReason">): RestrictionLiftReason | null {
  return isRestrictionLiftReason(r.liftReason) ? r.liftReason : null;
}

/** The customer's address and whether the record is erased: what the operations check before they act. */
export function customerState(q: Queries, customerId: string) {
  return q
    .select({ email: customers.email, language: customers.language, anonymisedAt: customers.anonymisedAt })
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
  { db, mail, outbox }: Pick<Deps, "db" | "mail" | "outbox">,
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
    // Ids, the ground and the time only: the systems stop processing; the customer's data is not in it.
    await emitCustomerEvent(
      tx,
      { outbox, now: () => now },
      { type: "customer.restriction_applied", customerId: row.customerId, requestId, restrictionId },
    );
    const restriction = await tx.select().from(restrictions).where(eq(restrictions.id, restrictionId)).get();
    const request = await loadRequestView(tx, requestId);
    if (!restriction || !request) throw new Error("restriction vanished after insert");
    if (customer.email) {
      await mail.enqueueMail(
        tx,
        restrictionAppliedMail(customer.email, customerMailLanguage(customer.language), ground),
        {
          template: "restriction_applied",
          customerId: row.customerId,
          requestId,
        },
      );
    }
    return { ok: true, restriction: await restrictionViewWithNotice(tx, restriction), request };
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
    return { ok: true, restriction: restriction ? await restrictionViewWithNotice(tx, restriction) : null };
  });
}

/** A step on a restriction: shown in its request's history and appended to the audit trail, in the caller's transaction. */
async function recordRestrictionStep(
  tx: Tx,
  r: RestrictionRow,
  step: { event: string; action: AuditAction; detail?: Record<string, string>; note?: string },
  actor: StaffActor,
  now: number,
) {
  if (r.requestId) {
    await tx.insert(requestEvents).values({
      requestId: r.requestId,
      at: now,
      actorType: "staff",
      actorId: actor.id,
      event: step.event,
      note: step.note ?? null,
    });
  }
  await appendAudit(
    tx,
    byStaff(actor, {
      action: step.action,
      customerId: r.customerId,
      detail: { restrictionId: r.id, ...step.detail },
    }),
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
    const customer = await customerState(tx, r.customerId);
    const email = customer?.email ?? null;
    // Nowhere to send the notice, or nothing left to lift.
    if (r.liftedAt !== null || email === null) return invalidState();
    const outboxId = await mail.enqueueMail(
      tx,
      restrictionLiftNoticeMail(email, customerMailLanguage(customer?.language)),
      {
        template: "restriction_lift_notice",
        customerId: r.customerId,
        requestId: r.requestId,
        params: { restrictionId },
      },
    );
    await tx
      .update(restrictions)
      .set({ liftNoticeAt: now, liftNoticeOutboxId: outboxId })
      .where(eq(restrictions.id, restrictionId));
    await recordRestrictionStep(tx, r, { event: "liftNoticeSent", action: "restriction.lift_notified" }, actor, now);
    const after = { ...r, liftNoticeAt: now, liftNoticeOutboxId: outboxId };
    return { ok: true, restriction: await restrictionViewWithNotice(tx, after) };
  });
}

/**
 * Lifts a restriction the customer has been told about (409 lift_notice_missing before that; issue 13: 409
 * lift_notice_not_delivered until the notice's mail is delivered, unless staff recorded another way they told the
 * customer), for a reason that fits its ground (400 lift_reason_invalid otherwise). The reason is a code from the domain, not free text: the
 * customer reads it in their own language, and the audit trail can keep it because it names no one.
 */
export async function liftRestriction(
  { db, outbox }: Pick<Deps, "db" | "outbox">,
  restrictionId: string,
  actor: StaffActor,
  reason: RestrictionLiftReason,
  now: number,
): Promise<Result<{ restriction: RestrictionView }>> {
  return onRestriction(db, restrictionId, async (tx, r) => {
    if (r.liftedAt !== null) return invalidState();
    if (!checkLiftReason(r.ground, reason).allowed) return fail(400, "lift_reason_invalid", "reason");
    // Art. 18(3): the customer is told before the restriction is lifted.
    if (r.liftNoticeAt === null) return fail(409, "lift_notice_missing");
    // Queued is not told: the mail may still bounce (issue 13).
    if (!(await loadLiftNotice(tx, r)).told) return fail(409, "lift_notice_not_delivered");
    const lifted = { liftedAt: now, liftedBy: actor.id, liftReason: reason };
    await tx.update(restrictions).set(lifted).where(eq(restrictions.id, restrictionId));
    await recordRestrictionStep(
      tx,
      r,
      { event: "restrictionLifted", action: "restriction.lifted", detail: { reason } },
      actor,
      now,
    );
    await emitLifted(tx, { outbox, now: () => now }, r);
    return { ok: true, restriction: toRestrictionView({ ...r, ...lifted }) };
  });
}

/**
 * Staff record how they told the customer the restriction will be lifted when the notice's mail failed or cannot be
 * sent (no address): by phone, by letter, in person, or to another address (Art. 18(3)). Allowed only then (409
 * lift_told_otherwise_not_allowed), once; it counts as the notice, so the lift may follow. The method is a code, so
 * the request's history and the audit trail keep no personal data.
 */
export async function recordLiftToldOtherwise(
  db: Db,
  restrictionId: string,
  method: LiftToldOtherwiseMethod,
  actor: StaffActor,
  now: number,
): Promise<Result<{ restriction: RestrictionView }>> {
  return onRestriction(db, restrictionId, async (tx, r) => {
    if (r.liftedAt !== null) return invalidState();
    if (!(await loadLiftNotice(tx, r)).mayRecordToldOtherwise) return fail(409, "lift_told_otherwise_not_allowed");
    const told = {
      liftToldOtherwiseAt: now,
      liftToldOtherwiseBy: actor.id,
      liftToldOtherwiseMethod: method,
      // A customer without an address got no mail: this is their notice, and its time.
      liftNoticeAt: r.liftNoticeAt ?? now,
    };
    await tx.update(restrictions).set(told).where(eq(restrictions.id, restrictionId));
    await recordRestrictionStep(
      tx,
      r,
      {
        event: "liftToldOtherwise",
        action: "restriction.lift_told_otherwise",
        detail: { method, ...(r.liftNoticeOutboxId ? { outboxId: r.liftNoticeOutboxId } : {}) },
        note: method,
      },
      actor,
      now,
    );
    return { ok: true, restriction: await restrictionViewWithNotice(tx, { ...r, ...told }) };
  });
}

/**
 * Ends the restrictions an approved correction resolved (checkCorrectionUnderRestriction says which), in the
 * approval's transaction: each records the correction request that ended it and the reason, in its request's
 * history and the audit trail.
 *
 * Art. 18(3) asks that the customer be told before a restriction is lifted; a staff lift therefore waits for a
 * separate notice. Here no separate notice comes first, on purpose: the customer asked for this correction, and
 * the restriction ends because it was granted as they asked — there is nothing left for them to act on before it
 * ends. The correction's decision mail, queued in the same transaction, says the restriction has ended, and that
 * mail is the notice: lift_notice_at records it.
 */
export async function endRestrictionsByCorrection(
  tx: Tx,
  events: Pick<Deps, "outbox" | "now">,
  ended: readonly RestrictionRow[],
  correctionRequestId: string,
  actor: StaffActor,
  now: number,
): Promise<void> {
  for (const r of ended) {
    await tx
      .update(restrictions)
      .set({
        liftNoticeAt: now,
        liftedAt: now,
        liftedBy: actor.id,
        liftReason: "correctionApplied",
        endedByRequestId: correctionRequestId,
      })
      .where(eq(restrictions.id, r.id));
    await recordRestrictionStep(
      tx,
      r,
      {
        event: "restrictionLifted",
        action: "restriction.ended_by_correction",
        detail: { reason: "correctionApplied", requestId: correctionRequestId },
      },
      actor,
      now,
    );
    await emitLifted(tx, events, r);
  }
}

/** The systems hear that processing may go on again (ids, ground and time only), with the restriction's request. */
function emitLifted(tx: Tx, events: Pick<Deps, "outbox" | "now">, r: RestrictionRow) {
  return emitCustomerEvent(tx, events, {
    type: "customer.restriction_lifted",
    customerId: r.customerId,
    requestId: r.requestId,
    restrictionId: r.id,
  });
}
