/** Hotspots: the robust z-score, its windows, the previous period and the published answer (pure functions). */
import { describe, expect, it } from 'vitest';
import {
  ANOMALY_METHOD,
  anomalyWindows,
  BASELINE_WEEKS,
  MAD_FLOOR,
  MAD_FLOOR_SHARE,
  MAD_SCALE,
  mad,
  median,
  MIN_BASELINE_WEEKS,
  MIN_LEVEL,
  RECENT_WEEKS,
  robustAnomaly,
  weeklyAnomaly,
  Z_THRESHOLD,
} from '../../src/server/analytics/anomaly';
import { anomalyMethod, BASELINE_MONTHS, MIN_BASELINE_MONTHS, MIN_LEVEL_MONTH } from '../../src/shared/anomaly-method';
import { ANOMALY_METHOD_MONTHLY, MONTHLY_ANOMALY_OPTIONS } from '../../src/server/analytics/anomaly';
import { publishHotspots, publishProtectedHotspots, relativeChange, hotspotsToCsv } from '../../src/server/analytics/hotspots';
import { Perturbation } from '../../src/server/access/cell-key';
import { PublishedTables, type CellRecord } from '../../src/server/access/published-tables';
import { buildHotspotAssistedSql, buildHotspotFlowsSql, buildHotspotWeeklySql } from '../../src/server/store/hotspots-sql';
import { hotspotPeriods } from '../../src/server/analytics/hotspot-data';
import type { HotspotsData } from '../../src/server/store/types';
import { hotspotsResponse, type HotspotsResponse } from '../../src/shared/api';

const flat = (n: number, v: number) => Array.from({ length: n }, () => v);
/** A noisy but stable baseline: 1000 ± 40. */
const noisy = Array.from({ length: BASELINE_WEEKS }, (_, i) => 1000 + ((i * 37) % 81) - 40);

describe('median and MAD', () => {
  it.each([
    [[1], 1, 0],
    [[3, 1, 2], 2, 1],
    [[4, 1, 3, 2], 2.5, 1],
    [[5, 5, 5, 100], 5, 0],
  ])('%j → median %d, MAD %d', (values, m, d) => {
    expect(median(values)).toBe(m);
    expect(mad(values)).toBe(d);
  });
  it('is NaN for an empty series', () => {
    expect(median([])).toBeNaN();
    expect(mad([])).toBeNaN();
  });
});

describe('robustAnomaly', () => {
  it.each([
    ['flat series at the baseline level', flat(26, 1000), flat(4, 1000), 0, false],
    ['noisy series at the baseline level', noisy, flat(4, 1000), null, false],
    ['a small wobble on a flat baseline (under 26 %)', flat(26, 1000), flat(4, 1200), null, false],
    ['a spike on a noisy baseline', noisy, flat(4, 2000), 'positive', true],
    ['a collapse on a noisy baseline', noisy, flat(4, 100), 'negative', true],
    ['a doubling of a flat baseline (MAD = 0, floored at 5 % of the median)', flat(26, 1000), flat(4, 2000), 'positive', true],
    ['a new flow from an empty baseline (MAD floor of 1)', flat(26, 0), flat(4, 50), 'positive', true],
    ['a trickle from an empty baseline is not flagged (under the minimum level)', flat(26, 0), flat(4, 8), 'positive', false],
    ['all zeros', flat(26, 0), flat(4, 0), 0, false],
  ] as const)('%s', (_name, baseline, recent, sign, flag) => {
    const r = robustAnomaly(baseline, recent);
    expect(r.flag).toBe(flag);
    expect(r.score).not.toBeNull();
    if (sign === 'positive') expect(r.score!).toBeGreaterThan(0);
    if (sign === 'negative') expect(r.score!).toBeLessThan(0);
    if (sign === 0) expect(r.score).toBe(0);
    expect(Number.isFinite(r.score!)).toBe(true);
  });

  it('computes z = (mean recent − median) / (1.4826 · MAD), rounded to 2 decimals', () => {
    // baseline median 100, MAD 10 (> 5 % of 100 and > 1) → σ̂ = 14.826; recent mean 160 → z = 60 / 14.826 = 4.047
    const baseline = [80, 90, 90, 100, 100, 100, 110, 110, 120, 100];
    expect(median(baseline)).toBe(100);
    expect(mad(baseline)).toBe(10);
    expect(robustAnomaly(baseline, [150, 170, 160, 160])).toEqual({ score: 4.05, flag: true });
    expect(robustAnomaly(baseline, [140, 140, 140, 140])).toEqual({ score: 2.7, flag: false });
  });

  it('flags at |z| ≥ 3.5 exactly (Iglewicz–Hoaglin)', () => {
    const baseline = flat(10, 100); // MAD 0 → floor 5 % of 100 = 5 → σ̂ = 7.413
    expect(robustAnomaly(baseline, [100 + 3.5 * 7.413]).flag).toBe(true);
    expect(robustAnomaly(baseline, [100 + 3.49 * 7.413]).flag).toBe(false);
  });

  it.each([0, 1, MIN_BASELINE_WEEKS - 1])('gives no score with a baseline of %d weeks', (n) => {
    expect(robustAnomaly(flat(n, 100), flat(4, 10_000))).toEqual({ score: null, flag: false });
  });
  it('scores from the minimum baseline on', () => {
    expect(robustAnomaly(flat(MIN_BASELINE_WEEKS, 100), flat(4, 10_000)).flag).toBe(true);
  });
  it('gives no score without a recent week', () => {
    expect(robustAnomaly(flat(26, 100), [])).toEqual({ score: null, flag: false });
  });
});

