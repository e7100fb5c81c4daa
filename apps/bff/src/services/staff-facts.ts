import {
  type ApprovalOperation,
  type ApprovalRejectInput,
  approvalOperations,
  DAY_MS,
  type InvoiceStatusRecordInput,
  invoiceApprovalOperation,
  iso,
  isStaffRole,
  type LegalHoldClearInput,
  type LegalHoldSetInput,
  type Locale,
  type MarketingChannel,
  type MarketingPurpose,
  mayDecideApproval,
  type RelationshipEndInput,
  type RoleEndInput,
  runsWithoutApproval,
  type StaffRoleName,
} from "@tietoni/domain";
import { and, asc, desc, eq, gte, isNull } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import {
  customers,
  invoices,
  legalHolds,
  marketingEvents,
  marketingObjections,
  organisationRoles,
  organisations,
  pendingApprovals,
  staffUsers,
} from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { appendAudit, auditActorOf, byStaff, type StaffActor } from "./audit.ts";
import { executeErasure } from "./erasure.ts";
import { clearLegalHold, type HoldActor, type LegalHoldView, listLegalHolds, setLegalHold } from "./legal-holds.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * Staff record-keeping, part 2 (issue 12): legal holds, an invoice's payment, collection or write-off, the end of
 * an organisation role and of the customer relationship, and the approvals ("four eyes") that clearing a hold and
 * marking an invoice paid or written off need from an agent (packages/domain record-keeping/approvals.ts decides).
 * Each operation runs in one transaction with its audit entry; a refusal changes nothing.
 *
 * A pending approval's `payload` is this file's own JSON: `{ target, input, rejectReason? }` — the hold or invoice
 * id, the validated input, and, once rejected, the reason (the table has no column of its own for it).
 */

/** Issue 14 D: an erasure waiting for a second person names only its request (also the payload's target). */
export type ErasureApprovalInput = { requestId: string };

export type ApprovalPayload = {
  target: string;
  input: LegalHoldClearInput | InvoiceStatusRecordInput | ErasureApprovalInput;
  rejectReason?: string;
};

/** The outcome of an operation that an agent's request may only queue: done, or waiting for approval. */
export type Outcome = { outcome: "done" } | { outcome: "pending"; approvalId: string };

const roleOf = (actor: StaffActor): StaffRoleName => (isStaffRole(actor.role) ? actor.role : "agent");

function holdActorOf(actor: StaffActor, onBehalfOf?: string): HoldActor {
  return { audit: { actor: auditActorOf(actor), ip: actor.ip }, type: "staff", id: onBehalfOf ?? actor.id };
}

async function activeCustomer(q: Queries, customerId: string) {
  return q
    .select({ id: customers.id, relationshipStart: customers.relationshipStart })
    .from(customers)
    .where(and(eq(customers.id, customerId), isNull(customers.anonymisedAt)))
    .get();
}

export async function openApprovalFor(q: Queries, customerId: string, target: string) {
  const open = await q
    .select({ id: pendingApprovals.id, payload: pendingApprovals.payload })
    .from(pendingApprovals)
    .where(and(eq(pendingApprovals.customerId, customerId), isNull(pendingApprovals.decidedAt)));
  return open.find((a) => (JSON.parse(a.payload) as ApprovalPayload).target === target) ?? null;
}

/** Queues an agent's operation for a second person: refused while another request about the same thing waits. */
export async function requestApproval(
  tx: Tx,
  customerId: string,
  operation: ApprovalOperation,
  payload: ApprovalPayload,
  reason: string,
  actor: StaffActor,
  now: number,
): Promise<Result<Outcome>> {
  if (await openApprovalFor(tx, customerId, payload.target)) return fail(409, "approval_pending");
  const approvalId = randomToken();
  await tx.insert(pendingApprovals).values({
    id: approvalId,
    customerId,
    operation,
    payload: JSON.stringify(payload),
    reason,
    requestedBy: actor.id,
    requestedAt: now,
  });
  await appendAudit(
    tx,
    byStaff(actor, {
      action: "approval.requested",
      customerId,
      detail: { approvalId, operation, target: payload.target },
    }),
    now,
  );
  return { ok: true, outcome: "pending", approvalId };
}

/* ---- Legal holds ---- */

