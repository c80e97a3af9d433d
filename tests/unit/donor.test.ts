/** Donor view: return arcs (pure, from /returns rows), their layer spec, the table by destination, occupancy against capacity. */
import { describe, expect, it } from 'vitest';
import type { AggregateResponse } from '../../src/shared/api';
import { ARC_VERTICES, bezierArc, returnArcs, returnsByDestination } from '../../src/client/features/donor/arcs';
import { AVERAGE_STAY_DAYS, daysInclusive, estimateOccupancy } from '../../src/client/lib/occupancy';
import { RETURNS_LAYER_ID, RETURNS_SOURCE_ID, RETURN_WIDTH_RANGE, returnsLayer, returnsSource } from '../../src/client/map/layers/returns';
import { evaluate, minimalStyle, styleErrors } from './client-style-helpers';

const res = (rows: Array<Record<string, string | number | null>>): AggregateResponse =>
  ({ groupBy: ['centre', 'destination'], rows, total: null, from: '2017-01-01', to: '2017-12-31', dataVersion: 'x' }) as AggregateResponse;

const centres = new Map<string, readonly [number, number]>([
  ['agadez-tc', [7.99, 16.97]],
  ['niamey-tc', [2.11, 13.51]],
]);
const capitals = new Map<string, readonly [number, number]>([
  ['SEN', [-17.44, 14.69]],
  ['MLI', [-8.0, 12.65]],
  ['NER', [2.11, 13.51]],
]);

describe('bezierArc', () => {
  it('has ARC_VERTICES vertices (16–32), starts at the centre and ends at the capital', () => {
    const a = bezierArc([7.99, 16.97], [-17.44, 14.69]);
    expect(ARC_VERTICES).toBeGreaterThanOrEqual(16);
    expect(ARC_VERTICES).toBeLessThanOrEqual(32);
    expect(a).toHaveLength(ARC_VERTICES);
    expect(a[0]).toEqual([7.99, 16.97]);
    expect(a.at(-1)![0]).toBeCloseTo(-17.44, 10);
    expect(a.at(-1)![1]).toBeCloseTo(14.69, 10);
  });

  it('is curved: the middle lies off the straight line, on the left of the direction of travel', () => {
    const a = bezierArc([0, 0], [10, 0]);
    const mid = a[Math.floor(a.length / 2)]!;
    expect(mid[1]).toBeGreaterThan(1);
    const b = bezierArc([10, 0], [0, 0]);
    expect(b[Math.floor(b.length / 2)]![1]).toBeLessThan(-1);
  });
});

describe('returnArcs', () => {
  it('one LineString per (centre, destination) with its count; skips zero, unknown ends and a centre in the capital itself', () => {
    const fc = returnArcs(
      res([
        { centre: 'agadez-tc', destination: 'SEN', count: 120 },
        { centre: 'agadez-tc', destination: 'MLI', count: 300 },
        { centre: 'agadez-tc', destination: 'XXX', count: 5 },
        { centre: 'unknown-tc', destination: 'SEN', count: 5 },
        { centre: 'agadez-tc', destination: 'NER', count: 0 },
        { centre: 'niamey-tc', destination: 'NER', count: 40 },
        { centre: 'niamey-tc', destination: 'SEN', count: null, suppressed: true } as never,
      ]),
      centres,
      capitals,
    );
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.properties.id)).toEqual(['agadez-tc>MLI', 'agadez-tc>SEN', 'niamey-tc>SEN']);
    expect(fc.features[0]!.properties).toMatchObject({ count: 300, suppressed: false, perturbed: false, partial: false });
    expect(fc.features[2]!.properties).toMatchObject({ count: null, suppressed: true, perturbed: false });
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates).toHaveLength(ARC_VERTICES);
      expect(f.id).toBe(f.properties.id);
    }
  });

  it('carries the protection flags of each cell (GeoJSON export)', () => {
    const fc = returnArcs(res([{ centre: 'agadez-tc', destination: 'SEN', count: 120, perturbed: true } as never]), centres, capitals);
    expect(fc.features[0]!.properties).toMatchObject({ count: 120, suppressed: false, perturbed: true, partial: false });
  });

  it('no data → an empty collection', () => {
    expect(returnArcs(undefined, centres, capitals).features).toEqual([]);
  });
});

