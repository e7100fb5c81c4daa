import { describe, expect, it } from "vitest";
import { addCalendarMonths, daysLeft, extendedDueDate, helsinkiDate, initialDueDate } from "./deadlines.ts";

describe("calendar-month deadlines", () => {
  it("falls on the same day next month", () => {
    expect(initialDueDate("2026-03-15")).toBe("2026-04-15");
    expect(initialDueDate("2026-12-10")).toBe("2027-01-10");
  });

  it("falls on the month's last day when the day does not exist", () => {
    expect(initialDueDate("2026-01-31")).toBe("2026-02-28");
    expect(initialDueDate("2028-01-31")).toBe("2028-02-29");
    expect(initialDueDate("2026-03-31")).toBe("2026-04-30");
    expect(addCalendarMonths("2026-08-31", 1)).toBe("2026-09-30");
  });

  it("extends by up to two further months, counted from receipt", () => {
    expect(extendedDueDate("2026-01-31", 2)).toBe("2026-04-30");
    expect(extendedDueDate("2027-12-31", 2)).toBe("2028-03-31");
    expect(extendedDueDate("2027-11-30", 1)).toBe("2028-01-30");
    expect(extendedDueDate("2027-11-29", 2)).toBe("2028-02-29");
  });

  it("counts days left, negative when overdue", () => {
    expect(daysLeft("2026-04-15", "2026-04-01")).toBe(14);
    expect(daysLeft("2026-04-15", "2026-04-15")).toBe(0);
    expect(daysLeft("2026-04-15", "2026-04-17")).toBe(-2);
    // Across the spring daylight-saving change the count is still whole days.
    expect(daysLeft("2026-03-30", "2026-03-28")).toBe(2);
  });

  it("dates a moment by the calendar in Helsinki", () => {
    expect(helsinkiDate(Date.UTC(2026, 0, 31, 22, 30))).toBe("2026-02-01");
    expect(helsinkiDate(Date.UTC(2026, 0, 31, 21, 59))).toBe("2026-01-31");
  });
});
