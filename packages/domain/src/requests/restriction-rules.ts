import { z } from "zod";
import type { Localized } from "../i18n/localized.ts";
import type { RestrictionGround } from "./request-model.ts";

/*
 * GDPR Art. 18 and Art. 16 together: what a restriction of processing allows to change, and why it ends.
 *
 * A restricted record is kept as it is (Art. 18(2)) — except where the change is what the restriction waits
 * for. Only the ground "accuracy contested" (Art. 18(1)(a)) waits for a correction: it lasts "for a period
 * enabling the controller to verify the accuracy", and approving the customer's own correction is that
 * verification's end, so the correction may be made and it ends that ground. Under the other grounds the
 * record is held as it is for another reason (a legal claim, a pending objection, data the customer keeps
 * instead of erasure), and a correction would alter exactly what is being held: refused, nothing changed.
 */

/*
 * Which requests a restricted customer may make: every kind. A restriction limits what the controller does with
 * the data, not the customer's other rights: they may ask for access (Art. 15), for a correction (Art. 16 — under
 * contested accuracy, the very thing the restriction waits for), for erasure (Art. 17; the erasure page still shows
 * what blocks it, and a restriction the customer asked for is not one of those grounds), or object (Art. 21).
 * A second restriction waits for the first (restriction_active when applied). What stays refused while restricted
 * is the customer's own direct edit of contact data and e-mail (checkDirectEdit, record_restricted): it would
 * change the restricted record without staff deciding whether the change is what the restriction waits for —
 * so a correction request, decided with checkCorrectionUnderRestriction below, takes its place.
 */

/** Why a restriction ended. Staff choose one when they lift it; `correctionApplied` is set only by the rule above. */
export const restrictionLiftReasons = [
  "accuracyVerified",
  "processingLawful",
  "legalClaimConcluded",
  "objectionDecided",
  "customerRequested",
  "correctionApplied",
] as const;
export type RestrictionLiftReason = (typeof restrictionLiftReasons)[number];

export function isRestrictionLiftReason(value: unknown): value is RestrictionLiftReason {
  return restrictionLiftReasons.some((r) => r === value);
}

/**
 * The reasons staff may give for lifting a restriction on each ground: the ground's own end (the Art. 18(1)
 * condition no longer holds) or the customer asking. `correctionApplied` is not among them: a correction ends a
 * restriction only through its approval, which records which request it was.
 */
export const liftReasonsByGround: Record<RestrictionGround, readonly RestrictionLiftReason[]> = {
  accuracyContested: ["accuracyVerified", "customerRequested"],
  unlawfulProcessing: ["processingLawful", "customerRequested"],
  legalClaim: ["legalClaimConcluded", "customerRequested"],
  objectionPending: ["objectionDecided", "customerRequested"],
};

/** What staff send to lift a restriction: a reason is required (the customer and the trail see it). */
export const liftRestrictionInputSchema = z.object({
  reason: z.enum(restrictionLiftReasons, { error: "lift_reason_required" }),
});
export type LiftRestrictionInput = z.infer<typeof liftRestrictionInputSchema>;

export type LiftReasonCheck = { allowed: true } | { allowed: false; reason: "lift_reason_invalid" };

/** Whether a staff-given reason fits the restriction's ground. */
export function checkLiftReason(ground: RestrictionGround, reason: RestrictionLiftReason): LiftReasonCheck {
  return liftReasonsByGround[ground].includes(reason)
    ? { allowed: true }
    : { allowed: false, reason: "lift_reason_invalid" };
}

export type CorrectionUnderRestriction =
  | { allowed: true; ends: string[] }
  | { allowed: false; reason: "correction_restricted"; blockingGrounds: RestrictionGround[] };

/**
 * Whether an approved correction may be written into a record with these restrictions in force, and which of
 * them it ends. No restriction: allowed, ends nothing. Only "accuracy contested": allowed, ends each of them.
 * Any other ground in force: refused, whatever else is in force beside it.
 */
export function checkCorrectionUnderRestriction(
  active: readonly { id: string; ground: RestrictionGround }[],
): CorrectionUnderRestriction {
  const blockingGrounds = active.filter((r) => r.ground !== "accuracyContested").map((r) => r.ground);
  if (blockingGrounds.length > 0) return { allowed: false, reason: "correction_restricted", blockingGrounds };
  return { allowed: true, ends: active.map((r) => r.id) };
}

export const restrictionLiftReasonNames: Record<RestrictionLiftReason, Localized> = {
  accuracyVerified: {
    fi: "Tietojen paikkansapitävyys on tarkistettu",
    en: "The accuracy of the data has been verified",
  },
  processingLawful: {
    fi: "Käsittely on todettu lainmukaiseksi",
    en: "The processing has been found lawful",
  },
  legalClaimConcluded: {
    fi: "Tietoja ei enää tarvita oikeusvaatimukseen",
    en: "The data are no longer needed for the legal claim",
  },
  objectionDecided: {
    fi: "Vastustus on ratkaistu",
    en: "The objection has been decided",
  },
  customerRequested: {
    fi: "Asiakas pyysi rajoituksen poistamista",
    en: "The customer asked for the restriction to be lifted",
  },
  correctionApplied: {
    fi: "Kiistetty tieto korjattiin asiakkaan korjauspyynnön mukaisesti",
    en: "The contested data was corrected as the customer asked",
  },
};
