/**
 * The shared calendar (src/shared/calendar.ts): whole months, ISO weeks, the previous equal period, clamping a
 * period to the whole months of the data, the default period. Server (policy, published cells, hotspots) and client
 * read these rules, so they are pinned here on examples and as properties (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  latestPeriod,
  addDays,
  addMonths,
  clampToMonths,
  dateOfDayNumber,
  dayNumber,
  daysIn,
  defaultPeriod,
  formatDate,
  isDate,
  isMonthEnd,
  isMonthStart,
  isWeekEnd,
  isWeekStart,
  isWholeMonths,
  isYearEnd,
  isYearStart,
  monthEnd,
  monthExtent,
  monthStart,
  monthStarts,
  monthsIn,
  parseDate,
  previousPeriod,
  QUERY_DATE_BOUNDS,
  weekStart,
  weekStarts,
  yearEnd,
  yearStart,
  type Period,
} from '../../src/shared/calendar';
import { flowsQuery, hotspotsQuery } from '../../src/shared/api';

/** Any date 1990-01-01 … 2039-12-31 as YYYY-MM-DD (independent arithmetic: Date.UTC). */
const DAY = 86_400_000;
const BASE = Date.UTC(1990, 0, 1);
const dateArb = fc.integer({ min: 0, max: 18_262 }).map((n) => new Date(BASE + n * DAY).toISOString().slice(0, 10));
const periodArb = fc.tuple(dateArb, dateArb).map(([a, b]): Period => (a <= b ? { from: a, to: b } : { from: b, to: a }));
/** The last day of a month, written independently (day 0 of the next month). */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
const wholeMonthsArb = fc
  .tuple(fc.integer({ min: 1990, max: 2039 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 40 }))
  .map(([y, m, n]): Period => {
    const endIdx = y * 12 + (m - 1) + n - 1;
    return { from: `${y}-${String(m).padStart(2, '0')}-01`, to: lastDay(Math.floor(endIdx / 12), (endIdx % 12) + 1) };
  });

describe('dates', () => {
  it('parse and format YYYY-MM-DD as UTC midnight, round trip', () => {
    expect(parseDate('2016-02-29').toISOString()).toBe('2016-02-29T00:00:00.000Z');
    expect(formatDate(new Date(Date.UTC(2019, 11, 31)))).toBe('2019-12-31');
    fc.assert(fc.property(dateArb, (d) => formatDate(parseDate(d)) === d));
  });

  it('isDate: a real calendar date written YYYY-MM-DD', () => {
    for (const d of ['2016-02-29', '2019-12-31', '1900-01-01', '0001-01-01']) expect(isDate(d), d).toBe(true);
    for (const d of ['2019-02-29', '2016-02-30', '2019-04-31', '2019-13-01', '2019-00-10', '2016-2-1', '20160201', '2016-02-01T00:00:00Z', ' 2016-02-01', '']) {
      expect(isDate(d), d).toBe(false);
    }
    fc.assert(fc.property(dateArb, (d) => isDate(d)));
  });

  it('day numbers count days from 1970-01-01 and refuse what is not a date', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2015-01-05')).toBe(16_440);
    expect(dateOfDayNumber(16_440)).toBe('2015-01-05');
    expect(() => dayNumber('2016-02-30')).toThrow(RangeError);
    expect(() => dayNumber('2016-2-1')).toThrow(/YYYY-MM-DD/);
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -400, max: 400 }), (d, n) => {
        const k = dayNumber(d);
        return k === (parseDate(d).getTime() - BASE) / DAY + dayNumber('1990-01-01') && dateOfDayNumber(k) === d && dateOfDayNumber(k + n) === addDays(d, n);
      }),
    );
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2019-01-31', 1)).toBe('2019-02-01');
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2019-01-01', -1)).toBe('2018-12-31');
    expect(addDays('2019-03-31', 0)).toBe('2019-03-31');
    fc.assert(fc.property(dateArb, fc.integer({ min: -400, max: 400 }), (d, n) => addDays(addDays(d, n), -n) === d));
  });

  it('adds months to a 1st of the month', () => {
    expect(addMonths('2019-01-01', 1)).toBe('2019-02-01');
    expect(addMonths('2019-01-01', -1)).toBe('2018-12-01');
    expect(addMonths('2019-12-01', 1)).toBe('2020-01-01');
    expect(addMonths('2019-03-01', -14)).toBe('2018-01-01');
  });

  it('whole-month boundaries, February and leap years included', () => {
    expect(monthStart('2019-02-17')).toBe('2019-02-01');
    expect(monthEnd('2019-02-17')).toBe('2019-02-28');
    expect(monthEnd('2016-02-01')).toBe('2016-02-29');
    expect(monthEnd('2000-02-10')).toBe('2000-02-29');
    expect(monthEnd('1900-02-10')).toBe('1900-02-28');
    expect(monthEnd('2019-12-05')).toBe('2019-12-31');
    expect(monthEnd('2019-04-30')).toBe('2019-04-30');
    expect(isMonthStart('2019-03-01')).toBe(true);
    expect(isMonthStart('2019-03-02')).toBe(false);
    expect(isMonthEnd('2019-02-28')).toBe(true);
    expect(isMonthEnd('2016-02-28')).toBe(false);
    expect(isMonthEnd('2016-02-29')).toBe(true);
    expect(isMonthEnd('2019-04-31' as string)).toBe(false); // not a date: never a month's end
    fc.assert(
      fc.property(dateArb, (d) => {
        const [y, m] = d.split('-').map(Number);
        return monthEnd(d) === lastDay(y!, m!) && isMonthEnd(d) === (d === lastDay(y!, m!)) && isMonthStart(d) === d.endsWith('-01');
      }),
    );
  });

  it('isWholeMonths: from a 1st to a last day, in order', () => {
    expect(isWholeMonths({ from: '2019-01-01', to: '2019-01-31' })).toBe(true);
    expect(isWholeMonths({ from: '2016-02-01', to: '2016-02-29' })).toBe(true);
    expect(isWholeMonths({ from: '2018-12-01', to: '2019-02-28' })).toBe(true);
    expect(isWholeMonths({ from: '2019-01-01', to: '2019-01-30' })).toBe(false);
    expect(isWholeMonths({ from: '2019-01-02', to: '2019-01-31' })).toBe(false);
    expect(isWholeMonths({ from: '2019-02-01', to: '2019-01-31' })).toBe(false);
  });
});

