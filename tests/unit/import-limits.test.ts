/** Plausible import dates, the extent warnings, the data version of a set of imports, and their configuration. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';
import { dataVersionOf } from '../../src/server/store/duckdb/duckdb-store';
import { dateOutsideWindow, extentWarnings, importDateWindow } from '../../src/server/import/limits';

describe('importDateWindow', () => {
  it('data start − 1 year … today + 31 days by default', () => {
    const w = importDateWindow('2015-01-01', { today: '2026-12-04' });
    expect(w).toMatchObject({ min: '2014-01-01', max: '2027-01-04' });
    expect(dateOutsideWindow('2014-01-01', w)).toBeNull();
    expect(dateOutsideWindow('2027-01-04', w)).toBeNull();
    expect(dateOutsideWindow('2013-12-31', w)).toBe(
      "'2013-12-31' is before 2014-01-01, the earliest date accepted (a year before the data's first date, 2015-01-01): is the year right?",
    );
    expect(dateOutsideWindow('2091-01-07', w)).toBe(
      "'2091-01-07' is after 2027-01-04, the latest date accepted (today (2026-12-04) + 31 days): is the year right?",
    );
    expect(dateOutsideWindow('9999-12-31', w)).toMatch(/is after 2027-01-04/);
  });

  it('configurable: an earliest date and the days ahead', () => {
    const w = importDateWindow('2015-01-01', { today: '2020-02-28', earliest: '2010-06-01', maxDaysAhead: 1 });
    expect(w).toMatchObject({
      min: '2010-06-01',
      max: '2020-02-29',
      minReason: 'the earliest date set by IMPORT_DATE_MIN',
      maxReason: 'today (2020-02-28) + 1 day',
    });
  });
});

describe('extentWarnings', () => {
  const state = (min: string, max: string, dataAsOf = max) => ({ dateRange: { min, max }, dataAsOf });
  it('warns when the end moves more than a year, or the start moves earlier; not otherwise', () => {
    const before = state('2015-01-01', '2019-12-31');
    expect(extentWarnings(before, state('2015-01-01', '2020-12-31'))).toEqual([]);
    const jump = extentWarnings(before, state('2015-01-01', '2021-01-01'));
    expect(jump.map((w) => w.code)).toEqual(['extent-end-jump']);
    expect(jump[0]!.message).toMatch(/"data as of" would move from 2019-12-31 to 2021-01-01 for every visitor/);
    expect(extentWarnings(before, state('2014-12-31', '2019-12-31')).map((w) => w.code)).toEqual(['extent-start-earlier']);
    expect(extentWarnings(before, state('2014-12-31', '2091-01-07')).map((w) => w.code)).toEqual(['extent-end-jump', 'extent-start-earlier']);
  });
});

describe('dataVersionOf', () => {
  const fp = 'abcdef0123456789abcdef';
  it('one set of imports, one version; undoing the latest gives back the version before it', () => {
    expect(dataVersionOf(fp, [])).toBe('abcdef012345');
    expect(dataVersionOf(fp, [1, 2, 3])).toBe('abcdef012345-3');
    expect(dataVersionOf(fp, [1, 2])).toBe('abcdef012345-2');
    const gap = dataVersionOf(fp, [1, 3]);
    expect(gap).toMatch(/^abcdef012345-2-[0-9a-f]{8}$/);
    expect(gap).not.toBe(dataVersionOf(fp, [2, 3]));
    expect(dataVersionOf(fp, [2])).not.toBe(dataVersionOf(fp, [1]));
  });
});

describe('configuration', () => {
  it('IMPORT_DATE_MIN and IMPORT_MAX_DAYS_AHEAD', () => {
    expect(loadConfig({}, '/srv').importDates).toEqual({ earliest: null, maxDaysAhead: 31 });
    expect(loadConfig({ IMPORT_DATE_MIN: '2010-01-01', IMPORT_MAX_DAYS_AHEAD: '0' }, '/srv').importDates).toEqual({ earliest: '2010-01-01', maxDaysAhead: 0 });
    expect(() => loadConfig({ IMPORT_DATE_MIN: '2019-13-01' }, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig({ IMPORT_DATE_MIN: '2019-13-01' }, '/srv')).toThrow(/IMPORT_DATE_MIN/);
    expect(() => loadConfig({ IMPORT_MAX_DAYS_AHEAD: '-1' }, '/srv')).toThrow(/IMPORT_MAX_DAYS_AHEAD/);
  });
});
