/** Number and date formatting (Intl, en). */
import { describe, expect, it } from 'vitest';
import { formatCompact, formatCount, formatDate, formatPercent, parseIsoDate } from '../../src/client/i18n/format';
import { yearPeriod, yearsInRange } from '../../src/client/features/filters/FilterBar';

describe('formatters', () => {
  it('counts', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('withheld');
    expect(formatCount(undefined)).toBe('—');
  });

  it('compact, percent', () => {
    expect(formatCompact(12_345)).toBe('12.3K');
    expect(formatPercent(0.304)).toBe('30%');
  });

  it('dates are formatted in UTC (no day shift)', () => {
    expect(formatDate('2016-02-01')).toBe('Feb 1, 2016');
    expect(formatDate('2019-12-31')).toBe('Dec 31, 2019');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('parseIsoDate rejects impossible dates', () => {
    expect(parseIsoDate('2016-02-29')?.toISOString()).toBe('2016-02-29T00:00:00.000Z');
    expect(parseIsoDate('2015-02-29')).toBeNull();
    expect(parseIsoDate('2015-2-1')).toBeNull();
  });
});

describe('year presets', () => {
  const range = { min: '2015-01-01', max: '2019-12-31' };
  it('lists the years of the data', () => {
    expect(yearsInRange(range)).toEqual([2015, 2016, 2017, 2018, 2019]);
  });
  it('clips a year to the data range', () => {
    expect(yearPeriod(2016, range)).toEqual({ from: '2016-01-01', to: '2016-12-31' });
    expect(yearPeriod(2016, { min: '2016-02-01', max: '2016-10-31' })).toEqual({ from: '2016-02-01', to: '2016-10-31' });
  });
});

describe('date fields', () => {
  it('write ISO in English and day/month/year in French', async () => {
    const { formatDateField } = await import('../../src/client/i18n/format');
    expect(formatDateField('2019-03-04', 'en')).toBe('2019-03-04');
    expect(formatDateField('2019-03-04', 'fr')).toBe('04/03/2019');
  });
  it('read ISO or day first, and nothing that is not a real date', async () => {
    const { parseDateField } = await import('../../src/client/i18n/format');
    expect(parseDateField(' 2019-03-04 ')).toBe('2019-03-04');
    expect(parseDateField('4/3/2019')).toBe('2019-03-04');
    expect(parseDateField('04.03.2019')).toBe('2019-03-04');
    expect(parseDateField('31/02/2019')).toBeNull();
    expect(parseDateField('2019-3-4')).toBeNull();
    expect(parseDateField('')).toBeNull();
  });
});
