/**
 * The cell-key method itself (src/server/access/cell-key.ts), by property over random parameters (fast-check, seeded):
 * the perturbation table is a set of probability distributions, unbiased, that never publishes 1…k−1 or a negative
 * count and moves a count by at most D (or to 0); `publish` is a deterministic function of (count, key) that draws
 * from the table's row with the row's probabilities over uniform keys; and the table is not invertible — every
 * published value could have come from at least two true counts when D > 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellKeyFraction,
  checkCellKeyParams,
  DEFAULT_CELL_KEY,
  KEY_MODULUS,
  Perturbation,
  ptable,
  ptableRow,
  type CellKeyParams,
} from '../../src/server/access/cell-key';

const SEED = 20190601;
const params: fc.Arbitrary<CellKeyParams> = fc.record({
  k: fc.integer({ min: 1, max: 30 }),
  maxNoise: fc.integer({ min: 0, max: 6 }),
  variance: fc.double({ min: 0.2, max: 20, noNaN: true }),
});
/** Parameters and a true count ≥ k: from the rows that differ in shape (k … k+D) to well past them. */
const paramsAndCount = params.chain((p) => fc.tuple(fc.constant(p), fc.integer({ min: p.k, max: p.k + p.maxNoise + 40 })));

/** A small seeded uniform generator on [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The probability that true `count` is published as `target` (0 when it cannot be). */
function probability(count: number, target: number, p: CellKeyParams): number {
  if (count === 0) return target === 0 ? 1 : 0;
  if (count < p.k) return 0;
  const row = ptableRow(count, p);
  const i = row.targets.indexOf(target);
  return i < 0 ? 0 : row.probabilities[i]!;
}

