import { describe, expect, it } from "vitest";
import { restrictionGrounds } from "./request-model.ts";
import {
  checkCorrectionUnderRestriction,
  checkLiftReason,
  liftReasonsByGround,
  liftRestrictionInputSchema,
  restrictionLiftReasonNames,
  restrictionLiftReasons,
} from "./restriction-rules.ts";

describe("a correction under a restriction (Art. 16 with Art. 18)", () => {
  it("is allowed and ends nothing when no restriction is in force", () => {
    expect(checkCorrectionUnderRestriction([])).toEqual({ allowed: true, ends: [] });
  });

  it("is allowed under contested accuracy and ends that restriction", () => {
    expect(checkCorrectionUnderRestriction([{ id: "r1", ground: "accuracyContested" }])).toEqual({
      allowed: true,
      ends: ["r1"],
    });
  });

  it.each(["unlawfulProcessing", "legalClaim", "objectionPending"] as const)("is refused under %s", (ground) => {
    expect(checkCorrectionUnderRestriction([{ id: "r1", ground }])).toEqual({
      allowed: false,
      reason: "correction_restricted",
      blockingGrounds: [ground],
    });
  });

  it("is refused when another ground is in force beside contested accuracy, ending nothing", () => {
    expect(
      checkCorrectionUnderRestriction([
        { id: "r1", ground: "accuracyContested" },
        { id: "r2", ground: "legalClaim" },
      ]),
    ).toEqual({ allowed: false, reason: "correction_restricted", blockingGrounds: ["legalClaim"] });
  });
});

describe("lifting a restriction", () => {
  it("requires a known reason", () => {
    expect(liftRestrictionInputSchema.parse({ reason: "customerRequested" })).toEqual({ reason: "customerRequested" });
    for (const body of [{}, { reason: "" }, { reason: "because" }, { reason: null }]) {
      const parsed = liftRestrictionInputSchema.safeParse(body);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("lift_reason_required");
    }
  });

  it("takes only a reason that fits the ground; a correction's end is never chosen by hand", () => {
    expect(checkLiftReason("accuracyContested", "accuracyVerified")).toEqual({ allowed: true });
    expect(checkLiftReason("legalClaim", "accuracyVerified")).toEqual({
      allowed: false,
      reason: "lift_reason_invalid",
    });
    for (const ground of restrictionGrounds) {
      expect(checkLiftReason(ground, "customerRequested")).toEqual({ allowed: true });
      expect(checkLiftReason(ground, "correctionApplied").allowed).toBe(false);
      expect(liftReasonsByGround[ground].length).toBeGreaterThan(1);
    }
  });

  it("names every reason in Finnish and English", () => {
    for (const reason of restrictionLiftReasons) {
      expect(restrictionLiftReasonNames[reason].fi).not.toBe("");
      expect(restrictionLiftReasonNames[reason].en).not.toBe("");
    }
  });
});
