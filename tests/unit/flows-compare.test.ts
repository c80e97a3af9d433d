/** Flows explorer: change against the previous equal period, the diverging route colouring, search, exports helpers. */
import { describe, expect, it } from 'vitest';
import type { AggregateResponse } from '../../src/shared/api';
import { NO_DATA_COLOUR, ROUTE_CHANGE_COLOURS, changeRatio, changesBy } from '../../src/client/map/change';
import { ROUTES_SOURCE_ID, routeLineLayer, routesSource } from '../../src/client/map/layers/routes';
import { REGIONS_SOURCE_ID, basemapStyle } from '../../src/client/map/basemap-style';
import { matchItems } from '../../src/client/features/flows/PlaceSearch';
import { csvHref } from '../../src/client/components/ExportBar';
import { exportFilename } from '../../src/client/lib/download';
import { footerHeight } from '../../src/client/lib/export-image';
import { parseUrlState, serializeUrlState } from '../../src/client/app/url';
import { INITIAL_FILTERS } from '../../src/client/state/filters';
import { evaluate, hex, minimalStyle, styleErrors } from './client-style-helpers';

const agg = (dim: string, rows: Array<[string, number | null]>): AggregateResponse =>
  ({
    groupBy: [dim],
    rows: rows.map(([k, count]) => ({ [dim]: k, count })),
    total: null,
    from: '2016-01-01',
    to: '2016-12-31',
    dataVersion: 'x',
  }) as AggregateResponse;

describe('change against the previous period', () => {
  it.each([
    [120, 100, 0.2],
    [50, 100, -0.5],
    [0, 100, -1],
    [100, 0, null],
    [null, 100, null],
    [100, null, null],
    [undefined, 100, null],
  ])('%s vs %s → %s', (now, before, expected) => {
    expect(changeRatio(now, before)).toBe(expected);
  });

  it('per id; an id missing from one side counts as 0', () => {
    const m = changesBy(
      agg('route', [
        ['R4', 150],
        ['R5', 10],
      ]),
      agg('route', [
        ['R4', 100],
        ['R3', 40],
      ]),
      'route',
    );
    expect(Object.fromEntries(m)).toEqual({ R4: 0.5, R5: null, R3: -1 });
    expect(changesBy(undefined, agg('route', []), 'route').size).toBe(0);
  });

  it('routes coloured by change: valid spec, the route change classes from feature-state, grey without a base', () => {
    const layer = routeLineLayer({ direction: null, unmonitored: ['R1'], colourBy: 'change' });
    expect(styleErrors(minimalStyle({ [ROUTES_SOURCE_ID]: routesSource('http://x/routes') }, [layer]))).toEqual([]);
    const colour = (change: unknown) => hex(evaluate(layer, 'paint', 'line-color', { state: { change }, geometryType: 'LineString' }));
    expect(colour(-0.9)).toBe(ROUTE_CHANGE_COLOURS[0]);
    expect(colour(0)).toBe(ROUTE_CHANGE_COLOURS[3]);
    expect(colour(0.9)).toBe(ROUTE_CHANGE_COLOURS[6]);
    expect(colour(null)).toBe(NO_DATA_COLOUR);
    // Same id and type whatever the colouring (react-map-gl never re-creates the layer).
    const byDirection = routeLineLayer({ direction: null, unmonitored: ['R1'] });
    expect([byDirection.id, byDirection.type]).toEqual([layer.id, layer.type]);
  });

  it('colour=change is kept in the URL (v2)', () => {
    const qs = serializeUrlState({ filters: INITIAL_FILTERS, selected: null, view: 'flows', lang: 'en', viewport: null, colourBy: 'change' });
    expect(qs).toBe('?v=2&view=flows&colour=change');
    expect(parseUrlState(qs).colourBy).toBe('change');
    expect(parseUrlState('?v=2&colour=rainbow').colourBy).toBeUndefined();
  });
});

describe('the regions source', () => {
  it('promotes pcode to the feature id (the hotspots choropleth binds feature-state by pcode)', () => {
    const style = basemapStyle({ countriesUrl: 'http://x/c', regionsUrl: 'http://x/r', fonts: { latin: 'http://x/a', latinExt: 'http://x/b' } });
    expect(style.sources[REGIONS_SOURCE_ID]).toMatchObject({ type: 'geojson', promoteId: 'pcode' });
  });
});

describe('place and route search', () => {
  const items = [
    { ref: { type: 'place' as const, id: 'agadez-tc' }, label: 'Agadez transit centre', kind: 'Transit centre' },
    { ref: { type: 'place' as const, id: 'seguedine-fmp' }, label: 'Séguédine (FMP)', kind: 'Flow monitoring point' },
    { ref: { type: 'route' as const, id: 'R5' }, label: 'R5 Agadez–Dirkou–Séguédine', kind: 'Routes' },
  ];
  it('matches every word, ignoring case and accents; ids count too', () => {
    expect(matchItems(items, 'seguedine').map((i) => i.ref.id)).toEqual(['seguedine-fmp', 'R5']);
    expect(matchItems(items, 'AGADEZ centre').map((i) => i.ref.id)).toEqual(['agadez-tc']);
    expect(matchItems(items, 'r5').map((i) => i.ref.id)).toEqual(['R5']);
    expect(matchItems(items, '   ')).toEqual([]);
    expect(matchItems(items, 'a', 1)).toHaveLength(1);
  });
});

describe('exports', () => {
  it('CSV links repeat the query with format=csv', () => {
    expect(csvHref('/flows', { from: '2016-01-01', to: '2016-12-31', groupBy: ['route'], direction: null })).toBe(
      '/api/v1/flows?format=csv&from=2016-01-01&groupBy=route&to=2016-12-31',
    );
  });
  it('file names say what and when', () => {
    expect(exportFilename('donor impact', '2017-01-01', '2017-12-31', 'png')).toBe('transit-atlas-donor-impact-2017-01-01_2017-12-31.png');
    expect(exportFilename('Flows', null, null, 'geojson')).toBe('transit-atlas-flows.geojson');
  });
  it('the PNG footer grows with the legend', () => {
    expect(footerHeight(4)).toBeGreaterThan(footerHeight(2));
    expect(footerHeight(0)).toBeGreaterThan(0);
  });
});
