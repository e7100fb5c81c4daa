import { describe, expect, it } from "vitest";
import { roleSecondFactorInputSchema, secondFactorRequired, staffSessionLimit } from "./staff-accounts.ts";

describe("secondFactorRequired", () => {
  it("requires a second factor of every role while no policy is stored", () => {
    expect(secondFactorRequired("agent", undefined)).toBe(true);
    expect(secondFactorRequired("admin", null)).toBe(true);
  });

  it("follows an admin's choice for agents, never for admins", () => {
    expect(secondFactorRequired("agent", { secondFactorRequired: false })).toBe(false);
    expect(secondFactorRequired("admin", { secondFactorRequired: false })).toBe(true);
  });
});

describe("roleSecondFactorInputSchema", () => {
  it("refuses switching the second factor off without a reason of at least 10 characters", () => {
    for (const reason of [undefined, "", "   short  "]) {
      const r = roleSecondFactorInputSchema.safeParse({ secondFactorRequired: false, reason });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ["reason"], message: "policy_reason_required" });
    }
    expect(
      roleSecondFactorInputSchema.safeParse({ secondFactorRequired: false, reason: "Kiosk without phones" }).success,
    ).toBe(true);
  });

  it("switches it back on without a reason", () => {
    expect(roleSecondFactorInputSchema.safeParse({ secondFactorRequired: true }).success).toBe(true);
  });
});

describe("staffSessionLimit", () => {
  const base = { mustChangePassword: false, secondFactorRequired: true, totpEnabled: true };
  it("limits a session to the password change first, then to enrolment", () => {
    expect(staffSessionLimit(base)).toBeNull();
    expect(staffSessionLimit({ ...base, totpEnabled: false })).toBe("totp_enrolment");
    expect(staffSessionLimit({ ...base, totpEnabled: false, mustChangePassword: true })).toBe("password_change");
    expect(staffSessionLimit({ ...base, totpEnabled: false, secondFactorRequired: false })).toBeNull();
  });
});
