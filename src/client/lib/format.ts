/**
 * Number and date formatting with Intl for the current language (setFormatLocale, called by
 * setLanguage in strings.ts). strings.ts holds the words.
 */
export let LOCALE = 'en';

let integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
let compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
let percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
let signedPercent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
let dateLong = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
let monthYear = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' });
let clock = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });

/** Switches every formatter to `locale` ('en' or 'fr'). */
export function setFormatLocale(locale: string): void {
  if (locale === LOCALE) return;
  LOCALE = locale;
  integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  signedPercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  dateLong = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  monthYear = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
}

/**
 * What a count withheld by disclosure control (sent as null) reads as, per language: "withheld", never "fewer than k" (a cell
 * can be withheld whatever its size; the words must not claim a range). The same words as strings.ts `suppressed`.
 */
export const SUPPRESSED_TEXT: Readonly<Record<string, string>> = { en: 'withheld', fr: 'masqué' };

/**
 * 12345 → "12,345" (fr: "12 345"); null (withheld by disclosure control) → "withheld" ("masqué"); missing → "—".
 * A bare number carries no protection flags: for counts of an answer use lib/suppressed.ts (`displayCount`) or
 * components/Count.tsx, which mark perturbed (≈) and partial (†) counts.
 */
export function formatCount(n: number | null | undefined): string {
  if (n === null) return SUPPRESSED_TEXT[LOCALE] ?? SUPPRESSED_TEXT['en']!;
  if (n === undefined || !Number.isFinite(n)) return '—';
  return integer.format(n);
}

/** 12345 → "12.3K". */
export function formatCompact(n: number): string {
  return compact.format(n);
}

export function formatPercent(share: number): string {
  return percent.format(share);
}

/** A change ratio → "+12%", "−30%", "0%"; null (no base or withheld) → "—". */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '—';
  return signedPercent.format(change);
}

/** "2016-02-01" → "Feb 1, 2016" (fr: "1 févr. 2016"), in UTC so the day never shifts. */
export function formatDate(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? dateLong.format(d) : iso;
}

export function formatMonthYear(d: Date): string {
  return monthYear.format(d);
}

/** A moment → "14:05" in local time (the "as of" note of stale data). */
export function formatClock(ms: number): string {
  return clock.format(new Date(ms));
}

/** "YYYY-MM-DD" → Date at UTC midnight, or null. */
export function parseIsoDate(iso: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : d;
}
