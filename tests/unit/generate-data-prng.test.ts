/** The generator's PRNG and integer apportionment helpers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, hashKey, largestRemainder, rngFor } from '../../scripts/lib/prng';
import { dateOfDayNumber, dayNumber, isWeekStart, weekStarts } from '../../src/shared/calendar';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('Rng (sfc32)', () => {
  it('is deterministic per seed and label, and labels give independent streams', () => {
    const a = rngFor(1, 'flows', 'arlit-fmp', 42);
    const b = rngFor(1, 'flows', 'arlit-fmp', 42);
    const c = rngFor(1, 'flows', 'arlit-fmp', 43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
    expect(hashKey(1, 'a', 'b')).not.toBe(hashKey(1, 'ab'));
  });

  it('floats are uniform enough in [0, 1)', () => {
    const r = new Rng(123);
    let s = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.float();
      expect(x >= 0 && x < 1).toBe(true);
      s += x;
    }
    expect(Math.abs(s / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('binomial stays in [0, n] with about the right mean', () => {
    const r = new Rng(9);
    for (const [n, p] of [
      [10, 0.3],
      [200, 0.05],
      [5000, 0.4],
      [100000, 0.999],
    ] as const) {
      let s = 0;
      for (let i = 0; i < 400; i++) {
        const k = r.binomial(n, p);
        expect(k >= 0 && k <= n && Number.isInteger(k)).toBe(true);
        s += k;
      }
      expect(Math.abs(s / 400 - n * p)).toBeLessThan(Math.max(1, 0.05 * n * p));
    }
  });

  it('multinomial, apportion, hypergeometric and largestRemainder keep totals exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, weights, seed) => {
          fc.pre(sum(weights) > 0);
          const r = new Rng(seed);
          for (const out of [r.multinomial(n, weights), r.apportion(n, weights), largestRemainder(n, weights)]) {
            expect(sum(out)).toBe(n);
            out.forEach((x, i) => {
              expect(Number.isInteger(x) && x >= 0).toBe(true);
              if (weights[i] === 0) expect(x).toBe(0);
            });
          }
          const sizes = weights.map((w) => Math.round(w * 7));
          const k = Math.floor(sum(sizes) / 2);
          const h = r.hypergeometric(sizes, k);
          expect(sum(h)).toBe(k);
          h.forEach((x, i) => expect(x).toBeLessThanOrEqual(sizes[i]!));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('calendar (the shared one, as the generator reads it)', () => {
  it('round-trips day numbers and finds Mondays', () => {
    expect(dateOfDayNumber(dayNumber('2016-02-29'))).toBe('2016-02-29');
    expect(() => dayNumber('2016-02-30')).toThrow();
    expect(isWeekStart('2016-05-16')).toBe(true);
    const mondays = weekStarts({ from: '2015-01-01', to: '2019-12-31' });
    expect(mondays[0]).toBe('2015-01-05');
    expect(mondays.at(-1)).toBe('2019-12-30');
    expect(mondays).toHaveLength(261);
  });
});