describe('anomalyWindows', () => {
  const data = { min: '2015-01-01', max: '2019-12-31' };
  it('takes the 4 ISO weeks ending with the week of `to` and the 26 before', () => {
    const w = anomalyWindows('2019-06-30', data); // a Sunday: its week starts Monday 2019-06-24
    expect(w.recent).toEqual(['2019-06-03', '2019-06-10', '2019-06-17', '2019-06-24']);
    expect(w.baseline).toHaveLength(BASELINE_WEEKS);
    expect(w.baseline.at(-1)).toBe('2019-05-27');
    expect(w.baseline[0]).toBe('2018-12-03');
    expect(w.start).toBe('2018-12-03');
    expect(w.recent).toHaveLength(RECENT_WEEKS);
  });
  it('leaves out weeks outside the data (not zeros): a short history gives no score', () => {
    const w = anomalyWindows('2015-02-28', data);
    expect(w.baseline).toEqual(['2014-12-29', '2015-01-05', '2015-01-12', '2015-01-19', '2015-01-26']);
    const weekly = new Map(w.baseline.concat(w.recent).map((m) => [m, 100]));
    expect(weeklyAnomaly(weekly, w)).toEqual({ score: null, flag: false });
  });
  it('counts weeks inside the data without a count as 0', () => {
    const w = anomalyWindows('2019-06-30', data);
    const weekly = new Map(w.recent.map((m) => [m, 500]));
    const r = weeklyAnomaly(weekly, w);
    expect(r.flag).toBe(true);
    expect(r.score!).toBeGreaterThan(0);
  });
});

describe('hotspotPeriods: the previous equal period', () => {
  it.each([
    ['2019-01-01', '2019-01-31', '2018-12-01', '2018-12-31'],
    ['2019-03-01', '2019-03-31', '2019-02-01', '2019-02-28'], // whole months: a month, not 31 days
    ['2019-01-01', '2019-12-31', '2018-01-01', '2018-12-31'],
    ['2016-03-01', '2016-05-31', '2015-12-01', '2016-02-29'],
    ['2019-01-10', '2019-01-19', '2018-12-31', '2019-01-09'], // 10 days → the 10 days before
    ['2019-03-01', '2019-03-01', '2019-02-28', '2019-02-28'], // one day
    ['2019-01-07', '2019-02-03', '2018-12-10', '2019-01-06'], // 4 weeks
  ])('%s…%s → %s…%s', (from, to, pf, pt) => {
    const data = { min: '2015-01-01', max: '2019-12-31' };
    expect(hotspotPeriods({ from, to }, data)).toEqual({ from, to, previousFrom: pf, previousTo: pt });
  });
  it('defaults to the last twelve months of data, clipped to its start', () => {
    expect(hotspotPeriods({}, { min: '2015-01-01', max: '2019-12-31' })).toMatchObject({ from: '2019-01-01', to: '2019-12-31' });
    expect(hotspotPeriods({}, { min: '2018-12-01', max: '2019-02-28' })).toMatchObject({ from: '2018-12-01', to: '2019-02-28' });
  });
});

