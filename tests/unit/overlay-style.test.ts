/** The map's overlay as a style fragment, and the commands that move the running map from one fragment to the next. */
import { describe, expect, it } from 'vitest';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { PlaceProperties, PlacesResponse, RoutesResponse } from '../../src/shared/api';
import { baseLayersOf } from '../../src/client/map/base-layers';
import { basemapStyle } from '../../src/client/map/basemap-style';
import { PLACE_LABELS_LAYER_ID, PLACE_LABELS_SOURCE_ID } from '../../src/client/map/layers/labels';
import { CENTRES_LAYER_ID, PLACE_ICONS_LAYER_ID, PLACES_LAYER_ID, PLACES_SOURCE_ID } from '../../src/client/map/layers/places';
import { ROUTE_CASING_LAYER_ID, ROUTE_HIT_LAYER_ID, ROUTE_LAYER_ID, ROUTE_UNMONITORED_LAYER_ID, ROUTES_SOURCE_ID } from '../../src/client/map/layers/routes';
import { applyOverlayCommands, overlayCommands, overlayStyle, withOverlay, type OverlayInput } from '../../src/client/map/overlay-style';

const route = (id: string, monitoredBy: string[], coordinates: [number, number][]) => ({
  type: 'Feature' as const,
  properties: { id, name: id, corridor: 'c', waypoints: [], lengthKm: 1, monitoredBy },
  geometry: { type: 'LineString' as const, coordinates },
});
const routes: RoutesResponse = {
  type: 'FeatureCollection',
  features: [
    route(
      'R5',
      ['seguedine-fmp'],
      [
        [8, 17],
        [13, 32],
      ],
    ),
    route(
      'R1',
      [],
      [
        [-8, 12],
        [2, 13.5],
      ],
    ),
  ],
};
const place = (id: string, name: string, kind: PlaceProperties['kind'], coordinates: [number, number]) => ({
  type: 'Feature' as const,
  properties: { id, name, kind, countryIso3: 'NER', admin1Pcode: null, capacity: null, activeFrom: null, activeTo: null, routes: [], source: 's' },
  geometry: { type: 'Point' as const, coordinates },
});
const places: PlacesResponse = {
  type: 'FeatureCollection',
  features: [
    place('agadez-tc', 'Agadez transit centre', 'transit_centre', [7.99, 16.97]),
    place('agadez-office', 'IOM Agadez office', 'office', [7.99, 16.97]),
  ],
};

const input = (over: Partial<OverlayInput> = {}): OverlayInput => ({
  base: baseLayersOf('flows'),
  routes,
  places,
  direction: null,
  colourBy: 'direction',
  ...over,
});

const ids = (o: { layers: { id: string }[] }) => o.layers.map((l) => l.id);

/** A stand-in for the map that keeps its layer order the way maplibre-gl does (addLayer before an id, or on top). */
function fakeMap(start: { sources: Record<string, unknown>; layers: { id: string }[] }) {
  const sources = new Set(Object.keys(start.sources));
  const m = {
    layerIds: ids(start),
    sourceOps: [] as string[],
    getSource: (id: string) => (sources.has(id) ? { setData: () => m.sourceOps.push(`setData:${id}`) } : undefined),
    addSource: (id: string) => {
      if (sources.has(id)) throw new Error(`source ${id} exists`);
      sources.add(id);
      m.sourceOps.push(`addSource:${id}`);
    },
    removeSource: (id: string) => {
      sources.delete(id);
      m.sourceOps.push(`removeSource:${id}`);
    },
    addLayer: (layer: { id: string; source?: string }, before?: string) => {
      if (layer.source && !sources.has(layer.source)) throw new Error(`layer ${layer.id} before its source`);
      const at = before === undefined ? -1 : m.layerIds.indexOf(before);
      if (before !== undefined && at < 0) throw new Error(`no layer ${before}`);
      if (at < 0) m.layerIds.push(layer.id);
      else m.layerIds.splice(at, 0, layer.id);
    },
    removeLayer: (id: string) => {
      m.layerIds = m.layerIds.filter((x) => x !== id);
    },
    setPaintProperty: () => {},
    setLayoutProperty: () => {},
    setFilter: () => {},
  };
  return m;
}

