/** Number and date formatting with Intl; one locale for now (strings.ts holds the words). */
export const LOCALE = 'en';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const dateLong = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** 12345 → "12,345"; null (withheld) → "—". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return integer.format(n);
}

/** 12345 → "12.3K". */
export function formatCompact(n: number): string {
  return compact.format(n);
}

export function formatPercent(share: number): string {
  return percent.format(share);
}

/** "2016-02-01" → "1 Feb 2016" (UTC, so the day never shifts). */
export function formatDate(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? dateLong.format(d) : iso;
}

export function formatMonthYear(d: Date): string {
  return monthYear.format(d);
}

/** "YYYY-MM-DD" → Date at UTC midnight, or null. */
export function parseIsoDate(iso: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : d;
}
