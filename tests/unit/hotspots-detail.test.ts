/** The region panel's detail (src/server/analytics/hotspots.ts detailOf): levels, ratio and withheld steps. */
import { describe, expect, it } from 'vitest';
import { detailOf } from '../../src/server/analytics/hotspots';

const step = (count: number | null, extra: { partial?: boolean } = {}) => ({ count, suppressed: count === null, ...extra });
const weeks = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `2019-01-${String(from + i).padStart(2, '0')}`);

describe('detailOf', () => {
  it('gives the recent mean, the baseline median and their ratio to one decimal', () => {
    const baseline = [10, 12, 8, 10, 11, 9, 10, 10].map((c) => step(c));
    const recent = [20, 25, 22, 25].map((c) => step(c));
    const d = detailOf('week', baseline, weeks(8), recent, weeks(4, 20), []);
    expect(d.recentLevel).toBe(23);
    expect(d.baselineMedian).toBe(10);
    expect(d.ratio).toBe(2.3);
    expect(d.series.map((s) => s.window)).toEqual([...Array(8).fill('baseline'), ...Array(4).fill('recent')]);
    expect(d.series[0]).toEqual({ start: '2019-01-01', window: 'baseline', count: 10 });
  });

  it('has no median (nor ratio) with a baseline shorter than the score needs, or a median of 0', () => {
    expect(
      detailOf(
        'week',
        weeks(7).map(() => step(10)),
        weeks(7),
        [step(30)],
        ['2019-01-20'],
        [],
      ).baselineMedian,
    ).toBeNull();
    const zero = detailOf(
      'week',
      weeks(8).map(() => step(0)),
      weeks(8),
      [step(30)],
      ['2019-01-20'],
      [],
    );
    expect([zero.baselineMedian, zero.ratio]).toEqual([0, null]);
    // months: 4 baseline months are enough
    const months = detailOf('month', [step(100), step(120), step(80), step(100)], weeks(4), [step(250)], ['2019-01-20'], []);
    expect([months.recentLevel, months.baselineMedian, months.ratio]).toEqual([250, 100, 2.5]);
  });

  it('works nothing out from a withheld step, and marks it', () => {
    const d = detailOf('month', [step(100), step(null), step(80), step(100)], weeks(4), [step(250, { partial: true })], ['2019-01-20'], []);
    expect([d.recentLevel, d.baselineMedian, d.ratio]).toEqual([250, null, null]);
    expect(d.series[1]).toEqual({ start: '2019-01-02', window: 'baseline', count: null, suppressed: true });
    expect(d.series[4]).toEqual({ start: '2019-01-20', window: 'recent', count: 250, partial: true });
    expect(detailOf('month', [step(100)], weeks(1), [step(null)], ['2019-01-20'], []).recentLevel).toBeNull();
  });
});
