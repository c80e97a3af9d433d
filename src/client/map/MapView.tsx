/**
 * The map: react-map-gl/maplibre over the offline basemap (or an online style, useBasemap.ts). Geometry sources (places, routes) are
 * loaded once by URL and never rebuilt; the metrics of the current filters are bound with
 * feature-state (flow, assisted, active) and the scale tops in the paint expressions, so a filter
 * change re-paints instead of re-tiling.
 */
import * as maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import MapGL, { type MapLayerMouseEvent, type MapProps } from 'react-map-gl/maplibre';
import { useQueryClient } from '@tanstack/react-query';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { PlaceProperties, PlacesResponse, RouteProperties, RoutesResponse } from '../../shared/api';
import { placesQueryOptions, routesQueryOptions, usePlaces, useRoutes } from '../api/queries';
import { useSelection, type SelectionRef } from '../state/filters';
import { useView, type View, type Viewport } from '../state/view';
import { useBasemap } from './useBasemap';
import { t } from '../lib/strings';
import { describePlace, describeRoute, type Description } from './describe';
import { addPlaceIcons } from './icons';
import { PLACE_LAYER_IDS, PLACES_SOURCE_ID } from './layers/places';
import { ROUTE_HIT_LAYER_ID, ROUTE_LAYER_ID, ROUTE_UNMONITORED_LAYER_ID, ROUTES_SOURCE_ID } from './layers/routes';
import { applyOverlayCommands, overlayCommands, overlayStyle, sourcesReplaced, withOverlay, type Overlay, type OverlayInput } from './overlay-style';
import { FeatureStateCache } from './feature-state-cache';
import { placeStates, routeStates } from './metrics';
import { Tooltip } from './Tooltip';
import { markFirstMapIdleSoon, useFirstMapIdle } from './first-idle';
import type { MapMetrics } from './useMapMetrics';

type MaplibreMap = maplibregl.Map;

declare global {
  interface Window {
    __atlasMap?: MaplibreMap;
    __atlasReady?: boolean;
  }
}

/** West Africa to Libya/Algeria, centred on Niger. */
export const INITIAL_BOUNDS: [[number, number], [number, number]] = [
  [-10, 4],
  [26, 37],
];
/** On a phone: Niger and its borders. */
export const NARROW_BOUNDS: [[number, number], [number, number]] = [
  [-1, 9],
  [17, 26],
];

function initialBounds() {
  return typeof window !== 'undefined' && window.innerWidth < 640 ? NARROW_BOUNDS : INITIAL_BOUNDS;
}


export const INTERACTIVE_LAYER_IDS = [...PLACE_LAYER_IDS, ROUTE_HIT_LAYER_ID, ROUTE_LAYER_ID, ROUTE_UNMONITORED_LAYER_ID];
const PLACE_LAYERS = new Set<string>(PLACE_LAYER_IDS);

function refOf(feature: { layer: { id: string }; properties: Record<string, unknown> } | undefined): SelectionRef | null {
  if (!feature) return null;
  const pcode = feature.properties['pcode'];
  if (typeof pcode === 'string' && /^NE\d{3}$/.test(pcode)) return { type: 'region', id: pcode };
  const id = feature.properties['id'];
  if (typeof id !== 'string') return null;
  return { type: PLACE_LAYERS.has(feature.layer.id) ? 'place' : 'route', id };
}

/** What the map's own layers show in each view: flows draws routes and every place; donor only transit centres (and offices); hotspots no place or route. */
export function baseLayersOf(view: View): { routes: boolean; points: boolean; centres: boolean } {
  if (view === 'donor') return { routes: false, points: false, centres: true };
  if (view === 'hotspots') return { routes: false, points: false, centres: false };
  return { routes: true, points: true, centres: true };
}

export interface MapViewProps {
  metrics: MapMetrics;
  /** Sources and layers a feature hands to the map (rendered inside it, so they may use react-map-gl's useMap). */
  overlay?: ReactNode;
  /** Layer ids of the overlay that answer hover and click. */
  overlayInteractiveIds?: readonly string[];
  /** Tooltip text for a hovered overlay feature (e.g. a region). */
  describeOverlay?: (ref: SelectionRef) => Description | null;
  /** The viewport a link asks for, read when the map starts (the app owns the URL; the map does not read it). */
  urlViewport?: () => Viewport | undefined;
}

