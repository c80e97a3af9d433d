/** The coverage rules (src/server/analytics/coverage.ts), on hand-made inputs. */
import { describe, expect, it } from 'vitest';
import { activeInWeek, computeCoverage, MAX_WEEKS_IN_MONTH, outsideReporting, shareOf, type CoverageInput } from '../../src/server/analytics/coverage';

const point = (id: string, activeFrom: string | null, activeTo: string | null, region: string | null = 'NE001', routes: string[] = ['R1']) => ({
  id,
  name: id,
  region,
  routes,
  activeFrom,
  activeTo,
});

// January 2019: Mondays 7, 14, 21, 28 (the 1st is a Tuesday; its week starts on 2018-12-31, before the period).
const base: CoverageInput = {
  period: { from: '2019-01-01', to: '2019-02-28' },
  unit: 'week',
  reporting: 'weeks',
  points: [point('a', null, null), point('b', '2019-01-16', '2019-02-05'), point('c', '2020-01-01', null, 'NE002', [])],
  reported: new Map([
    ['a', new Set(['2019-01-07', '2019-01-21', '2019-02-04', '2018-12-31'])],
    ['b', new Set(['2019-01-14'])],
  ]),
  routes: [
    { id: 'R1', monitoredBy: ['a', 'b'] },
    { id: 'R9', monitoredBy: [] },
  ],
  regions: [
    { pcode: 'NE001', name: 'One' },
    { pcode: 'NE002', name: 'Two' },
    { pcode: 'NE003', name: 'Three' },
  ],
};

describe('activeInWeek', () => {
  it('a week is active when it overlaps the active dates, either end open', () => {
    expect(activeInWeek('2019-01-14', { activeFrom: '2019-01-20', activeTo: null })).toBe(true); // Sunday the 20th
    expect(activeInWeek('2019-01-14', { activeFrom: '2019-01-21', activeTo: null })).toBe(false);
    expect(activeInWeek('2019-01-14', { activeFrom: null, activeTo: '2019-01-14' })).toBe(true);
    expect(activeInWeek('2019-01-14', { activeFrom: null, activeTo: '2019-01-13' })).toBe(false);
    expect(activeInWeek('2019-01-14', { activeFrom: null, activeTo: null })).toBe(true);
  });
});

describe('computeCoverage', () => {
  it('weeks: reported 1, gap 0, not monitored null; the period share over active weeks', () => {
    const c = computeCoverage(base);
    expect(c.steps).toEqual(['2019-01-07', '2019-01-14', '2019-01-21', '2019-01-28', '2019-02-04', '2019-02-11', '2019-02-18', '2019-02-25']);
    const a = c.points.find((p) => p.id === 'a')!;
    expect(a.series).toEqual([1, 0, 1, 0, 1, 0, 0, 0]);
    expect(a.period).toEqual({ active: 8, reported: 3, share: 0.375 });
    // b: active 16 Jan … 5 Feb (weeks of the 14th, 21st, 28th, 4 Feb); reported the 14th only.
    const b = c.points.find((p) => p.id === 'b')!;
    expect(b.series).toEqual([null, 1, 0, 0, 0, null, null, null]);
    expect(b.period).toEqual({ active: 4, reported: 1, share: 0.25 });
    // c: never active in the period: no share at all, not 0.
    expect(c.points.find((p) => p.id === 'c')!.period).toEqual({ active: 0, reported: 0, share: null });
  });

  it('routes, regions and the total add point-weeks; nothing active is null, not 0', () => {
    const c = computeCoverage(base);
    expect(c.routes).toEqual([
      { id: 'R1', points: ['a', 'b'], active: 12, reported: 4, share: 0.333 },
      { id: 'R9', points: [], active: 0, reported: 0, share: null },
    ]);
    expect(c.regions.map((r) => [r.pcode, r.share])).toEqual([
      ['NE001', 0.333],
      ['NE002', null],
      ['NE003', null],
    ]);
    expect(c.total).toEqual({ active: 12, reported: 4, share: 0.333 });
  });

  it('months (weekly reporting): the share of each month’s active weeks, a week in the month of its Monday', () => {
    const c = computeCoverage({ ...base, unit: 'month' });
    expect(c.steps).toEqual(['2019-01-01', '2019-02-01']);
    expect(c.points.find((p) => p.id === 'a')!.series).toEqual([0.5, 0.25]);
    expect(c.points.find((p) => p.id === 'b')!.series).toEqual([1 / 3, 0].map((x) => Math.round(x * 1000) / 1000));
    expect(c.points.find((p) => p.id === 'a')!.period).toEqual({ active: 8, reported: 3, share: 0.375 });
  });

  it('months mode: a month reported when any active week did; shares over point-months', () => {
    const c = computeCoverage({ ...base, unit: 'month', reporting: 'months' });
    expect(c.points.find((p) => p.id === 'a')!.series).toEqual([1, 1]);
    expect(c.points.find((p) => p.id === 'b')!.series).toEqual([1, 0]);
    expect(c.total).toEqual({ active: 4, reported: 3, share: 0.75 });
  });

  it('span mode: the active dates only', () => {
    const c = computeCoverage({ ...base, unit: 'month', reporting: 'span', reported: new Map() });
    expect(c.points.find((p) => p.id === 'b')!.series).toEqual([1, 1]);
    expect(c.points.find((p) => p.id === 'c')!.series).toEqual([null, null]);
  });
});

describe('outsideReporting', () => {
  it('weekly shares only while they cannot pin a withheld cell (k − 1 above the most weeks in a month)', () => {
    expect(outsideReporting({ k: 10, maxNoise: 3 })).toBe('weeks');
    expect(outsideReporting({ k: MAX_WEEKS_IN_MONTH + 2, maxNoise: 3 })).toBe('weeks');
    expect(outsideReporting({ k: MAX_WEEKS_IN_MONTH + 1, maxNoise: 3 })).toBe('months');
    expect(outsideReporting({ k: 3, maxNoise: 0 })).toBe('months');
  });
  it('the active dates only when a published 0 of a reported month would be exactly k (D = 1)', () => {
    expect(outsideReporting({ k: 10, maxNoise: 1 })).toBe('span');
  });
  it('shareOf rounds to three decimals and has no share without active weeks', () => {
    expect(shareOf(3, 1)).toEqual({ active: 3, reported: 1, share: 0.333 });
    expect(shareOf(0, 0).share).toBeNull();
  });
});
