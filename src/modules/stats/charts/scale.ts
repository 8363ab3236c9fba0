// Axis arithmetic shared by the SVG charts of the pages and the vector charts of the PDF report.

/** A round upper bound for an axis that starts at 0 (1, 2, 2.5, 5 × 10ⁿ), at least `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = Math.floor(Math.log10(max));
  const base = 10 ** exp;
  for (const step of [1, 2, 2.5, 5, 10]) if (step * base >= max - 1e-12) return step * base;
  return 10 * base;
}

/** Evenly spaced ticks from 0 to `top` (inclusive). */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

/** Maps a value in [0, top] onto [0, length]. */
export const scale = (value: number, top: number, length: number): number => (top > 0 ? (Math.max(0, value) / top) * length : 0);
