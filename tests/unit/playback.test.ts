/** Time strip playback (src/client/features/time/playback.ts): start, step, end, loop, window lengths. */
import { describe, expect, it } from 'vitest';
import { firstStart, intervalOf, nextWindow, playStart, windowAt } from '../../src/client/features/time/playback';
import { daysIn, isWeekStart, weeksIn } from '../../src/shared/calendar';

// 2015-01-01 is a Thursday; 2019-12-31 a Tuesday.
const RANGE = { min: '2015-01-01', max: '2019-12-31' };

describe('playback windows', () => {
  it('start on the first whole week (or month) of the data', () => {
    expect(firstStart(RANGE, 'week')).toBe('2015-01-05');
    expect(firstStart(RANGE, 'month')).toBe('2015-01-01');
    expect(firstStart({ min: '2015-01-15', max: RANGE.max }, 'month')).toBe('2015-02-01');
  });

  it('are 1 week, 4 weeks or 3 months long, from a Monday (or 1st of a month)', () => {
    expect(windowAt('2016-03-09', '1w', 'week', RANGE)).toEqual({ from: '2016-03-07', to: '2016-03-13' });
    expect(windowAt('2016-03-09', '4w', 'week', RANGE)).toEqual({ from: '2016-03-07', to: '2016-04-03' });
    expect(windowAt('2016-03-09', '3m', 'week', RANGE)).toEqual({ from: '2016-03-07', to: '2016-06-06' });
    expect(windowAt('2016-03-09', '1m', 'month', RANGE)).toEqual({ from: '2016-03-01', to: '2016-03-31' });
    expect(windowAt('2016-03-09', '3m', 'month', RANGE)).toEqual({ from: '2016-03-01', to: '2016-05-31' });
    expect(weeksIn(windowAt('2017-07-20', '4w', 'week', RANGE))).toBe(4);
  });
});

describe('playStart: ▶ works from any period', () => {
  it('from the default period (the last year) it plays that year from its first week', () => {
    const p = playStart({ from: '2019-01-01', to: '2019-12-31' }, '4w', 'week', RANGE);
    expect(p).toEqual({ from: '2018-12-31', to: '2019-01-27' });
  });

  it('from "All" it starts at the beginning of the data', () => {
    expect(playStart({ from: RANGE.min, to: RANGE.max }, '4w', 'week', RANGE)).toEqual({ from: '2015-01-05', to: '2015-02-01' });
    expect(playStart(null, '1m', 'month', RANGE)).toEqual({ from: '2015-01-01', to: '2015-01-31' });
  });

  it('at or after the end of the data it starts at the beginning', () => {
    expect(playStart({ from: '2019-12-09', to: '2019-12-31' }, '4w', 'week', RANGE).from).toBe('2015-01-05');
    expect(playStart({ from: '2019-12-01', to: '2019-12-31' }, '1m', 'month', RANGE).from).toBe('2015-01-01');
    expect(playStart({ from: '2019-11-01', to: '2019-11-30' }, '1m', 'month', RANGE).from).toBe('2019-11-01');
  });
});

describe('nextWindow', () => {
  it('steps one week (or month) keeping the length, and stops at the end without loop', () => {
    const p = { from: '2016-03-07', to: '2016-04-03' };
    expect(nextWindow(p, '4w', 'week', RANGE, false)).toEqual({ from: '2016-03-14', to: '2016-04-10' });
    let w: { from: string; to: string } | null = playStart(null, '4w', 'week', RANGE);
    let steps = 0;
    let last = w;
    while (w) {
      expect(isWeekStart(w.from)).toBe(true);
      expect(daysIn(w)).toBe(28);
      last = w;
      w = nextWindow(w, '4w', 'week', RANGE, false);
      steps++;
    }
    expect(last!.to <= RANGE.max).toBe(true);
    expect(steps).toBeGreaterThan(250);
  });

  it('restarts at the beginning at the end when looping', () => {
    expect(nextWindow({ from: '2019-12-02', to: '2019-12-29' }, '4w', 'week', RANGE, true)).toEqual({ from: '2015-01-05', to: '2015-02-01' });
    expect(nextWindow({ from: '2019-12-01', to: '2019-12-31' }, '1m', 'month', RANGE, true)).toEqual({ from: '2015-01-01', to: '2015-01-31' });
    expect(nextWindow({ from: '2019-12-01', to: '2019-12-31' }, '1m', 'month', RANGE, false)).toBeNull();
  });

  it('plays faster with a higher speed', () => {
    expect([1, 2, 4, 8].map(intervalOf)).toEqual([1000, 500, 250, 125]);
  });
});