describe('hotspots SQL builders', () => {
  const p = { from: '2019-01-01', to: '2019-01-31', previousFrom: '2018-12-01', previousTo: '2018-12-31' };
  it('carry every value as a parameter', () => {
    for (const q of [buildHotspotFlowsSql(p), buildHotspotWeeklySql('2018-06-04', p.to), buildHotspotAssistedSql(p)]) {
      expect(q.sql).not.toMatch(/2019|2018|shelter/);
      expect(q.sql.match(/\$\d/g)!.length).toBeGreaterThanOrEqual(q.params.length);
    }
    expect(buildHotspotFlowsSql(p).params).toEqual(['2019-01-01', '2019-01-31', '2018-12-01', '2018-12-31']);
    expect(buildHotspotAssistedSql(p).params).toEqual(['2019-01-01', '2019-01-31', 'shelter_food']);
  });
});

describe('publishHotspots (exact: programme staff, admins)', () => {
  const data: HotspotsData = {
    from: '2019-01-01',
    to: '2019-01-31',
    previousFrom: '2018-12-01',
    previousTo: '2018-12-31',
    regions: [
      { pcode: 'NE001', name: 'Agadez', flows: 1234, previousFlows: 1000, assisted: 57, monitored: true, weekly: new Map() },
      { pcode: 'NE002', name: 'Diffa', flows: 5, previousFlows: 0, assisted: 0, monitored: true, weekly: new Map() },
      { pcode: 'NE003', name: 'Dosso', flows: 0, previousFlows: 0, assisted: 0, monitored: true, weekly: new Map() },
      { pcode: 'NE004', name: 'Maradi', flows: 2000, previousFlows: 2500, assisted: 3, monitored: true, weekly: new Map() },
      { pcode: 'NE005', name: 'Tahoua', flows: 40, previousFlows: 35, assisted: 120, monitored: true, weekly: new Map() },
    ],
  };
  const opts = { dataRange: { min: '2015-01-01', max: '2019-12-31' }, dataVersion: 'abc' };

  it('ranks by flows and computes the change from exact counts, small counts included, without a disclosure note', () => {
    const body = hotspotsResponse.parse(publishHotspots(data, opts));
    expect(body.regions.map((r) => r.pcode)).toEqual(['NE004', 'NE001', 'NE005', 'NE002', 'NE003']);
    expect(body.regions[0]).toMatchObject({ flows: 2000, previousFlows: 2500, change: -0.2, assisted: 3 });
    expect(body.regions.find((r) => r.pcode === 'NE002')).toMatchObject({ flows: 5, change: null }); // previous 0
    expect(body.method).toBe(ANOMALY_METHOD);
    expect(body.disclosure).toBeUndefined();
    for (const r of body.regions) expect(Object.keys(r).filter((k) => /Suppressed|Partial/.test(k))).toEqual([]);
    expect(hotspotsToCsv(body).split('\r\n')[0]).toBe('rank,pcode,name,monitored,flows,previousFlows,change,assisted,anomalyScore,anomalyFlag');
  });

  it('gives a region with no monitoring point reporting no flows, change or score (not zeros), and ranks it last', () => {
    const withUnmonitored: HotspotsData = {
      ...data,
      regions: [...data.regions, { pcode: 'NE008', name: 'Niamey', flows: 0, previousFlows: 0, assisted: 40, monitored: false, weekly: new Map() }],
    };
    const body = hotspotsResponse.parse(publishHotspots(withUnmonitored, opts));
    const niamey = body.regions.find((r) => r.pcode === 'NE008')!;
    expect(niamey).toMatchObject({ monitored: false, flows: null, previousFlows: null, change: null, assisted: 40, anomaly: { score: null, flag: false } });
    expect(niamey.flowsSuppressed).toBeUndefined();
    expect(body.regions.at(-1)!.pcode).toBe('NE008');
    // A monitored region that counted nobody keeps its zero.
    expect(body.regions.find((r) => r.pcode === 'NE003')).toMatchObject({ monitored: true, flows: 0 });
    const csv = hotspotsToCsv(body).split('\r\n');
    expect(csv.find((l) => l.includes(',NE008,'))).toBe('6,NE008,Niamey,false,,,,40,,false');
  });

  it.each([
    [100, 50, 1],
    [50, 100, -0.5],
    [0, 100, -1],
    [100, 0, null],
    [null, 100, null],
    [100, null, null],
    [1, 3, -0.6667],
  ])('relativeChange(%s, %s) = %s', (f, p, c) => {
    expect(relativeChange(f, p)).toBe(c);
  });
});

