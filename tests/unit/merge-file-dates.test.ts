import { describe, expect, it } from 'vitest';
import { fileDatesOf } from '../../src/server/store/merge';

describe("an import's file dates, as a predicate the planner can use", () => {
  it("bounds the alias's date by the file's first and last dates", () => {
    expect(fileDatesOf({ minDate: '2019-03-04', maxDate: '2019-05-27' }, 't')).toBe(
      " AND t.date >= CAST('2019-03-04' AS DATE) AND t.date <= CAST('2019-05-27' AS DATE)",
    );
  });

  it.each([
    ['no first date (an older journal)', { maxDate: '2019-05-27' }],
    ['no dates', { minDate: null, maxDate: null }],
    ['a value that is not a date', { minDate: "2019-01-01' OR 1=1 --", maxDate: '2019-05-27' }],
  ])('adds nothing with %s: the join on date alone decides', (_what, dates) => {
    expect(fileDatesOf(dates, 't')).toBe('');
  });
});