/** The map, once its basemap is known (at once for the offline one; an online style is fetched first). */
export function MapView(props: MapViewProps) {
  const basemap = useBasemap();
  if (!basemap.style) return <div className="map" aria-busy="true" />;
  return (
    <>
      <MapCanvas {...props} basemap={basemap.style} />
      {basemap.fallback ? (
        <p className="map-note" role="status" data-testid="basemap-fallback">
          {t.basemapFallback}
        </p>
      ) : null}
    </>
  );
}

function MapCanvas({ metrics, overlay, overlayInteractiveIds = [], describeOverlay, urlViewport, basemap }: MapViewProps & { basemap: StyleSpecification }) {
  const mapRef = useRef<MaplibreMap | null>(null);
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [loaded, setLoaded] = useState(false);
  const places = usePlaces();
  const routes = useRoutes();
  const selected = useSelection((s) => s.selected);
  const hovered = useSelection((s) => s.hovered);
  const select = useSelection((s) => s.select);
  const hover = useSelection((s) => s.hover);
  const { filters, routeFlows, pointFlows, assisted } = metrics;

  const view = useView((s) => s.view);
  const base = useMemo(() => baseLayersOf(view), [view]);
  const setViewport = useView((s) => s.setViewport);
  // A viewport from the URL wins over the default bounds (a shared link restores the exact view).
  const [initialView] = useState(() => {
    // The map may start before the URL state is applied to the stores (it does not wait for /meta): read the URL too.
    const vp = useView.getState().viewport ?? urlViewport?.();
    return vp ? { longitude: vp.lon, latitude: vp.lat, zoom: vp.zoom } : { bounds: initialBounds(), fitBoundsOptions: { padding: 16 } };
  });
  const placeProps = useMemo(() => places.data?.features.map((f) => f.properties) ?? [], [places.data]);
  const routeProps = useMemo(() => routes.data?.features.map((f) => f.properties) ?? [], [routes.data]);
  const placeById = useMemo(() => new Map<string, PlaceProperties>(placeProps.map((p) => [p.id, p])), [placeProps]);
  const routeById = useMemo(() => new Map<string, RouteProperties>(routeProps.map((r) => [r.id, r])), [routeProps]);

  // Metrics → feature-state values (pure joins), widths and radii included: the layers never change with the data.
  const { maxFlow, maxAssisted } = metrics;
  const rStates = useMemo(() => routeStates(routeProps, routeFlows.data, maxFlow), [routeProps, routeFlows.data, maxFlow]);
  const pStates = useMemo(
    () => placeStates(placeProps, pointFlows.data, assisted.data, { from: filters.from, to: filters.to }, maxAssisted),
    [placeProps, pointFlows.data, assisted.data, filters.from, filters.to, maxAssisted],
  );

  // The overlay (sources and layers of the view), a pure function of what it encodes. Geometry comes from the answers
  // react-query already holds (asked for before React started, main.tsx): no second fetch by the map's worker.
  const colourBy = useView((s) => s.colourBy);
  const overlayInput: OverlayInput = useMemo(
    () => ({
      base,
      routes: routes.data ?? null,
      places: places.data ?? null,
      direction: filters.direction,
      colourBy,
    }),
    [base, routes.data, places.data, filters.direction, colourBy],
  );
  // The map starts with the page: its first style holds the overlay as it is at the first render (the geometry is
  // usually still on its way). When the style has loaded, the overlay is brought up to date at once, in the same
  // event, with the geometry react-query holds by then (main.tsx asks for it before React starts), so the overlay's
  // sources go to MapLibre's worker with the basemap's rather than a few React renders later. Later changes reach
  // the map as style-spec diff commands (setPaintProperty, setFilter, add/removeLayer, setData) from the effect below.
  const [initial] = useState(() => {
    const overlay = overlayStyle(overlayInput);
    return { style: withOverlay(basemap, overlay), overlay };
  });
  const queryClient = useQueryClient();
  const latestInput = useRef(overlayInput);
  latestInput.current = overlayInput;
  const appliedOverlay = useRef<Overlay>(initial.overlay);
  /** Feature states last set, so a render that changes none sets none (each setFeatureState costs a frame). */
  const stateCache = useRef(new FeatureStateCache());
  /** Counts the overlay's sources being added or replaced: the selection and hover states are set again then. */
  const [sourcesRevision, setSourcesRevision] = useState(0);
  const syncOverlay = useCallback(
    (map: MaplibreMap) => {
      const input = latestInput.current;
      const next = overlayStyle({
        ...input,
        places: input.places ?? queryClient.getQueryData<PlacesResponse>(placesQueryOptions().queryKey) ?? null,
        routes: input.routes ?? queryClient.getQueryData<RoutesResponse>(routesQueryOptions().queryKey) ?? null,
      });
      const commands = overlayCommands(appliedOverlay.current, next);
      const replaced = sourcesReplaced(commands);
      for (const id of replaced) stateCache.current.forget(id);
      applyOverlayCommands(map as never, commands);
      appliedOverlay.current = next;
      if (replaced.length > 0) setSourcesRevision((r) => r + 1);
    },
    [queryClient],
  );
  useEffect(() => {
    if (loaded && mapRef.current) syncOverlay(mapRef.current);
  }, [loaded, overlayInput, syncOverlay]);

  // Bind metrics with feature-state; say when the map shows the current filters.
  const metricsSettled = metrics.settled && (view === 'hotspots' || (places.isSuccess && (!base.routes || routes.isSuccess)));
  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map) return;
    const cache = stateCache.current;
    // The new answers are bound together, once all are in (or one failed): each partial update would cost a frame,
    // and the frame would hold up the answers still on their way. Meanwhile the map keeps the last ones.
    const bindNow = metricsSettled || metrics.error !== null;
    if (bindNow && map.getSource(ROUTES_SOURCE_ID)) {
      // `change` is drawn only when the routes are coloured by it: otherwise it stays null, so the comparison clearing
      // and arriving (after each filter change) costs no frame.
      const byChange = colourBy === 'change';
      const next = [...rStates].map(
        ([id, s]) =>
          [id, { flow: s.flow, width: s.width, suppressed: s.suppressed, change: byChange ? (metrics.routeChange.get(id) ?? null) : null }] as const,
      );
      for (const [id, state] of cache.changed(ROUTES_SOURCE_ID, next)) map.setFeatureState({ source: ROUTES_SOURCE_ID, id }, state);
    }
    if (bindNow && map.getSource(PLACES_SOURCE_ID)) {
      for (const [id, state] of cache.changed(PLACES_SOURCE_ID, pStates)) map.setFeatureState({ source: PLACES_SOURCE_ID, id }, { ...state });
    }
    const ready = metricsSettled && (!base.routes || !!map.getSource(ROUTES_SOURCE_ID)) && !!map.getSource(PLACES_SOURCE_ID);
    window.__atlasReady = ready;
    if (ready && !useFirstMapIdle.getState().idle) map.once('idle', markFirstMapIdleSoon);
  }, [loaded, rStates, pStates, metricsSettled, metrics.error, base.routes, metrics.routeChange, colourBy]);

  useEffect(() => {
    if (!metricsSettled) window.__atlasReady = false;
  }, [metricsSettled]);

  // Selection and hover highlights (feature-state too).
  // A selection from the link the page opened with usually comes before the corridors' geometry (asked for once the
  // session allows it): the state is set again when the sources arrive or are replaced.
  useSelectionState(mapRef, loaded, selected, 'selected', sourcesRevision);
  useSelectionState(mapRef, loaded, hovered, 'hovered', sourcesRevision);

  // Our sources and layers go in as soon as the style is parsed ('styledata' with the style loaded), not at 'load'
  // (which waits for the basemap's own sources to be drawn): the places and routes then load beside the basemap.
  const onLoad = useCallback(
    (e: { target: MaplibreMap }) => {
      const map = e.target;
      if (mapRef.current === map) return;
      addPlaceIcons(map);
      map.on('styleimagemissing', () => addPlaceIcons(map));
      syncOverlay(map);
      mapRef.current = map;
      window.__atlasMap = map;
      setLoaded(true);
    },
    [syncOverlay],
  );

  const onStyleData = useCallback(
    (e: { target: MaplibreMap }) => {
      if ((e.target as unknown as { style?: { _loaded?: boolean } }).style?._loaded) onLoad(e);
    },
    [onLoad],
  );

  useEffect(
    () => () => {
      window.__atlasReady = false;
      delete window.__atlasMap;
    },
    [],
  );

  // Viewport → store (rounded; the URL follows with replaceState). Store → map when it changes from elsewhere (back/forward).
  const onMoveEnd = useCallback(
    (e: { target: MaplibreMap }) => {
      const c = e.target.getCenter();
      setViewport({ lon: c.lng, lat: c.lat, zoom: e.target.getZoom() });
    },
    [setViewport],
  );
  useEffect(
    () =>
      useView.subscribe((s, prev) => {
        const map = mapRef.current;
        if (!map || !s.viewport || s.viewport === prev.viewport) return;
        const c = map.getCenter();
        const same =
          Math.abs(c.lng - s.viewport.lon) < 0.001 && Math.abs(c.lat - s.viewport.lat) < 0.001 && Math.abs(map.getZoom() - s.viewport.zoom) < 0.01;
        if (!same) map.jumpTo({ center: [s.viewport.lon, s.viewport.lat], zoom: s.viewport.zoom });
      }),
    [],
  );

  const onMouseMove = useCallback(
    (e: MapLayerMouseEvent) => {
      const ref = refOf(e.features?.[0] as never);
      if (!ref) {
        if (useSelection.getState().hovered) hover(null);
        return;
      }
      hover({ ...ref, x: e.point.x, y: e.point.y });
    },
    [hover],
  );
  const onMouseLeave = useCallback(() => hover(null), [hover]);
  const onClick = useCallback(
    (e: MapLayerMouseEvent) => {
      const ref = refOf(e.features?.[0] as never);
      select(ref);
    },
    [select],
  );

  const tooltip = useMemo(() => {
    if (!hovered) return null;
    if (hovered.type === 'region') return describeOverlay?.(hovered) ?? null;
    if (hovered.type === 'place') {
      const p = placeById.get(hovered.id);
      return p ? describePlace(p, pStates.get(p.id)) : null;
    }
    const r = routeById.get(hovered.id);
    return r ? describeRoute(r, rStates.get(r.id)) : null;
  }, [hovered, placeById, routeById, pStates, rStates, describeOverlay]);

  const interactiveIds = useMemo(() => {
    const ids: string[] = [...overlayInteractiveIds];
    if (base.centres || base.points) ids.push(...PLACE_LAYER_IDS);
    if (base.routes) ids.push(ROUTE_HIT_LAYER_ID, ROUTE_LAYER_ID, ROUTE_UNMONITORED_LAYER_ID);
    return ids;
  }, [overlayInteractiveIds, base.centres, base.points, base.routes]);

  return (
    <div className="map" ref={containerRef}>
      <MapGL
        mapLib={maplibregl as unknown as MapProps['mapLib']}
        mapStyle={initial.style as MapProps['mapStyle']}
        initialViewState={initialView}
        minZoom={1.5}
        maxZoom={10}
        renderWorldCopies={false}
        // No label cross-fade: a filter change (or the first draw) is idle when drawn, not 300 ms of fading later.
        fadeDuration={0}
        dragRotate={false}
        pitchWithRotate={false}
        touchPitch={false}
        maxPitch={0}
        attributionControl={{ compact: true, customAttribution: 'Places: GeoNames (CC BY 4.0)' }}
        interactiveLayerIds={loaded ? interactiveIds : []}
        canvasContextAttributes={{ preserveDrawingBuffer: true }}
        onMoveEnd={onMoveEnd as never}
        cursor={hovered ? 'pointer' : 'grab'}
        onLoad={onLoad as never}
        onStyleData={onStyleData as never}
        onMouseMove={onMouseMove}
        onMouseLeave={onMouseLeave}
        onClick={onClick}
        style={{ position: 'absolute', inset: 0 }}
      >
        {/* Layers a view adds (donor arcs, hotspots), as react-map-gl children. */}
        {loaded ? overlay : null}
      </MapGL>
      {hovered && tooltip ? (
        <Tooltip {...tooltip} x={hovered.x} y={hovered.y} containerWidth={containerRef.current?.clientWidth} />
      ) : null}
    </div>
  );
}

function useSelectionState(
  mapRef: React.RefObject<MaplibreMap | null>,
  loaded: boolean,
  ref: SelectionRef | null,
  key: 'selected' | 'hovered',
  sourcesRevision: number,
) {
  const type = ref?.type;
  const id = ref?.id;
  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map || !type || !id) return;
    const source = type === 'place' ? PLACES_SOURCE_ID : ROUTES_SOURCE_ID;
    if (!map.getSource(source)) return;
    map.setFeatureState({ source, id }, { [key]: true });
    return () => {
      if (map.getSource(source)) map.setFeatureState({ source, id }, { [key]: false });
    };
  }, [mapRef, loaded, type, id, key, sourcesRevision]);
}
