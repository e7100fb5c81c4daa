import {
  type CreateRequestInput,
  checkExtension,
  type ErrorCode,
  helsinkiDate,
  isPending,
  type NotificationParty,
  type RequestChannel,
} from "@tietoni/domain";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/port.ts";
import { correctionNotifications, requestEvents, requests, staffUsers } from "../../db/schema.ts";
import { appendAudit, type StaffActor } from "../audit.ts";
import { insertRequest } from "../requests.ts";
import { applyCorrection } from "./apply-correction.ts";
import { findRequest, loadNotifications } from "./request-detail.ts";

/*
 * Every step staff take on a request. Each runs in one transaction: the state check, the change, the request's
 * history and the audit entry commit together or not at all, and a refused step changes nothing.
 */


export type DeskFailure = { ok: false; status: 400 | 404 | 409; code: ErrorCode; path?: string };
export type DeskResult<T extends object = object> = ({ ok: true } & T) | DeskFailure;

type RequestRow = typeof requests.$inferSelect;

const fail = (status: DeskFailure["status"], code: ErrorCode, path?: string): DeskFailure => ({
  ok: false,
  status,
  code,
  ...(path ? { path } : {}),
});
const notFound = () => fail(404, "not_found");
const invalidState = () => fail(409, "invalid_state");

/** Runs `fn` in a transaction and rolls it back when it answers with a failure, so nothing half-done remains. */
function transact<T extends object>(db: Db, fn: (tx: Tx) => DeskResult<T>): DeskResult<T> {
  const refused: { failure: DeskFailure | null } = { failure: null };
  try {
    return db.transaction((tx) => {
      const result = fn(tx);
      if (!result.ok) {
        refused.failure = result;
        tx.rollback();
      }
      return result;
    });
  } catch (err) {
    if (refused.failure) return refused.failure;
    throw err;
  }
}

/** Loads the request inside the transaction, so its state cannot change between the check and the write. */
function onRequest<T extends object>(
  db: Db,
  id: string,
  fn: (tx: Tx, row: RequestRow) => DeskResult<T>,
): DeskResult<T> {
  return transact(db, (tx) => {
    const row = findRequest(tx, id);
    return row ? fn(tx, row) : notFound();
  });
}

function event(
  tx: Tx,
  row: RequestRow,
  actor: StaffActor,
  now: number,
  e: { event: string; note?: string | null; internal?: boolean },
) {
  tx.insert(requestEvents)
    .values({
      requestId: row.id,
      at: now,
      actorType: "staff",
      actorId: actor.id,
      event: e.event,
      note: e.note ?? null,
      internal: e.internal ?? false,
    })
    .run();
}

function audit(tx: Tx, row: RequestRow, actor: StaffActor, now: number, action: string, detail = {}) {
  appendAudit(
    tx,
    {
      actor: { type: "staff", id: actor.id, role: actor.role },
      action,
      customerId: row.customerId,
      detail: { requestId: row.id, ...detail },
      ip: actor.ip,
    },
    now,
  );
}

/** Types whose decision belongs to this desk; restriction and erasure are carried out by the operations routes. */
const decidedHere = (type: RequestRow["type"]) => type === "access" || type === "objection" || type === "other";

export function activeStaffMember(db: Pick<Db, "select">, id: string) {
  return (
    db
      .select({ id: staffUsers.id, displayName: staffUsers.displayName })
      .from(staffUsers)
      .where(and(eq(staffUsers.id, id), isNull(staffUsers.disabledAt), isNotNull(staffUsers.confidentialitySignedOn)))
      .get() ?? null
  );
}

export function registerPaperRequest(
  db: Db,
  actor: StaffActor,
  args: {
    customerId: string;
    channel: Exclude<RequestChannel, "portal">;
    receivedOn: string;
    input: CreateRequestInput;
  },
  now: number,
): DeskResult<{ id: string }> {
  return transact(db, (tx) => {
    const id = insertRequest(tx, {
      customerId: args.customerId,
      input: args.input,
      channel: args.channel,
      now,
      receivedOn: args.receivedOn,
      actor: { type: "staff", id: actor.id },
    });
    const row = findRequest(tx, id);
    if (!row) throw new Error("request vanished after insert");
    audit(tx, row, actor, now, "request.registered", {
      type: row.type,
      channel: row.channel,
      receivedOn: row.receivedOn,
    });
    return { ok: true, id };
  });
}

export function addNote(db: Db, id: string, actor: StaffActor, note: string, now: number): DeskResult {
  return onRequest(db, id, (tx, row) => {
    event(tx, row, actor, now, { event: "note", note, internal: true });
    // The note itself may name people; the trail keeps only that one was written.
    audit(tx, row, actor, now, "request.note.added");
    return { ok: true };
  });
}

export function assignRequest(
  db: Db,
  id: string,
  actor: StaffActor,
  staffUserId: string | null,
  now: number,
): DeskResult {
  return onRequest(db, id, (tx, row) => {
    if (!isPending(row.state)) return invalidState();
    const assignee = staffUserId === null ? null : activeStaffMember(tx, staffUserId);
    if (staffUserId !== null && !assignee) return fail(404, "not_found", "staffUserId");
    tx.update(requests)
      .set({ assignedTo: assignee?.id ?? null })
      .where(eq(requests.id, row.id))
      .run();
    event(tx, row, actor, now, { event: "assigned", note: assignee?.displayName ?? null, internal: true });
    audit(tx, row, actor, now, "request.assigned", { assignedTo: assignee?.id ?? null });
    return { ok: true };
  });
}

