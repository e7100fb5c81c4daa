import {
  erasureFourEyesGround,
  type FourEyesGround,
  type FourEyesSwitchInput,
  fourEyesInEffect,
  iso,
  mayWaiveFourEyes,
  type RequestView,
} from "@tietoni/domain";
import { and, eq, gte, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import { auditLog, fourEyesPolicy, requestEvents, staffUsers } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { executeErasure, type PartialOutcome } from "./erasure.ts";
import { pendingOperationRequest } from "./restriction.ts";
import { fail, type Result, transact } from "./result.ts";
import { openApprovalFor, requestApproval } from "./staff-facts.ts";

/*
 * Four eyes for the irreversible (issue 14 D): the erasure's check before it runs, and the switch a staff of one
 * may turn off. The rules are packages/domain record-keeping/four-eyes.ts; this file gathers their facts in the
 * transaction of the act, so nothing can change between the check and the erasure.
 */

/** Staff who can act: not disabled, commitment signed, not waiting for an admin approval. */
export async function activeStaffCount(q: Queries): Promise<number> {
  const rows = await q
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(
      and(
        isNull(staffUsers.disabledAt),
        isNotNull(staffUsers.confidentialitySignedOn),
        eq(staffUsers.approvalPending, false),
      ),
    );
  return rows.length;
}

async function storedPolicy(q: Queries) {
  return (await q.select().from(fourEyesPolicy).where(eq(fourEyesPolicy.id, 1)).get()) ?? null;
}

export type FourEyesView = {
  /** As stored: switched on (or never switched) or off. */
  enabled: boolean;
  /** Whether it applies now: an off switch stops counting once a second active staff member exists. */
  inEffect: boolean;
  /** Whether an admin may switch it off now (fewer than two active staff members). */
  mayTurnOff: boolean;
  activeStaff: number;
  reason: string | null;
  changedBy: string | null;
  changedAt: string | null;
};

export async function loadFourEyes(db: Db): Promise<FourEyesView> {
  return db.read(async (r) => {
    const policy = await storedPolicy(r);
    const activeStaff = await activeStaffCount(r);
    const changer = policy?.changedBy
      ? await r
          .select({ name: staffUsers.displayName })
          .from(staffUsers)
          .where(eq(staffUsers.id, policy.changedBy))
          .get()
      : undefined;
    return {
      enabled: policy?.enabled ?? true,
      inEffect: fourEyesInEffect(policy, activeStaff),
      mayTurnOff: mayWaiveFourEyes(activeStaff),
      activeStaff,
      reason: policy?.reason ?? null,
      changedBy: changer?.name ?? null,
      changedAt: policy?.changedAt ? iso(policy.changedAt) : null,
    };
  });
}

/**
 * An admin switches four eyes off (with a reason; refused while two or more active staff exist, so it cannot be
 * used to go around a colleague) or on again. Audited `four_eyes.changed`; the reason is the admin's own words
 * about the firm, kept in the policy row, and only its length goes to the trail.
 */
export function setFourEyes(
  db: Db,
  actor: StaffActor,
  input: FourEyesSwitchInput,
  now: number,
): Promise<Result<{ fourEyes: { enabled: boolean } }>> {
  return transact(db, async (tx) => {
    const activeStaff = await activeStaffCount(tx);
    if (!input.enabled && !mayWaiveFourEyes(activeStaff)) return fail(409, "four_eyes_colleagues_present");
    const previous = await storedPolicy(tx);
    const row = { enabled: input.enabled, reason: input.reason ?? null, changedBy: actor.id, changedAt: now };
    await tx
      .insert(fourEyesPolicy)
      .values({ id: 1, ...row })
      .onConflictDoUpdate({ target: fourEyesPolicy.id, set: row });
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "four_eyes.changed",
        detail: { enabled: input.enabled, previouslyEnabled: previous?.enabled ?? true, activeStaff },
      }),
      now,
    );
    return { ok: true, fourEyes: { enabled: input.enabled } };
  });
}

