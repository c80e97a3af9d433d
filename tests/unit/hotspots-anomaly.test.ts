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
import { anomalyMethod } from '../../src/shared/anomaly-method';
import { publishHotspots, relativeChange, hotspotsToCsv } from '../../src/server/analytics/hotspots';
import { buildHotspotAssistedSql, buildHotspotFlowsSql, buildHotspotWeeklySql, defaultHotspotPeriod, previousPeriod } from '../../src/server/db/hotspots-sql';
import type { HotspotsData } from '../../src/server/db/store';
import { hotspotsResponse } from '../../src/shared/api';

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

describe('previousPeriod', () => {
  it.each([
    ['2019-01-01', '2019-01-31', '2018-12-01', '2018-12-31'],
    ['2019-03-01', '2019-03-31', '2019-02-01', '2019-02-28'], // whole months: a month, not 31 days
    ['2019-01-01', '2019-12-31', '2018-01-01', '2018-12-31'],
    ['2016-03-01', '2016-05-31', '2015-12-01', '2016-02-29'],
    ['2019-01-10', '2019-01-19', '2018-12-31', '2019-01-09'], // 10 days → the 10 days before
    ['2019-03-01', '2019-03-01', '2019-02-28', '2019-02-28'], // one day
    ['2019-01-07', '2019-02-03', '2018-12-10', '2019-01-06'], // 4 weeks
  ])('%s…%s → %s…%s', (from, to, pf, pt) => {
    expect(previousPeriod(from, to)).toEqual({ previousFrom: pf, previousTo: pt });
  });
  it('defaults to the last twelve months of data, clipped to its start', () => {
    expect(defaultHotspotPeriod({ min: '2015-01-01', max: '2019-12-31' })).toEqual({ from: '2019-01-01', to: '2019-12-31' });
    expect(defaultHotspotPeriod({ min: '2018-12-01', max: '2019-02-28' })).toEqual({ from: '2018-12-01', to: '2019-02-28' });
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

describe('publishHotspots', () => {
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

  it('ranks by flows and computes the change from exact counts for internal roles', () => {
    const body = hotspotsResponse.parse(publishHotspots(data, { ...opts, disclosure: null }));
    expect(body.regions.map((r) => r.pcode)).toEqual(['NE004', 'NE001', 'NE005', 'NE002', 'NE003']);
    expect(body.regions[0]).toMatchObject({ flows: 2000, previousFlows: 2500, change: -0.2, assisted: 3 });
    expect(body.regions.find((r) => r.pcode === 'NE002')!.change).toBeNull(); // previous 0
    expect(body.disclosure).toBeUndefined();
  });

  it('withholds small counts (and one more to protect them) and rounds the rest for external roles', () => {
    const body = hotspotsResponse.parse(publishHotspots(data, { ...opts, disclosure: { k: 10, rounding: 10 } }));
    const diffa = body.regions.find((r) => r.pcode === 'NE002')!;
    expect(diffa).toMatchObject({ flows: null, flowsSuppressed: true, change: null, anomaly: { score: null, flag: false } });
    const agadez = body.regions.find((r) => r.pcode === 'NE001')!;
    expect(agadez.flows).toBe(1230);
    expect(agadez.change).toBe(relativeChange(1230, 1000));
    // Maradi's 3 people assisted are withheld, and so is the smallest other non-zero count (Agadez's 57).
    expect(body.regions.find((r) => r.pcode === 'NE004')).toMatchObject({ assisted: null, assistedSuppressed: true });
    expect(agadez).toMatchObject({ assisted: null, assistedSuppressed: true });
    expect(body.regions.find((r) => r.pcode === 'NE005')!.assisted).toBe(120);
    // Secondary suppression on flows too: Tahoua (40) is the smallest other non-zero one.
    expect(body.regions.find((r) => r.pcode === 'NE005')).toMatchObject({ flows: null, flowsSuppressed: true });
    expect(body.regions.at(-1)!.flows).toBeNull(); // withheld ranked last
    expect(body.disclosure).toEqual({ k: 10, rounding: 10 });
    expect(hotspotsToCsv(body).split('\r\n')[0]).toBe(
      'rank,pcode,name,monitored,flows,previousFlows,change,assisted,anomalyScore,anomalyFlag,flowsSuppressed,previousFlowsSuppressed,assistedSuppressed',
    );
  });

  it('gives a region with no monitoring point reporting no flows, change or score (not zeros), and ranks it last', () => {
    const withUnmonitored: HotspotsData = {
      ...data,
      regions: [...data.regions, { pcode: 'NE008', name: 'Niamey', flows: 0, previousFlows: 0, assisted: 40, monitored: false, weekly: new Map() }],
    };
    for (const disclosure of [null, { k: 10, rounding: 10 }]) {
      const body = hotspotsResponse.parse(publishHotspots(withUnmonitored, { ...opts, disclosure }));
      const niamey = body.regions.find((r) => r.pcode === 'NE008')!;
      expect(niamey).toMatchObject({ monitored: false, flows: null, previousFlows: null, change: null, anomaly: { score: null, flag: false } });
      // Not monitored is not withheld; its people assisted are published as any other region's.
      expect(niamey.flowsSuppressed).toBeUndefined();
      if (!disclosure) expect(niamey.assisted).toBe(40);
      expect(body.regions.at(-1)!.pcode).toBe('NE008');
      // A monitored region that counted nobody keeps its zero.
      expect(body.regions.find((r) => r.pcode === 'NE003')).toMatchObject({ monitored: true, flows: 0 });
      const csv = hotspotsToCsv(body).split('\r\n');
      expect(csv.find((l) => l.includes(',NE008,'))).toMatch(/^\d+,NE008,Niamey,false,,,,(40)?,,false/);
    }
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
});
