import {
  type AuditAction,
  allowsOnlyOnePending,
  type CreateRequestInput,
  checkCorrectionUnderRestriction,
  checkExtension,
  decidedOnDesk,
  fieldCategory,
  helsinkiDate,
  iso,
  isPending,
  type Locale,
  type MailTemplate,
  type RequestChannel,
  type RequestView,
} from "@tietoni/domain";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/port.ts";
import { requestEvents, requests } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import {
  correctionApprovedMail,
  requestCompletedMail,
  requestExtendedMail,
  requestRefusedMail,
} from "../../mail/decision-templates.ts";
import type { MailMessage } from "../../mail/mailer.ts";
import { requestReceivedMail } from "../../mail/request-templates.ts";
import { customerMailLanguage } from "../../notice/notice.ts";
import { appendAudit, byStaff, type StaffActor } from "../audit.ts";
import { findActiveCustomer } from "../customer-record.ts";
import { emitCustomerEvent } from "../outbox/events.ts";
import { hasPendingRequestOfType, insertRequest, loadRequestView } from "../requests.ts";
import { endRestrictionsByCorrection, restrictionsInForce } from "../restriction.ts";
import { fail, invalidState, notFound, type Result, transact } from "../result.ts";
import { applyCorrection } from "./apply-correction.ts";
import { findRequest } from "./request-detail.ts";
import { activeStaffMember } from "./staff-members.ts";

/*
 * Every step staff take on a request. Each runs in one transaction: the state check, the change, the request's
 * history, the audit entry and the notice to the customer commit together or not at all, and a refused step
 * changes nothing. Notices are queued in the transaction and leave after the commit: a mail failure cannot undo
 * a decision that was made, and no notice announces one that was not.
 */

type RequestRow = typeof requests.$inferSelect;
type DeskDeps = Pick<Deps, "db" | "mail">;
type Answer = Result<{ request: RequestView }>;

/** Loads the request inside the transaction, so its state cannot change between the check and the write. */
function onRequest<T extends object>(
  db: Db,
  id: string,
  fn: (tx: Tx, row: RequestRow) => Promise<Result<T>>,
): Promise<Result<T>> {
  return transact(db, async (tx) => {
    const row = await findRequest(tx, id);
    return row ? fn(tx, row) : notFound();
  });
}

/** The request as the step left it, with the step's notice queued to the customer's address (if they have one). */
async function answer(
  tx: Tx,
  row: RequestRow,
  notice?: {
    mail: DeskDeps["mail"];
    template: MailTemplate;
    message: (to: string, locale: Locale, request: RequestView) => MailMessage;
  },
): Promise<Answer> {
  const request = await loadRequestView(tx, row.id);
  if (!request) throw new Error("request vanished after a decision");
  if (notice) {
    const customer = await findActiveCustomer(tx, row.customerId);
    const to = customer?.email;
    if (to) {
      await notice.mail.enqueueMail(tx, notice.message(to, customerMailLanguage(customer.language), request), {
        template: notice.template,
        customerId: row.customerId,
        requestId: row.id,
        params: { requestId: row.id },
      });
    }
  }
  return { ok: true, request };
}

async function event(
  tx: Tx,
  row: RequestRow,
  actor: StaffActor,
  now: number,
  e: { event: string; note?: string | null; internal?: boolean },
) {
  await tx.insert(requestEvents).values({
    requestId: row.id,
    at: now,
    actorType: "staff",
    actorId: actor.id,
    event: e.event,
    note: e.note ?? null,
    internal: e.internal ?? false,
  });
}

function audit(tx: Tx, row: RequestRow, actor: StaffActor, now: number, action: AuditAction, detail = {}) {
  return appendAudit(
    tx,
    byStaff(actor, { action, customerId: row.customerId, detail: { requestId: row.id, ...detail } }),
    now,
  );
}

/**
 * Records the decision on a request and its history event, inside the caller's transaction: the desk's own
 * decisions and the operations (erasure, restriction) that complete a request. The event's note is the reasons
 * unless the caller gives another.
 */