describe('ISO weeks', () => {
  it('start on Monday and end on Sunday', () => {
    expect(weekStart('2019-01-07')).toBe('2019-01-07'); // a Monday
    expect(weekStart('2019-01-13')).toBe('2019-01-07'); // its Sunday
    expect(weekStart('2019-01-01')).toBe('2018-12-31'); // the ISO week crosses the year
    expect(weekStart('2016-03-02')).toBe('2016-02-29');
    expect(isWeekStart('2019-01-07')).toBe(true);
    expect(isWeekStart('2019-01-08')).toBe(false);
    expect(isWeekEnd('2019-01-13')).toBe(true);
    expect(isWeekEnd('2019-01-12')).toBe(false);
  });

  it('hold every date in the 7 days from their Monday', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const monday = weekStart(d);
        const dow = parseDate(monday).getUTCDay();
        const offset = (parseDate(d).getTime() - parseDate(monday).getTime()) / DAY;
        return dow === 1 && offset >= 0 && offset <= 6 && isWeekStart(monday) && isWeekEnd(addDays(monday, 6));
      }),
    );
  });
});

describe('weekStarts', () => {
  it('lists the Mondays within a period, both ends included', () => {
    expect(weekStarts({ from: '2019-01-01', to: '2019-01-14' })).toEqual(['2019-01-07', '2019-01-14']);
    expect(weekStarts({ from: '2019-01-07', to: '2019-01-07' })).toEqual(['2019-01-07']);
    expect(weekStarts({ from: '2019-01-08', to: '2019-01-13' })).toEqual([]);
    const all = weekStarts({ from: '2015-01-01', to: '2019-12-31' });
    expect([all[0], all.at(-1), all.length]).toEqual(['2015-01-05', '2019-12-30', 261]);
    fc.assert(
      fc.property(periodArb, (p) => {
        const ws = weekStarts(p);
        const expected = Math.floor((dayNumber(p.to) - dayNumber(weekStart(p.from))) / 7) + (isWeekStart(p.from) ? 1 : 0);
        return ws.length === expected && ws.every((w, i) => isWeekStart(w) && w >= p.from && w <= p.to && (i === 0 || addDays(ws[i - 1]!, 7) === w));
      }),
    );
  });
});

describe('years', () => {
  it('start on January 1st and end on December 31st', () => {
    expect(yearStart('2016-07-14')).toBe('2016-01-01');
    expect(yearEnd('2016-07-14')).toBe('2016-12-31');
    expect([isYearStart('2016-01-01'), isYearStart('2016-01-02'), isYearEnd('2016-12-31'), isYearEnd('2016-12-30')]).toEqual([true, false, true, false]);
    fc.assert(fc.property(dateArb, (d) => yearStart(d) <= d && d <= yearEnd(d) && isYearStart(addDays(yearEnd(d), 1)) && isYearEnd(addDays(yearStart(d), -1))));
  });
});

