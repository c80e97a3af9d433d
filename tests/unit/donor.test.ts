/** Donor view: return arcs (pure, from /returns rows), their layer spec, the table by destination, occupancy against capacity. */
import { describe, expect, it } from 'vitest';
import type { AggregateResponse } from '../../src/shared/api';
import { ARC_VERTICES, bezierArc, capitalFeatures, returnArcs } from '../../src/client/features/donor/arcs';
import { AVERAGE_STAY_DAYS, daysInclusive, estimateOccupancy } from '../../src/client/lib/occupancy';
import {
  CAPITALS_SOURCE_ID,
  CAPITAL_RADIUS_RANGE,
  RETURNS_LAYER_ID,
  RETURNS_SOURCE_ID,
  RETURN_WIDTH_RANGE,
  capitalsCircleLayer,
  capitalsLabelLayer,
  returnsLayer,
  returnsSource,
} from '../../src/client/map/layers/returns';
import type { MetaResponse } from '../../src/shared/api';
import { setLanguage } from '../../src/client/i18n/i18n';
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

describe('capitals of origin', () => {
  const meta = {
    nationalities: [
      { id: 'SEN', name: 'Senegal', nameFr: 'Sénégal', capital: 'Dakar', lon: -17.44, lat: 14.69 },
      { id: 'MLI', name: 'Mali', capital: 'Bamako', lon: -8, lat: 12.65 },
      { id: 'NGA', name: 'Nigeria', nameFr: 'Nigéria', capital: 'Abuja', lon: 7.5, lat: 9.06 },
      { id: 'GHA', name: 'Ghana', capital: 'Accra', lon: -0.2, lat: 5.56 },
    ],
  } as unknown as MetaResponse;
  const rows = [
    { destination: 'SEN', count: 1196, perturbed: true },
    { destination: 'MLI', count: 62, perturbed: true, partial: true },
    { destination: 'NGA', count: null, suppressed: true },
    { destination: 'GHA', count: 0 },
    { destination: 'XXX', count: 50 },
  ] as unknown as AggregateResponse['rows'];

  it('one point per capital with returns, labelled with the country and the count as the API flags it', async () => {
    const fc = capitalFeatures(rows, meta, 'en');
    expect(fc.features.map((f) => f.properties.id)).toEqual(['SEN', 'MLI', 'NGA']);
    expect(fc.features[0]!.geometry.coordinates).toEqual([-17.44, 14.69]);
    expect(fc.features.map((f) => f.properties.label)).toEqual(['Senegal\n≈1,196', 'Mali\n≈62†', 'Nigeria\nwithheld']);
    expect(fc.features[2]!.properties).toMatchObject({ count: null, suppressed: true });
    await setLanguage('fr'); // loads the French catalogue ("masqué")
    await setLanguage('en');
    expect(capitalFeatures(rows, meta, 'fr').features.map((f) => f.properties.label)).toEqual(['Sénégal\n≈1\u202f196', 'Mali\n≈62†', 'Nigéria\nmasqué']);
  });

  it('valid circle and label layers; radius by sqrt of count, withheld hollow at the smallest', () => {
    const circle = capitalsCircleLayer(400);
    const label = capitalsLabelLayer();
    const data = capitalFeatures(rows, meta, 'en');
    expect(styleErrors(minimalStyle({ [CAPITALS_SOURCE_ID]: returnsSource(data as never) }, [circle, label]))).toEqual([]);
    const r = (count: unknown, suppressed = false) =>
      evaluate(circle, 'paint', 'circle-radius', { properties: { count, suppressed }, geometryType: 'Point' }) as number;
    expect(r(0)).toBeCloseTo(CAPITAL_RADIUS_RANGE[0]);
    expect(r(400)).toBeCloseTo(CAPITAL_RADIUS_RANGE[1]);
    expect(r(100)).toBeCloseTo((CAPITAL_RADIUS_RANGE[0] + CAPITAL_RADIUS_RANGE[1]) / 2);
    expect(r(null, true)).toBeCloseTo(CAPITAL_RADIUS_RANGE[0]);
    expect(evaluate(circle, 'paint', 'circle-color', { properties: { count: null, suppressed: true }, geometryType: 'Point' })).not.toEqual(
      evaluate(circle, 'paint', 'circle-color', { properties: { count: 10, suppressed: false }, geometryType: 'Point' }),
    );
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