export async function decide(
  tx: Tx,
  row: RequestRow,
  actor: StaffActor,
  now: number,
  outcome: "completed" | "refused",
  reasons: string,
  note: string | null = reasons || null,
) {
  await tx
    .update(requests)
    .set({ state: outcome, decisionOutcome: outcome, decisionReasons: reasons, decidedAt: now, decidedBy: actor.id })
    .where(eq(requests.id, row.id));
  await event(tx, row, actor, now, { event: outcome, note });
}

/**
 * A request that came on paper or by e-mail, for an active customer; at most one pending restriction or erasure
 * request per customer. The customer gets a receipt.
 */
export function registerPaperRequest(
  { db, mail }: DeskDeps,
  actor: StaffActor,
  args: {
    customerId: string;
    channel: Exclude<RequestChannel, "portal">;
    receivedOn: string;
    input: CreateRequestInput;
  },
  now: number,
): Promise<Answer> {
  return transact(db, async (tx) => {
    const customer = await findActiveCustomer(tx, args.customerId);
    if (!customer) return notFound();
    const { type } = args.input;
    if (allowsOnlyOnePending(type) && (await hasPendingRequestOfType(tx, customer.id, type))) {
      return fail(409, "request_pending");
    }
    const id = await insertRequest(tx, {
      customerId: customer.id,
      input: args.input,
      channel: args.channel,
      now,
      receivedOn: args.receivedOn,
      actor: { type: "staff", id: actor.id },
    });
    const row = await findRequest(tx, id);
    if (!row) throw new Error("request vanished after insert");
    await audit(tx, row, actor, now, "request.registered", {
      type: row.type,
      channel: row.channel,
      receivedOn: row.receivedOn,
    });
    return answer(tx, row, { mail, template: "request_received", message: requestReceivedMail });
  });
}

export function addNote(db: Db, id: string, actor: StaffActor, note: string, now: number): Promise<Result> {
  return onRequest(db, id, async (tx, row) => {
    await event(tx, row, actor, now, { event: "note", note, internal: true });
    // The note itself may name people; the trail keeps only that one was written.
    await audit(tx, row, actor, now, "request.note.added");
    return { ok: true };
  });
}

export function assignRequest(
  db: Db,
  id: string,
  actor: StaffActor,
  staffUserId: string | null,
  now: number,
): Promise<Answer> {
  return onRequest(db, id, async (tx, row) => {
    if (!isPending(row.state)) return invalidState();
    const assignee = staffUserId === null ? null : await activeStaffMember(tx, staffUserId);
    if (staffUserId !== null && !assignee) return fail(404, "not_found", "staffUserId");
    await tx
      .update(requests)
      .set({ assignedTo: assignee?.id ?? null })
      .where(eq(requests.id, row.id));
    await event(tx, row, actor, now, { event: "assigned", note: assignee?.displayName ?? null, internal: true });
    await audit(tx, row, actor, now, "request.assigned", { assignedTo: assignee?.id ?? null });
    return answer(tx, row);
  });
}

/** received → inProgress. Whoever starts an unassigned request takes it. */
export function startRequest(db: Db, id: string, actor: StaffActor, now: number): Promise<Answer> {
  return onRequest(db, id, async (tx, row) => {
    if (row.state !== "received") return invalidState();
    const takes = row.assignedTo === null;
    await tx
      .update(requests)
      .set({ state: "inProgress", ...(takes ? { assignedTo: actor.id } : {}) })
      .where(eq(requests.id, row.id));
    await event(tx, row, actor, now, { event: "inProgress" });
    await audit(tx, row, actor, now, "request.started", takes ? { assignedTo: actor.id } : {});
    return answer(tx, row);
  });
}

