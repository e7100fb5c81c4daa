import { describe, expect, it } from "vitest";
import { auditActions, isAuditAction, isStaffReadAction, staffReadActions, staffReadReasons } from "./audit-actions.ts";

describe("audit actions", () => {
  it("are each defined once", () => {
    expect(new Set(auditActions).size).toBe(auditActions.length);
  });

  it("count every staff read as an action, with a reason in both languages", () => {
    for (const action of staffReadActions) {
      expect(isAuditAction(action)).toBe(true);
      expect(staffReadReasons[action].fi.length).toBeGreaterThan(10);
      expect(staffReadReasons[action].en.length).toBeGreaterThan(10);
    }
  });

  it("do not count changes or sign-ins as reads of a customer's data", () => {
    for (const action of ["customer.anonymised", "request.refused", "staff.sign_in", "audit.viewed"]) {
      expect(isStaffReadAction(action)).toBe(false);
    }
    expect(isAuditAction("customer.deleted_everything")).toBe(false);
  });
});
