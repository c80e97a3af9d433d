/** Typed dates snap to the data's step and a reversed range is refused (features/filters/typed-period.ts). */
import { describe, expect, it } from 'vitest';
import { typedPeriod } from '../../src/client/features/filters/typed-period';

const range = { min: '2015-01-05', max: '2019-12-29' };
const current = { from: '2019-01-07', to: '2019-06-30' };

describe('typedPeriod', () => {
  it('snaps a typed From to its week’s Monday and a typed To to its week’s Sunday', () => {
    expect(typedPeriod('from', '2019-03-06', current, 'week', range)).toEqual({
      ok: true,
      period: { from: '2019-03-04', to: '2019-06-30' },
      snappedTo: '2019-03-04',
    });
    expect(typedPeriod('to', '2019-03-06', current, 'week', range)).toEqual({
      ok: true,
      period: { from: '2019-01-07', to: '2019-03-10' },
      snappedTo: '2019-03-10',
    });
    expect(typedPeriod('from', '2019-03-04', current, 'week', range)).toMatchObject({ ok: true, snappedTo: null });
  });

  it('snaps to whole months for months-only roles', () => {
    expect(typedPeriod('from', '2019-03-15', current, 'month', range)).toMatchObject({ period: { from: '2019-03-01' } });
    expect(typedPeriod('to', '2019-03-15', current, 'month', range)).toMatchObject({ period: { to: '2019-03-31' } });
  });

  it('stays within the data', () => {
    expect(typedPeriod('from', '2015-01-01', current, 'week', range)).toMatchObject({ period: { from: '2015-01-05' } });
    expect(typedPeriod('to', '2019-12-31', current, 'week', range)).toMatchObject({ period: { to: '2019-12-29' } });
  });

  it('refuses From after To and To before From instead of collapsing the period', () => {
    expect(typedPeriod('from', '2019-08-01', current, 'week', range)).toEqual({ ok: false, reason: 'fromAfterTo' });
    expect(typedPeriod('to', '2018-12-01', current, 'week', range)).toEqual({ ok: false, reason: 'toBeforeFrom' });
    // A From in To's own week is still a whole week.
    expect(typedPeriod('from', '2019-06-29', current, 'week', range)).toMatchObject({ ok: true, period: { from: '2019-06-24', to: '2019-06-30' } });
  });
});