/** Who registered the request, when staff did (the portal's requests have a customer as their first actor). */
async function registeredBy(q: Queries, requestId: string): Promise<string | null> {
  const received = await q
    .select({ actorType: requestEvents.actorType, actorId: requestEvents.actorId })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.event, "received")))
    .get();
  return received?.actorType === "staff" ? received.actorId : null;
}

const clearingOperations = ["legal_hold.clear", "invoice.paid", "invoice.written_off"];

/**
 * Everyone who took part in clearing one of the customer's erasure blockers since the request came in: cleared a
 * legal hold, marked an invoice paid or written off, or asked for or approved either. Read from the audit trail,
 * the one record of who did them (an invoice keeps no "by").
 */
async function blockerClearedBy(q: Queries, customerId: string, since: number): Promise<string[]> {
  const rows = await q
    .select({ action: auditLog.action, actorId: auditLog.actorId, detail: auditLog.detail })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.customerId, customerId),
        gte(auditLog.at, since),
        inArray(auditLog.action, ["legal_hold.cleared", "invoice.status_recorded", "approval.decided"]),
      ),
    );
  const people = new Set<string>();
  for (const row of rows) {
    const detail = JSON.parse(row.detail) as Record<string, unknown>;
    const clears =
      row.action === "legal_hold.cleared" ||
      (row.action === "invoice.status_recorded" && (detail.status === "paid" || detail.status === "written_off")) ||
      (row.action === "approval.decided" &&
        detail.outcome === "approved" &&
        clearingOperations.includes(String(detail.operation)));
    if (!clears) continue;
    if (row.actorId) people.add(row.actorId);
    if (typeof detail.requestedBy === "string") people.add(detail.requestedBy);
  }
  return [...people];
}

export type ErasureOutcome =
  | { outcome: "done"; request: RequestView; suppressed: boolean; partial: PartialOutcome | null }
  | { outcome: "pending"; approvalId: string; ground: FourEyesGround };

/**
 * Executes an erasure, or, when the executor registered it or cleared its blocker, queues it for a second person
 * (`erasure.execute`; the approver runs it, decideApproval). While four eyes is off (a staff of one) it runs at
 * once and the trail says so (`four_eyes.waived`). Refused while an approval of it already waits.
 */
export function executeErasureWithFourEyes(
  deps: Pick<Deps, "db" | "mail" | "env" | "outbox">,
  requestId: string,
  actor: StaffActor,
  now: number,
): Promise<Result<ErasureOutcome>> {
  return transact(deps.db, async (tx): Promise<Result<ErasureOutcome>> => {
    const pending = await pendingOperationRequest(tx, requestId, "erasure");
    if (!pending.ok) return pending;
    const { row } = pending;
    if (await openApprovalFor(tx, row.customerId, requestId)) return fail(409, "approval_pending");
    const ground = erasureFourEyesGround(
      {
        registeredBy: await registeredBy(tx, requestId),
        blockerClearedBy: await blockerClearedBy(tx, row.customerId, row.createdAt),
      },
      actor.id,
    );
    if (ground !== null) {
      if (fourEyesInEffect(await storedPolicy(tx), await activeStaffCount(tx))) {
        const queued = await requestApproval(
          tx,
          row.customerId,
          "erasure.execute",
          { target: requestId, input: { requestId } },
          // The reason shown in the queue: the rule's ground, translated by the staff app.
          ground,
          actor,
          now,
        );
        if (!queued.ok) return queued;
        if (queued.outcome !== "pending") throw new Error("an approval request did not queue");
        return { ok: true, outcome: "pending", approvalId: queued.approvalId, ground };
      }
      await appendAudit(
        tx,
        byStaff(actor, {
          action: "four_eyes.waived",
          customerId: row.customerId,
          detail: { operation: "erasure.execute", requestId, ground, fourEyes: "off" },
        }),
        now,
      );
    }
    const done = await executeErasure(deps, requestId, actor, now, tx);
    if (!done.ok) return done;
    return { ok: true, outcome: "done", request: done.request, suppressed: done.suppressed, partial: done.partial };
  });
}