export async function setHold(
  db: Db,
  customerId: string,
  input: LegalHoldSetInput,
  actor: StaffActor,
  now: number,
): Promise<Result<{ holdId: string }>> {
  return transact(db, (tx) => setLegalHold(tx, customerId, input, holdActorOf(actor), now));
}

async function holdToClear(q: Queries, customerId: string, holdId: string) {
  const hold = await q
    .select({ id: legalHolds.id })
    .from(legalHolds)
    .where(and(eq(legalHolds.id, holdId), eq(legalHolds.customerId, customerId), isNull(legalHolds.clearedAt)))
    .get();
  return hold ?? null;
}

/** An admin clears at once; an agent's clearing waits for a second person's approval. */
export async function clearHold(
  db: Db,
  customerId: string,
  holdId: string,
  input: LegalHoldClearInput,
  actor: StaffActor,
  now: number,
): Promise<Result<Outcome>> {
  return transact(db, async (tx): Promise<Result<Outcome>> => {
    if (!(await activeCustomer(tx, customerId)) || !(await holdToClear(tx, customerId, holdId))) return notFound();
    if (!runsWithoutApproval(roleOf(actor), "legal_hold.clear")) {
      return requestApproval(tx, customerId, "legal_hold.clear", { target: holdId, input }, input.reason, actor, now);
    }
    if (await openApprovalFor(tx, customerId, holdId)) return fail(409, "approval_pending");
    const done = await clearLegalHold(tx, customerId, holdId, input, holdActorOf(actor), now);
    return done.ok ? { ok: true, outcome: "done" } : done;
  });
}

/* ---- Invoices ---- */

async function openInvoice(q: Queries, customerId: string, invoiceId: string) {
  const invoice = await q
    .select({ id: invoices.id, status: invoices.status, issuedAt: invoices.issuedAt })
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.customerId, customerId)))
    .get();
  return invoice ?? null;
}

async function applyInvoiceStatus(
  tx: Tx,
  customerId: string,
  invoiceId: string,
  input: InvoiceStatusRecordInput,
  actor: StaffActor,
  approval: { approvalId: string; requestedBy: string } | null,
  now: number,
): Promise<Result<Outcome>> {
  const invoice = await openInvoice(tx, customerId, invoiceId);
  if (!invoice) return notFound();
  if (invoice.status !== "open") return fail(409, "invoice_not_open");
  const today = iso(now).slice(0, 10);
  if (input.on !== null && input.on > today) return fail(400, "date_in_future", "on");
  if (input.on !== null && input.on < invoice.issuedAt) return fail(400, "end_before_start", "on");
  const change =
    input.status === "in_collection"
      ? { inCollection: true, collectionAgency: input.agency }
      : input.status === "paid"
        ? { status: "paid" as const, paidAt: input.on, inCollection: false }
        : { status: "written_off" as const, writtenOffOn: input.on, inCollection: false };
  await tx
    .update(invoices)
    .set({ ...change, statusChangedAt: now })
    .where(eq(invoices.id, invoiceId));
  // The agency's name and the reason stay out of the trail (free text); ids and the outcome are enough.
  await appendAudit(
    tx,
    byStaff(actor, {
      action: "invoice.status_recorded",
      customerId,
      detail: {
        invoiceId,
        status: input.status,
        ...(approval
          ? { approvalId: approval.approvalId, requestedBy: approval.requestedBy, approvedBy: actor.id }
          : {}),
      },
    }),
    now,
  );
  return { ok: true, outcome: "done" };
}

/**
 * Records an open invoice's payment, debt collection or write-off. Paid and written off can clear an erasure
 * blocker: an agent's waits for approval (checked now, and again when approved).
 */
export async function recordInvoiceStatus(
  db: Db,
  customerId: string,
  invoiceId: string,
  input: InvoiceStatusRecordInput,
  actor: StaffActor,
  now: number,
): Promise<Result<Outcome>> {
  return transact(db, async (tx): Promise<Result<Outcome>> => {
    if (!(await activeCustomer(tx, customerId))) return notFound();
    const operation = invoiceApprovalOperation(input.status);
    if (operation && !runsWithoutApproval(roleOf(actor), operation)) {
      // The same checks as the change itself, so an agent learns now, not after the approval, that it cannot be.
      const invoice = await openInvoice(tx, customerId, invoiceId);
      if (!invoice) return notFound();
      if (invoice.status !== "open") return fail(409, "invoice_not_open");
      const today = iso(now).slice(0, 10);
      if (input.on !== null && input.on > today) return fail(400, "date_in_future", "on");
      if (input.on !== null && input.on < invoice.issuedAt) return fail(400, "end_before_start", "on");
      return requestApproval(tx, customerId, operation, { target: invoiceId, input }, input.reason, actor, now);
    }
    if (operation && (await openApprovalFor(tx, customerId, invoiceId))) return fail(409, "approval_pending");
    return applyInvoiceStatus(tx, customerId, invoiceId, input, actor, null, now);
  });
}

