/** Layer factories: valid MapLibre specs (validateStyleMin), stable ids/types, and data-driven values evaluated with feature-state. */
import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import {
  ROUTE_CASING_LAYER_ID,
  ROUTE_HIT_LAYER_ID,
  ROUTE_LAYER_ID,
  ROUTE_UNMONITORED_LAYER_ID,
  ROUTES_SOURCE_ID,
  routeCasingLayer,
  routeHitLayer,
  routeLineLayer,
  routesSource,
  routeUnmonitoredLayer,
  routeWidthExpression,
} from '../../src/client/map/layers/routes';
import {
  CENTRES_LAYER_ID,
  CENTRE_TRANSLATE,
  ICON_DIAMOND,
  ICON_SQUARE,
  OFFICE_OFFSET,
  PLACE_ICONS_LAYER_ID,
  PLACES_LAYER_ID,
  PLACES_SOURCE_ID,
  centresLayer,
  iconsLayer,
  placesSource,
  pointsLayer,
} from '../../src/client/map/layers/places';
import { PLACE_LABELS_LAYER_ID, PLACE_LABELS_SOURCE_ID, placeLabelsData, placeLabelsLayer, placeLabelsSource } from '../../src/client/map/layers/labels';
import { LABEL_FONT, fontFaces } from '../../src/client/map/basemap-style';
import { PLACE_COLOURS, ROUTE_COLOURS, INACTIVE_STROKE } from '../../src/client/map/colours';
import { CENTRE_RADIUS_RANGE, ROUTE_WIDTH_RANGE, centreRadiusScale, routeWidthScale } from '../../src/client/map/scales';
import { placeStates, routeStates } from '../../src/client/map/metrics';
import type { AggregateResponse } from '../../src/shared/api';
import { placeProps } from './place-fixture';
import { evaluate, hex, minimalStyle, passesFilter, styleErrors } from './client-style-helpers';

const UNMONITORED = ['R1', 'R1b', 'R2a', 'R4x', 'R5b'];

function routeLayers(direction: 'incoming' | 'outgoing' | null = null): LayerSpecification[] {
  return [routeCasingLayer(), routeUnmonitoredLayer(UNMONITORED), routeLineLayer({ direction, unmonitored: UNMONITORED }), routeHitLayer()];
}

function placeLayers(): LayerSpecification[] {
  return [centresLayer(), pointsLayer(), iconsLayer()];
}

/** The feature-state the map gives route R5 for a period with `flow` people and a largest route flow of `max`. */
function routeState(flow: number | null, max: number) {
  const res: AggregateResponse = {
    groupBy: ['route'],
    rows: [{ route: 'R5', count: flow }] as unknown as AggregateResponse['rows'],
    total: flow,
    from: '2016-01-01',
    to: '2016-12-31',
    dataVersion: 't',
  };
  const s = routeStates([{ id: 'R5', monitoredBy: ['seguedine-fmp'] }], res, max).get('R5')!;
  return { flow: s.flow, width: s.width, suppressed: s.suppressed };
}