describe('the perturbation table', () => {
  it('every row is a probability distribution over sorted, distinct targets, with cumulative probabilities ending at 1', () => {
    fc.assert(
      fc.property(paramsAndCount, ([p, count]) => {
        const row = ptableRow(count, p);
        expect(row.count).toBe(count);
        expect(row.targets.length).toBe(row.probabilities.length);
        expect(row.cumulative.length).toBe(row.probabilities.length);
        for (const q of row.probabilities) expect(q).toBeGreaterThan(0);
        expect(Math.abs(row.probabilities.reduce((s, q) => s + q, 0) - 1)).toBeLessThan(1e-9);
        for (let i = 1; i < row.targets.length; i++) {
          expect(row.targets[i]!).toBeGreaterThan(row.targets[i - 1]!);
          // (floating-point sums may pass 1 by an ulp before the last entry, which is set to exactly 1)
          expect(row.cumulative[i]!).toBeGreaterThanOrEqual(row.cumulative[i - 1]! - 1e-12);
        }
        expect(row.cumulative.at(-1)).toBe(1);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('is unbiased: Σ p·t = c within 1e-9', () => {
    fc.assert(
      fc.property(paramsAndCount, ([p, count]) => {
        const row = ptableRow(count, p);
        const mean = row.targets.reduce((s, t, i) => s + t * row.probabilities[i]!, 0);
        expect(Math.abs(mean - count)).toBeLessThan(1e-9);
      }),
      { seed: SEED + 1, numRuns: 500 },
    );
  });

  it('never targets 1…k−1 or a negative count, and moves a count by at most D unless to 0', () => {
    fc.assert(
      fc.property(paramsAndCount, ([p, count]) => {
        for (const t of ptableRow(count, p).targets) {
          expect(t).toBeGreaterThanOrEqual(0);
          expect(t >= 1 && t <= p.k - 1).toBe(false);
          if (t !== 0) expect(Math.abs(t - count)).toBeLessThanOrEqual(p.maxNoise);
        }
      }),
      { seed: SEED + 2, numRuns: 500 },
    );
  });

  it('moves to 0 only counts below k + D, and only as much as balances the cut at k', () => {
    fc.assert(
      fc.property(paramsAndCount, ([p, count]) => {
        const row = ptableRow(count, p);
        if (count >= p.k + p.maxNoise) {
          expect(row.targets).not.toContain(0);
          // beyond the cut the row is symmetric: count − D … count + D
          expect(row.targets).toEqual(Array.from({ length: 2 * p.maxNoise + 1 }, (_, i) => count - p.maxNoise + i));
          for (let d = 1; d <= p.maxNoise; d++) {
            expect(row.probabilities[p.maxNoise + d]).toBeCloseTo(row.probabilities[p.maxNoise - d]!, 12);
          }
        }
      }),
      { seed: SEED + 3, numRuns: 300 },
    );
  });

  it('ptable(p) holds the rows k … k+D', () => {
    fc.assert(
      fc.property(params, (p) => {
        const rows = ptable(p);
        expect(rows.map((r) => r.count)).toEqual(Array.from({ length: p.maxNoise + 1 }, (_, i) => p.k + i));
        for (const r of rows) expect(r).toEqual(ptableRow(r.count, p));
      }),
      { seed: SEED + 4, numRuns: 200 },
    );
  });

  it('the default table (k = 10, D = 3): 10 … 12 may become 0; 13 and up move by −3 … +3', () => {
    expect(DEFAULT_CELL_KEY).toEqual({ k: 10, maxNoise: 3, variance: 1.5 });
    expect(ptableRow(10, DEFAULT_CELL_KEY).targets).toEqual([0, 10, 11, 12, 13]);
    expect(ptableRow(11, DEFAULT_CELL_KEY).targets).toEqual([0, 10, 11, 12, 13, 14]);
    expect(ptableRow(12, DEFAULT_CELL_KEY).targets).toEqual([0, 10, 11, 12, 13, 14, 15]);
    expect(ptableRow(13, DEFAULT_CELL_KEY).targets).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(() => ptableRow(9, DEFAULT_CELL_KEY)).toThrow(RangeError);
  });
});

describe('publish(count, key)', () => {
  it('is deterministic in (count, key): the same answer every time, from any instance with the same parameters', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (p, count, key) => {
        const a = new Perturbation(p);
        const b = new Perturbation({ ...p });
        const first = a.publish(count, key);
        expect(a.publish(count, key)).toBe(first);
        expect(b.publish(count, key)).toBe(first);
      }),
      { seed: SEED + 5, numRuns: 500 },
    );
  });

  it('returns null exactly for 1 … k−1, 0 for 0, and otherwise 0 or a count ≥ k within D of the truth', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (p, count, key) => {
        const v = new Perturbation(p).publish(count, key);
        if (count === 0) expect(v).toBe(0);
        else if (count < p.k) expect(v).toBeNull();
        else {
          expect(v).not.toBeNull();
          expect(v! === 0 || v! >= p.k).toBe(true);
          if (v !== 0) expect(Math.abs(v! - count)).toBeLessThanOrEqual(p.maxNoise);
          else expect(count).toBeLessThan(p.k + p.maxNoise);
        }
      }),
      { seed: SEED + 6, numRuns: 1000 },
    );
  });

  it('without noise (D = 0) publishes every count ≥ k exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (k, count, key) => {
          const v = new Perturbation({ k, maxNoise: 0, variance: 1 }).publish(count, key);
          expect(v).toBe(count === 0 ? 0 : count < k ? null : count);
        },
      ),
      { seed: SEED + 7, numRuns: 300 },
    );
  });

  it('over evenly spread keys, each target comes up as often as its probability says (within 1/N)', () => {
    const N = 2_000;
    fc.assert(
      fc.property(paramsAndCount, ([p, count]) => {
        const pert = new Perturbation(p);
        const freq = new Map<number, number>();
        for (let i = 0; i < N; i++) {
          const v = pert.publish(count, (i + 0.5) / N)!;
          freq.set(v, (freq.get(v) ?? 0) + 1);
        }
        const row = ptableRow(count, p);
        for (const t of freq.keys()) expect(row.targets).toContain(t);
        row.targets.forEach((t, i) => {
          expect(Math.abs((freq.get(t) ?? 0) / N - row.probabilities[i]!)).toBeLessThanOrEqual(1 / N + 1e-9);
        });
      }),
      { seed: SEED + 8, numRuns: 150 },
    );
  });

  it('over random uniform keys, the empirical frequencies match the row (within 5 standard errors)', () => {
    const N = 4_000;
    fc.assert(
      // fast-check's doubles favour special values, so the keys come from a seeded uniform generator (mulberry32)
      fc.property(paramsAndCount, fc.integer(), ([p, count], seed) => {
        const pert = new Perturbation(p);
        const row = ptableRow(count, p);
        const freq = new Map<number, number>();
        const next = mulberry32(seed);
        for (let i = 0; i < N; i++) {
          const key = next();
          const v = pert.publish(count, key)!;
          freq.set(v, (freq.get(v) ?? 0) + 1);
        }
        row.targets.forEach((t, i) => {
          const q = row.probabilities[i]!;
          const se = Math.sqrt((q * (1 - q)) / N);
          expect(Math.abs((freq.get(t) ?? 0) / N - q)).toBeLessThanOrEqual(5 * se + 2 / N);
        });
      }),
      { seed: SEED + 9, numRuns: 20 },
    );
  });

  it('is monotone in the key: a larger key never publishes a smaller value', () => {
    fc.assert(
      fc.property(
        paramsAndCount,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        ([p, count], a, b) => {
          const pert = new Perturbation(p);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(pert.publish(count, lo)!).toBeLessThanOrEqual(pert.publish(count, hi)!);
        },
      ),
      { seed: SEED + 10, numRuns: 300 },
    );
  });
});

