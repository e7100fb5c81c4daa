import { describe, expect, it } from "vitest";
import { isStaffRole, staffRoleNames, staffRoles } from "./staff-roles.ts";

describe("staff roles", () => {
  it("have one name in each language, and no two roles share one", () => {
    for (const locale of ["fi", "en"] as const) {
      const names = staffRoles.map((role) => staffRoleNames[role][locale]);
      expect(new Set(names).size).toBe(staffRoles.length);
    }
  });

  it("recognise only the roles there are", () => {
    expect(staffRoles.filter(isStaffRole)).toEqual(["agent", "admin", "dpo"]);
    expect(isStaffRole("root")).toBe(false);
    expect(isStaffRole(null)).toBe(false);
  });
});
