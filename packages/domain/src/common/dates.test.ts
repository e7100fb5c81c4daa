import { describe, expect, it } from "vitest";
import { addDays, iso } from "./dates.ts";

describe("iso", () => {
  it("shows a stored timestamp in UTC and keeps a missing one missing", () => {
    expect(iso(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("2026-01-02T03:04:05.000Z");
    expect(iso(null)).toBeNull();
  });
});

describe("addDays", () => {
  it("moves a calendar day across months, years and leap days, either way", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    // The spring-forward day in Helsinki is still one calendar day.
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
  });
});
