/**
 * Disclosure control (pure): examples, then properties over random seeded count tables (fast-check), 1-D and 2-D:
 * no published count in 1…k−1, every published count a multiple of the rounding base, and in every margin the number
 * of suppressed cells is 0 or ≥ 2 — unless the margin's own sum is below k, so that it is withheld wherever published.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../src/shared/api';
import { checkParams, gridOf, protectTable, protectTotal, roundDown, type DisclosureParams } from '../../src/server/access/disclosure';

const P: DisclosureParams = { k: 10, rounding: 10 };
const row = (r: Record<string, string | number>) => r as unknown as AggregateRow;
const rows1 = (counts: number[]) => counts.map((count, i) => row({ a: `v${String(i).padStart(2, '0')}`, count }));
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('protectTable: examples', () => {
  it('no dimensions: one cell, the total', () => {
    expect(protectTable([], [row({ count: 57 })], 57, P)).toEqual({ rows: [{ count: 50 }], total: 50 });
    expect(protectTable([], [row({ count: 7 })], 7, P)).toEqual({ rows: [{ count: null, suppressed: true }], total: null });
    expect(protectTable([], [row({ count: 0 })], 0, P)).toEqual({ rows: [{ count: 0 }], total: 0 });
  });

  it('1-D: a lone small cell takes the next smallest cell with it', () => {
    const out = protectTable(['a'], rows1([5, 31, 20, 400]), 456, P);
    expect(out.rows.map((r) => r.count)).toEqual([null, 30, null, 400]);
    expect(out.rows.map((r) => r.suppressed ?? false)).toEqual([true, false, true, false]);
    expect(out.total).toBe(450);
  });

  it('1-D: two small cells protect each other; zeros stay 0 and are never picked', () => {
    const out = protectTable(['a'], rows1([3, 0, 9, 12]), 24, P);
    expect(out.rows.map((r) => r.count)).toEqual([null, 0, null, 10]);
    expect(out.total).toBe(20);
  });

  it('1-D: a small cell whose only partners are zeros leaves the total below k, so the total is withheld', () => {
    const out = protectTable(['a'], rows1([4, 0, 0]), 4, P);
    expect(out.rows.map((r) => r.count)).toEqual([null, 0, 0]);
    expect(out.total).toBeNull();
  });

  it('2-D: suppression spreads along rows and columns to a fixed point', () => {
    // rows r0, r1; columns c0, c1, c2
    //      c0   c1   c2
    // r0    2   50   60
    // r1   40   45  100
    const cells = [
      ['r0', 'c0', 2],
      ['r0', 'c1', 50],
      ['r0', 'c2', 60],
      ['r1', 'c0', 40],
      ['r1', 'c1', 45],
      ['r1', 'c2', 100],
    ] as const;
    const rows = cells.map(([r, c, count]) => row({ r, c, count }));
    const out = protectTable(['r', 'c'], rows, 297, P);
    const sup = out.rows.map((x) => x.suppressed === true);
    // r0c0 (primary) → r0c1 (smallest other in row r0) and r1c0 (only other in column c0) → r1c1 (row r1 then had one)
    expect(sup).toEqual([true, true, false, true, true, false]);
    expect(out.rows.map((x) => x.count)).toEqual([null, null, 60, null, null, 100]);
    expect(out.rows[0]).toEqual({ r: 'r0', c: 'c0', count: null, suppressed: true });
    expect(out.total).toBe(290);
  });

  it('keeps dimension values and order; counts of k and above are published rounded down', () => {
    const out = protectTable(['a'], rows1([10, 19, 20, 1234]), 1283, P);
    expect(out.rows).toEqual([
      { a: 'v00', count: 10 },
      { a: 'v01', count: 10 },
      { a: 'v02', count: 20 },
      { a: 'v03', count: 1230 },
    ]);
  });

  it('refuses parameters that would publish a non-zero count as 0, and already-protected input', () => {
    expect(() => checkParams({ k: 5, rounding: 10 })).toThrow(/multiple of the rounding base/);
    expect(() => checkParams({ k: 18, rounding: 8 })).toThrow(/multiple of the rounding base/);
    expect(() => checkParams({ k: 0, rounding: 1 })).toThrow();
    expect(() => checkParams({ k: 10, rounding: 2.5 })).toThrow();
    expect(() => protectTable(['a'], [{ a: 'x', count: null, suppressed: true } as unknown as AggregateRow], 0, P)).toThrow(/exact/);
  });

  it('other k and rounding', () => {
    const out = protectTable(['a'], rows1([4, 5, 6, 12, 100]), 127, { k: 5, rounding: 5 });
    expect(out.rows.map((r) => r.count)).toEqual([null, null, 5, 10, 100]);
    expect(out.total).toBe(125);
    expect(protectTotal(3, { k: 5, rounding: 1 })).toBeNull();
    expect(roundDown(19, 10)).toBe(10);
  });
});

// ---------- properties ----------

/** Counts shaped like the data: many small cells (the sensitive ones), some zeros, some large. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5000 }) },
);
const divisors = (k: number) => Array.from({ length: k }, (_, i) => i + 1).filter((d) => k % d === 0);
const params = fc.integer({ min: 1, max: 25 }).chain((k) => fc.record({ k: fc.constant(k), rounding: fc.constantFrom(...divisors(k)) }));

/** A 1-D table: distinct keys, zero cells sometimes present (a DB answer omits them; a client may not). */
const table1 = fc.array(count, { minLength: 0, maxLength: 25 }).map((counts) => ({ groupBy: ['a'], rows: rows1(counts) }));

