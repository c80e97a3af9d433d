/**
 * THE calendar: whole days, ISO weeks and calendar months on UTC dates written YYYY-MM-DD, on d3-time.
 * Server (policy, published tables, hotspots, import validation), scripts (data generator, bench) and client (time
 * strip, change column) read the same rules here: what a date is, what a whole month is, the previous equal period,
 * clamping a period to the data's extent, which dates a query may name at all.
 */
import { utcDay, utcMonday, utcMonth, utcYear } from 'd3-time';

export interface Period {
  from: string;
  to: string;
}

/** Earliest and latest date any query may name: further is a typo (1000-01-01, 9999-12-31), answered 400. */
export const QUERY_DATE_BOUNDS: Period = { from: '1900-01-01', to: '2199-12-31' };

export const parseDate = (s: string): Date => new Date(`${s}T00:00:00Z`);
export const formatDate = (d: Date): string => d.toISOString().slice(0, 10);

/** The form of a date: YYYY-MM-DD (isDate also asks for a real day). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date written YYYY-MM-DD: 2016-02-29 is one; 2019-02-29, 2016-02-30 and 2016-2-1 are not. */
export function isDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return false;
  const d = parseDate(s);
  return !Number.isNaN(d.getTime()) && formatDate(d) === s;
}

const EPOCH = new Date(0);
/**
 * Days since 1970-01-01 (negative before it) of a real date; throws a RangeError on anything else. The data
 * generator keys its random streams on these numbers.
 */
export function dayNumber(s: string): number {
  if (!isDate(s)) throw new RangeError(DATE_PATTERN.test(s) ? `not a real calendar date: ${s}` : `not a date written YYYY-MM-DD: ${s}`);
  return utcDay.count(EPOCH, parseDate(s));
}
/** The date of a day number (dayNumber's inverse). */
export const dateOfDayNumber = (n: number): string => formatDate(utcDay.offset(EPOCH, n));

export const addDays = (s: string, n: number): string => formatDate(utcDay.offset(parseDate(s), n));
export const addMonths = (s: string, n: number): string => formatDate(utcMonth.offset(parseDate(s), n));

/** The 1st of the month holding `s`. */
export const monthStart = (s: string): string => `${s.slice(0, 7)}-01`;
/** The last day of the month holding `s`. */
export const monthEnd = (s: string): string => formatDate(utcDay.offset(utcMonth.offset(parseDate(monthStart(s)), 1), -1));
export const isMonthStart = (s: string): boolean => s.slice(8, 10) === '01';
export const isMonthEnd = (s: string): boolean => addDays(s, 1).slice(8, 10) === '01';
/** A period of whole calendar months: from is a 1st, to a month's last day. */
export const isWholeMonths = (p: Period): boolean => isMonthStart(p.from) && isMonthEnd(p.to) && p.from <= p.to;

/** Monday of the ISO week holding `s`. */
export const weekStart = (s: string): string => formatDate(utcMonday.floor(parseDate(s)));
export const isWeekStart = (s: string): boolean => weekStart(s) === s;
export const isWeekEnd = (s: string): boolean => weekStart(addDays(s, 1)) === addDays(s, 1);

/** Mondays of the ISO weeks that start within the period, in order. */
export const weekStarts = (p: Period): string[] => utcMonday.range(parseDate(p.from), parseDate(addDays(p.to, 1))).map(formatDate);

/** Days in a period, both ends included. */
export const daysIn = (p: Period): number => utcDay.count(parseDate(p.from), parseDate(p.to)) + 1;