/** received → inProgress. Whoever starts an unassigned request takes it. */
export function startRequest(db: Db, id: string, actor: StaffActor, now: number): DeskResult {
  return onRequest(db, id, (tx, row) => {
    if (row.state !== "received") return invalidState();
    const takes = row.assignedTo === null;
    tx.update(requests)
      .set({ state: "inProgress", ...(takes ? { assignedTo: actor.id } : {}) })
      .where(eq(requests.id, row.id))
      .run();
    event(tx, row, actor, now, { event: "inProgress" });
    audit(tx, row, actor, now, "request.started", takes ? { assignedTo: actor.id } : {});
    return { ok: true };
  });
}

/** Art. 12(3): once, by one or two months, within the first month; the customer is told why (by the caller). */
export function extendRequest(
  db: Db,
  id: string,
  actor: StaffActor,
  input: { months: 1 | 2; reasons: string },
  now: number,
): DeskResult {
  return onRequest(db, id, (tx, row) => {
    const check = checkExtension(
      {
        state: row.state,
        receivedOn: row.receivedOn,
        dueOn: row.dueOn,
        extendedAt: row.extendedAt === null ? null : new Date(row.extendedAt).toISOString(),
      },
      input.months,
      helsinkiDate(now),
    );
    if (!check.allowed) return check.reason === "not_pending" ? invalidState() : fail(409, "extension_not_allowed");
    tx.update(requests)
      .set({
        state: "extended",
        dueOn: check.newDueOn,
        extensionMonths: input.months,
        extensionReasons: input.reasons,
        extendedAt: now,
      })
      .where(eq(requests.id, row.id))
      .run();
    event(tx, row, actor, now, { event: "extended", note: input.reasons });
    audit(tx, row, actor, now, "request.extended", { months: input.months, dueOn: check.newDueOn });
    return { ok: true };
  });
}

function decide(
  tx: Tx,
  row: RequestRow,
  actor: StaffActor,
  now: number,
  outcome: "completed" | "refused",
  reasons: string,
) {
  tx.update(requests)
    .set({ state: outcome, decisionOutcome: outcome, decisionReasons: reasons, decidedAt: now, decidedBy: actor.id })
    .where(eq(requests.id, row.id))
    .run();
  event(tx, row, actor, now, { event: outcome, note: reasons || null });
}

/** Any pending request may be refused; the written reasons go to the customer with the complaint route. */
export function refuseRequest(db: Db, id: string, actor: StaffActor, reasons: string, now: number): DeskResult {
  return onRequest(db, id, (tx, row) => {
    if (!isPending(row.state)) return invalidState();
    decide(tx, row, actor, now, "refused", reasons);
    audit(tx, row, actor, now, "request.refused", { type: row.type });
    return { ok: true };
  });
}

/** Applies the requested correction to the register and decides the request, all in one transaction. */
export function approveCorrection(db: Db, id: string, actor: StaffActor, now: number): DeskResult {
  return onRequest(db, id, (tx, row) => {
    if (!isPending(row.state) || row.type !== "rectification") return invalidState();
    if (row.correctionField === null || row.correctionNew === null) return invalidState();
    const applied = applyCorrection(tx, {
      customerId: row.customerId,
      field: row.correctionField,
      newValue: row.correctionNew,
      reason: row.correctionReason ?? "",
      requestId: row.id,
      staffId: actor.id,
      now,
    });
    if (!applied.ok) return fail(409, applied.code);
    decide(tx, row, actor, now, "completed", "");
    audit(tx, row, actor, now, "request.correction.approved", { field: row.correctionField });
    return { ok: true };
  });
}

/** Access, objection and other requests: answered outside the register, then recorded as completed here. */
export function completeRequest(db: Db, id: string, actor: StaffActor, note: string, now: number): DeskResult {
  return onRequest(db, id, (tx, row) => {
    if (!isPending(row.state) || !decidedHere(row.type)) return invalidState();
    decide(tx, row, actor, now, "completed", note);
    audit(tx, row, actor, now, "request.completed", { type: row.type });
    return { ok: true };
  });
}

/** Art. 19: records that one party was told of an approved correction. */
export function confirmNotification(
  db: Db,
  id: string,
  actor: StaffActor,
  party: { partyKind: NotificationParty["kind"]; partyId: string },
  now: number,
): DeskResult {
  return onRequest(db, id, (tx, row) => {
    // Parties are told of a correction that was made, not of one that may yet be refused.
    if (row.type !== "rectification" || row.decisionOutcome !== "completed") return invalidState();
    const notifications = loadNotifications(tx, row);
    const known = notifications?.parties.some((p) => p.kind === party.partyKind && p.id === party.partyId);
    if (!known) return fail(400, "invalid_input", "partyId");
    const already = notifications?.confirmed.some(
      (n) => n.partyKind === party.partyKind && n.partyId === party.partyId,
    );
    if (already) return fail(409, "already_notified");
    tx.insert(correctionNotifications)
      .values({
        requestId: row.id,
        partyKind: party.partyKind,
        partyId: party.partyId,
        notifiedAt: now,
        notifiedBy: actor.id,
      })
      .run();
    event(tx, row, actor, now, { event: "notified", note: `${party.partyKind}:${party.partyId}`, internal: true });
    audit(tx, row, actor, now, "request.notification.confirmed", {
      partyKind: party.partyKind,
      partyId: party.partyId,
    });
    return { ok: true };
  });
}
