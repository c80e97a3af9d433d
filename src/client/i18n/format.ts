/**
 * Numbers and dates in the interface language, with Intl. The formatters of each language are made once and read
 * the language at call time (src/client/i18n/i18n.ts holds it): there is no copy of the language here.
 */
import { isDate, parseDate } from '../../shared/calendar';
import { currentLanguage, i18n, type Language } from './i18n';

interface Formatters {
  integer: Intl.NumberFormat;
  compact: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  signedPercent: Intl.NumberFormat;
  decimal: Intl.NumberFormat;
  signedDecimal: Intl.NumberFormat;
  precise: Intl.NumberFormat;
  dateTime: Intl.DateTimeFormat;
  dateLong: Intl.DateTimeFormat;
  dayMonth: Intl.DateTimeFormat;
  monthYear: Intl.DateTimeFormat;
  monthShort: Intl.DateTimeFormat;
  year: Intl.DateTimeFormat;
  clock: Intl.DateTimeFormat;
}

const made = new Map<Language, Formatters>();

/** The Intl formatters of `lang` (default: the interface language). */
export function formatters(lang: Language = currentLanguage()): Formatters {
  let f = made.get(lang);
  if (!f) {
    const utc = { timeZone: 'UTC' } as const;
    f = {
      integer: new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }),
      compact: new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }),
      percent: new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }),
      signedPercent: new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }),
      decimal: new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }),
      signedDecimal: new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
      precise: new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }),
      dateTime: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }),
      dateLong: new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', ...utc }),
      dayMonth: new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', ...utc }),
      monthYear: new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', ...utc }),
      monthShort: new Intl.DateTimeFormat(lang, { month: 'short', ...utc }),
      year: new Intl.DateTimeFormat(lang, { year: 'numeric', ...utc }),
      clock: new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }),
    };
    made.set(lang, f);
  }
  return f;
}

/**
 * 12345 → "12,345" (fr: "12 345"); null (withheld by disclosure control) → "withheld" ("masqué"); missing → "—".
 * A bare number carries no protection flags: for counts of an answer use lib/suppressed.ts (`displayCount`) or
 * components/Count.tsx, which mark perturbed (≈) and partial (†) counts.
 */
export function formatCount(n: number | null | undefined, lang: Language = currentLanguage()): string {
  if (n === null) return i18n.t('protection.withheld', { lng: lang });
  if (n === undefined || !Number.isFinite(n)) return '—';
  return formatters(lang).integer.format(n);
}

/** 12345 → "12.3K" (fr: "12,3 k"). */
export const formatCompact = (n: number, lang?: Language): string => formatters(lang).compact.format(n);

export const formatPercent = (share: number, lang?: Language): string => formatters(lang).percent.format(share);

/** A change ratio → "+12%", "−30%", "0%"; null (no base or withheld) → "—". */
export function formatChange(change: number | null | undefined, lang?: Language): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '—';
  return formatters(lang).signedPercent.format(change);
}

/** "2016-02-01" → "Feb 1, 2016" (fr: "1 févr. 2016"), in UTC so the day never shifts. */
export function formatDate(iso: string, lang?: Language): string {
  const d = parseIsoDate(iso);
  return d ? formatters(lang).dateLong.format(d) : iso;
}

/** A month → "Apr 2017" (fr: "avr. 2017"): chart and time-strip ticks. */
export const formatMonthYear = (d: Date, lang?: Language): string => formatters(lang).monthYear.format(d);

/**
 * A time-axis tick in the interface language: January → the year ("2017"), other months → the short month name
 * ("Apr" / "avr."), other days → day and month ("6 May" / "6 mai").
 */
export function formatTick(d: Date, lang?: Language): string {
  const f = formatters(lang);
  if (d.getUTCDate() !== 1) return f.dayMonth.format(d);
  return d.getUTCMonth() === 0 ? f.year.format(d) : f.monthShort.format(d);
}

/** 1.25 → "1.3" (fr "1,3"); signed → "+1.3" / "−0.4" (the hotspots z-score). */
export const formatDecimal = (n: number, lang?: Language): string => formatters(lang).decimal.format(n);
export const formatSignedDecimal = (n: number, lang?: Language): string => formatters(lang).signedDecimal.format(n);
/** 1.4826 → "1.4826" (fr "1,4826"): constants of a method, at full precision. */
export const formatPrecise = (n: number, lang?: Language): string => formatters(lang).precise.format(n);
/** A moment → "4 Dec 2026, 14:05" in local time (the import history). */
export const formatDateTime = (ms: number | Date, lang?: Language): string => formatters(lang).dateTime.format(ms);

/**
 * A date as the date fields write it: ISO in English ("2019-03-04"), day/month/year in French ("04/03/2019"). The
 * fields are text fields: a browser's own date field follows the browser's locale, not the page's language.
 */
export function formatDateField(iso: string, lang: Language = currentLanguage()): string {
  if (lang !== 'fr' || !isDate(iso)) return iso;
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** What a date field holds → an ISO date, or null: "2019-03-04", "4/3/2019", "04.03.2019", "04-03-2019" (day first). */
export function parseDateField(text: string): string | null {
  const s = text.trim();
  if (isDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isDate(iso) ? iso : null;
}

/** A moment → "14:05" in local time (the "as of" note of stale data). */
export const formatClock = (ms: number, lang?: Language): string => formatters(lang).clock.format(new Date(ms));

/** "YYYY-MM-DD" → Date at UTC midnight, or null when it is not a real date. */
export const parseIsoDate = (iso: string): Date | null => (isDate(iso) ? parseDate(iso) : null);