describe('layer specs validate against the MapLibre style spec', () => {
  it('route layers', () => {
    const style = minimalStyle({ [ROUTES_SOURCE_ID]: routesSource('http://127.0.0.1/api/v1/routes') }, routeLayers());
    expect(styleErrors(style)).toEqual([]);
  });

  it('route layers with each direction filter', () => {
    for (const dir of ['incoming', 'outgoing', null] as const) {
      const style = minimalStyle({ [ROUTES_SOURCE_ID]: routesSource('/api/v1/routes') }, routeLayers(dir));
      expect(styleErrors(style)).toEqual([]);
    }
  });

  it('place layers', () => {
    const style = minimalStyle({ [PLACES_SOURCE_ID]: placesSource('/api/v1/places') }, placeLayers());
    expect(styleErrors(style)).toEqual([]);
  });

  it('label layer (with the font-faces it draws with)', () => {
    const data = placeLabelsData([{ id: 'agadez-tc', label: 'Agadez', lon: 7.99, lat: 16.97, rank: 0 }]);
    const style = {
      ...minimalStyle({ [PLACE_LABELS_SOURCE_ID]: placeLabelsSource(data) }, [placeLabelsLayer()]),
      'font-faces': fontFaces({ latin: 'http://127.0.0.1/a.woff2', latinExt: 'http://127.0.0.1/b.woff2' }),
    };
    expect(styleErrors(style)).toEqual([]);
  });

  it('the validator does catch a broken layer (so the passes above mean something)', () => {
    const broken = { ...routeHitLayer(), paint: { 'line-width': ['feature-state'] } } as unknown as LayerSpecification;
    const style = minimalStyle({ [ROUTES_SOURCE_ID]: routesSource('/r') }, [broken]);
    expect(styleErrors(style).length).toBeGreaterThan(0);
    expect(styleErrors(minimalStyle({}, [routeHitLayer()])).join()).toMatch(/source/);
  });

  it('geometry sources are loaded by URL and promote the id', () => {
    expect(routesSource('/api/v1/routes')).toEqual({ type: 'geojson', data: '/api/v1/routes', promoteId: 'id' });
    expect(placesSource('/api/v1/places')).toEqual({ type: 'geojson', data: '/api/v1/places', promoteId: 'id' });
  });
});

