import { z } from "zod";
import { legalHoldClearSchema, legalHoldSetSchema } from "./legal-holds.ts";

/*
 * What staff record by hand (issue 12, "staff record-keeping", part E2): legal holds, an invoice's payment,
 * collection or write-off, the end of an organisation role and of the customer relationship, and the decision on
 * an approval. Every input carries the reason the audit trail and the record keep. The legal hold's schemas are
 * the integration API's own (legal-holds.ts), so staff and a connected system validate a hold the same way.
 */

const reason = z.string().trim().min(3, "reason_required").max(1000, "too_long");
const isoDate = z.iso.date("date_invalid");

/** A legal hold set by staff: reason, reference and optional last day (legal-holds.ts). */
export const staffHoldSetSchema = legalHoldSetSchema;
export type StaffHoldSetInput = z.infer<typeof staffHoldSetSchema>;

/** A legal hold cleared by staff, with its reason; an agent's clearing waits for an approval. */
export const staffHoldClearSchema = legalHoldClearSchema;
export type StaffHoldClearInput = z.infer<typeof staffHoldClearSchema>;

/**
 * The states staff record on an open invoice: paid (on a day), sent to debt collection (the agency's name; the
 * invoice stays open), written off (on a day).
 */
export const staffInvoiceOutcomes = ["paid", "in_collection", "written_off"] as const;
export type StaffInvoiceOutcome = (typeof staffInvoiceOutcomes)[number];

/**
 * One flat form for the three outcomes: `on` is the day of payment or write-off, `agency` the collection agency.
 * A field the outcome does not use must be left empty, so nothing unseen is stored.
 */
export const invoiceStatusRecordSchema = z
  .strictObject({
    status: z.enum(staffInvoiceOutcomes, "status_invalid"),
    on: isoDate.nullable().default(null),
    agency: z.string().trim().max(200, "too_long").nullable().default(null),
    reason,
  })
  .superRefine((input, ctx) => {
    if (input.status === "in_collection") {
      if (!input.agency) ctx.addIssue({ code: "custom", message: "collection_agency_required", path: ["agency"] });
      if (input.on !== null) ctx.addIssue({ code: "custom", message: "invalid_input", path: ["on"] });
    } else {
      if (!input.on) {
        const code = input.status === "paid" ? "paid_on_required" : "written_off_on_required";
        ctx.addIssue({ code: "custom", message: code, path: ["on"] });
      }
      if (input.agency) ctx.addIssue({ code: "custom", message: "invalid_input", path: ["agency"] });
    }
  });
export type InvoiceStatusRecordInput = z.infer<typeof invoiceStatusRecordSchema>;

/** The end of an organisation role: the last day, which may be in the future (the role blocks erasure until then). */
export const roleEndSchema = z.strictObject({ endDate: isoDate, reason });
export type RoleEndInput = z.infer<typeof roleEndSchema>;

/** The recorded end of the customer relationship (lifecycle: the recorded value wins over the derived one). */
export const relationshipEndSchema = z.strictObject({ endDate: isoDate, reason });
export type RelationshipEndInput = z.infer<typeof relationshipEndSchema>;

/** Turning down an agent's request: the requester sees why. */
export const approvalRejectSchema = z.strictObject({ reason });
export type ApprovalRejectInput = z.infer<typeof approvalRejectSchema>;