/** A 2-D table: up to 7 × 7, each cell present or absent (absent = 0). */
const table2 = fc
  .record({ nr: fc.integer({ min: 1, max: 7 }), nc: fc.integer({ min: 1, max: 7 }) })
  .chain(({ nr, nc }) => fc.array(fc.option(count, { freq: 4 }), { minLength: nr * nc, maxLength: nr * nc }).map((cells) => ({ nr, nc, cells })))
  .map(({ nc, cells }) => ({
    groupBy: ['r', 'c'],
    rows: cells.flatMap((c, i) => (c === null ? [] : [row({ r: `r${Math.floor(i / nc)}`, c: `c${i % nc}`, count: c })])),
  }));

const table = fc.oneof(table1, table2);

const keyOf = (groupBy: string[], r: Record<string, unknown>) => JSON.stringify(groupBy.map((g) => String(r[g])));

function checkInvariants(groupBy: string[], rows: AggregateRow[], p: DisclosureParams) {
  const exactByKey = new Map(rows.map((r) => [keyOf(groupBy, r), r.count!]));
  const total = sum(rows.map((r) => r.count!));
  const out = protectTable(groupBy, rows, total, p);
  const outByKey = new Map(out.rows.map((r) => [keyOf(groupBy, r), r]));
  // every input row is in the answer, with its dimension values; extra rows are withheld zeros only
  for (const r of rows) expect(outByKey.has(keyOf(groupBy, r))).toBe(true);
  expect(outByKey.size).toBe(out.rows.length);
  for (const r of out.rows) {
    const exact = exactByKey.get(keyOf(groupBy, r));
    if (exact === undefined) expect(r).toMatchObject({ count: null, suppressed: true });
    if (r.suppressed) {
      expect(r.count).toBeNull();
    } else {
      const c = r.count!;
      // never 1…k−1, always a multiple of the base, never above the truth nor a full base below it
      expect(c > 0 && c < p.k).toBe(false);
      expect(c % p.rounding).toBe(0);
      expect(c).toBeLessThanOrEqual(exact!);
      expect(exact! - c).toBeLessThan(p.rounding);
      // every small count is withheld
      expect(exact! > 0 && exact! < p.k).toBe(false);
    }
  }
  // total: from the true total, withheld when small, else rounded down
  if (total > 0 && total < p.k) expect(out.total).toBeNull();
  else expect(out.total).toBe(roundDown(total, p.rounding));
  // margins (lines of the full grid): never exactly one withheld cell, unless the margin's sum is below k (so it is
  // withheld wherever it is published) or the line is a single cell (its margin is the lower-dimensional answer's cell,
  // protected the same way — checked in the next property)
  const grid = gridOf(groupBy, rows);
  for (const line of grid.lines) {
    const withheld = line.filter((i) => outByKey.get(JSON.stringify(grid.cells[i]!.dims))?.suppressed === true).length;
    if (withheld === 1 && line.length > 1) {
      const lineSum = sum(line.map((i) => grid.cells[i]!.count));
      expect(lineSum).toBeGreaterThan(0);
      expect(lineSum).toBeLessThan(p.k);
      expect(protectTotal(lineSum, p)).toBeNull();
    }
  }
  return out;
}

describe('protectTable: properties (fast-check, seeded)', () => {
  it('default k = 10, rounding 10: invariants hold on random 1-D and 2-D tables', () => {
    fc.assert(
      fc.property(table, ({ groupBy, rows }) => {
        checkInvariants(groupBy, rows, P);
      }),
      { seed: 20240611, numRuns: 600 },
    );
  });

  it('any valid k and rounding: invariants hold', () => {
    fc.assert(
      fc.property(table, params, ({ groupBy, rows }, p) => {
        checkInvariants(groupBy, rows, p);
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('is deterministic and does not depend on the row order beyond tie-breaking', () => {
    fc.assert(
      fc.property(table, ({ groupBy, rows }) => {
        const a = protectTable(groupBy, rows, sum(rows.map((r) => r.count!)), P);
        const b = protectTable(groupBy, rows, sum(rows.map((r) => r.count!)), P);
        expect(b).toEqual(a);
        // With distinct counts there are no ties: reversing the rows gives the same cells.
        const distinct = new Set(rows.map((r) => r.count)).size === rows.length;
        if (distinct) {
          const rev = protectTable(groupBy, [...rows].reverse(), sum(rows.map((r) => r.count!)), P);
          const sorted = (xs: AggregateRow[]) => [...xs].sort((x, y) => keyOf(groupBy, x).localeCompare(keyOf(groupBy, y)));
          expect(sorted(rev.rows)).toEqual(sorted(a.rows));
        }
      }),
      { seed: 99, numRuns: 300 },
    );
  });

  it('2-D margins published as 1-D answers: a withheld cell is never the only unknown of a published margin', () => {
    fc.assert(
      fc.property(table2, ({ groupBy, rows }) => {
        const out = protectTable(groupBy, rows, sum(rows.map((r) => r.count!)), P);
        for (const [d, dim] of groupBy.entries()) {
          const other = groupBy[1 - d]!;
          // the margin along `dim` for each value of `other`, as the 1-D answer groupBy=other publishes it
          const margins = new Map<string, number>();
          for (const r of rows) margins.set(r[other] as string, (margins.get(r[other] as string) ?? 0) + r.count!);
          const oneD = protectTable([other], [...margins].map(([v, c]) => row({ [other]: v, count: c })), sum([...margins.values()]), P);
          for (const m of oneD.rows) {
            const line = out.rows.filter((r) => r[other] === m[other]);
            const withheld = line.filter((r) => r.suppressed).length;
            if (withheld === 1) expect(m.suppressed).toBe(true);
          }
          void dim;
        }
      }),
      { seed: 4242, numRuns: 400 },
    );
  });
});
