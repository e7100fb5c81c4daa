import { describe, expect, it } from "vitest";
import {
  addMonths,
  erasureScheduleOf,
  erasureScheduleTextKey,
  isRetentionDueBy,
  type LifecycleFacts,
  relationshipEndOf,
  roleIsActive,
} from "./lifecycle.ts";

const quiet: LifecycleFacts = {
  relationshipStart: "2010-03-01",
  relationshipEnd: null,
  openInvoices: 0,
  activeRoles: 0,
  lastOrderOn: null,
  lastPaymentOn: null,
  lastRoleEndOn: null,
};

describe("addMonths", () => {
  it("moves across years and clamps the 31st to a shorter month's last day", () => {
    expect(addMonths("2024-01-31", 24)).toBe("2026-01-31");
    expect(addMonths("2024-12-31", 2)).toBe("2025-02-28");
    expect(addMonths("2023-12-31", 2)).toBe("2024-02-29");
    expect(addMonths("2024-05-15", -5)).toBe("2023-12-15");
  });
});

describe("roleIsActive", () => {
  it("holds a role without an end, and one whose last day is today or later; not one that ended", () => {
    expect(roleIsActive({ endDate: null }, "2026-12-02")).toBe(true);
    expect(roleIsActive({ endDate: "2026-12-02" }, "2026-12-02")).toBe(true);
    expect(roleIsActive({ endDate: "2027-01-01" }, "2026-12-02")).toBe(true);
    expect(roleIsActive({ endDate: "2026-12-01" }, "2026-12-02")).toBe(false);
  });
});

describe("relationshipEndOf", () => {
  it("takes the recorded end, even with an open invoice or an active role", () => {
    expect(relationshipEndOf({ ...quiet, relationshipEnd: "2020-06-30", openInvoices: 1, activeRoles: 1 }, 24)).toEqual(
      {
        kind: "recorded",
        endsOn: "2020-06-30",
      },
    );
  });

  it("has no end while an invoice is open (in collection included)", () => {
    expect(relationshipEndOf({ ...quiet, openInvoices: 2, lastOrderOn: "2015-01-01" }, 24)).toEqual({
      kind: "continues",
      because: "openInvoice",
    });
  });

  it("has no end while a role is active", () => {
    expect(relationshipEndOf({ ...quiet, activeRoles: 1 }, 24)).toEqual({ kind: "continues", because: "activeRole" });
  });

  it("ends N months after the last order when that is the latest activity", () => {
    const facts = { ...quiet, lastOrderOn: "2015-04-10", lastPaymentOn: "2015-03-01", lastRoleEndOn: "2014-01-01" };
    expect(relationshipEndOf(facts, 24)).toEqual({
      kind: "derived",
      endsOn: "2017-04-10",
      after: "order",
      activityOn: "2015-04-10",
    });
  });

  it("ends N months after the last payment when that is the latest", () => {
    const end = relationshipEndOf({ ...quiet, lastOrderOn: "2015-04-10", lastPaymentOn: "2015-05-31" }, 24);
    expect(end).toMatchObject({ kind: "derived", endsOn: "2017-05-31", after: "payment" });
  });

  it("ends N months after the last role end when that is the latest", () => {
    const end = relationshipEndOf({ ...quiet, lastOrderOn: "2015-04-10", lastRoleEndOn: "2016-08-31" }, 6);
    expect(end).toMatchObject({ kind: "derived", endsOn: "2017-02-28", after: "roleEnd" });
  });

  it("ends N months after the start without any activity, and never before the start", () => {
    expect(relationshipEndOf(quiet, 24)).toMatchObject({ kind: "derived", endsOn: "2012-03-01", after: "start" });
    // An import of older history: orders before the recorded start do not end the relationship before it began.
    const older = relationshipEndOf({ ...quiet, lastOrderOn: "2009-01-01" }, 24);
    expect(older).toMatchObject({ kind: "derived", endsOn: "2012-03-01", after: "start" });
  });

  it("uses the register's N", () => {
    expect(relationshipEndOf({ ...quiet, lastOrderOn: "2015-04-10" }, 12)).toMatchObject({ endsOn: "2016-04-10" });
  });
});

describe("erasureScheduleOf and isRetentionDueBy", () => {
  it("dates erasure 10 years from the end", () => {
    expect(erasureScheduleOf({ ...quiet, relationshipEnd: "2016-02-29" }, 24).erasureDueOn).toBe("2026-02-28");
    expect(erasureScheduleOf({ ...quiet, lastOrderOn: "2014-11-30" }, 24).erasureDueOn).toBe("2026-11-30");
  });

  it("has no erasure date while the relationship continues, and is then never due", () => {
    const facts = { ...quiet, openInvoices: 1 };
    expect(erasureScheduleOf(facts, 24).erasureDueOn).toBeNull();
    expect(isRetentionDueBy(facts, 24, "2099-01-01")).toBe(false);
  });

  it("is due from the erasure date on, not the day before", () => {
    const facts = { ...quiet, lastOrderOn: "2014-11-30" };
    expect(isRetentionDueBy(facts, 24, "2026-11-29")).toBe(false);
    expect(isRetentionDueBy(facts, 24, "2026-11-30")).toBe(true);
  });

  it("picks the explanation that fits", () => {
    expect(erasureScheduleTextKey({ kind: "recorded", endsOn: "2020-01-01" })).toBe("recorded");
    expect(erasureScheduleTextKey(relationshipEndOf(quiet, 24))).toBe("derived");
    expect(erasureScheduleTextKey({ kind: "continues", because: "openInvoice" })).toBe("continuesOpenInvoice");
    expect(erasureScheduleTextKey({ kind: "continues", because: "activeRole" })).toBe("continuesActiveRole");
  });
});