describe('overlayStyle', () => {
  it('the flows view draws routes, then places, then town labels', () => {
    expect(ids(overlayStyle(input()))).toEqual([
      ROUTE_CASING_LAYER_ID,
      ROUTE_UNMONITORED_LAYER_ID,
      ROUTE_LAYER_ID,
      ROUTE_HIT_LAYER_ID,
      CENTRES_LAYER_ID,
      PLACES_LAYER_ID,
      PLACE_ICONS_LAYER_ID,
      PLACE_LABELS_LAYER_ID,
    ]);
  });

  it('the donor view keeps transit centres and labels; hotspots only labels; the geometry sources stay', () => {
    const donor = overlayStyle(input({ base: baseLayersOf('donor') }));
    expect(ids(donor)).toEqual([CENTRES_LAYER_ID, PLACE_LABELS_LAYER_ID]);
    const hotspots = overlayStyle(input({ base: baseLayersOf('hotspots') }));
    expect(ids(hotspots)).toEqual([PLACE_LABELS_LAYER_ID]);
    expect(Object.keys(hotspots.sources).sort()).toEqual([PLACE_LABELS_SOURCE_ID, PLACES_SOURCE_ID, ROUTES_SOURCE_ID].sort());
  });

  it('town labels come from the places (one per town) and routes no point observes are drawn as not monitored', () => {
    const o = overlayStyle(input());
    const labels = o.sources[PLACE_LABELS_SOURCE_ID] as unknown as { data: { features: { properties: { label: string } }[] } };
    expect(labels.data.features.map((f) => f.properties.label)).toEqual(['Agadez']);
    // The dashed layer shows the routes with no point by id (and the others when their points were not active, by state).
    const unmonitored = o.layers.find((l) => l.id === ROUTE_UNMONITORED_LAYER_ID) as { paint: Record<string, unknown> };
    expect(JSON.stringify(unmonitored.paint['line-opacity'])).toContain('"R1"');
    expect(JSON.stringify(unmonitored.paint['line-opacity'])).not.toContain('"R5"');
  });

  it('geometry that failed or is not known yet gives no source and no layer that would need it', () => {
    const o = overlayStyle(input({ routes: null, places: null }));
    expect(Object.keys(o.sources)).toEqual([PLACE_LABELS_SOURCE_ID]);
    expect(ids(o)).toEqual([PLACE_LABELS_LAYER_ID]);
  });

  it('with the basemap it is a valid style: overlay sources first (the worker takes them first), overlay layers on top', () => {
    const basemap = basemapStyle({
      countriesUrl: 'http://x/c.geojson',
      regionsUrl: 'http://x/r',
      fonts: { latin: 'http://x/a.woff2', latinExt: 'http://x/b.woff2' },
    });
    const style = withOverlay(basemap, overlayStyle(input()));
    expect(validateStyleMin(style as StyleSpecification)).toEqual([]);
    expect(Object.keys(style.sources).slice(0, 3)).toEqual([ROUTES_SOURCE_ID, PLACES_SOURCE_ID, PLACE_LABELS_SOURCE_ID]);
    expect(style.layers.slice(0, basemap.layers.length)).toEqual(basemap.layers);
    expect(style.layers.at(-1)!.id).toBe(PLACE_LABELS_LAYER_ID);
  });
});

describe('overlayCommands', () => {
  it('a direction filter re-colours the route line and nothing else (no source, no other layer is touched)', () => {
    const cmds = overlayCommands(overlayStyle(input()), overlayStyle(input({ direction: 'incoming' })));
    expect(cmds.map((c) => [c.command, c.args[0], c.args[1]])).toEqual([['setPaintProperty', ROUTE_LAYER_ID, 'line-color']]);
  });

  it('the same inputs give no command', () => {
    expect(overlayCommands(overlayStyle(input()), overlayStyle(input()))).toEqual([]);
  });

  it("switching views moves the running map to exactly the new view's layers, in order, keeping the sources", () => {
    for (const [from, to] of [
      ['donor', 'flows'],
      ['flows', 'donor'],
      ['hotspots', 'flows'],
      ['flows', 'hotspots'],
    ] as const) {
      const before = overlayStyle(input({ base: baseLayersOf(from) }));
      const after = overlayStyle(input({ base: baseLayersOf(to) }));
      const map = fakeMap(before);
      applyOverlayCommands(map, overlayCommands(before, after));
      expect(map.layerIds, `${from} → ${to}`).toEqual(ids(after));
      expect(map.sourceOps, `${from} → ${to}`).toEqual([]);
    }
  });

  it('other geometry from the server (another role) replaces the source data in place', () => {
    const more: PlacesResponse = { ...places, features: [...places.features, place('arlit-tc', 'Arlit transit centre', 'transit_centre', [7.38, 18.74])] };
    const cmds = overlayCommands(overlayStyle(input()), overlayStyle(input({ places: more })));
    expect(cmds.map((c) => [c.command, c.args[0]])).toEqual([
      ['setGeoJSONSourceData', PLACES_SOURCE_ID],
      ['setGeoJSONSourceData', PLACE_LABELS_SOURCE_ID],
    ]);
    expect(cmds[0]!.args[1]).toBe(more);
  });

  it('geometry arriving after the map started adds its source, then the layers that use it, in their place', () => {
    const before = overlayStyle(input({ routes: null }));
    const after = overlayStyle(input());
    const map = fakeMap(before);
    applyOverlayCommands(map, overlayCommands(before, after));
    expect(map.sourceOps).toEqual([`addSource:${ROUTES_SOURCE_ID}`]);
    expect(map.layerIds).toEqual(ids(after));
  });
});

describe('applyOverlayCommands', () => {
  it('calls the map method of each command, and setData on the source for new GeoJSON', () => {
    const calls: unknown[][] = [];
    const setData: unknown[] = [];
    const map = {
      getSource: (id: string) => ({ setData: (d: unknown) => setData.push([id, d]) }),
      setPaintProperty: (...a: unknown[]) => calls.push(['setPaintProperty', ...a]),
    };
    applyOverlayCommands(map, [
      { command: 'setPaintProperty', args: [ROUTE_LAYER_ID, 'line-opacity', 0.5] },
      { command: 'setGeoJSONSourceData', args: [PLACES_SOURCE_ID, places as never] },
    ]);
    expect(calls).toEqual([['setPaintProperty', ROUTE_LAYER_ID, 'line-opacity', 0.5]]);
    expect(setData).toEqual([[PLACES_SOURCE_ID, places]]);
  });

  it('refuses a command the map has no method for', () => {
    expect(() => applyOverlayCommands({ getSource: () => undefined }, [{ command: 'setSprite', args: ['x'] }])).toThrow(/setSprite/);
  });
});
