/** Number formats of the dashboard: short, fixed width where it matters, no locale surprises. */

/** 1234567 → "1,234,567". */
export function group(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A rate: two decimals under 100, one under 1000, none above ("12.58", "123.4", "4521"). */
export function rate(n: number): string {
  if (n < 100) return n.toFixed(2);
  if (n < 1000) return n.toFixed(1);
  return String(Math.round(n));
}

/** A share of a total as a percentage, "42.0%" (and "0.0%" of nothing). */
export function share(part: number, total: number): string {
  return `${total > 0 ? ((part / total) * 100).toFixed(1) : "0.0"}%`;
}

/** A compact count for narrow columns: 999, 12.3k, 4.5M. */
export function compact(n: number): string {
  if (n < 10_000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** An axis value: whole numbers as they are, others with one decimal at most. */
export function axis(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10) / 10);
}

/** The smallest "nice" number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above `n`, for a scale's top. */
export function niceCeil(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (m * p >= n - 1e-9) return Number((m * p).toPrecision(12));
  }
  return 10 * p;
}
