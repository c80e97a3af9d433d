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
  it('labels an event only when it leaves room for the text; every event keeps its marker', () => {
    const x = (date: Date) => (date.getTime() - d('2015-01-01').getTime()) / 86_400_000;
    const out = eventLabels([{ date: '2015-03-01' }, { date: '2015-01-11' }, { date: '2015-08-01' }], x, 100);
    expect(out.map((o) => [o.e.date, o.showText])).toEqual([
      ['2015-01-11', true],
      ['2015-03-01', false],
      ['2015-08-01', true],
    ]);
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
