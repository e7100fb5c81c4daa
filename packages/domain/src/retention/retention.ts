/** The notice: data is kept 10 years from the end of the customer relationship. */
export const RETENTION_YEARS = 10;

/** The day a record's retention ends, from the relationship's last day (ISO date). */
export function retentionEndsOn(relationshipEnd: string): string {
  const [y, m, d] = relationshipEnd.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + RETENTION_YEARS, m - 1, 1));
  // 29 February + 10 years is 28 February when the target year is not a leap year.
  const lastDay = new Date(Date.UTC(y + RETENTION_YEARS, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whether retention has run out on `today` (ISO date) for a relationship that ended. */
export function isRetentionDue(relationshipEnd: string | null, today: string): boolean {
  if (relationshipEnd === null) return false;
  return retentionEndsOn(relationshipEnd) <= today;
}
