/**
 * Issue 15 "The map": the first view framed on Niger, region label points, both directions side by side with in / out
 * / net, "not monitored" for routes whose points were not active in the period, and palettes without a red/green pair.
 */
import { describe, expect, it } from 'vitest';
import type { AggregateResponse, PlaceProperties, RouteProperties } from '../../src/shared/api';
import { fitPadding, initialBounds, INITIAL_BOUNDS, LEGEND_SPACE, legendIsOpen, NIGER_BOUNDS, NARROW_BOUNDS } from '../../src/client/map/base-layers';
import { netOf, routeStates } from '../../src/client/map/metrics';
import { describeRoute } from '../../src/client/map/describe-features';
import {
  DIRECTION_GAP,
  ROUTE_IN_LAYER_ID,
  ROUTE_OUT_LAYER_ID,
  ROUTES_SOURCE_ID,
  routeDirectionLayer,
  routeLineLayer,
  routesSource,
} from '../../src/client/map/layers/routes';
import { overlayStyle } from '../../src/client/map/overlay-style';
import { REGION_LABEL_POINTS } from '../../src/client/map/region-labels';
import { ROUTE_CHANGE_COLOURS, ROUTE_STABLE_INDEX, routeChangeClasses } from '../../src/client/map/change';
import { BASEMAP_COLOURS, ROUTE_COLOURS } from '../../src/client/map/colours';
import { basemapStyle, REGIONS_LABEL_LAYER_ID, REGION_LABELS_SOURCE_ID } from '../../src/client/map/basemap-style';
import { routeWidthScale } from '../../src/client/map/scales';
import { evaluate, hex, minimalStyle, styleErrors } from './client-style-helpers';
import { placeProps } from './place-fixture';
import { i18n } from '../../src/client/i18n/i18n';

const agg = (groupBy: string[], rows: Array<Record<string, unknown> & { count: number | null }>): AggregateResponse => ({
  groupBy,
  rows: rows as AggregateResponse['rows'],
  total: rows.reduce((s, r) => s + (r.count ?? 0), 0),
  from: '2016-01-01',
  to: '2016-12-31',
  dataVersion: 'test',
});
const route = (id: string, monitoredBy: string[]): RouteProperties => ({ id, name: id, corridor: 'c', waypoints: [], lengthKm: 1, monitoredBy });
const point = (id: string, activeFrom: string | null, activeTo: string | null = null): PlaceProperties =>
  placeProps({ id, kind: 'monitoring_point', activeFrom, activeTo });

/** Relative luminance (WCAG) of "#rrggbb". */
function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe('first view and "fit to Niger"', () => {
  const area = ([[w, s], [e, n]]: [[number, number], [number, number]]) => (e - w) * (n - s);

  it('frames Niger, not Algiers to Lagos: Niger is most of the first view on a wide screen and on a phone', () => {
    for (const bounds of [initialBounds(1440), initialBounds(375)]) {
      expect(area(NIGER_BOUNDS) / area(bounds)).toBeGreaterThan(0.6);
      // Niger is inside the view
      expect(bounds[0][0]).toBeLessThanOrEqual(NIGER_BOUNDS[0][0]);
      expect(bounds[0][1]).toBeLessThanOrEqual(NIGER_BOUNDS[0][1]);
      expect(bounds[1][0]).toBeGreaterThanOrEqual(NIGER_BOUNDS[1][0]);
      expect(bounds[1][1]).toBeGreaterThanOrEqual(NIGER_BOUNDS[1][1]);
    }
    // Algiers (36.7 °N) and Lagos (6.5 °N) are out of the first view
    expect(INITIAL_BOUNDS[1][1]).toBeLessThan(36.7);
    expect(INITIAL_BOUNDS[0][1]).toBeGreaterThan(6.5);
    expect(initialBounds(375)).toBe(NARROW_BOUNDS);
  });

  it('leaves the open legend out of the fitted area on a wide screen only', () => {
    expect(fitPadding(1440, true).left).toBeGreaterThanOrEqual(LEGEND_SPACE);
    expect(fitPadding(1440, false).left).toBeLessThan(LEGEND_SPACE / 4);
    expect(fitPadding(375, true).left).toBeLessThan(LEGEND_SPACE / 4);
  });

  it('the legend is open on a wide screen and collapsed on a phone until someone chooses', () => {
    expect(legendIsOpen(null, 1440)).toBe(true);
    expect(legendIsOpen(null, 375)).toBe(false);
    expect(legendIsOpen(false, 1440)).toBe(false);
    expect(legendIsOpen(true, 375)).toBe(true);
  });
});