describe('the table is not invertible', () => {
  it('with D > 0, every published value (0 and each value ≥ k) could have come from at least two true counts', () => {
    fc.assert(
      fc.property(
        params.filter((p) => p.maxNoise > 0),
        (p) => {
          const top = p.k + 3 * p.maxNoise + 10;
          for (const v of [0, ...Array.from({ length: top - p.k + 1 }, (_, i) => p.k + i)]) {
            const sources: number[] = [];
            for (let c = 0; c <= top + p.maxNoise; c++) if (probability(c, v, p) > 0) sources.push(c);
            expect(sources.length, `published ${v} with k=${p.k}, D=${p.maxNoise}: from ${sources.join(', ')}`).toBeGreaterThanOrEqual(2);
          }
        },
      ),
      { seed: SEED + 11, numRuns: 200 },
    );
  });

  it('with D = 0 it is (exact above k): the property above is what the noise buys', () => {
    const p = { k: 10, maxNoise: 0, variance: 1.5 };
    for (let v = 10; v < 40; v++) {
      const sources = Array.from({ length: 60 }, (_, c) => c).filter((c) => probability(c, v, p) > 0);
      expect(sources).toEqual([v]);
    }
  });
});

describe('cell keys and parameters', () => {
  it('a cell key is the sum of its record keys modulo 2³², as a fraction in [0, 1); numbers and bigints agree', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: KEY_MODULUS - 1 }), { maxLength: 50 }), (keys) => {
        const sum = keys.reduce((s, k) => s + k, 0);
        const big = keys.reduce((s, k) => s + BigInt(k), 0n);
        const f = cellKeyFraction(sum);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThan(1);
        expect(cellKeyFraction(big)).toBe(f);
        expect(f).toBe((sum % KEY_MODULUS) / KEY_MODULUS);
      }),
      { seed: SEED + 12, numRuns: 300 },
    );
  });

  it('refuses parameters outside their ranges', () => {
    for (const bad of [
      { k: 0, maxNoise: 3, variance: 1.5 },
      { k: 2.5, maxNoise: 3, variance: 1.5 },
      { k: 10, maxNoise: -1, variance: 1.5 },
      { k: 10, maxNoise: 51, variance: 1.5 },
      { k: 10, maxNoise: 1.5, variance: 1.5 },
      { k: 10, maxNoise: 3, variance: 0 },
      { k: 10, maxNoise: 3, variance: Number.NaN },
      { k: 10, maxNoise: 3, variance: 1001 },
    ]) {
      expect(() => checkCellKeyParams(bad), JSON.stringify(bad)).toThrow(RangeError);
      expect(() => new Perturbation(bad), JSON.stringify(bad)).toThrow(RangeError);
    }
    expect(() => checkCellKeyParams(DEFAULT_CELL_KEY)).not.toThrow();
  });
});
