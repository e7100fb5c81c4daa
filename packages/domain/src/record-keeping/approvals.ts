import type { ApprovalOperation } from "../ingest/inbound.ts";
import type { StaffRoleName } from "../staff/staff-roles.ts";
import type { StaffInvoiceOutcome } from "./staff-facts.ts";

/*
 * Four eyes (issue 12): an operation that can clear an erasure blocker — clearing a legal hold, marking an invoice
 * paid or written off — is done by an admin at once, or asked by an agent and done when a second staff member
 * approves it. The approver is never the requester; any admin or another agent may approve. Every other
 * record-keeping operation (setting a hold, debt collection, ending a role or the relationship) only adds a
 * blocker or a date and runs at once for both roles. The BFF asks these functions; docs/security.md's table says
 * the same and its test reads both.
 */

/** The approval operation an invoice outcome is, or null: debt collection keeps the invoice open (still a blocker). */
export function invoiceApprovalOperation(outcome: StaffInvoiceOutcome): ApprovalOperation | null {
  if (outcome === "paid") return "invoice.paid";
  if (outcome === "written_off") return "invoice.written_off";
  return null;
}

/** Whether a staff member of this role does the operation at once; false: it waits for a second person. */
export function runsWithoutApproval(role: StaffRoleName, operation: ApprovalOperation | null): boolean {
  // Issue 14 D: an erasure staff registered themselves (or whose blocker the same person cleared) waits for a
  // second person whatever the role; the BFF asks only in those cases.
  if (operation === "erasure.execute") return false;
  return operation === null || role === "admin";
}

export type ApprovalDecisionVerdict =
  | { ok: true }
  | { ok: false; code: "approval_own_request" | "approval_decided" | "forbidden" };

/**
 * Whether `decider` may approve or reject the pending approval: it must still be open, and the decider must be
 * another person of a role that may approve (both roles may, admins and agents alike).
 */
export function mayDecideApproval(
  approval: { requestedBy: string; decidedAt: number | null },
  decider: { id: string; role: StaffRoleName },
): ApprovalDecisionVerdict {
  if (approval.decidedAt !== null) return { ok: false, code: "approval_decided" };
  if (!approverRoles.includes(decider.role)) return { ok: false, code: "forbidden" };
  if (approval.requestedBy === decider.id) return { ok: false, code: "approval_own_request" };
  return { ok: true };
}

/** The roles that may approve another person's request. */
export const approverRoles: readonly StaffRoleName[] = ["agent", "admin"];