describe('region labels', () => {
  it('one label point per region, all eight, each inside Niger', () => {
    expect(REGION_LABEL_POINTS.map((p) => p[0]).sort()).toEqual(['NE001', 'NE002', 'NE003', 'NE004', 'NE005', 'NE006', 'NE007', 'NE008']);
    for (const [, name, lon, lat] of REGION_LABEL_POINTS) {
      expect(lon, name).toBeGreaterThan(NIGER_BOUNDS[0][0]);
      expect(lon, name).toBeLessThan(NIGER_BOUNDS[1][0]);
      expect(lat, name).toBeGreaterThan(NIGER_BOUNDS[0][1]);
      expect(lat, name).toBeLessThan(NIGER_BOUNDS[1][1]);
    }
  });

  it('the label layer draws them from the points (not per tile piece of the polygons), whole, from the first view on', () => {
    const style = basemapStyle({ countriesUrl: 'http://x/c', regionsUrl: 'http://x/r', fonts: { latin: 'http://x/l.woff2', latinExt: 'http://x/le.woff2' } });
    expect(styleErrors(style)).toEqual([]);
    const layer = style.layers.find((l) => l.id === REGIONS_LABEL_LAYER_ID) as { source: string; minzoom?: number; layout: Record<string, unknown> };
    expect(layer.source).toBe(REGION_LABELS_SOURCE_ID);
    expect(layer.layout['text-allow-overlap']).toBe(true);
    // The phone's first view (Niger in 375 px) is about zoom 3.9; the wide one about 6.
    expect(layer.minzoom ?? 0).toBeLessThanOrEqual(3.9);
  });
});

describe('both directions side by side', () => {
  const routes = [route('R4', ['arlit-fmp']), route('R5', ['seguedine-fmp'])];
  const byDirection = agg(
    ['route', 'direction'],
    [
      { route: 'R4', direction: 'incoming', count: 900 },
      { route: 'R4', direction: 'outgoing', count: 300 },
      { route: 'R5', direction: 'incoming', count: 50, perturbed: true },
      { route: 'R5', direction: 'outgoing', count: null, suppressed: true },
    ],
  );
  const totals = agg(
    ['route'],
    [
      { route: 'R4', count: 1200 },
      { route: 'R5', count: 60 },
    ],
  );

  it('each direction gets its count, flags and its width on the route scale', () => {
    const s = routeStates(routes, totals, 1200, { byDirection });
    const r4 = s.get('R4')!.directions!;
    expect(r4.incoming).toEqual({ count: 900, width: routeWidthScale(1200)(900) });
    expect(r4.outgoing).toEqual({ count: 300, width: routeWidthScale(1200)(300) });
    const r5 = s.get('R5')!.directions!;
    expect(r5.incoming).toMatchObject({ count: 50, perturbed: true });
    expect(r5.outgoing).toMatchObject({ count: null });
    // without the answer per direction there is no split
    expect(routeStates(routes, totals, 1200).get('R4')!.directions).toBeUndefined();
  });

  it('net = in − out with the marks of both; withheld when either is', () => {
    expect(netOf({ incoming: { count: 900 }, outgoing: { count: 300 } })).toEqual({ count: 600, perturbed: undefined, partial: undefined });
    expect(netOf({ incoming: { count: 50, perturbed: true }, outgoing: { count: 80 } })).toMatchObject({ count: -30, perturbed: true });
    expect(netOf({ incoming: { count: 50 }, outgoing: { count: null } })).toEqual({ count: null, suppressed: true });
  });

  it('the tooltip lists in, out and net, with the protection marks the API sent', async () => {
    await i18n.changeLanguage('en');
    const s = routeStates(routes, totals, 1200, { byDirection });
    const r4 = describeRoute(routes[0]!, s.get('R4'));
    expect(r4.rows?.map((r) => [r.key, r.value])).toEqual([
      ['incoming', '900'],
      ['outgoing', '300'],
      ['net', '+600'],
    ]);
    const r5 = describeRoute(routes[1]!, s.get('R5'));
    expect(r5.rows?.find((r) => r.key === 'incoming')?.value).toBe('≈50');
    expect(r5.rows?.find((r) => r.key === 'outgoing')?.value).toBe(i18n.t('protection.withheld'));
    expect(r5.rows?.find((r) => r.key === 'net')?.value).toBe(i18n.t('protection.withheld'));
  });

  it('two lanes: each as wide as its own count, offset to opposite sides by half its width and the gap', () => {
    const inn = routeDirectionLayer('incoming', ['R1']);
    const out = routeDirectionLayer('outgoing', ['R1']);
    expect([inn.id, out.id]).toEqual([ROUTE_IN_LAYER_ID, ROUTE_OUT_LAYER_ID]);
    expect(styleErrors(minimalStyle({ [ROUTES_SOURCE_ID]: routesSource('http://x/routes') }, [inn, out]))).toEqual([]);
    const state = { widthIn: 10, widthOut: 4 };
    const ev = (l: typeof inn, name: string) => evaluate(l, 'paint', name, { state, geometryType: 'LineString' });
    expect(ev(inn, 'line-width')).toBe(10);
    expect(ev(out, 'line-width')).toBe(4);
    expect(ev(inn, 'line-offset')).toBe(5 + DIRECTION_GAP / 2);
    expect(ev(out, 'line-offset')).toBe(-(2 + DIRECTION_GAP / 2));
    expect(hex(ev(inn, 'line-color'))).toBe(ROUTE_COLOURS.incoming);
    expect(hex(ev(out, 'line-color'))).toBe(ROUTE_COLOURS.outgoing);
  });

  it('the overlay draws the two lanes with no direction filter, one line with a filter or when coloured by change', () => {
    const input = {
      base: { routes: true, points: true, centres: true },
      routes: {
        type: 'FeatureCollection' as const,
        features: [
          {
            type: 'Feature' as const,
            id: 'R4',
            properties: route('R4', ['arlit-fmp']),
            geometry: {
              type: 'LineString' as const,
              coordinates: [
                [0, 0],
                [1, 1],
              ],
            },
          },
        ],
      },
      places: null,
      direction: null,
      colourBy: 'direction' as const,
      splitDirections: true,
    };
    const ids = (o: ReturnType<typeof overlayStyle>) => o.layers.map((l) => l.id);
    expect(ids(overlayStyle(input as never))).toEqual(expect.arrayContaining([ROUTE_IN_LAYER_ID, ROUTE_OUT_LAYER_ID]));
    // The single line stays (one layer to query), not drawn: constant opacity 0.
    const split = overlayStyle(input as never).layers.find((l) => l.id === routeLineLayer({ direction: null, unmonitored: [] }).id);
    expect((split as { paint: Record<string, unknown> }).paint['line-opacity']).toBe(0);
    for (const other of [{ direction: 'incoming' }, { colourBy: 'change' }, { splitDirections: false }]) {
      const layers = ids(overlayStyle({ ...input, ...other } as never));
      expect(layers, JSON.stringify(other)).not.toContain(ROUTE_IN_LAYER_ID);
      const line = overlayStyle({ ...input, ...other } as never).layers.find((l) => l.id === routeLineLayer({ direction: null, unmonitored: [] }).id);
      expect((line as { paint: Record<string, unknown> }).paint['line-opacity'], JSON.stringify(other)).not.toBe(0);
    }
  });
});

