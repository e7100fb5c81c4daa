import { describe, expect, it } from "vitest";
import {
  bookkeepingKeptUntil,
  bookkeepingPurgeBound,
  financialPeriodEndOf,
  financialYearEndSchema,
} from "./bookkeeping.ts";

describe("the bookkeeping period", () => {
  it("keeps a calendar year's vouchers until the end of year + 6", () => {
    expect(bookkeepingKeptUntil("2020-01-01")).toBe("2026-12-31");
    expect(bookkeepingKeptUntil("2020-12-31")).toBe("2026-12-31");
  });

  it("counts from the year the financial period ended when the year ends on 30 June", () => {
    expect(financialPeriodEndOf("2020-06-30", "06-30")).toBe("2020-06-30");
    expect(financialPeriodEndOf("2020-07-01", "06-30")).toBe("2021-06-30");
    expect(bookkeepingKeptUntil("2020-06-30", "06-30")).toBe("2026-12-31");
    // September 2020 belongs to the period ending 30 June 2021: kept a year longer than on a calendar year.
    expect(bookkeepingKeptUntil("2020-09-15", "06-30")).toBe("2027-12-31");
  });

  it("accepts a real month-day and refuses the rest", () => {
    expect(financialYearEndSchema.safeParse("06-30").success).toBe(true);
    expect(financialYearEndSchema.safeParse("02-29").success).toBe(false);
    expect(financialYearEndSchema.safeParse("04-31").success).toBe(false);
    expect(financialYearEndSchema.safeParse("13-01").success).toBe(false);
  });

  it("purges on a day exactly the vouchers whose kept-until day has passed (issue 14 B)", () => {
    // The purge bound is the rule itself, read backwards: checked day by day against bookkeepingKeptUntil.
    for (const yearEnd of ["12-31", "06-30", "02-28", "09-30"] as const) {
      for (const today of ["2027-12-31", "2028-01-01", "2028-06-30", "2028-07-01", "2028-12-31"]) {
        const bound = bookkeepingPurgeBound(today, yearEnd);
        for (let d = Date.UTC(2019, 0, 1); d < Date.UTC(2023, 0, 1); d += 86_400_000) {
          const date = new Date(d).toISOString().slice(0, 10);
          expect(date <= bound, `${date} ${yearEnd} ${today}`).toBe(bookkeepingKeptUntil(date, yearEnd) < today);
        }
      }
    }
    expect(bookkeepingPurgeBound("2028-01-01", "06-30")).toBe("2021-06-30");
  });
});
