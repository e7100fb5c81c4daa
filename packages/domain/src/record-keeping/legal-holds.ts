import { z } from "zod";
import { dataCategoryIds } from "../register/ids.ts";

/*
 * Legal holds (issue 12): set by staff or a connected system with a reason, a reference and an optional last day;
 * cleared with a reason. Staff and the integration API validate with these same schemas.
 */

const reason = z.string().trim().min(3, "reason_required").max(1000, "too_long");

export const legalHoldSetSchema = z.strictObject({
  reason,
  /** The case, the authority's decision or the dispute the hold is for. */
  reference: z.string().trim().max(200, "too_long").nullable().default(null),
  /** The last day the hold applies; null: until cleared. */
  endsOn: z.iso.date("date_invalid").nullable().default(null),
  /**
   * Issue 14 A: the data categories the hold keeps through an erasure (the rest is erased); null or left out: every
   * category, as holds did before they named their data.
   */
  keeps: z
    .array(z.enum(dataCategoryIds, "hold_keeps_invalid"))
    .min(1, "hold_keeps_invalid")
    .refine((k) => new Set(k).size === k.length, "hold_keeps_invalid")
    .nullable()
    .default(null),
});
export type LegalHoldSetInput = z.infer<typeof legalHoldSetSchema>;

export const legalHoldClearSchema = z.strictObject({ reason });
export type LegalHoldClearInput = z.infer<typeof legalHoldClearSchema>;

/** Whether a hold applies on `today` (YYYY-MM-DD): set, not cleared, and not past its last day. */
export function legalHoldApplies(hold: { clearedAt: number | null; endsOn: string | null }, today: string): boolean {
  return hold.clearedAt === null && (hold.endsOn === null || hold.endsOn >= today);
}
