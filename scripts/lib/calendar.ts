/**
 * Calendar arithmetic on whole UTC days (days since 1970-01-01). No clock, no time zones, no locale.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of a YYYY-MM-DD date. Throws on anything that is not a real calendar date. */
export function toDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a date written YYYY-MM-DD: ${iso}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = Math.round(ms / MS_PER_DAY);
  if (fromDay(day) !== iso) throw new RangeError(`not a real calendar date: ${iso}`);
  return day;
}

/** YYYY-MM-DD of a day number. */
export function fromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Monday of the ISO week containing `day`. */
export function mondayOf(day: number): number {
  return day - weekday(day);
}

/** Day numbers of every Monday in [fromDay, toDay]. */
export function mondaysBetween(from: number, to: number): number[] {
  const out: number[] = [];
  let d = mondayOf(from);
  if (d < from) d += 7;
  for (; d <= to; d += 7) out.push(d);
  return out;
}

/** "YYYY-MM" of a day. */
export function monthKey(day: number): string {
  return fromDay(day).slice(0, 7);
}

export function yearOf(day: number): number {
  return Number(fromDay(day).slice(0, 4));
}

/** 1…12 */
export function monthOf(day: number): number {
  return Number(fromDay(day).slice(5, 7));
}

/** First day of the month of `day`, as YYYY-MM-01. */
export function firstOfMonth(day: number): string {
  return `${monthKey(day)}-01`;
}

/** "YYYY-MM" keys from `fromMonth` to `toMonth` inclusive. */
export function monthRange(fromMonth: string, toMonth: string): string[] {
  const out: string[] = [];
  let [y, m] = fromMonth.split('-').map(Number) as [number, number];
  const [ty, tm] = toMonth.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
