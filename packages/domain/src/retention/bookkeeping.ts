import { z } from "zod";

/*
 * The bookkeeping period (issue 14 B): Accounting Act (1336/1997) 2:10 keeps vouchers "at least six years from the
 * end of the year in which the financial period ended". The period ends on the company's financial-year end, which
 * need not be 31 December: a voucher of September 2020 with the year ending 30 June belongs to the period ending
 * 30 June 2021, and is kept until 31 December 2027.
 */

/** Accounting Act 2:10: vouchers are kept six years from the end of the year their financial period ended in. */
export const BOOKKEEPING_RETENTION_YEARS = 6;

/** The financial year's last day as "MM-DD" (the company's setting; 12-31 for a calendar year). */
export const financialYearEndSchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "financial_year_end_invalid")
  .refine((v) => {
    const [m, d] = v.split("-").map(Number) as [number, number];
    // 29 February is refused: most years it does not exist, so no period could end on it.
    return d <= new Date(Date.UTC(2001, m, 0)).getUTCDate();
  }, "financial_year_end_invalid");
export type FinancialYearEnd = z.infer<typeof financialYearEndSchema>;

export const CALENDAR_YEAR_END: FinancialYearEnd = "12-31";

/** The last day (YYYY-MM-DD) of the financial period that holds `date` (YYYY-MM-DD). */
export function financialPeriodEndOf(date: string, yearEnd: FinancialYearEnd = CALENDAR_YEAR_END): string {
  const year = Number(date.slice(0, 4));
  const endThisYear = `${year}-${yearEnd}`;
  return date <= endThisYear ? endThisYear : `${year + 1}-${yearEnd}`;
}

/** The last day a voucher dated `date` is kept: 31 December, six years after its period's end year. */
export function bookkeepingKeptUntil(date: string, yearEnd: FinancialYearEnd = CALENDAR_YEAR_END): string {
  const periodEndYear = Number(financialPeriodEndOf(date, yearEnd).slice(0, 4));
  return `${periodEndYear + BOOKKEEPING_RETENTION_YEARS}-12-31`;
}

/**
 * The newest voucher date (YYYY-MM-DD) whose bookkeeping period has passed on `today`: a voucher dated on or before
 * it is past its kept-until day, one after it is not. It is the rule above read backwards (kept until the end of
 * year P + 6, P the year its period ended; passed once today's year is past P + 6), so the purge can select by one
 * bound instead of asking the rule row by row.
 */
export function bookkeepingPurgeBound(today: string, yearEnd: FinancialYearEnd = CALENDAR_YEAR_END): string {
  return `${Number(today.slice(0, 4)) - BOOKKEEPING_RETENTION_YEARS - 1}-${yearEnd}`;
}
