/** Median of a list of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The p-quantile (0..1) of an ascending list, nearest-rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] as number;
}

/** "12 345" with a thin space per thousand, as the tables print numbers. */
export function formatNumber(n: number, digits = 0): string {
  const [whole, fraction] = n.toFixed(digits).split(".");
  const grouped = (whole ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

export const ratio = (value: number, baseline: number) =>
  baseline === 0 ? Number.POSITIVE_INFINITY : value / baseline;
export const formatRatio = (r: number) => `${r.toFixed(2)}×`;
