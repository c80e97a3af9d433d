/** The time strip's coverage folding (src/client/features/time/coverage.ts) on a hand-made answer. */
import { describe, expect, it } from 'vitest';
import type { PlaceProperties } from '../../src/shared/api';
import type { CoverageResponse } from '../../src/shared/api-coverage';
import { coverageBand, periodCoverage, pointRows, pointsOf } from '../../src/client/features/time/coverage';
import { bandFill, BAND_COLOURS } from '../../src/client/features/time/CoverageBand';
import { countingPoints, isMonitoredInPeriod, placeStates, routeStates } from '../../src/client/map/metrics';

const share = { share: null, active: 0, reported: 0 };
const cov: CoverageResponse = {
  from: '2019-01-01',
  to: '2019-03-31',
  dataAsOf: '2019-04-01',
  dataVersion: 'x',
  unit: 'month',
  reporting: 'weeks',
  steps: ['2019-01-01', '2019-02-01', '2019-03-01'],
  points: [
    { id: 'a', name: 'A', region: 'NE001', routes: ['R1'], activeFrom: null, activeTo: null, series: [1, 0.5, 0], period: share },
    { id: 'b', name: 'B', region: 'NE002', routes: ['R2'], activeFrom: '2019-02-10', activeTo: null, series: [null, 1, 1], period: share },
  ],
  routes: [
    { id: 'R1', points: ['a'], ...share },
    { id: 'R2', points: ['b'], ...share },
    { id: 'R9', points: [], ...share },
  ],
  regions: [],
  total: share,
  method: '',
};

describe('pointsOf', () => {
  it('a route stands for its points, a region for its points, a monitoring point for itself; otherwise every point', () => {
    expect(pointsOf(cov, { type: 'route', id: 'R2' })).toEqual({ ids: ['b'], scope: 'route' });
    expect(pointsOf(cov, { type: 'route', id: 'R9' })).toEqual({ ids: [], scope: 'route' });
    expect(pointsOf(cov, { type: 'region', id: 'NE001' })).toEqual({ ids: ['a'], scope: 'region' });
    expect(pointsOf(cov, { type: 'place', id: 'a' })).toEqual({ ids: ['a'], scope: 'point' });
    expect(pointsOf(cov, { type: 'place', id: 'agadez-tc' })).toEqual({ ids: ['a', 'b'], scope: 'all' });
    expect(pointsOf(cov, null)).toEqual({ ids: ['a', 'b'], scope: 'all' });
  });
});

describe('coverageBand', () => {
  it('the mean share over the points active in each step; null where none was (not monitored)', () => {
    expect(coverageBand(cov, ['a', 'b'])).toEqual([
      { start: '2019-01-01', end: '2019-02-01', share: 1, active: 1 },
      { start: '2019-02-01', end: '2019-03-01', share: 0.75, active: 2 },
      { start: '2019-03-01', end: '2019-04-01', share: 0.5, active: 2 },
    ]);
    expect(coverageBand(cov, ['b'])[0]!.share).toBeNull();
    expect(coverageBand(cov, []).every((s) => s.share === null)).toBe(true);
  });
});

describe('periodCoverage and pointRows', () => {
  it('over the steps of the period: the share of active point-steps reported; null when nothing was active', () => {
    expect(periodCoverage(cov, ['a', 'b'], '2019-02-15', '2019-03-31')).toBeCloseTo((0.5 + 1 + 0 + 1) / 4);
    expect(periodCoverage(cov, ['b'], '2019-01-01', '2019-01-31')).toBeNull();
    expect(periodCoverage(cov, ['a'], '2019-03-01', '2019-03-31')).toBe(0);
  });
  it('per point: share and the steps without any report (a gap is not 0 people: it is counted apart)', () => {
    expect(pointRows(cov, '2019-01-01', '2019-03-31')).toEqual([
      { id: 'a', name: 'A', activeFrom: null, activeTo: null, share: 0.5, gaps: 1 },
      { id: 'b', name: 'B', activeFrom: '2019-02-10', activeTo: null, share: 1, gaps: 0 },
    ]);
  });
});

describe('bandFill', () => {
  it('not monitored has no fill; a gap is the orange of the pair; counted is blue, lighter when partly', () => {
    expect(bandFill(null)).toEqual({ fill: 'none', opacity: 1 });
    expect(bandFill(0).fill).toBe(BAND_COLOURS.gap);
    expect(bandFill(1)).toEqual({ fill: BAND_COLOURS.counted, opacity: 1 });
    expect(bandFill(0.5).opacity).toBeLessThan(1);
  });
});