describe('"not monitored" for the period', () => {
  const routes = [route('R3', ['agadez-fmp', 'tahoua-fmp']), route('R2b', ['magaria-fmp']), route('R1', [])];
  const places = [point('agadez-fmp', '2015-01-01'), point('tahoua-fmp', '2018-08-01'), point('magaria-fmp', '2018-08-01')];

  it('a route is monitored when one of its points was active at some time in the period', () => {
    const in2016 = routeStates(routes, agg(['route'], [{ route: 'R3', count: 10 }]), 10, { places, period: { from: '2016-01-01', to: '2016-12-31' } });
    expect(in2016.get('R3')!.monitored).toBe(true);
    expect(in2016.get('R2b')!.monitored).toBe(false);
    expect(in2016.get('R2b')!.monitoredFrom).toBe('2018-08-01');
    expect(in2016.get('R1')!.monitored).toBe(false);
    const in2019 = routeStates(routes, undefined, 0, { places, period: { from: '2019-01-01', to: '2019-12-31' } });
    expect(in2019.get('R2b')!.monitored).toBe(true);
    // A point closed before the period does not monitor it either.
    const closed = routeStates([route('RX', ['old'])], undefined, 0, {
      places: [point('old', '2015-01-01', '2015-12-31')],
      period: { from: '2016-01-01', to: '2016-12-31' },
    });
    expect(closed.get('RX')!.monitored).toBe(false);
  });

  it('says "not monitored", never 0, for such a route, and gives it no directions', async () => {
    await i18n.changeLanguage('en');
    const s = routeStates(routes, undefined, 0, {
      places,
      period: { from: '2016-01-01', to: '2016-12-31' },
      byDirection: agg(['route', 'direction'], []),
    });
    const d = describeRoute(routes[1]!, s.get('R2b'));
    expect(d.detail).toMatch(/not monitored/);
    expect(d.detail).not.toMatch(/\b0\b/);
    expect(d.rows).toBeUndefined();
    expect(s.get('R2b')!.directions).toBeUndefined();
  });

  it('the flow line hides and the dashed line shows when state says not monitored', () => {
    const line = routeLineLayer({ direction: null, unmonitored: [] });
    expect(evaluate(line, 'paint', 'line-opacity', { state: { monitored: false }, geometryType: 'LineString' })).toBe(0);
    expect(evaluate(line, 'paint', 'line-opacity', { state: { monitored: true }, geometryType: 'LineString' })).toBeGreaterThan(0.5);
  });
});

describe('colour-blind-safe palettes', () => {
  it('the two directions are blue and vermillion (Okabe–Ito), not green against red', () => {
    expect([ROUTE_COLOURS.incoming, ROUTE_COLOURS.outgoing]).toEqual(['#0072b2', '#d55e00']);
  });

  it('every change class of the route lines, the stable one included, stands out from the beige basemap', () => {
    for (const c of ROUTE_CHANGE_COLOURS) expect(contrast(c, BASEMAP_COLOURS.niger), c).toBeGreaterThan(1.8);
    const stable = routeChangeClasses()[ROUTE_STABLE_INDEX]!;
    expect([stable.min, stable.max]).toEqual([-0.05, 0.05]);
    expect(contrast(stable.colour, BASEMAP_COLOURS.niger)).toBeGreaterThan(4.5);
  });
});
