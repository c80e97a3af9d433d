/** Visual scales: sqrt domain/range, zero and max handling, legend samples. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleSqrt } from 'd3-scale';
import {
  CENTRE_RADIUS_RANGE,
  ROUTE_WIDTH_RANGE,
  centreRadiusScale,
  legendSamples,
  maxCount,
  roundDown2,
  routeWidthScale,
  safeMax,
  sqrtScale,
} from '../../src/client/map/scales';

describe('sqrtScale', () => {
  it("equals d3's scaleSqrt().domain([0, max]).range(range).clamp(true) for any max, range and value", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: -1e3, max: 2e9, noNaN: true }),
        (max, lo, hi, v) => {
          const d3 = scaleSqrt().domain([0, max]).range([lo, hi]).clamp(true);
          expect(sqrtScale(max, [lo, hi])(v)).toBeCloseTo(d3(v), 9);
        },
      ),
    );
  });
});

describe('route width scale', () => {
  it('maps 0..max onto the width range with a square root', () => {
    const s = routeWidthScale(10_000);
    expect(s.domain()).toEqual([0, 10_000]);
    expect(s.range()).toEqual([...ROUTE_WIDTH_RANGE]);
    expect(s(0)).toBe(1.5);
    expect(s(10_000)).toBe(14);
    expect(s(2_500)).toBeCloseTo(7.75, 10);
  });

  it('clamps above the max', () => {
    expect(routeWidthScale(100)(1e9)).toBe(14);
  });

  it.each([0, null, undefined, Number.NaN, -5])('a max of %s still gives a usable scale', (max) => {
    const s = routeWidthScale(max as number);
    expect(s.domain()).toEqual([0, 1]);
    expect(s(0)).toBe(1.5);
  });
});

describe('centre radius scale', () => {
  it('maps 0..max onto the radius range', () => {
    const s = centreRadiusScale(900);
    expect(s(0)).toBe(CENTRE_RADIUS_RANGE[0]);
    expect(s(900)).toBe(CENTRE_RADIUS_RANGE[1]);
    expect(s(225)).toBeCloseTo(12, 10);
  });
});

describe('helpers', () => {
  it('safeMax', () => {
    expect(safeMax(5)).toBe(5);
    expect(safeMax(0)).toBe(1);
    expect(safeMax(Infinity)).toBe(1);
  });

  it('maxCount ignores withheld (null) counts', () => {
    expect(maxCount([3, null, 9, undefined, 2])).toBe(9);
    expect(maxCount([])).toBe(0);
    expect(maxCount([null])).toBe(0);
  });

  it.each([
    [0, 0],
    [7, 7],
    [99, 99],
    [987, 980],
    [12_345, 12_000],
    [288_706, 280_000],
  ])('roundDown2(%d) = %d', (v, r) => expect(roundDown2(v)).toBe(r));

  it('legend samples: the rounded max, a quarter and a sixteenth — distinct and descending', () => {
    expect(legendSamples(160_000)).toEqual([160_000, 40_000, 10_000]);
    expect(legendSamples(288_706)).toEqual([280_000, 72_000, 18_000]);
    expect(legendSamples(3)).toEqual([3]);
    expect(legendSamples(0)).toEqual([]);
    const s = legendSamples(9_585);
    expect([...s].sort((a, b) => b - a)).toEqual(s);
    for (const v of s) expect(v).toBeLessThanOrEqual(9_585);
  });
});
