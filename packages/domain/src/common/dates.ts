/** An hour and a day in milliseconds, for the periods and windows counted in stored timestamps. */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** A stored millisecond timestamp as the API shows it (ISO 8601, UTC). */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** A calendar day (YYYY-MM-DD) moved by whole days, with no time zone involved. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