/* ---- Roles and the relationship ---- */

/** Ends an organisation role on a day, which may be in the future (the role blocks erasure until it passes). */
export async function endRole(
  db: Db,
  customerId: string,
  roleId: string,
  input: RoleEndInput,
  actor: StaffActor,
  now: number,
): Promise<Result<{ roleId: string }>> {
  return transact(db, async (tx) => {
    if (!(await activeCustomer(tx, customerId))) return notFound();
    const role = await tx
      .select()
      .from(organisationRoles)
      .where(and(eq(organisationRoles.id, roleId), eq(organisationRoles.customerId, customerId)))
      .get();
    if (!role) return notFound();
    const today = iso(now).slice(0, 10);
    if (role.endDate !== null && role.endDate < today) return fail(409, "role_already_ended");
    if (input.endDate < role.startDate) return fail(400, "end_before_start", "endDate");
    await tx.update(organisationRoles).set({ endDate: input.endDate }).where(eq(organisationRoles.id, roleId));
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "organisation_role.ended",
        customerId,
        detail: { roleId, endDate: input.endDate, previousEndDate: role.endDate },
      }),
      now,
    );
    return { ok: true, roleId };
  });
}

/** Records the end of the customer relationship (the lifecycle rule takes a recorded end over a derived one). */
export async function endRelationship(
  db: Db,
  customerId: string,
  input: RelationshipEndInput,
  actor: StaffActor,
  now: number,
): Promise<Result<{ relationshipEnd: string }>> {
  return transact(db, async (tx) => {
    const customer = await tx
      .select({ start: customers.relationshipStart, end: customers.relationshipEnd })
      .from(customers)
      .where(and(eq(customers.id, customerId), isNull(customers.anonymisedAt)))
      .get();
    if (!customer) return notFound();
    if (input.endDate < customer.start) return fail(400, "end_before_start", "endDate");
    await tx.update(customers).set({ relationshipEnd: input.endDate }).where(eq(customers.id, customerId));
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "relationship.ended",
        customerId,
        detail: { endDate: input.endDate, previousEndDate: customer.end },
      }),
      now,
    );
    return { ok: true, relationshipEnd: input.endDate };
  });
}

/* ---- Approvals ---- */

export type ApprovalView = {
  id: string;
  customerId: string;
  operation: ApprovalOperation;
  /** The day of payment or write-off, when the operation has one. */
  on: string | null;
  reason: string;
  requestedBy: { id: string; name: string };
  requestedAt: string;
  /** The signed-in person asked for it: they may not decide it. */
  own: boolean;
};

/**
 * The approvals waiting for a decision, oldest first. Ids, operations, dates and the requester's reason only —
 * no customer's name or values, so the list is not a read of anyone's data (opening the customer is, and is
 * audited).
 */
export async function listOpenApprovals(db: Db, actor: StaffActor): Promise<ApprovalView[]> {
  const rows = await db
    .select({ approval: pendingApprovals, requesterName: staffUsers.displayName })
    .from(pendingApprovals)
    .innerJoin(staffUsers, eq(staffUsers.id, pendingApprovals.requestedBy))
    .innerJoin(customers, eq(customers.id, pendingApprovals.customerId))
    .where(and(isNull(pendingApprovals.decidedAt), isNull(customers.anonymisedAt)))
    .orderBy(asc(pendingApprovals.requestedAt));
  return rows.map(({ approval: a, requesterName }) => {
    const payload = JSON.parse(a.payload) as ApprovalPayload;
    return {
      id: a.id,
      customerId: a.customerId,
      operation: a.operation,
      on: "on" in payload.input ? payload.input.on : null,
      reason: a.reason,
      requestedBy: { id: a.requestedBy, name: requesterName },
      requestedAt: iso(a.requestedAt),
      own: a.requestedBy === actor.id,
    };
  });
}

