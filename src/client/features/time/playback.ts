/**
 * Playback of the time strip (pure, no React): the window it plays (1 week, 4 weeks or 3 months; 1 or 3 months for
 * audiences that see months only), where it starts, how it steps and what happens at the end of the data. The dates
 * are the shared calendar's (src/shared/calendar.ts).
 */
import { addDays, addMonths, monthEnd, monthStart, stepPeriod, weekStart, type Period, type Step } from '../../../shared/calendar';

export type WindowLength = '1w' | '4w' | '3m' | '1m';

/** The window lengths offered for the finest step the audience may see. */
export const WINDOW_LENGTHS: Record<Step, readonly WindowLength[]> = { week: ['1w', '4w', '3m'], month: ['1m', '3m'] };
export const DEFAULT_WINDOW: Record<Step, WindowLength> = { week: '4w', month: '1m' };

/** Steps per second offered by the speed control (a step is a week, or a month for months-only audiences). */
export const SPEEDS = [1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];
export const DEFAULT_SPEED: Speed = 2;
export const intervalOf = (speed: number): number => Math.round(1000 / speed);

type Range = { min: string; max: string };

/** The first whole step of the data: its first Monday (or 1st of a month) on or after the data's first day. */
export function firstStart(range: Range, step: Step): string {
  const s = step === 'week' ? weekStart(range.min) : monthStart(range.min);
  if (s >= range.min) return s;
  return step === 'week' ? addDays(s, 7) : addMonths(s, 1);
}

/** The window of `len` starting at the step holding `from` (never before the data's first whole step), clipped to the data's end. */
export function windowAt(from: string, len: WindowLength, step: Step, range: Range): Period {
  const first = firstStart(range, step);
  let start = step === 'week' ? weekStart(from) : monthStart(from);
  if (start < first) start = first;
  let to: string;
  if (len === '1w') to = addDays(start, 6);
  else if (len === '4w') to = addDays(start, 27);
  else if (step === 'month') to = monthEnd(addMonths(start, len === '1m' ? 0 : 2));
  else to = addDays(addMonths(start, len === '1m' ? 1 : 3), -1);
  return { from: start, to: to > range.max ? range.max : to };
}

/**
 * Where ▶ starts: the window at the current period's start, or at the beginning of the data when that window does
 * not fit before the end (the default last year, the whole range "All", or a period at the end).
 */
export function playStart(current: Period | null, len: WindowLength, step: Step, range: Range): Period {
  const begin = windowAt(range.min, len, step, range);
  if (!current) return begin;
  const w = windowAt(current.from, len, step, range);
  const full = windowAt(w.from, len, step, { min: range.min, max: '9999-12-31' });
  // the whole window must fit, and one more step must be possible, else there is nothing to play from here
  if (full.to > range.max || stepPeriod(w, step, range) === null) return begin;
  return w;
}

/** The next window (one step later); at the end of the data the first window again when looping, else null (stop). */
export function nextWindow(p: Period, len: WindowLength, step: Step, range: Range, loop: boolean): Period | null {
  const next = stepPeriod(p, step, range);
  if (next) return next;
  return loop ? windowAt(range.min, len, step, range) : null;
}