describe('returnsByDestination', () => {
  it('sums over centres, largest first; withheld cells are not guessed but flagged', () => {
    expect(
      returnsByDestination(
        res([
          { centre: 'a', destination: 'SEN', count: 10 },
          { centre: 'b', destination: 'SEN', count: 20 },
          { centre: 'a', destination: 'MLI', count: 50 },
          { centre: 'b', destination: 'MLI', count: null },
          { centre: 'a', destination: 'GIN', count: null },
        ]),
      ),
    ).toEqual([
      { destination: 'MLI', count: 50, suppressed: false, perturbed: false, partial: true },
      { destination: 'SEN', count: 30, suppressed: false, perturbed: false, partial: false },
      { destination: 'GIN', count: null, suppressed: true, perturbed: false, partial: true },
    ]);
  });

  it('a sum of perturbed cells is perturbed; a partial cell makes the sum partial', () => {
    expect(
      returnsByDestination(
        res([
          { centre: 'a', destination: 'SEN', count: 10, perturbed: true } as never,
          { centre: 'b', destination: 'SEN', count: 20, perturbed: true, partial: true } as never,
        ]),
      ),
    ).toEqual([{ destination: 'SEN', count: 30, suppressed: false, perturbed: true, partial: true }]);
  });
});

describe('returns layer', () => {
  it('is a valid line layer on its own source, width by count (sqrt), withheld at the thinnest', () => {
    const layer = returnsLayer(400);
    expect(layer.id).toBe(RETURNS_LAYER_ID);
    expect(layer.source).toBe(RETURNS_SOURCE_ID);
    const fc = returnArcs(res([{ centre: 'agadez-tc', destination: 'SEN', count: 100 }]), centres, capitals);
    expect(styleErrors(minimalStyle({ [RETURNS_SOURCE_ID]: returnsSource(fc as never) }, [layer]))).toEqual([]);
    const w = (count: unknown) => evaluate(layer, 'paint', 'line-width', { properties: { count }, geometryType: 'LineString' }) as number;
    expect(w(0)).toBeCloseTo(RETURN_WIDTH_RANGE[0]);
    expect(w(400)).toBeCloseTo(RETURN_WIDTH_RANGE[1]);
    expect(w(100)).toBeCloseTo(RETURN_WIDTH_RANGE[0] + (RETURN_WIDTH_RANGE[1] - RETURN_WIDTH_RANGE[0]) / 2);
    expect(w(null)).toBeCloseTo(RETURN_WIDTH_RANGE[0]);
    expect(w(10_000)).toBeCloseTo(RETURN_WIDTH_RANGE[1]);
  });
});

describe('occupancy against capacity', () => {
  it('counts days inclusively', () => {
    expect(daysInclusive('2016-01-01', '2016-01-31')).toBe(31);
    expect(daysInclusive('2016-01-01', '2016-12-31')).toBe(366);
    expect(daysInclusive('2016-02-01', '2016-01-01')).toBe(0);
  });

  it('average nightly residents = assisted × 7 days ÷ days; as a share of capacity', () => {
    expect(AVERAGE_STAY_DAYS).toBe(7);
    const o = estimateOccupancy(3100, 1000, { from: '2016-01-01', to: '2016-01-31' })!;
    expect(o.residents).toBeCloseTo(700);
    expect(o.share).toBeCloseTo(0.7);
    expect(estimateOccupancy(9000, 1000, { from: '2016-01-01', to: '2016-01-31' })!.share).toBeGreaterThan(1);
  });

  it.each([
    [null, 1000],
    [100, null],
    [100, 0],
  ])('cannot be estimated for assisted=%s capacity=%s', (a, c) => {
    expect(estimateOccupancy(a, c, { from: '2016-01-01', to: '2016-01-31' })).toBeNull();
  });
});