export type DecidedApprovalView = {
  id: string;
  customerId: string;
  operation: ApprovalOperation;
  outcome: "approved" | "rejected";
  decidedBy: string;
  decidedAt: string;
  /** Why it was turned down: the requester is told. */
  rejectReason: string | null;
};

/** How long the requester sees the decisions on their own requests. */
const DECISIONS_SHOWN_DAYS = 30;

/** The signed-in person's own requests decided in the last 30 days, newest first, with any rejection's reason. */
export async function listMyDecidedApprovals(db: Db, actor: StaffActor, now: number): Promise<DecidedApprovalView[]> {
  const rows = await db
    .select({ approval: pendingApprovals, deciderName: staffUsers.displayName })
    .from(pendingApprovals)
    .innerJoin(staffUsers, eq(staffUsers.id, pendingApprovals.decidedBy))
    .where(
      and(
        eq(pendingApprovals.requestedBy, actor.id),
        gte(pendingApprovals.decidedAt, now - DECISIONS_SHOWN_DAYS * DAY_MS),
      ),
    )
    .orderBy(desc(pendingApprovals.decidedAt))
    .limit(50);
  return rows.map(({ approval: a, deciderName }) => ({
    id: a.id,
    customerId: a.customerId,
    operation: a.operation,
    outcome: a.outcome === "approved" ? "approved" : "rejected",
    decidedBy: deciderName,
    decidedAt: iso(a.decidedAt ?? now),
    rejectReason: (JSON.parse(a.payload) as ApprovalPayload).rejectReason ?? null,
  }));
}

/**
 * Approves or rejects: never the requester's own; approving runs the operation now, with the approver recorded,
 * after the same checks as when it was asked (the hold may have been cleared, the invoice paid, meanwhile).
 */
export async function decideApproval(
  deps: Pick<Deps, "db" | "mail" | "env" | "outbox">,
  approvalId: string,
  decision: { approve: true } | { approve: false; input: ApprovalRejectInput },
  actor: StaffActor,
  now: number,
): Promise<Result<{ outcome: "approved" | "rejected" }>> {
  return transact(deps.db, async (tx) => {
    const approval = await tx.select().from(pendingApprovals).where(eq(pendingApprovals.id, approvalId)).get();
    if (!approval || !(approvalOperations as readonly string[]).includes(approval.operation)) return notFound();
    const verdict = mayDecideApproval(approval, { id: actor.id, role: roleOf(actor) });
    if (!verdict.ok) return fail(verdict.code === "approval_decided" ? 409 : 403, verdict.code);
    const payload = JSON.parse(approval.payload) as ApprovalPayload;
    const { customerId } = approval;
    if (decision.approve) {
      const done =
        approval.operation === "erasure.execute"
          ? // Issue 14 D: the approver carries the erasure out, in this transaction, so approval and erasure are one.
            await executeErasure(deps, payload.target, actor, now, tx)
          : approval.operation === "legal_hold.clear"
            ? await clearLegalHold(
                tx,
                customerId,
                payload.target,
                payload.input as LegalHoldClearInput,
                { ...holdActorOf(actor, approval.requestedBy), approvedBy: actor.id },
                now,
              )
            : await applyInvoiceStatus(
                tx,
                customerId,
                payload.target,
                payload.input as InvoiceStatusRecordInput,
                actor,
                { approvalId, requestedBy: approval.requestedBy },
                now,
              );
      if (!done.ok) return done.status === 404 ? fail(409, "invalid_state") : done;
    }
    await tx
      .update(pendingApprovals)
      .set({
        decidedBy: actor.id,
        decidedAt: now,
        outcome: decision.approve ? "approved" : "rejected",
        ...(decision.approve ? {} : { payload: JSON.stringify({ ...payload, rejectReason: decision.input.reason }) }),
      })
      .where(eq(pendingApprovals.id, approvalId));
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "approval.decided",
        customerId,
        detail: {
          approvalId,
          operation: approval.operation,
          outcome: decision.approve ? "approved" : "rejected",
          requestedBy: approval.requestedBy,
          ...(decision.approve ? { approvedBy: actor.id } : {}),
        },
      }),
      now,
    );
    return { ok: true, outcome: decision.approve ? "approved" : "rejected" };
  });
}

