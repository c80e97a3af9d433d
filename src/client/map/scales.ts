/**
 * Visual scales (pure): flow → route width, people assisted → circle radius. Square-root, so area/width tracks volume.
 *
 * The sqrt scale is written out here rather than taken from d3-scale: it is the only d3-scale function the first map
 * needs (the legend), and importing it pulls d3-scale's number and time locale code, about 7 kB gzipped, into the
 * JavaScript loaded before the map is drawn (tests/e2e/bundle-budget.test.ts). tests/unit/scales.test.ts checks that it
 * equals d3's `scaleSqrt().clamp(true)`; the charts, loaded later, use d3-scale itself.
 */

export const ROUTE_WIDTH_RANGE: readonly [number, number] = [1.5, 14];
export const CENTRE_RADIUS_RANGE: readonly [number, number] = [4, 20];

/** A domain upper bound that is always usable (> 0) even when every count is 0 or missing. */
export function safeMax(max: number | null | undefined): number {
  return typeof max === 'number' && Number.isFinite(max) && max > 0 ? max : 1;
}

export interface SqrtScale {
  (value: number): number;
  domain(): [number, number];
  range(): [number, number];
}

/** sqrt scale 0..max → range, clamped (a count above max gets the top of the range, below 0 the bottom). */
export function sqrtScale(max: number | null | undefined, range: readonly [number, number]): SqrtScale {
  const top = safeMax(max);
  const [lo, hi] = range;
  const scale = (value: number) => lo + (hi - lo) * Math.min(1, Math.max(0, Math.sqrt(Math.max(0, value) / top)));
  return Object.assign(scale, { domain: (): [number, number] => [0, top], range: (): [number, number] => [lo, hi] });
}

export const routeWidthScale = (max: number | null | undefined) => sqrtScale(max, ROUTE_WIDTH_RANGE);
export const centreRadiusScale = (max: number | null | undefined) => sqrtScale(max, CENTRE_RADIUS_RANGE);

/** Largest non-null count of a list (0 for none). */
export function maxCount(counts: Iterable<number | null | undefined>): number {
  let m = 0;
  for (const c of counts) if (typeof c === 'number' && c > m) m = c;
  return m;
}

/** Rounds down to two significant digits: 12,345 → 12,000; 987 → 980; 7 → 7. */
export function roundDown2(v: number): number {
  if (v <= 0) return 0;
  const digits = Math.floor(Math.log10(v)) + 1;
  if (digits <= 2) return Math.floor(v);
  const unit = 10 ** (digits - 2);
  return Math.floor(v / unit) * unit;
}

/**
 * Sample values for a legend: the (rounded) maximum, a quarter and a sixteenth of it — on a sqrt scale
 * these land near full, half and quarter of the visual range. Distinct, positive, descending.
 */
export function legendSamples(max: number, count = 3): number[] {
  if (!(max > 0)) return [];
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = roundDown2(max / 4 ** i);
    if (v > 0 && !out.includes(v)) out.push(v);
  }
  return out;
}