describe('publishProtectedHotspots (government: sums of published month cells)', () => {
  // Published cells with no noise (maxNoise 0) and k = 10, so every expected number is plain arithmetic: a cell of
  // 1…9 is withheld, any other is published as it is. The data: January to August 2019.
  const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08'].map((m) => `2019-${m}-01`);
  const POINTS: Record<string, { region: string; months: number[] }> = {
    p1: { region: 'NE001', months: [100, 102, 98, 101, 99, 100, 100, 400] },
    p2: { region: 'NE001', months: [50, 50, 50, 50, 50, 50, 50, 50] },
    p3: { region: 'NE002', months: [20, 20, 6, 20, 20, 20, 100, 4] }, // March and August withheld
    p4: { region: 'NE004', months: [5, 5, 5, 5, 5, 5, 5, 5] }, // every month withheld
  };
  const CENTRES: Record<string, { region: string; shelter: number[]; health?: number[] }> = {
    c1: { region: 'NE001', shelter: [30, 30, 30, 30, 30, 30, 30, 30], health: [999, 999, 999, 999, 999, 999, 999, 999] },
    c4: { region: 'NE004', shelter: [0, 0, 0, 0, 0, 0, 3, 12] },
  };
  const cell = (grain: 'month' | 'year', start: string, place: string, region: string, attr: string, value: string, count: number): CellRecord => ({
    grain,
    start,
    place,
    region,
    attr,
    value,
    count,
    keySum: 12345,
  });
  const cellsOf = (place: string, region: string, attr: string, value: string, months: number[]) => [
    ...months.flatMap((c, i) => (c > 0 ? [cell('month', MONTHS[i]!, place, region, attr, value, c)] : [])),
    cell(
      'year',
      '2019-01-01',
      place,
      region,
      attr,
      value,
      months.reduce((a, b) => a + b, 0),
    ),
  ];
  const records = {
    flows: Object.entries(POINTS).flatMap(([id, p]) => cellsOf(id, p.region, '', '', p.months)),
    assistance: Object.entries(CENTRES).flatMap(([id, c]) => [
      ...cellsOf(id, c.region, 'service', 'shelter_food', c.shelter),
      ...(c.health ? cellsOf(id, c.region, 'service', 'health', c.health) : []),
    ]),
    returns: [],
  };
  const geo = { pointRoutes: new Map<string, string[]>(), placeRegion: new Map<string, string | null>() };
  const tables = new PublishedTables(records, new Perturbation({ k: 10, maxNoise: 0, variance: 1.5 }), geo);
  const REGIONS = [
    { pcode: 'NE001', name: 'Agadez' },
    { pcode: 'NE002', name: 'Diffa' },
    { pcode: 'NE003', name: 'Dosso' },
    { pcode: 'NE004', name: 'Maradi' },
  ];
  const opts = { dataRange: { min: '2019-01-01', max: '2019-08-31' }, dataVersion: 'v1' };
  const publish = (from: string, to: string, o = opts) => hotspotsResponse.parse(publishProtectedHotspots(tables, REGIONS, { from, to }, o));
  const region = (body: HotspotsResponse, pcode: string) => body.regions.find((r) => r.pcode === pcode)!;

  it('sums the published cells per region over the period and the same number of whole months before', () => {
    const body = publish('2019-07-01', '2019-08-31');
    expect(body).toMatchObject({ from: '2019-07-01', to: '2019-08-31', previousFrom: '2019-05-01', previousTo: '2019-06-30', dataVersion: 'v1' });
    expect(body.method).toBe(ANOMALY_METHOD_MONTHLY);
    expect(body.disclosure).toEqual({ method: 'cell-key', k: 10, maxNoise: 0, resolution: 'month' });
    // Agadez: p1 + p2; people assisted are shelter and food only (health's 999s are not counted)
    expect(region(body, 'NE001')).toMatchObject({ monitored: true, flows: 500 + 100, previousFlows: 199 + 100, assisted: 60 });
    expect(region(body, 'NE001').change).toBe(relativeChange(600, 299));
    for (const k of ['flowsSuppressed', 'flowsPartial', 'previousFlowsPartial', 'assistedPartial']) expect(region(body, 'NE001')).not.toHaveProperty(k);
    // Diffa: August's 4 is withheld and left out of the sum, which says so
    expect(region(body, 'NE002')).toMatchObject({ flows: 100, flowsPartial: true, previousFlows: 40, change: 1.5 });
    // Maradi: every cell withheld → no count, no change, no score; its centre's July 3 is left out of people assisted
    expect(region(body, 'NE004')).toMatchObject({
      monitored: true,
      flows: null,
      flowsSuppressed: true,
      previousFlows: null,
      previousFlowsSuppressed: true,
      change: null,
      assisted: 12,
      assistedPartial: true,
      anomaly: { score: null, flag: false },
    });
    // Dosso: no monitoring point: not monitored, not withheld
    expect(region(body, 'NE003')).toMatchObject({ monitored: false, flows: null, previousFlows: null, change: null, assisted: 0 });
    expect(region(body, 'NE003')).not.toHaveProperty('flowsSuppressed');
    // ranked: counts, then withheld, then not monitored
    expect(body.regions.map((r) => r.pcode)).toEqual(['NE001', 'NE002', 'NE004', 'NE003']);
  });

  it('leaves the previous period out where it reaches before the data (no count, rather than zero)', () => {
    const body = publish('2019-01-01', '2019-02-28');
    expect(body).toMatchObject({ previousFrom: '2018-11-01', previousTo: '2018-12-31' });
    for (const pcode of ['NE001', 'NE002']) {
      expect(region(body, pcode)).toMatchObject({ previousFlows: null, change: null });
      expect(region(body, pcode)).not.toHaveProperty('previousFlowsSuppressed');
    }
    expect(region(body, 'NE001').flows).toBe(202 + 100);
  });

  it('answers whole months only: a period reaching past the data, or ending on a last day of data that is not a month’s end', () => {
    expect(publish('2019-07-01', '2030-12-31')).toEqual(publish('2019-07-01', '2019-08-31'));
    expect(publish('1900-01-01', '2019-02-28')).toEqual(publish('2019-01-01', '2019-02-28'));
    // The data ends on 20 August (e.g. after an import): the period, its previous period and their counts are whole months.
    const ragged = { ...opts, dataRange: { min: '2019-01-01', max: '2019-08-20' } };
    const body = publish('2019-07-01', '2019-08-20', ragged);
    expect(body).toMatchObject({ from: '2019-07-01', to: '2019-08-31', previousFrom: '2019-05-01', previousTo: '2019-06-30' });
    expect(region(body, 'NE001')).toMatchObject({ flows: 600, previousFlows: 299 });
  });

  it('scores the month holding `to` against the 6 published months before it', () => {
    const body = publish('2019-08-01', '2019-08-31');
    const monthly = (i: number) => POINTS.p1!.months[i]! + POINTS.p2!.months[i]!;
    const expected = robustAnomaly([1, 2, 3, 4, 5, 6].map(monthly), [monthly(7)], MONTHLY_ANOMALY_OPTIONS);
    expect(expected.flag).toBe(true);
    expect(region(body, 'NE001').anomaly).toEqual(expected);
    // Diffa's August is withheld: no score
    expect(region(body, 'NE002').anomaly).toEqual({ score: null, flag: false });
  });

  it('gives no score when a baseline month is withheld, or fewer than 4 baseline months lie inside the data', () => {
    // Diffa in July: its March (6) is withheld
    expect(region(publish('2019-07-01', '2019-07-31'), 'NE002').anomaly).toEqual({ score: null, flag: false });
    expect(region(publish('2019-04-01', '2019-04-30'), 'NE001').anomaly).toEqual({ score: null, flag: false }); // Jan–Mar: 3 months
    const may = region(publish('2019-05-01', '2019-05-31'), 'NE001').anomaly; // Jan–Apr: 4 months
    expect(may.score).not.toBeNull();
    expect(may).toEqual(robustAnomaly([150, 152, 148, 151], [149], MONTHLY_ANOMALY_OPTIONS));
  });

  it('says in CSV which counts are withheld, perturbed and partial', () => {
    const body = publish('2019-07-01', '2019-08-31');
    const lines = hotspotsToCsv(body).split('\r\n');
    expect(lines[0]).toBe(
      'rank,pcode,name,monitored,flows,previousFlows,change,assisted,anomalyScore,anomalyFlag,' +
        'flowsSuppressed,previousFlowsSuppressed,assistedSuppressed,perturbed,flowsPartial,previousFlowsPartial,assistedPartial',
    );
    const agadez = region(body, 'NE001').anomaly;
    expect(agadez.flag).toBe(true);
    expect(lines[1]).toBe(`1,NE001,Agadez,true,600,299,${relativeChange(600, 299)},60,${agadez.score},true,false,false,false,true,false,false,false`);
    expect(lines[2]).toBe('2,NE002,Diffa,true,100,40,1.5,0,,false,false,false,false,true,true,false,false');
    expect(lines[3]).toBe('3,NE004,Maradi,true,,,,12,,false,true,true,false,true,false,false,true');
    expect(lines[4]).toBe('4,NE003,Dosso,false,,,,0,,false,false,false,false,true,false,false,false');
  });
});

