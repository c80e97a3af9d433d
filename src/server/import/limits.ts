/**
 * What an import may plausibly contain, beyond its format: dates inside a window around the data (a row dated
 * 2091-01-07 is a typo for 2019, not news), text of a sane length, and the warnings a dry run gives when a file would
 * move the data's extent far. Pure functions; dates through the shared calendar.
 */
import { addDays, addYears, today as todayOf } from '../../shared/calendar';
import type { DataState, DateWindow, ImportWarning } from './types';

/** Longest text a field may hold, in characters. */
export const TEXT_LIMITS = {
  /** Any CSV field (ids, codes, enums and counts are all far shorter). */
  csvField: 200,
  /** A place's id (PLACE_ID_PATTERN allows 64). */
  placeId: 64,
  placeName: 200,
  placeSource: 1000,
  /** Other short text of a place (country code, region pcode, route ids). */
  placeCode: 64,
  /** Routes a monitoring point may observe. */
  placeRoutes: 50,
} as const;

/** "is 1000000 characters long; at most 200" */
export const tooLong = (length: number, max: number) => `is ${length.toLocaleString('en')} characters long; at most ${max} are accepted`;

/** The plausible-date settings (config.ts: IMPORT_DATE_MIN, IMPORT_MAX_DAYS_AHEAD). */
export interface ImportDateSettings {
  /** The earliest date accepted; default: a year before the data's first date. */
  earliest?: string | null;
  /** Days after today a date may lie (default 31: a month's figures entered early). */
  maxDaysAhead?: number;
  /** Today, for tests (default: the UTC date now). */
  today?: string;
}

export const DEFAULT_MAX_DAYS_AHEAD = 31;
/** How far before the data's first date an import may reach, in years (unless IMPORT_DATE_MIN says otherwise). */
export const YEARS_BEFORE_START = 1;
/** A dry run warns when the data's end would move further than this, in years. */
export const EXTENT_JUMP_YEARS = 1;

/** The dates an import may carry: data start − 1 year … today + 31 days (configurable). */
export function importDateWindow(dataStart: string, settings: ImportDateSettings = {}): DateWindow {
  const days = settings.maxDaysAhead ?? DEFAULT_MAX_DAYS_AHEAD;
  const now = settings.today ?? todayOf();
  const earliest = settings.earliest ?? null;
  return {
    min: earliest ?? addYears(dataStart, -YEARS_BEFORE_START),
    max: addDays(now, days),
    minReason: earliest ? 'the earliest date set by IMPORT_DATE_MIN' : `a year before the data's first date, ${dataStart}`,
    maxReason: `today (${now}) + ${days} day${days === 1 ? '' : 's'}`,
  };
}

/** The message for a date outside the window, or null. */
export function dateOutsideWindow(date: string, w: DateWindow): string | null {
  if (date < w.min) return `'${date}' is before ${w.min}, the earliest date accepted (${w.minReason}): is the year right?`;
  if (date > w.max) return `'${date}' is after ${w.max}, the latest date accepted (${w.maxReason}): is the year right?`;
  return null;
}

/** Warnings about how far an import moves the data's extent. */
export function extentWarnings(before: DataState, after: DataState): ImportWarning[] {
  const out: ImportWarning[] = [];
  const limit = addYears(before.dateRange.max, EXTENT_JUMP_YEARS);
  if (after.dateRange.max > limit) {
    out.push({
      code: 'extent-end-jump',
      message:
        `The data would then end on ${after.dateRange.max}, more than ${EXTENT_JUMP_YEARS} year${EXTENT_JUMP_YEARS === 1 ? '' : 's'} after its current end ` +
        `(${before.dateRange.max})` +
        (after.dataAsOf !== before.dataAsOf ? `, and "data as of" would move from ${before.dataAsOf} to ${after.dataAsOf} for every visitor` : '') +
        '. Check the dates of the file.',
    });
  }
  if (after.dateRange.min < before.dateRange.min) {
    out.push({
      code: 'extent-start-earlier',
      message: `The data would then start on ${after.dateRange.min}, before its current start (${before.dateRange.min}). Check the dates of the file.`,
    });
  }
  return out;
}
