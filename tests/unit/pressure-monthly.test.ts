/** Centre pressure by month for outside roles (analytics/pressure-monthly.ts): the occupancy formula over published rows. */
import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../src/shared/api';
import { monthDaysInData, monthlyPressure } from '../../src/server/analytics/pressure-monthly';

const DATA = { from: '2019-01-10', to: '2019-03-20' };
const MONTHS = ['2019-01-01', '2019-02-01', '2019-03-01'];
const CENTRES = [
  { id: 'a', name: 'A transit centre', capacity: 100 },
  { id: 'b', name: 'B transit centre', capacity: null },
];
const row = (centre: string, month: string, count: number | null): AggregateRow =>
  (count === null
    ? ({ centre, month, count: null, suppressed: true } as unknown as AggregateRow)
    : { centre, month, count, perturbed: true }) as unknown as AggregateRow;

describe('monthDaysInData', () => {
  it('counts only the days of a month that lie inside the data', () => {
    expect(monthDaysInData('2019-01-01', DATA)).toEqual({ from: '2019-01-10', to: '2019-01-31' });
    expect(monthDaysInData('2019-02-01', DATA)).toEqual({ from: '2019-02-01', to: '2019-02-28' });
    expect(monthDaysInData('2019-03-01', DATA)).toEqual({ from: '2019-03-01', to: '2019-03-20' });
  });
});

describe('monthlyPressure', () => {
  const rows = [row('a', '2019-01-01', 220), row('a', '2019-02-01', null), row('b', '2019-03-01', 40)];
  const [a, b] = monthlyPressure(CENTRES, MONTHS, rows, DATA, 7, 0.5);

  it('residents = published people assisted × stay ÷ the month’s days with data; share = residents ÷ capacity', () => {
    // January has 22 days of data: 220 × 7 ÷ 22 = 70 residents, 70 % of 100.
    expect(a!.months[0]).toEqual({ month: '2019-01-01', assisted: 220, withheld: false, residents: 70, share: 0.7, above: true });
  });

  it('a withheld month has no estimate (null, never 0) and is not above the threshold', () => {
    expect(a!.months[1]).toEqual({ month: '2019-02-01', assisted: null, withheld: true, residents: null, share: null, above: false });
  });

  it('a month without a row was published as nothing counted: 0', () => {
    expect(a!.months[2]).toEqual({ month: '2019-03-01', assisted: 0, withheld: false, residents: 0, share: 0, above: false });
  });

  it('a centre without capacity has residents but no share', () => {
    // March has 20 days of data: 40 × 7 ÷ 20 = 14.
    expect(b!.months[2]).toEqual({ month: '2019-03-01', assisted: 40, withheld: false, residents: 14, share: null, above: false });
    expect(b!.capacity).toBeNull();
  });

  it('the stay and the threshold change the estimate and the marks, not the people assisted', () => {
    const [a60] = monthlyPressure(CENTRES, MONTHS, rows, DATA, 1, 0.05);
    expect(a60!.months[0]).toEqual({ month: '2019-01-01', assisted: 220, withheld: false, residents: 10, share: 0.1, above: true });
    const [aHigh] = monthlyPressure(CENTRES, MONTHS, rows, DATA, 1, 0.2);
    expect(aHigh!.months[0]!.above).toBe(false);
  });
});
