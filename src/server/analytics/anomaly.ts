/**
 * Anomaly flags for the hotspots endpoint (pure functions, no I/O).
 *
 * Method (Iglewicz & Hoaglin's modified z-score, applied to a level shift):
 * - a region's weekly flows are summed per ISO week (Monday–Sunday);
 * - recent = the RECENT_WEEKS weeks ending with the week that contains `to` (observations after `to` left out);
 * - baseline = the BASELINE_WEEKS weeks immediately before them;
 * - weeks outside the data's date extent are not observations (left out, not zero); weeks inside it without a
 *   count are 0;
 * - z = (mean(recent) − median(baseline)) / (1.4826 · max(MAD(baseline), MAD_FLOOR_SHARE · median(baseline), MAD_FLOOR));
 * - flag when |z| ≥ Z_THRESHOLD and max(mean(recent), median(baseline)) ≥ MIN_LEVEL people a week;
 * - no score (null, no flag) with fewer than MIN_BASELINE_WEEKS baseline weeks or no recent week.
 */

import {
  BASELINE_WEEKS,
  MIN_BASELINE_MONTHS,
  MAD_FLOOR,
  MAD_FLOOR_SHARE,
  MAD_SCALE,
  MIN_BASELINE_WEEKS,
  MIN_LEVEL,
  MIN_LEVEL_MONTH,
  RECENT_WEEKS,
  Z_THRESHOLD,
  anomalyMethod,
} from '../../shared/anomaly-method';
import { addDays, weekStart } from '../../shared/calendar';

export { BASELINE_WEEKS, MAD_FLOOR, MAD_FLOOR_SHARE, MAD_SCALE, MIN_BASELINE_WEEKS, MIN_LEVEL, RECENT_WEEKS, Z_THRESHOLD };

/** The method in English, as the API's `method` and the OpenAPI description give it (the UI also has it in French). */
export const ANOMALY_METHOD = anomalyMethod('en');
export const ANOMALY_METHOD_MONTHLY = anomalyMethod('en', 'month');
export const MONTHLY_ANOMALY_OPTIONS = { minBaseline: MIN_BASELINE_MONTHS, minLevel: MIN_LEVEL_MONTH };

export interface AnomalyResult {
  /** The robust z-score rounded to 2 decimals; null when the series is too short. */
  score: number | null;
  flag: boolean;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation from the median (unscaled). */
export function mad(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** The modified z-score of the recent level against the baseline, and whether it is flagged. */
export function robustAnomaly(
  baseline: readonly number[],
  recent: readonly number[],
  opts: { minBaseline: number; minLevel: number } = { minBaseline: MIN_BASELINE_WEEKS, minLevel: MIN_LEVEL },
): AnomalyResult {
  if (baseline.length < opts.minBaseline || recent.length === 0) return { score: null, flag: false };
  const level = mean(recent);
  const centre = median(baseline);
  const spread = MAD_SCALE * Math.max(mad(baseline), MAD_FLOOR_SHARE * Math.abs(centre), MAD_FLOOR);
  const z = (level - centre) / spread;
  const score = Math.round(z * 100) / 100;
  const flag = Math.abs(z) >= Z_THRESHOLD && Math.max(level, centre) >= opts.minLevel;
  return { score: Object.is(score, -0) ? 0 : score, flag };
}

// ---------- weeks (ISO weeks and days: src/shared/calendar.ts) ----------

export interface AnomalyWindows {
  /** Mondays of the baseline weeks, oldest first (only weeks that overlap the data's extent). */
  baseline: string[];
  /** Mondays of the recent weeks, oldest first (only weeks that overlap the data's extent). */
  recent: string[];
  /** First day any of these weeks needs (for the SQL range). */
  start: string;
}

/** The recent and baseline weeks for a period ending `to`, keeping only weeks that overlap the data's extent. */
export function anomalyWindows(to: string, data: { min: string; max: string }): AnomalyWindows {
  const last = weekStart(to);
  const inData = (monday: string) => addDays(monday, 6) >= data.min && monday <= data.max;
  const weeks = (from: number, n: number) => Array.from({ length: n }, (_, i) => addDays(last, -7 * (from - i)));
  const recent = weeks(RECENT_WEEKS - 1, RECENT_WEEKS);
  const baseline = weeks(RECENT_WEEKS + BASELINE_WEEKS - 1, BASELINE_WEEKS);
  return { baseline: baseline.filter(inData), recent: recent.filter(inData), start: baseline[0]! };
}

/** Splits a region's weekly sums (Monday → count; missing = 0) into the two windows and scores them. */
export function weeklyAnomaly(weekly: ReadonlyMap<string, number>, windows: AnomalyWindows): AnomalyResult {
  const values = (mondays: string[]) => mondays.map((m) => weekly.get(m) ?? 0);
  return robustAnomaly(values(windows.baseline), values(windows.recent));
}
