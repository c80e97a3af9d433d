/** Time strip arithmetic: snapping a brush to weeks/months, stepping (play), previous equal period, event label placement. */
import { describe, expect, it } from 'vitest';
import { previousPeriod, snapEnd, snapPeriod, snapStart, stepPeriod, weeksIn } from '../../src/shared/calendar';
import { previousPeriod as sharedPreviousPeriod } from '../../src/shared/calendar';
import { eventLabels } from '../../src/client/features/time/TimeStrip';

const range = { min: '2015-01-01', max: '2019-12-31' };
const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('snapPeriod', () => {
  it('snaps to whole weeks, Monday to Sunday', () => {
    expect(snapPeriod(d('2016-02-03'), d('2016-02-20'), 'week', range)).toEqual({ from: '2016-02-01', to: '2016-02-21' });
  });
  it('a tiny brush is one step long', () => {
    expect(snapPeriod(d('2016-02-02'), d('2016-02-03'), 'week', range)).toEqual({ from: '2016-02-01', to: '2016-02-07' });
    expect(snapPeriod(d('2016-02-10'), d('2016-02-11'), 'month', range)).toEqual({ from: '2016-02-01', to: '2016-02-29' });
  });
  it('snaps to whole months', () => {
    expect(snapPeriod(d('2016-01-20'), d('2016-04-10'), 'month', range)).toEqual({ from: '2016-02-01', to: '2016-03-31' });
  });
  it('stays inside the data range', () => {
    expect(snapPeriod(d('2014-12-20'), d('2015-01-20'), 'week', range).from).toBe('2015-01-01');
    expect(snapPeriod(d('2019-12-20'), d('2020-01-20'), 'month', range).to).toBe('2019-12-31');
  });
});

describe('stepPeriod (play)', () => {
  it('moves both ends a week, keeping the length', () => {
    expect(stepPeriod({ from: '2016-02-01', to: '2016-02-28' }, 'week', range)).toEqual({ from: '2016-02-08', to: '2016-03-06' });
  });
  it('moves whole months by a month', () => {
    expect(stepPeriod({ from: '2016-01-01', to: '2016-01-31' }, 'month', range)).toEqual({ from: '2016-02-01', to: '2016-02-29' });
    expect(stepPeriod({ from: '2016-01-01', to: '2016-03-31' }, 'month', range)).toEqual({ from: '2016-02-01', to: '2016-04-30' });
  });
  it('stops at the end of the data', () => {
    expect(stepPeriod({ from: '2019-12-23', to: '2019-12-29' }, 'week', range)).toBeNull();
  });
});

describe('previousPeriod', () => {
  it('is the equal-length period just before: the same days, or the same whole months (the shared rule)', () => {
    expect(previousPeriod({ from: '2016-02-08', to: '2016-02-14' })).toEqual({ from: '2016-02-01', to: '2016-02-07' });
    expect(previousPeriod({ from: '2017-01-01', to: '2017-12-31' })).toEqual({ from: '2016-01-01', to: '2016-12-31' });
    expect(previousPeriod({ from: '2016-03-01', to: '2016-03-31' })).toEqual({ from: '2016-02-01', to: '2016-02-29' });
    expect(previousPeriod).toBe(sharedPreviousPeriod);
  });
  it('weeksIn counts whole weeks (at least one)', () => {
    expect(weeksIn({ from: '2016-01-04', to: '2016-01-31' })).toBe(4);
    expect(weeksIn({ from: '2016-01-04', to: '2016-01-04' })).toBe(1);
  });
});

describe('eventLabels', () => {
  // 1 px a day from 2015-01-01
  const x = (date: Date) => (date.getTime() - d('2015-01-01').getTime()) / 86_400_000;
  const ev = (date: string, text: string) => ({ date, text });

  it('numbers every event in date order and writes its whole label where it fits, never cut', () => {
    const out = eventLabels([ev('2015-03-01', 'Beta'), ev('2015-01-11', 'Alpha'), ev('2015-08-01', 'Gamma')], x, 400);
    expect(out.map((o) => [o.n, o.e.date, o.row])).toEqual([
      [1, '2015-01-11', 0],
      [2, '2015-03-01', 0],
      [3, '2015-08-01', 0],
    ]);
  });

  it('puts a label that would run into another on the second row, and lists it when neither row has room', () => {
    const long = 'A long label of forty characters or so..';
    const out = eventLabels([ev('2015-01-11', long), ev('2015-01-21', long), ev('2015-01-31', long)], x, 1000, 2);
    expect(out.map((o) => o.row)).toEqual([0, 1, null]);
    // no two labels on a row overlap
    const spans = out
      .filter((o) => o.row !== null)
      .map((o) => ({ row: o.row, a: o.anchor === 'start' ? o.ex : o.ex - long.length * 6, b: o.anchor === 'start' ? o.ex + long.length * 6 : o.ex }));
    expect(spans[0]!.row).not.toBe(spans[1]!.row);
  });

  it('sets a badge lower when it would touch the previous one', () => {
    const out = eventLabels([ev('2015-01-11', 'A'), ev('2015-01-16', 'B'), ev('2015-01-21', 'C'), ev('2015-03-01', 'D')], x, 400);
    expect(out.map((o) => o.badgeRow)).toEqual([0, 1, 0, 0]);
  });

  it('writes a label near the right edge to the left of its line, and keeps it inside the strip', () => {
    const out = eventLabels([ev('2015-12-20', 'Near the end')], x, 365);
    expect(out[0]).toMatchObject({ row: 0, anchor: 'end' });
    expect(out[0]!.ex - 9 - 'Near the end'.length * 5.8).toBeGreaterThan(0);
  });
});

describe('typed dates snap to the step', () => {
  it('a start moves to the Monday of its week or the 1st of its month', () => {
    expect(snapStart('2019-05-08', 'week')).toBe('2019-05-06');
    expect(snapStart('2019-05-06', 'week')).toBe('2019-05-06');
    expect(snapStart('2019-05-08', 'month')).toBe('2019-05-01');
  });
  it('an end moves to the Sunday of its week or the last day of its month', () => {
    expect(snapEnd('2019-05-08', 'week')).toBe('2019-05-12');
    expect(snapEnd('2019-05-12', 'week')).toBe('2019-05-12');
    expect(snapEnd('2019-02-03', 'month')).toBe('2019-02-28');
    expect(snapEnd('2020-02-03', 'month')).toBe('2020-02-29');
  });
});
