/**
 * The map's own overlay — the places, routes and town-label sources and the layers of the current view — as a
 * fragment of a MapLibre style, built by a pure function of the view, the layer parameters and the geometry.
 *
 * It goes into the map's first style (its sources ahead of the basemap's, so MapLibre's worker cuts their tiles
 * first), and later changes reach the running map as the commands `diff` from @maplibre/maplibre-gl-style-spec
 * computes between two fragments (setPaintProperty, setFilter, addLayer/removeLayer with their place in the order,
 * setGeoJSONSourceData), which is how MapLibre's own `setStyle(…, {diff: true})` works, scoped to the overlay so the
 * layers a view adds as react-map-gl children (donor arcs, hotspots) stay untouched. A filter change therefore
 * re-paints: geometry sources change only when the server sends other geometry (another role signed in).
 */
import {
  diff,
  type DiffCommand,
  type DiffOperations,
  type LayerSpecification,
  type SourceSpecification,
  type StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { PlacesResponse, RoutesResponse } from '../../shared/api';
import type { Direction } from '../../shared/enums';
import { placeLabelsData, placeLabelsLayer, placeLabelsSource, PLACE_LABELS_SOURCE_ID } from './layers/labels';
import { centresLayer, iconsLayer, placesSource, pointsLayer, PLACES_SOURCE_ID } from './layers/places';
import { routeCasingLayer, routeDirectionLayer, routeHitLayer, routeLineLayer, routesSource, routeUnmonitoredLayer, ROUTES_SOURCE_ID } from './layers/routes';
import { townLabels, unmonitoredRouteIds } from './metrics';

export interface OverlayInput {
  /** Which base layers the view shows (MapView's baseLayersOf). */
  base: { routes: boolean; points: boolean; centres: boolean };
  /** The /routes and /places answers (null while unknown or failed: no source then; town labels come from places). */
  routes: RoutesResponse | null;
  places: PlacesResponse | null;
  direction: Direction | null;
  colourBy: 'direction' | 'change';
  /** Draw the two directions side by side (no direction filter, coloured by direction, the role may ask for them). */
  splitDirections?: boolean;
}

export interface Overlay {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
}

const NO_LABELS = placeLabelsData([]);
const labelsByPlaces = new WeakMap<PlacesResponse, ReturnType<typeof placeLabelsData>>();
/** Town labels of a /places answer, the same object for the same answer (so comparing overlays stays cheap). */
function labelsOf(places: PlacesResponse | null) {
  if (!places) return NO_LABELS;
  let labels = labelsByPlaces.get(places);
  if (!labels) {
    labels = placeLabelsData(townLabels(places.features));
    labelsByPlaces.set(places, labels);
  }
  return labels;
}

export function overlayStyle(o: OverlayInput): Overlay {
  const sources: Record<string, SourceSpecification> = {};
  const layers: LayerSpecification[] = [];
  if (o.routes) {
    sources[ROUTES_SOURCE_ID] = routesSource(o.routes as never);
    if (o.base.routes) {
      const unmonitored = unmonitoredRouteIds(o.routes.features.map((f) => f.properties));
      const split = o.splitDirections === true && o.direction === null && o.colourBy === 'direction';
      layers.push(
        routeCasingLayer(),
        routeUnmonitoredLayer(unmonitored),
        routeLineLayer({ direction: o.direction, unmonitored, colourBy: o.colourBy, hidden: split }),
        ...(split ? [routeDirectionLayer('incoming', unmonitored), routeDirectionLayer('outgoing', unmonitored)] : []),
        routeHitLayer(),
      );
    }
  }
  if (o.places) {
    sources[PLACES_SOURCE_ID] = placesSource(o.places as never);
    if (o.base.centres) layers.push(centresLayer());
    if (o.base.points) layers.push(pointsLayer(), iconsLayer());
  }
  sources[PLACE_LABELS_SOURCE_ID] = placeLabelsSource(labelsOf(o.places));
  layers.push(placeLabelsLayer());
  return { sources, layers };
}

/** The basemap with the overlay: the overlay's sources first (the worker takes them first), its layers on top. */
export function withOverlay(basemap: StyleSpecification, overlay: Overlay): StyleSpecification {
  return { ...basemap, sources: { ...overlay.sources, ...basemap.sources }, layers: [...basemap.layers, ...overlay.layers] };
}

const asStyle = (o: Overlay): StyleSpecification => ({ version: 8, sources: o.sources, layers: o.layers });

/** Two source specs with the same keys holding the same values (GeoJSON data compared by reference). */
function sameSource(a: SourceSpecification | undefined, b: SourceSpecification | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a) as (keyof SourceSpecification)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * What turns the running overlay `from` into `to`. Sources holding the same GeoJSON object on both sides are left out
 * of the comparison (the diff would otherwise walk every coordinate on every filter change).
 */
export function overlayCommands(from: Overlay, to: Overlay): DiffCommand<DiffOperations>[] {
  const a: Record<string, SourceSpecification> = {};
  const b: Record<string, SourceSpecification> = {};
  for (const id of new Set([...Object.keys(from.sources), ...Object.keys(to.sources)])) {
    const x = from.sources[id];
    const y = to.sources[id];
    if (sameSource(x, y)) {
      // Still declared on both sides (layers refer to it), as one shared, unchanged stub.
      a[id] = b[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
      continue;
    }
    if (x) a[id] = x;
    if (y) b[id] = y;
  }
  return diff(asStyle({ sources: a, layers: from.layers }), asStyle({ sources: b, layers: to.layers }));
}

/** The map methods the overlay's commands call (a subset of maplibre-gl's Map). */
export interface OverlayTarget {
  getSource(id: string): unknown;
}

/**
 * Runs the commands on the map. `setGeoJSONSourceData` is the GeoJSON source's `setData`; the others are the Map
 * methods of the same name. A command the map has no method for is an error: the overlay only ever asks for sources
 * and layers.
 */
/** Sources whose features the commands replace or remove (their feature states go with them). */
export function sourcesReplaced(commands: DiffCommand<DiffOperations>[]): string[] {
  const ids = new Set<string>();
  for (const c of commands) {
    if (c.command === 'addSource' || c.command === 'removeSource' || c.command === 'setGeoJSONSourceData') ids.add(c.args[0] as string);
  }
  return [...ids];
}

export function applyOverlayCommands(map: OverlayTarget, commands: DiffCommand<DiffOperations>[]): void {
  for (const c of commands) {
    if (c.command === 'setGeoJSONSourceData') {
      const [id, data] = c.args;
      (map.getSource(id) as { setData(d: unknown): void }).setData(data);
      continue;
    }
    const method: unknown = Reflect.get(map, c.command);
    if (typeof method !== 'function') throw new Error(`the map cannot apply the overlay command ${c.command}`);
    (method as (...args: unknown[]) => unknown).apply(map, c.args as unknown[]);
  }
}