/** Calendar months a period touches, both ends included (2019-01-15 … 2019-02-01 → 2). */
export const monthsIn = (p: Period): number =>
  (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 + Number(p.to.slice(5, 7)) - Number(p.from.slice(5, 7)) + 1;

/** The 1st of every month the period touches, in order. */
export function monthStarts(p: Period): string[] {
  const out: string[] = [];
  for (let m = monthStart(p.from); m <= p.to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * The previous equal period, ending the day before `from`:
 * - whole calendar months → the same number of whole months before (Dec 2019 → Nov 2019; 2016 → 2015), so an
 *   audience that sees months only is never sent a count over a part of a month;
 * - any other period → the same number of days before.
 */
export function previousPeriod(p: Period): Period {
  const to = addDays(p.from, -1);
  if (isWholeMonths(p)) return { from: addMonths(p.from, -monthsIn(p)), to };
  return { from: addDays(p.from, -daysIn(p)), to };
}

/** The data's extent widened to whole months: the published cells of month-resolution audiences. */
export const monthExtent = (data: Period): Period => ({ from: monthStart(data.from), to: monthEnd(data.to) });

/**
 * A period clamped to the whole months of the data's extent. Null when the period lies entirely outside it.
 * Month-resolution audiences are answered over this period (reported back as the answer's from/to). Its ends are
 * widened to whole months too: the policy lets these audiences name the data's own first and last day (e.g. /meta's
 * defaultPeriod), which need not be a 1st or a month's last day, and the published cells are whole months anyway.
 */
export function clampToMonths(p: Period, data: Period): Period | null {
  const ext = monthExtent(data);
  const from = p.from < ext.from ? ext.from : monthStart(p.from);
  const to = p.to > ext.to ? ext.to : monthEnd(p.to);
  return from <= to ? { from, to } : null;
}

/** The default period: the last twelve calendar months of data, clipped to the data. */
export function defaultPeriod(data: Period): Period {
  const from = addMonths(monthStart(data.to), -11);
  return { from: from < data.from ? data.from : from, to: data.to };
}

export const addYears = (s: string, n: number): string => formatDate(utcYear.offset(parseDate(s), n));
/** January 1st of the year holding `s`. */
export const yearStart = (s: string): string => `${s.slice(0, 4)}-01-01`;
/** December 31st of the year holding `s`. */
export const yearEnd = (s: string): string => `${s.slice(0, 4)}-12-31`;
export const isYearStart = (s: string): boolean => s.slice(5) === '01-01';
export const isYearEnd = (s: string): boolean => s.slice(5) === '12-31';

/** Today's date (UTC), or the date of `now`. */
export const today = (now: Date = new Date()): string => formatDate(now);

/** The step the time strip and typed dates snap to: whole ISO weeks (Monday…Sunday) or whole calendar months. */
export type Step = 'week' | 'month';

/** Days→Date helpers of the step's d3-time interval. */
const stepInterval = (step: Step) => (step === 'week' ? utcMonday : utcMonth);

function clampPeriod(from: string, to: string, range: { min: string; max: string }): Period {
  const f = from < range.min ? range.min : from > range.max ? range.max : from;
  const t = to > range.max ? range.max : to < range.min ? range.min : to;
  return f <= t ? { from: f, to: t } : { from: t, to: f };
}

/**
 * A brushed extent [d0, d1) → whole weeks (Monday…Sunday) or months, at least one step long, clamped to the data
 * range. The start is rounded to the nearest boundary, the end too (so a small brush is one step).
 */
export function snapPeriod(d0: Date, d1: Date, step: Step, range: { min: string; max: string }): Period {
  const interval = stepInterval(step);
  let a = interval.round(d0);
  let b = interval.round(d1);
  if (b <= a) b = interval.offset(a, 1);
  if (a > b) [a, b] = [b, a];
  return clampPeriod(formatDate(a), formatDate(utcDay.offset(b, -1)), range);
}

/** A typed start date → the first day of its step (the Monday of its week, the 1st of its month). */
export const snapStart = (s: string, step: Step): string => (step === 'week' ? weekStart(s) : monthStart(s));
/** A typed end date → the last day of its step (the Sunday of its week, the month's last day). */
export const snapEnd = (s: string, step: Step): string => (step === 'week' ? addDays(weekStart(s), 6) : monthEnd(s));

/** The same-length period `n` steps later (a week step moves both ends 7 days); null when it would leave the data range. */
export function stepPeriod(p: Period, step: Step, range: { min: string; max: string }, n = 1): Period | null {
  const from = step === 'week' ? addDays(p.from, 7 * n) : addMonths(p.from, n);
  const to = step === 'week' ? addDays(p.to, 7 * n) : addDays(addMonths(addDays(p.to, 1), n), -1);
  if (to > range.max || from < range.min) return null;
  return { from, to };
}

/** Whole weeks a period spans (at least 1). */
export const weeksIn = (p: Period): number => Math.max(1, Math.round(daysIn(p) / 7));

/**
 * The latest period of the data, "now": the last `weeks` ISO weeks up to the data's last day (the anomaly score's
 * recent window), or, for audiences that see months only, the data's last month. Clipped to the data.
 */
export function latestPeriod(range: { min: string; max: string }, step: Step, weeks = 4): Period {
  const from = step === 'week' ? addDays(weekStart(range.max), -7 * (weeks - 1)) : monthStart(range.max);
  return { from: from < range.min ? range.min : from, to: range.max };
}