describe('counting', () => {
  it('daysIn counts both ends', () => {
    expect(daysIn({ from: '2019-01-01', to: '2019-01-01' })).toBe(1);
    expect(daysIn({ from: '2019-01-01', to: '2019-12-31' })).toBe(365);
    expect(daysIn({ from: '2016-01-01', to: '2016-12-31' })).toBe(366);
  });

  it('monthsIn counts the calendar months a period touches', () => {
    expect(monthsIn({ from: '2019-01-15', to: '2019-02-01' })).toBe(2);
    expect(monthsIn({ from: '2019-01-01', to: '2019-01-31' })).toBe(1);
    expect(monthsIn({ from: '2018-11-30', to: '2019-02-01' })).toBe(4);
    expect(monthsIn({ from: '2015-01-01', to: '2019-12-31' })).toBe(60);
  });

  it('monthStarts lists the 1st of every month touched, in order', () => {
    expect(monthStarts({ from: '2018-12-15', to: '2019-02-01' })).toEqual(['2018-12-01', '2019-01-01', '2019-02-01']);
    expect(monthStarts({ from: '2019-03-10', to: '2019-03-10' })).toEqual(['2019-03-01']);
    expect(monthStarts({ from: '2019-01-01', to: '2019-12-31' })).toHaveLength(12);
    fc.assert(
      fc.property(periodArb, (p) => {
        const ms = monthStarts(p);
        return (
          ms.length === monthsIn(p) &&
          ms[0] === monthStart(p.from) &&
          ms.at(-1) === monthStart(p.to) &&
          ms.every((m, i) => isMonthStart(m) && (i === 0 || ms[i - 1]! < m))
        );
      }),
    );
  });
});

describe('previousPeriod', () => {
  it.each<[string, string, string, string]>([
    // whole months → the same number of whole months before
    ['2019-12-01', '2019-12-31', '2019-11-01', '2019-11-30'],
    ['2019-03-01', '2019-03-31', '2019-02-01', '2019-02-28'],
    ['2016-01-01', '2016-12-31', '2015-01-01', '2015-12-31'],
    ['2016-03-01', '2016-05-31', '2015-12-01', '2016-02-29'],
    ['2019-01-01', '2019-02-28', '2018-11-01', '2018-12-31'],
    // anything else → the same number of days before
    ['2019-01-10', '2019-01-19', '2018-12-31', '2019-01-09'],
    ['2019-03-01', '2019-03-01', '2019-02-28', '2019-02-28'],
    ['2019-01-07', '2019-02-03', '2018-12-10', '2019-01-06'],
    ['2019-01-01', '2019-01-30', '2018-12-02', '2018-12-31'],
  ])('%s…%s → %s…%s', (from, to, pFrom, pTo) => {
    expect(previousPeriod({ from, to })).toEqual({ from: pFrom, to: pTo });
  });

  it('of whole months is whole months, as many, ending the day before', () => {
    fc.assert(
      fc.property(wholeMonthsArb, (p) => {
        const prev = previousPeriod(p);
        return isWholeMonths(prev) && monthsIn(prev) === monthsIn(p) && addDays(prev.to, 1) === p.from;
      }),
    );
  });

  it('of any other period has as many days, ending the day before', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        fc.pre(!isWholeMonths(p));
        const prev = previousPeriod(p);
        return daysIn(prev) === daysIn(p) && addDays(prev.to, 1) === p.from;
      }),
    );
  });
});