/* ---- What the staff record view adds ---- */

export type InvoiceState = "open" | "in_collection" | "paid" | "written_off";

export type StaffRecordFacts = {
  holds: (LegalHoldView & { pendingApprovalId: string | null })[];
  roles: {
    id: string;
    organisationName: string;
    role: string;
    startDate: string;
    endDate: string | null;
    /** Not ended on the day of the view (a future end is still active). */
    active: boolean;
  }[];
  invoices: {
    id: string;
    invoiceNumber: string;
    issuedAt: string;
    amountCents: number;
    currency: string;
    state: InvoiceState;
    collectionAgency: string | null;
    paidAt: string | null;
    writtenOffOn: string | null;
    pendingApprovalId: string | null;
  }[];
  objections: { purpose: MarketingPurpose; since: string | null; channel: MarketingChannel | null }[];
  relationshipEnd: string | null;
  /** The language the customer's mail goes in as recorded (issue 13); null: the register's default. */
  mailLanguage: Locale | null;
};

/**
 * The record-keeping facts of one customer as the staff record shows them, with the ids staff act on. Read in the
 * same audited read as the record (staff-customers.ts `viewCustomerRecord`).
 */
export async function loadStaffRecordFacts(q: Queries, customerId: string, now: number): Promise<StaffRecordFacts> {
  const today = iso(now).slice(0, 10);
  const open = await q
    .select({ id: pendingApprovals.id, payload: pendingApprovals.payload })
    .from(pendingApprovals)
    .where(and(eq(pendingApprovals.customerId, customerId), isNull(pendingApprovals.decidedAt)));
  const pendingFor = (target: string) =>
    open.find((a) => (JSON.parse(a.payload) as ApprovalPayload).target === target)?.id ?? null;

  const holds = (await listLegalHolds(q, customerId, now)).map((h) => ({ ...h, pendingApprovalId: pendingFor(h.id) }));
  const roles = await q
    .select({
      id: organisationRoles.id,
      organisationName: organisations.name,
      role: organisationRoles.role,
      startDate: organisationRoles.startDate,
      endDate: organisationRoles.endDate,
    })
    .from(organisationRoles)
    .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
    .where(eq(organisationRoles.customerId, customerId))
    .orderBy(desc(organisationRoles.startDate));
  const invoiceRows = await q
    .select()
    .from(invoices)
    .where(eq(invoices.customerId, customerId))
    .orderBy(desc(invoices.issuedAt), desc(invoices.invoiceNumber));
  const objections = await q
    .select({ purpose: marketingObjections.purpose })
    .from(marketingObjections)
    .where(and(eq(marketingObjections.customerId, customerId), eq(marketingObjections.objected, true)));
  const events = await q
    .select({ purpose: marketingEvents.purpose, at: marketingEvents.at, channel: marketingEvents.channel })
    .from(marketingEvents)
    .where(and(eq(marketingEvents.customerId, customerId), eq(marketingEvents.toObjected, true)))
    .orderBy(desc(marketingEvents.at));
  const customer = await q
    .select({ end: customers.relationshipEnd, language: customers.language })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();

  return {
    holds,
    roles: roles.map((r) => ({ ...r, active: r.endDate === null || r.endDate >= today })),
    invoices: invoiceRows.map((i) => ({
      id: i.id,
      invoiceNumber: i.invoiceNumber,
      issuedAt: i.issuedAt,
      amountCents: i.amountCents,
      currency: i.currency,
      state: i.status === "open" ? (i.inCollection ? "in_collection" : "open") : i.status,
      collectionAgency: i.inCollection ? i.collectionAgency : null,
      paidAt: i.paidAt,
      writtenOffOn: i.writtenOffOn,
      pendingApprovalId: pendingFor(i.id),
    })),
    // The objection as it stands, with the channel and day of the change that made it (portal, staff, an import…).
    objections: objections.map(({ purpose }) => {
      const made = events.find((e) => e.purpose === purpose);
      return { purpose, since: made ? iso(made.at) : null, channel: made?.channel ?? null };
    }),
    relationshipEnd: customer?.end ?? null,
    mailLanguage: customer?.language ?? null,
  };
}
