import { describe, expect, it } from "vitest";
import {
  adminCreationByCli,
  adminCreationInApp,
  erasureFourEyesGround,
  fourEyesInEffect,
  fourEyesSwitchSchema,
  mayApproveAdmin,
  mayWaiveFourEyes,
} from "./four-eyes.ts";

describe("four eyes for the irreversible", () => {
  it("makes the registrant's own execution of a staff-registered erasure wait, not another person's", () => {
    expect(erasureFourEyesGround({ registeredBy: "s1", blockerClearedBy: [] }, "s1")).toBe("registrant");
    expect(erasureFourEyesGround({ registeredBy: "s1", blockerClearedBy: [] }, "s2")).toBeNull();
    // A request the customer made in the portal has no staff registrant.
    expect(erasureFourEyesGround({ registeredBy: null, blockerClearedBy: [] }, "s1")).toBeNull();
  });

  it("makes an executor who cleared the customer's blocker wait", () => {
    expect(erasureFourEyesGround({ registeredBy: null, blockerClearedBy: ["s2", "s1"] }, "s1")).toBe("cleared_blocker");
    expect(erasureFourEyesGround({ registeredBy: null, blockerClearedBy: ["s2"] }, "s1")).toBeNull();
  });

  it("lets four eyes be off only while there is no second active staff member", () => {
    expect(mayWaiveFourEyes(1)).toBe(true);
    expect(mayWaiveFourEyes(2)).toBe(false);
    expect(fourEyesInEffect(null, 1)).toBe(true);
    expect(fourEyesInEffect({ enabled: false }, 1)).toBe(false);
    // Switched off by a staff of one, then a second person joined: on again.
    expect(fourEyesInEffect({ enabled: false }, 2)).toBe(true);
    expect(fourEyesInEffect({ enabled: true }, 1)).toBe(true);
  });

  it("needs a reason of ten characters to switch off, none to switch on", () => {
    expect(fourEyesSwitchSchema.safeParse({ enabled: false, reason: "yksin" }).success).toBe(false);
    expect(fourEyesSwitchSchema.safeParse({ enabled: false, reason: "Yhden hengen yritys" }).success).toBe(true);
    expect(fourEyesSwitchSchema.safeParse({ enabled: true }).success).toBe(true);
  });

  it("never lets one admin make another alone", () => {
    expect(adminCreationInApp(1)).toBe("refused");
    expect(adminCreationInApp(2)).toBe("pending");
    expect(adminCreationByCli(0)).toBe("first");
    expect(adminCreationByCli(1)).toBe("second");
    expect(adminCreationByCli(2)).toBe("refused");
    const pending = { id: "new", requestedBy: "a1" };
    expect(mayApproveAdmin(pending, { id: "a1", role: "admin" })).toEqual({ ok: false, code: "approval_own_request" });
    expect(mayApproveAdmin(pending, { id: "new", role: "admin" })).toEqual({ ok: false, code: "approval_own_request" });
    expect(mayApproveAdmin(pending, { id: "g1", role: "agent" })).toEqual({ ok: false, code: "forbidden" });
    expect(mayApproveAdmin(pending, { id: "a2", role: "admin" })).toEqual({ ok: true });
  });
});