describe('clampToMonths and monthExtent', () => {
  const data = { from: '2018-12-01', to: '2019-02-28' };

  it('monthExtent widens the data to whole months', () => {
    expect(monthExtent(data)).toEqual(data);
    expect(monthExtent({ from: '2015-01-05', to: '2019-12-30' })).toEqual({ from: '2015-01-01', to: '2019-12-31' });
  });

  it('keeps a period of whole months inside the data', () => {
    expect(clampToMonths({ from: '2019-01-01', to: '2019-01-31' }, data)).toEqual({ from: '2019-01-01', to: '2019-01-31' });
    expect(clampToMonths(data, data)).toEqual(data);
  });

  it('cuts a period reaching past the data to the data’s whole months', () => {
    expect(clampToMonths({ from: '2018-01-01', to: '2025-12-31' }, data)).toEqual(data);
    expect(clampToMonths({ from: '1900-01-01', to: '2019-01-31' }, data)).toEqual({ from: '2018-12-01', to: '2019-01-31' });
    expect(clampToMonths({ from: '2019-02-01', to: '2199-12-31' }, data)).toEqual({ from: '2019-02-01', to: '2019-02-28' });
  });

  it('is null for a period entirely outside the data', () => {
    expect(clampToMonths({ from: '2019-03-01', to: '2019-12-31' }, data)).toBeNull();
    expect(clampToMonths({ from: '2017-01-01', to: '2018-11-30' }, data)).toBeNull();
  });

  it('answers whole months when the data does not start on a 1st or end on a month’s last day', () => {
    // The policy lets month-resolution roles name the data's own ends (e.g. /meta's defaultPeriod, which ends on the
    // last day of data): the answer still covers, and reports, whole months.
    const ragged = { from: '2015-01-05', to: '2019-12-30' };
    expect(clampToMonths({ from: '2015-01-05', to: '2019-12-30' }, ragged)).toEqual({ from: '2015-01-01', to: '2019-12-31' });
    expect(clampToMonths({ from: '2015-01-03', to: '2015-01-31' }, ragged)).toEqual({ from: '2015-01-01', to: '2015-01-31' });
    expect(clampToMonths({ from: '2019-12-01', to: '2019-12-30' }, ragged)).toEqual({ from: '2019-12-01', to: '2019-12-31' });
    // …so that its previous equal period is whole months too.
    expect(previousPeriod(clampToMonths({ from: '2019-12-01', to: '2019-12-30' }, ragged)!)).toEqual({ from: '2019-11-01', to: '2019-11-30' });
  });

  it('always answers whole months inside the data’s month extent for the periods the policy lets through', () => {
    // The policy (src/server/access/policy.ts) lets a month-resolution role name a from that is a 1st or at/before
    // the data's first day, and a to that is a month's last day or at/after the data's last day.
    const allowed = fc.tuple(periodArb, periodArb).filter(([p, d]) => (isMonthStart(p.from) || p.from <= d.from) && (isMonthEnd(p.to) || p.to >= d.to));
    fc.assert(
      fc.property(allowed, ([p, d]) => {
        const c = clampToMonths(p, d);
        const ext = monthExtent(d);
        if (c === null) return p.to < ext.from || p.from > ext.to;
        return isWholeMonths(c) && c.from >= ext.from && c.to <= ext.to && c.from >= monthStart(p.from) && c.to <= monthEnd(p.to);
      }),
      { numRuns: 500 },
    );
  });
});

describe('defaultPeriod', () => {
  it.each([
    ['2015-01-01', '2019-12-31', '2019-01-01'],
    ['2015-01-01', '2019-12-30', '2019-01-01'],
    ['2015-01-01', '2019-02-28', '2018-03-01'],
    ['2018-06-15', '2019-02-28', '2018-06-15'],
    ['2018-12-01', '2019-02-28', '2018-12-01'],
  ])('data %s…%s → from %s to the data’s last day', (from, to, expected) => {
    expect(defaultPeriod({ from, to })).toEqual({ from: expected, to });
  });
});

describe('QUERY_DATE_BOUNDS', () => {
  it('are 1900-01-01 … 2199-12-31, and the query schemas refuse dates outside them, naming the field', () => {
    expect(QUERY_DATE_BOUNDS).toEqual({ from: '1900-01-01', to: '2199-12-31' });
    for (const schema of [flowsQuery, hotspotsQuery]) {
      expect(schema.safeParse({ from: '1900-01-01', to: '2199-12-31' }).success).toBe(true);
      for (const [field, value] of [
        ['from', '1000-01-01'],
        ['from', '1899-12-31'],
        ['to', '2200-01-01'],
        ['to', '9999-12-31'],
      ] as const) {
        const r = schema.safeParse({ [field]: value });
        expect(r.success, `${field}=${value}`).toBe(false);
        expect(r.error!.issues.map((i) => String(i.path[0]))).toContain(field);
        expect(r.error!.issues[0]!.message).toMatch(/between 1900-01-01 and 2199-12-31/);
      }
    }
  });
});

describe('latestPeriod: "now", the score’s recent window', () => {
  it('is the last 4 ISO weeks up to the data’s last day, the first from its Monday', () => {
    // 2019-12-31 is a Tuesday: its week starts Monday 30 December; three weeks before, Monday 9 December
    expect(latestPeriod({ min: '2015-01-01', max: '2019-12-31' }, 'week')).toEqual({ from: '2019-12-09', to: '2019-12-31' });
    // ending on a Sunday: four whole weeks
    expect(latestPeriod({ min: '2015-01-01', max: '2019-12-29' }, 'week')).toEqual({ from: '2019-12-02', to: '2019-12-29' });
    expect(latestPeriod({ min: '2015-01-01', max: '2019-12-29' }, 'week', 2)).toEqual({ from: '2019-12-16', to: '2019-12-29' });
  });
  it('is the last month for audiences that see months only, and never starts before the data', () => {
    expect(latestPeriod({ min: '2015-01-01', max: '2019-12-31' }, 'month')).toEqual({ from: '2019-12-01', to: '2019-12-31' });
    expect(latestPeriod({ min: '2019-12-20', max: '2019-12-31' }, 'week')).toEqual({ from: '2019-12-20', to: '2019-12-31' });
  });
});
