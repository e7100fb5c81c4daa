/*
 * GDPR Art. 12(3): answer within one month of receipt; extendable once by up to two further months,
 * telling the customer why within the first month. Months are calendar months (Regulation 1182/71):
 * the same day of the month, or the month's last day when that day does not exist.
 */

/** Adds calendar months to an ISO date (YYYY-MM-DD). 31 Jan + 1 month is 28 (or 29) Feb. */
export function addCalendarMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, monthIndex, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export const MAX_EXTENSION_MONTHS = 2;

/** The first deadline: one calendar month from the day the request was received. */
export function initialDueDate(receivedOn: string): string {
  return addCalendarMonths(receivedOn, 1);
}

/** The deadline after an extension of `months` (1 or 2) further months. */
export function extendedDueDate(receivedOn: string, months: number): string {
  return addCalendarMonths(receivedOn, 1 + months);
}

/** Whole days from `today` to `dueOn`; negative when overdue. */
export function daysLeft(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The day in Finland for a moment: deadlines are calendar days where the controller is. */
/** sv-SE formats as YYYY-MM-DD. Made once: building a formatter costs far more than using it (an import calls this per row). */
let helsinkiFormat: Intl.DateTimeFormat | undefined;

export function helsinkiDate(ms: number): string {
  helsinkiFormat ??= new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" });
  return helsinkiFormat.format(ms);
}