/** Art. 12(3): once, by one or two months, within the first month; the customer is told why. */
export function extendRequest(
  { db, mail }: DeskDeps,
  id: string,
  actor: StaffActor,
  input: { months: 1 | 2; reasons: string },
  now: number,
): Promise<Answer> {
  return onRequest(db, id, async (tx, row) => {
    const check = checkExtension(
      {
        state: row.state,
        receivedOn: row.receivedOn,
        dueOn: row.dueOn,
        extendedAt: row.extendedAt === null ? null : iso(row.extendedAt),
      },
      input.months,
      helsinkiDate(now),
    );
    if (!check.allowed) return check.reason === "not_pending" ? invalidState() : fail(409, "extension_not_allowed");
    await tx
      .update(requests)
      .set({
        state: "extended",
        dueOn: check.newDueOn,
        extensionMonths: input.months,
        extensionReasons: input.reasons,
        extendedAt: now,
      })
      .where(eq(requests.id, row.id));
    await event(tx, row, actor, now, { event: "extended", note: input.reasons });
    await audit(tx, row, actor, now, "request.extended", { months: input.months, dueOn: check.newDueOn });
    return answer(tx, row, { mail, template: "request_extended", message: requestExtendedMail });
  });
}

/** Any pending request may be refused; the written reasons go to the customer with the complaint route. */
export function refuseRequest(
  { db, mail }: DeskDeps,
  id: string,
  actor: StaffActor,
  reasons: string,
  now: number,
): Promise<Answer> {
  return onRequest(db, id, async (tx, row) => {
    if (!isPending(row.state)) return invalidState();
    await decide(tx, row, actor, now, "refused", reasons);
    await audit(tx, row, actor, now, "request.refused", { type: row.type });
    return answer(tx, row, { mail, template: "request_refused", message: requestRefusedMail });
  });
}

/**
 * Applies the requested correction to the register and decides the request, all in one transaction. A restricted
 * record is changed only where the restriction waits for this correction (checkCorrectionUnderRestriction): under
 * "accuracy contested" the correction is made and ends that restriction; under any other ground it is refused
 * (409 correction_restricted) and nothing changes.
 */
export function approveCorrection(
  { db, mail, outbox }: DeskDeps & Pick<Deps, "outbox">,
  id: string,
  actor: StaffActor,
  now: number,
): Promise<Answer> {
  const events = { outbox, now: () => now };
  return onRequest(db, id, async (tx, row) => {
    if (!isPending(row.state) || row.type !== "rectification") return invalidState();
    if (row.correctionField === null || row.correctionNew === null) return invalidState();
    const inForce = await restrictionsInForce(tx, row.customerId);
    const underRestriction = checkCorrectionUnderRestriction(inForce);
    if (!underRestriction.allowed) return fail(409, underRestriction.reason);
    const applied = await applyCorrection(tx, {
      customerId: row.customerId,
      field: row.correctionField,
      newValue: row.correctionNew,
      reason: row.correctionReason ?? "",
      requestId: row.id,
      staffId: actor.id,
      now,
    });
    if (!applied.ok) return fail(409, applied.code);
    await emitCustomerEvent(tx, events, {
      type: "customer.correction_applied",
      customerId: row.customerId,
      requestId: row.id,
      categories: [fieldCategory[row.correctionField]],
      fields: [row.correctionField],
    });
    await decide(tx, row, actor, now, "completed", "");
    await audit(tx, row, actor, now, "request.correction.approved", { field: row.correctionField });
    const ended = inForce.filter((r) => underRestriction.ends.includes(r.id));
    await endRestrictionsByCorrection(tx, events, ended, row.id, actor, now);
    const restrictionEnded = ended.length > 0;
    return answer(tx, row, {
      mail,
      template: "request_decision",
      message: (to, locale, request) => correctionApprovedMail(to, locale, request, { restrictionEnded }),
    });
  });
}

/** Access, objection and other requests: answered outside the register, then recorded as completed here. */
export function completeRequest(
  { db, mail }: DeskDeps,
  id: string,
  actor: StaffActor,
  note: string,
  now: number,
): Promise<Answer> {
  return onRequest(db, id, async (tx, row) => {
    if (!isPending(row.state) || !decidedOnDesk(row.type)) return invalidState();
    await decide(tx, row, actor, now, "completed", note);
    await audit(tx, row, actor, now, "request.completed", { type: row.type });
    return answer(tx, row, { mail, template: "request_decision", message: requestCompletedMail });
  });
}
