/** Pure period arithmetic for the time strip: snapping a brushed extent to whole weeks or months, stepping; the previous period (shared). */
import { utcDay, utcMonday, utcMonth } from 'd3-time';

export type Step = 'week' | 'month';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);

function clamp(from: string, to: string, range: { min: string; max: string }) {
  const f = from < range.min ? range.min : from > range.max ? range.max : from;
  const t = to > range.max ? range.max : to < range.min ? range.min : to;
  return f <= t ? { from: f, to: t } : { from: t, to: f };
}

/**
 * A brushed extent [d0, d1) → whole weeks (Monday…Sunday) or months, at least one step long, clamped to
 * the data range. The start is rounded to the nearest boundary, the end too (so a small brush is one step).
 */
export function snapPeriod(d0: Date, d1: Date, step: Step, range: { min: string; max: string }): { from: string; to: string } {
  const interval = step === 'week' ? utcMonday : utcMonth;
  let a = interval.round(d0);
  let b = interval.round(d1);
  if (b <= a) b = interval.offset(a, 1);
  if (a > b) [a, b] = [b, a];
  return clamp(iso(a), iso(utcDay.offset(b, -1)), range);
}

/** The same-length period `n` steps later (a week step moves both ends 7 days); null when it would leave the data range. */
export function stepPeriod(p: { from: string; to: string }, step: Step, range: { min: string; max: string }, n = 1): { from: string; to: string } | null {
  const from = step === 'week' ? utcDay.offset(parse(p.from), 7 * n) : utcMonth.offset(parse(p.from), n);
  const to = step === 'week' ? utcDay.offset(parse(p.to), 7 * n) : utcDay.offset(utcMonth.offset(utcDay.offset(parse(p.to), 1), n), -1);
  const f = iso(from);
  const t = iso(to);
  if (t > range.max || f < range.min) return null;
  return { from: f, to: t };
}

/**
 * The previous equal period: THE rule of src/shared/calendar.ts, the server's too (whole months → the same number of
 * whole months before, so a role that sees months only is never sent a part of a month; other periods → the same
 * number of days before).
 */
export { previousPeriod } from '../../shared/calendar';

/** Whole weeks a period spans (at least 1). */
export function weeksIn(p: { from: string; to: string }): number {
  const days = Math.round((parse(p.to).getTime() - parse(p.from).getTime()) / 86_400_000) + 1;
  return Math.max(1, Math.round(days / 7));
}
