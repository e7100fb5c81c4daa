/*
 * The vocabulary of "data in" (issue 12): how data reaches the register from the controller's connected systems,
 * defined once. The interchange format itself is interchange.ts.
 */

/** The inbound paths. Each acts as one connected system and goes through the same service code. */
export const inboundChannels = ["import", "api", "updateService"] as const;
export type InboundChannel = (typeof inboundChannels)[number];

/** The files a run can carry: customers as CSV, full records as JSON Lines, an update service's changes as CSV. */
export const importKinds = ["customers_csv", "records_jsonl", "update_service_csv"] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * A run's life: `validating` (pass one), `refused` (the file has errors and `--accept-valid` was not given: nothing
 * written), `validated` (a dry run's end), `applying`, `interrupted` (stopped before the end: rerun the same file to
 * finish it), `done`.
 */
export const importStates = ["validating", "refused", "validated", "applying", "interrupted", "done"] as const;
export type ImportState = (typeof importStates)[number];

/**
 * What a row could not simply apply: `refused` (invalid), `conflict` (a field the customer or staff changed after
 * the incoming value's time was kept), `duplicate` (its e-mail belongs to a customer known under another system),
 * `erased` (its e-mail belongs to an erased customer).
 */
export const inboundIssueKinds = ["refused", "conflict", "duplicate", "erased"] as const;
export type InboundIssueKind = (typeof inboundIssueKinds)[number];

/** The outcome of one row or record, as counted in a report. */
export const rowOutcomes = ["new", "changed", "unchanged", "conflict", "duplicate", "erased", "refused"] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

/** What an API client may do; a call outside its scopes gets 403. */
export const integrationScopes = [
  "customers:write",
  "orders:write",
  "invoices:write",
  "objections:write",
  "holds:write",
  "register:read",
] as const;
export type IntegrationScope = (typeof integrationScopes)[number];

/** Staff operations that can clear an erasure blocker: an agent's needs an admin's or a second person's approval. */
export const approvalOperations = [
  "legal_hold.clear",
  "invoice.paid",
  "invoice.written_off",
  // Issue 14 D: executing an erasure staff registered themselves, or one whose blocker the same person cleared.
  "erasure.execute",
] as const;
export type ApprovalOperation = (typeof approvalOperations)[number];
