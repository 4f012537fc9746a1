/**
 * A number for people to read: integers with thousands separators (1,234,567), other numbers to 3
 * significant figures (7.12, 0.0312), rounded to an integer with separators from 1,000 on.
 */
export function readableNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) || Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}