describe('stable layer ids and types', () => {
  it.each([
    [routeLineLayer({ direction: null, unmonitored: [] }), ROUTE_LAYER_ID, 'line', ROUTES_SOURCE_ID],
    [routeLineLayer({ direction: 'incoming', unmonitored: ['R1'] }), ROUTE_LAYER_ID, 'line', ROUTES_SOURCE_ID],
    [routeUnmonitoredLayer([]), ROUTE_UNMONITORED_LAYER_ID, 'line', ROUTES_SOURCE_ID],
    [routeCasingLayer(), ROUTE_CASING_LAYER_ID, 'line', ROUTES_SOURCE_ID],
    [routeHitLayer(), ROUTE_HIT_LAYER_ID, 'line', ROUTES_SOURCE_ID],
    [centresLayer(), CENTRES_LAYER_ID, 'circle', PLACES_SOURCE_ID],
    [pointsLayer(), PLACES_LAYER_ID, 'circle', PLACES_SOURCE_ID],
    [iconsLayer(), PLACE_ICONS_LAYER_ID, 'symbol', PLACES_SOURCE_ID],
    [placeLabelsLayer(), PLACE_LABELS_LAYER_ID, 'symbol', PLACE_LABELS_SOURCE_ID],
  ])('%#: %s', (layer, id, type, source) => {
    expect(layer.id).toBe(id);
    expect(layer.type).toBe(type);
    expect((layer as { source?: string }).source).toBe(source);
  });

  it('ids are unique', () => {
    const ids = [...routeLayers(), ...placeLayers(), placeLabelsLayer()].map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('route width: the flow on a sqrt scale, bound as feature-state (the layer never changes with the data)', () => {
  const max = 10_000;
  const layer = routeLineLayer({ direction: null, unmonitored: UNMONITORED });
  const drawn = (state: Record<string, unknown>) => evaluate(layer, 'paint', 'line-width', { state, geometryType: 'LineString' }) as number;
  const width = ({ flow }: { flow: number }) => drawn(routeState(flow, max));

  it.each([
    // flow, expected width (1.5 + 12.5 × √(flow / max))
    [0, 1.5],
    [100, 1.5 + 12.5 * 0.1],
    [2_500, 1.5 + 12.5 * 0.5],
    [6_400, 1.5 + 12.5 * 0.8],
    [10_000, 14],
    [40_000, 14], // clamped above max
  ])('flow %d → %d px', (flow, expected) => {
    expect(width({ flow })).toBeCloseTo(expected, 6);
  });

  it('agrees with the d3 scale the legend uses, for any flow', () => {
    const scale = routeWidthScale(max);
    for (const flow of [0, 1, 7, 99, 1234, 5000, 9999, 10_000]) expect(width({ flow })).toBeCloseTo(scale(flow), 6);
  });

  it('missing state, or a withheld count, draws the thinnest line', () => {
    expect(drawn({})).toBeCloseTo(ROUTE_WIDTH_RANGE[0], 6);
    expect(drawn({ width: null })).toBeCloseTo(ROUTE_WIDTH_RANGE[0], 6);
    expect(drawn(routeState(null, max))).toBeCloseTo(ROUTE_WIDTH_RANGE[0], 6);
  });

  it('a period with no flow at all gives thin lines', () => {
    expect(drawn(routeState(0, 0))).toBeCloseTo(1.5, 6);
  });

  it('the expression is the same whatever the data: a new period changes feature-state, not the layer', () => {
    expect(routeWidthExpression()).toEqual(routeWidthExpression());
    expect(routeLineLayer({ direction: null, unmonitored: UNMONITORED }).paint).toEqual(layer.paint);
  });

  it('the casing is 6 px wider than the route', () => {
    const casing = routeCasingLayer();
    expect(evaluate(casing, 'paint', 'line-width', { state: routeState(2_500, max), geometryType: 'LineString' })).toBeCloseTo(1.5 + 6.25 + 6, 6);
    expect(evaluate(casing, 'paint', 'line-opacity', { state: {}, geometryType: 'LineString' })).toBe(0);
    expect(evaluate(casing, 'paint', 'line-opacity', { state: { selected: true }, geometryType: 'LineString' })).toBeGreaterThan(0);
    expect(evaluate(casing, 'paint', 'line-opacity', { state: { hovered: true }, geometryType: 'LineString' })).toBeGreaterThan(0);
  });
});

describe('route colour and monitoring', () => {
  it.each([
    [null, ROUTE_COLOURS.both],
    ['incoming', ROUTE_COLOURS.incoming],
    ['outgoing', ROUTE_COLOURS.outgoing],
  ] as const)('direction %s → %s', (direction, colour) => {
    const layer = routeLineLayer({ direction, unmonitored: [] });
    expect(hex(evaluate(layer, 'paint', 'line-color', { geometryType: 'LineString' }))).toBe(colour);
  });

  it('monitored routes go to the flow layer, unmonitored ones to the dashed grey layer', () => {
    const line = routeLineLayer({ direction: null, unmonitored: UNMONITORED });
    const dashed = routeUnmonitoredLayer(UNMONITORED);
    const dashedOpacity = (id: string, state: Record<string, unknown> = {}) =>
      evaluate(dashed, 'paint', 'line-opacity', { properties: { id }, state, geometryType: 'LineString' });
    for (const id of ['R2b', 'R2c', 'R3', 'R3b', 'R4', 'R5']) {
      expect(passesFilter(line, { id }, 'LineString'), id).toBe(true);
      expect(dashedOpacity(id), id).toBe(0);
    }
    for (const id of UNMONITORED) {
      expect(passesFilter(line, { id }, 'LineString'), id).toBe(false);
      expect(dashedOpacity(id), id).toBe(1);
    }
    expect(dashed.paint?.['line-dasharray']).toBeDefined();
    expect(hex(evaluate(dashed, 'paint', 'line-color', { geometryType: 'LineString' }))).toBe(ROUTE_COLOURS.notMonitored);
    expect(evaluate(dashed, 'paint', 'line-width', { geometryType: 'LineString' })).toBeGreaterThanOrEqual(ROUTE_WIDTH_RANGE[0]);
  });
});

describe('transit centres: radius from people assisted on a sqrt scale, bound as feature-state', () => {
  const max = 9_000;
  const layer = centresLayer();
  const centre = placeProps({ id: 'agadez-tc', kind: 'transit_centre' });
  const radius = ({ assisted }: { assisted: number }) => {
    const res: AggregateResponse = {
      groupBy: ['centre'],
      rows: [{ centre: 'agadez-tc', count: assisted }] as unknown as AggregateResponse['rows'],
      total: assisted,
      from: '2016-01-01',
      to: '2016-12-31',
      dataVersion: 't',
    };
    const state = placeStates([centre], undefined, res, { from: '2016-01-01', to: '2016-12-31' }, max).get('agadez-tc')!;
    return evaluate(layer, 'paint', 'circle-radius', { state: { ...state }, properties: { kind: 'transit_centre' } }) as number;
  };

  it.each([
    [0, CENTRE_RADIUS_RANGE[0]],
    [1_000, 4 + 16 * Math.sqrt(1_000 / 9_000)],
    [2_250, 4 + 16 * 0.5],
    [9_000, 20],
    [20_000, 20],
  ])('assisted %d → radius %d px', (assisted, expected) => {
    expect(radius({ assisted })).toBeCloseTo(expected, 6);
    expect(radius({ assisted })).toBeCloseTo(centreRadiusScale(max)(assisted), 6);
  });

  it('only transit centres, drawn to the left of their town', () => {
    expect(passesFilter(layer, { kind: 'transit_centre' })).toBe(true);
    for (const kind of ['office', 'monitoring_point', 'hub', 'border_crossing']) expect(passesFilter(layer, { kind })).toBe(false);
    expect(layer.paint?.['circle-translate']).toEqual(CENTRE_TRANSLATE);
    expect(CENTRE_TRANSLATE[0]).toBeLessThan(0);
  });

  it('selected and hovered centres get a dark ring', () => {
    expect(evaluate(layer, 'paint', 'circle-stroke-width', { state: {} })).toBe(1.5);
    expect(evaluate(layer, 'paint', 'circle-stroke-width', { state: { selected: true } })).toBe(3);
  });
});

describe('monitoring points and hubs', () => {
  const layer = pointsLayer();
  const point = { kind: 'monitoring_point' };
  const hub = { kind: 'hub' };

  it('takes monitoring points and hubs only', () => {
    expect(passesFilter(layer, point)).toBe(true);
    expect(passesFilter(layer, hub)).toBe(true);
    for (const kind of ['office', 'transit_centre', 'border_crossing']) expect(passesFilter(layer, { kind })).toBe(false);
  });

  it('an active point is filled yellow; an inactive one is hollow with a grey ring', () => {
    expect(evaluate(layer, 'paint', 'circle-opacity', { properties: point, state: { active: true } })).toBe(1);
    expect(evaluate(layer, 'paint', 'circle-opacity', { properties: point, state: {} })).toBe(1);
    expect(evaluate(layer, 'paint', 'circle-opacity', { properties: point, state: { active: false } })).toBe(0);
    expect(hex(evaluate(layer, 'paint', 'circle-color', { properties: point }))).toBe(PLACE_COLOURS.monitoring_point.fill);
    expect(hex(evaluate(layer, 'paint', 'circle-stroke-color', { properties: point, state: { active: false } }))).toBe(INACTIVE_STROKE);
    expect(hex(evaluate(layer, 'paint', 'circle-stroke-color', { properties: point, state: { active: true } }))).toBe(PLACE_COLOURS.monitoring_point.stroke);
  });

  it('hubs are smaller and dark', () => {
    expect(evaluate(layer, 'paint', 'circle-radius', { properties: hub })).toBeLessThan(
      evaluate(layer, 'paint', 'circle-radius', { properties: point }) as number,
    );
    expect(hex(evaluate(layer, 'paint', 'circle-color', { properties: hub }))).toBe(PLACE_COLOURS.hub.fill);
  });
});

describe('office and border-crossing icons', () => {
  const layer = iconsLayer();
  it('squares for offices (offset up-right), diamonds for border crossings', () => {
    expect(passesFilter(layer, { kind: 'office' })).toBe(true);
    expect(passesFilter(layer, { kind: 'border_crossing' })).toBe(true);
    expect(passesFilter(layer, { kind: 'hub' })).toBe(false);
    expect(String(evaluate(layer, 'layout', 'icon-image', { properties: { kind: 'office' } }))).toBe(ICON_SQUARE);
    expect(String(evaluate(layer, 'layout', 'icon-image', { properties: { kind: 'border_crossing' } }))).toBe(ICON_DIAMOND);
    expect(evaluate(layer, 'layout', 'icon-offset', { properties: { kind: 'office' } })).toEqual(OFFICE_OFFSET);
    expect(evaluate(layer, 'layout', 'icon-offset', { properties: { kind: 'border_crossing' } })).toEqual([0, 0]);
    expect(hex(evaluate(layer, 'paint', 'icon-color', { properties: { kind: 'office' } }))).toBe(PLACE_COLOURS.office.fill);
  });

  it('places in one town do not sit on top of each other', () => {
    // office up-right, centre left, monitoring point in the middle
    expect(OFFICE_OFFSET[0]).toBeGreaterThan(0);
    expect(OFFICE_OFFSET[1]).toBeLessThan(0);
    expect(Math.hypot(...CENTRE_TRANSLATE)).toBeGreaterThan(8);
    expect(Math.hypot(...OFFICE_OFFSET)).toBeGreaterThan(8);
  });
});

describe('labels', () => {
  it('draw with the local font declared in font-faces', () => {
    expect(placeLabelsLayer().layout?.['text-font']).toEqual([LABEL_FONT]);
    expect(evaluate(placeLabelsLayer(), 'layout', 'text-field', { properties: { label: 'Séguédine', rank: 1 } })!.toString()).toBe('Séguédine');
  });
});

/** Paint properties whose value depends on the feature (expressions reading feature properties or feature-state). */
function dataDrivenPaint(layer: LayerSpecification): string[] {
  const paint = (layer as { paint?: Record<string, unknown> }).paint ?? {};
  const reads = (v: unknown): boolean => Array.isArray(v) && (v[0] === 'feature-state' || v[0] === 'get' || v.some((x) => reads(x)));
  return Object.keys(paint)
    .filter((k) => reads(paint[k]))
    .sort();
}

describe('layers that share a shader program', () => {
  // MapLibre compiles one program per layer type and set of data-driven paint properties; under software WebGL each
  // extra program costs tens of ms before the first map is idle (BENCHMARKS.md), so paired layers keep the same set.
  it('the route line and its casing have the same data-driven paint properties', () => {
    const line = routeLineLayer({ direction: null, unmonitored: [] });
    expect(dataDrivenPaint(line)).toEqual(dataDrivenPaint(routeCasingLayer()));
    expect(dataDrivenPaint(line)).toEqual(['line-opacity', 'line-width']);
  });

  it('transit centres and monitoring points have the same data-driven paint properties', () => {
    expect(dataDrivenPaint(centresLayer())).toEqual(dataDrivenPaint(pointsLayer()));
  });

  it('a route with a suppressed flow is drawn fainter', () => {
    const line = routeLineLayer({ direction: null, unmonitored: [] });
    const opacity = (state: Record<string, unknown>) => evaluate(line, 'paint', 'line-opacity', { state, geometryType: 'LineString' }) as number;
    expect(opacity({ suppressed: true })).toBeLessThan(opacity({ flow: 20 }));
    expect(opacity({})).toBe(opacity({ flow: 20 }));
  });

  it('a transit centre that assisted nobody is faint; a withheld count is not nobody', () => {
    const layer = centresLayer();
    const opacity = (state: Record<string, unknown>) => evaluate(layer, 'paint', 'circle-opacity', { state, properties: { kind: 'transit_centre' } }) as number;
    expect(opacity({ assisted: 0 })).toBeLessThan(opacity({ assisted: 40 }));
    expect(opacity({ assisted: 0, suppressed: true })).toBe(opacity({ assisted: 40 }));
  });

  it('the selected transit centre is filled darker', () => {
    const layer = centresLayer();
    const fill = (state: Record<string, unknown>) => hex(evaluate(layer, 'paint', 'circle-color', { state, properties: { kind: 'transit_centre' } }));
    expect(fill({})).toBe(PLACE_COLOURS.transit_centre.fill);
    expect(fill({ selected: true })).not.toBe(PLACE_COLOURS.transit_centre.fill);
  });
});