describe('the map’s "not monitored" rule with coverage (map/metrics.ts)', () => {
  const weekly: CoverageResponse = {
    ...cov,
    unit: 'week',
    steps: ['2019-01-07', '2019-01-14', '2019-01-21'],
    points: [
      { ...cov.points[0]!, series: [1, 0, 0] },
      { ...cov.points[1]!, activeFrom: null, series: [0, 0, 0] },
    ],
  };

  it('countingPoints: the points with a report in a step overlapping the period; null without coverage or period', () => {
    expect([...countingPoints(weekly, '2019-01-01', '2019-01-31')!]).toEqual(['a']);
    expect([...countingPoints(weekly, '2019-01-13', '2019-01-31')!]).toEqual(['a']); // the week of the 7th ends on the 13th
    expect([...countingPoints(weekly, '2019-01-14', '2019-01-31')!]).toEqual([]);
    expect(countingPoints(undefined, '2019-01-01', '2019-01-31')).toBeNull();
    expect([...countingPoints(cov, '2019-02-01', '2019-02-28')!].sort()).toEqual(['a', 'b']);
  });

  it('isMonitoredInPeriod: active dates, then, once coverage is known, a report', () => {
    const p = { id: 'a', activeFrom: '2019-01-01', activeTo: null };
    expect(isMonitoredInPeriod(p, '2018-01-01', '2018-12-31', null)).toBe(false);
    expect(isMonitoredInPeriod(p, '2019-01-01', '2019-01-31', null)).toBe(true);
    expect(isMonitoredInPeriod(p, '2019-01-01', '2019-01-31', new Set(['a']))).toBe(true);
    expect(isMonitoredInPeriod(p, '2019-01-01', '2019-01-31', new Set())).toBe(false);
    // People counted at it in the period: it reported, whatever an older coverage answer says; its dates still rule.
    expect(isMonitoredInPeriod(p, '2019-01-01', '2019-01-31', new Set(), true)).toBe(true);
    expect(isMonitoredInPeriod(p, '2018-01-01', '2018-12-31', new Set(), true)).toBe(false);
  });

  it('a point active but silent is drawn not monitored with a gap; a route whose points are all silent too', () => {
    const counting = countingPoints(weekly, '2019-01-14', '2019-01-31');
    const places: PlaceProperties[] = [
      {
        id: 'a',
        name: 'A',
        kind: 'monitoring_point',
        countryIso3: 'NER',
        admin1Pcode: 'NE001',
        capacity: null,
        activeFrom: null,
        activeTo: null,
        routes: ['R1'],
        source: '',
      },
    ];
    const ps = placeStates(places, undefined, undefined, { from: '2019-01-14', to: '2019-01-31' }, 0, counting);
    expect(ps.get('a')).toMatchObject({ active: false, gap: true, flow: 0 });
    const rs = routeStates([{ id: 'R1', monitoredBy: ['a'] }], undefined, 0, {
      places: places,
      period: { from: '2019-01-14', to: '2019-01-31' },
      counting,
    });
    expect(rs.get('R1')).toMatchObject({ monitored: false, gap: true });
    // The same with people counted in the answers (coverage older than the counts): monitored, never "not monitored".
    const counted = (key: string) =>
      ({ groupBy: [key], rows: [{ [key]: key === 'route' ? 'R1' : 'a', count: 120 }] }) as unknown as Parameters<typeof placeStates>[1];
    expect(placeStates(places, counted('point'), undefined, { from: '2019-01-14', to: '2019-01-31' }, 0, counting).get('a')).toMatchObject({
      active: true,
      flow: 120,
    });
    expect(
      routeStates([{ id: 'R1', monitoredBy: ['a'] }], counted('route'), 0, { places, period: { from: '2019-01-14', to: '2019-01-31' }, counting }).get('R1'),
    ).toMatchObject({
      monitored: true,
      flow: 120,
    });
    // Without coverage (not yet loaded) the active dates alone decide, as before.
    expect(placeStates(places, undefined, undefined, { from: '2019-01-14', to: '2019-01-31' }).get('a')).toMatchObject({ active: true });
  });
});