describe('the anomaly method text', () => {
  it('is what the API sends as `method`, in English', () => {
    expect(ANOMALY_METHOD).toBe(anomalyMethod('en'));
  });

  it('says the same numbers in French as in English, in the same order', () => {
    const numbers = (text: string) => [...text.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => m[0].replace(',', '.'));
    expect(numbers(anomalyMethod('fr'))).toEqual(numbers(anomalyMethod('en')));
    expect(numbers(anomalyMethod('en'))).toEqual(
      [RECENT_WEEKS, BASELINE_WEEKS, MAD_SCALE, MAD_FLOOR_SHARE, MAD_FLOOR, Z_THRESHOLD, MIN_LEVEL, MIN_BASELINE_WEEKS].map(String),
    );
  });

  it('on months (month-resolution audiences): the numbers the server computes with, the same in French', () => {
    const numbers = (text: string) => [...text.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => m[0].replace(',', '.'));
    expect(ANOMALY_METHOD_MONTHLY).toBe(anomalyMethod('en', 'month'));
    expect(numbers(anomalyMethod('fr', 'month'))).toEqual(numbers(anomalyMethod('en', 'month')));
    expect(numbers(anomalyMethod('en', 'month'))).toEqual(
      [BASELINE_MONTHS, MAD_SCALE, MAD_FLOOR_SHARE, MAD_FLOOR, Z_THRESHOLD, MIN_LEVEL_MONTH, MIN_BASELINE_MONTHS].map(String),
    );
    expect(MONTHLY_ANOMALY_OPTIONS).toEqual({ minBaseline: MIN_BASELINE_MONTHS, minLevel: MIN_LEVEL_MONTH });
    expect(anomalyMethod('en', 'month')).toMatch(/published \(perturbed\) months/);
  });
});
