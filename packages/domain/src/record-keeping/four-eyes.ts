import { z } from "zod";
import type { StaffRoleName } from "../staff/staff-roles.ts";

/*
 * Four eyes for the irreversible (issue 14 D). An erasure cannot be undone, so one person must not be able to
 * both set it up and carry it out:
 * - an erasure request staff registered (on paper or by e-mail) may be executed at once by anyone but the person
 *   who registered it; the registrant's own execution waits for a second person. Another staff member executing
 *   it IS the second pair of eyes, so not every staff-registered request needs an approval round.
 * - an erasure whose blocker (a legal hold cleared, an invoice marked paid or written off) the executor cleared,
 *   asked to clear or approved clearing while the request was pending waits for a second person too.
 * A staff of one cannot have a second person: an admin may switch four eyes off with a written reason, but only
 * while fewer than two active staff members exist, and the switch stops counting the moment a second one does, so
 * it can never be used to go around a colleague.
 */

/** Why an erasure waits for a second person, or null when the executor may carry it out alone. */
export type FourEyesGround = "registrant" | "cleared_blocker";

export function erasureFourEyesGround(
  facts: { registeredBy: string | null; blockerClearedBy: readonly string[] },
  executorId: string,
): FourEyesGround | null {
  if (facts.registeredBy === executorId) return "registrant";
  if (facts.blockerClearedBy.includes(executorId)) return "cleared_blocker";
  return null;
}

/** Below this many active staff members four eyes may be switched off: there is no second person to ask. */
export const FOUR_EYES_MIN_STAFF = 2;

/** Whether an admin may switch four eyes off now. */
export function mayWaiveFourEyes(activeStaff: number): boolean {
  return activeStaff < FOUR_EYES_MIN_STAFF;
}

/**
 * Whether four eyes applies: always, unless switched off AND there is still no second active staff member (a
 * switch made by a one-person staff does not outlive the hiring of a second).
 */
export function fourEyesInEffect(policy: { enabled: boolean } | null, activeStaff: number): boolean {
  return policy === null || policy.enabled || !mayWaiveFourEyes(activeStaff);
}

/** The least a reason for switching four eyes off must say. */
export const FOUR_EYES_REASON_MIN = 10;

/** An admin's switch: off needs a written reason (kept in the policy row and in the audit trail). */
export const fourEyesSwitchSchema = z
  .object({
    enabled: z.boolean(),
    reason: z.string().trim().max(500, "too_long").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.enabled && (v.reason ?? "").length < FOUR_EYES_REASON_MIN) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "four_eyes_reason_required" });
    }
  });
export type FourEyesSwitchInput = z.infer<typeof fourEyesSwitchSchema>;

/*
 * Administrators: one admin cannot make another alone. In the staff app a new administrator (created, or an
 * account's role changed to admin) waits until a second admin approves; while only one active admin exists there
 * is no second to approve, so the app refuses and the second admin is created from the command line (server
 * access), audited with the system as the actor. The command line makes the first and the second admin only.
 */

/** What creating an administrator in the staff app does, given the active admins (not waiting themselves). */
export function adminCreationInApp(activeAdmins: number): "pending" | "refused" {
  return activeAdmins >= 2 ? "pending" : "refused";
}

/** What the command line may do, given the active admins: the first, the second, nothing beyond. */
export function adminCreationByCli(activeAdmins: number): "first" | "second" | "refused" {
  if (activeAdmins === 0) return "first";
  if (activeAdmins === 1) return "second";
  return "refused";
}

export type AdminApprovalVerdict = { ok: true } | { ok: false; code: "approval_own_request" | "forbidden" };

/** A waiting admin is approved by another active admin: never by the one who made them admin, nor themselves. */
export function mayApproveAdmin(
  pending: { id: string; requestedBy: string | null },
  approver: { id: string; role: StaffRoleName },
): AdminApprovalVerdict {
  if (approver.role !== "admin") return { ok: false, code: "forbidden" };
  if (approver.id === pending.id || approver.id === pending.requestedBy) {
    return { ok: false, code: "approval_own_request" };
  }
  return { ok: true };
}
