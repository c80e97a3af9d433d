/**
 * The map: react-map-gl/maplibre over the offline basemap (or an online style, useBasemap.ts), with the app's own
 * overlay in its style (useOverlaySync), the metrics of the current filters bound as feature-state
 * (useFeatureStateBinding), the viewport kept in the URL (useViewportSync), and hover/click naming features
 * (useMapPointer). It renders once the URL state is applied to the stores (App), so its first view is the link's.
 */
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import * as maplibregl from 'maplibre-gl';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import MapGL, { AttributionControl, type MapProps } from 'react-map-gl/maplibre';
import { useMeta, usePlaces, useRoutes } from '../api/queries';
import { useCoverageAnswer } from '../api/coverage';
import { currentLanguage, useLanguage, useTranslation } from '../i18n/i18n';
import { useSelection, type SelectionRef } from '../state/filters';
import { useView } from '../state/view';
import { baseLayersOf, fitPadding, initialBounds, legendIsOpen } from './base-layers';
import type { Description } from './describe';
import { FeatureStateCache } from './feature-state-cache';
import { addPlaceIcons } from './icons';
import { PLACE_LAYER_IDS } from './layers/places';
import { ROUTE_HIT_LAYER_ID } from './layers/routes';
import { setMapInstance } from '../state/map-instance';
import { countingPoints, placeStates, routeStates } from './metrics';
import type { OverlayInput } from './overlay-style';
import { useBasemap } from './useBasemap';
import { maplibreLocale } from './maplibre-locale';
import { useMapLanguage } from './useMapLanguage';
import { useFeatureStateBinding } from './useFeatureStateBinding';
import { useMapPointer } from './useMapPointer';
import type { MapMetrics } from './useMapMetrics';
import { useOverlaySync } from './useOverlaySync';
import { useSelectionState } from './useSelectionState';
import { useViewportSync } from './useViewportSync';
import { useFirstMapIdle } from './first-idle';

/** Zoom, scale and "fit to Niger": after the first map is drawn (they are not needed to see it). */
const MapControls = lazy(() => import('./MapControls').then((m) => ({ default: m.MapControls })));
/** The hover tooltip, likewise (nothing is hovered before the first map). */
const MapTooltip = lazy(() => import('./MapTooltip').then((m) => ({ default: m.MapTooltip })));

type MaplibreMap = maplibregl.Map;

export interface MapViewProps {
  metrics: MapMetrics;
  /** Sources and layers a feature hands to the map (rendered inside it, so they may use react-map-gl's useMap). */
  overlay?: ReactNode;
  /** Layer ids of the overlay that answer hover and click. */
  overlayInteractiveIds?: readonly string[];
  /** Tooltip text for a hovered overlay feature (e.g. a region). */
  describeOverlay?: (ref: SelectionRef) => Description | null;
}

/** The map, once its basemap is known (at once for the offline one; an online style is fetched first). */
export function MapView(props: MapViewProps) {
  const basemap = useBasemap();
  const { t } = useTranslation();
  if (!basemap.style) return <div className="map" aria-busy="true" />;
  return (
    <>
      <MapCanvas {...props} basemap={basemap.style} />
      {basemap.fallback ? (
        <p className="map-note" role="status" data-testid="basemap-fallback">
          {t('basemapFallback')}
        </p>
      ) : null}
    </>
  );
}

/** The first view: the link's viewport, else the default bounds for the screen's width. */
function useInitialView() {
  const [initial] = useState(() => {
    const vp = useView.getState().viewport;
    const width = typeof window === 'undefined' ? 1280 : window.innerWidth;
    return vp
      ? { longitude: vp.lon, latitude: vp.lat, zoom: vp.zoom }
      : { bounds: initialBounds(width), fitBoundsOptions: { padding: fitPadding(width, legendIsOpen(useView.getState().legendOpen, width)) } };
  });
  return initial;
}

function MapCanvas({ metrics, overlay, overlayInteractiveIds = [], describeOverlay, basemap }: MapViewProps & { basemap: StyleSpecification }) {
  /** The map once its style is parsed (null before): every hook below works on it. */
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const started = useRef<MaplibreMap | null>(null);
  const [stateCache] = useState(() => new FeatureStateCache());
  const places = usePlaces();
  const routes = useRoutes();
  const view = useView((s) => s.view);
  const colourBy = useView((s) => s.colourBy);
  const base = useMemo(() => baseLayersOf(view), [view]);
  const initialView = useInitialView();
  const firstIdle = useFirstMapIdle((s) => s.idle);
  const { t } = useTranslation();
  const lang = useLanguage();
  // MapLibre's own words, in the language the map is made in (useMapLanguage relabels what shows on a change).
  const [locale] = useState(() => maplibreLocale(currentLanguage()));
  const { filters, routeFlows, pointFlows, assisted, maxFlow, maxAssisted } = metrics;

  // Metrics → feature-state values (pure joins), widths and radii included: the layers never change with the data.
  const placeProps = useMemo(() => places.data?.features.map((f) => f.properties) ?? [], [places.data]);
  const routeProps = useMemo(() => routes.data?.features.map((f) => f.properties) ?? [], [routes.data]);
  const byDirection = metrics.routeDirections.data;
  // Which monitoring points reported in the period (GET /api/v1/coverage, asked by the time strip after the first map): the others are
  // drawn "not monitored" like points outside their active dates, by one rule (metrics.ts isMonitoredInPeriod).
  const dataRange = useMeta().data?.dateRange;
  const coverage = useCoverageAnswer(dataRange ? { from: dataRange.min, to: dataRange.max } : null);
  const counting = useMemo(() => countingPoints(coverage.data, filters.from, filters.to), [coverage.data, filters.from, filters.to]);
  const rStates = useMemo(
    () => routeStates(routeProps, routeFlows.data, maxFlow, { byDirection, places: placeProps, period: { from: filters.from, to: filters.to }, counting }),
    [routeProps, routeFlows.data, maxFlow, byDirection, placeProps, filters.from, filters.to, counting],
  );
  const pStates = useMemo(
    () => placeStates(placeProps, pointFlows.data, assisted.data, { from: filters.from, to: filters.to }, maxAssisted, counting),
    [placeProps, pointFlows.data, assisted.data, filters.from, filters.to, maxAssisted, counting],
  );

  const overlayInput: OverlayInput = useMemo(
    () => ({
      base,
      routes: routes.data ?? null,
      places: places.data ?? null,
      direction: filters.direction,
      colourBy,
      splitDirections: metrics.splitDirections,
    }),
    [base, routes.data, places.data, filters.direction, colourBy, metrics.splitDirections],
  );
  const { initialStyle, sync, sourcesRevision } = useOverlaySync(map, basemap, overlayInput, stateCache);

  useFeatureStateBinding(
    map,
    {
      routeStates: rStates,
      placeStates: pStates,
      routeChange: metrics.routeChange,
      colourByChange: colourBy === 'change',
      settled: metrics.settled && (view === 'hotspots' || (places.isSuccess && (!base.routes || routes.isSuccess))),
      failed: metrics.error !== null,
      drawsRoutes: base.routes,
    },
    stateCache,
  );
  useSelectionState(
    map,
    useSelection((s) => s.selected),
    'selected',
    sourcesRevision,
  );
  const pointer = useMapPointer();
  useSelectionState(map, pointer.hovered, 'hovered', sourcesRevision);
  const onMoveEnd = useViewportSync(map);
  useMapLanguage(map);

  // The overlay goes in as soon as the style is parsed (the map's first `styledata` event), not at `load` (which
  // waits for the basemap's own sources to be drawn): the places and routes then load beside the basemap.
  const onStyleData = useCallback(
    (e: { target: MaplibreMap }) => {
      const target = e.target;
      if (started.current === target) return;
      started.current = target;
      addPlaceIcons(target);
      target.on('styleimagemissing', () => addPlaceIcons(target));
      sync(target);
      setMapInstance(target);
      setMap(target);
    },
    [sync],
  );
  useEffect(() => () => setMapInstance(null), []);

  const interactiveIds = useMemo(() => {
    const ids: string[] = [...overlayInteractiveIds];
    if (base.centres || base.points) ids.push(...PLACE_LAYER_IDS);
    // The wide invisible hit line catches every route, whichever line layers the colouring draws.
    if (base.routes) ids.push(ROUTE_HIT_LAYER_ID);
    return ids;
  }, [overlayInteractiveIds, base.centres, base.points, base.routes]);

  return (
    <div className="map">
      <MapGL
        mapLib={maplibregl}
        mapStyle={initialStyle as MapProps['mapStyle']}
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
        locale={locale}
        // The attribution control is a child below, remade in the new language when it changes.
        attributionControl={false}
        interactiveLayerIds={map ? interactiveIds : []}
        canvasContextAttributes={{ preserveDrawingBuffer: true }}
        onMoveEnd={onMoveEnd}
        cursor={pointer.hovered ? 'pointer' : 'grab'}
        onStyleData={onStyleData}
        onMouseMove={pointer.onMouseMove}
        onMouseLeave={pointer.onMouseLeave}
        onClick={pointer.onClick}
        style={{ position: 'absolute', inset: 0 }}
      >
        <AttributionControl key={lang} compact customAttribution={t('map.attribution')} />
        {map && firstIdle ? (
          <Suspense fallback={null}>
            <MapControls />
          </Suspense>
        ) : null}
        {/* Layers a view adds (donor arcs, hotspots), as react-map-gl children. */}
        {map ? overlay : null}
      </MapGL>
      {pointer.hovered && firstIdle ? (
        <Suspense fallback={null}>
          <MapTooltip
            hovered={pointer.hovered}
            places={placeProps}
            routes={routeProps}
            placeStates={pStates}
            routeStates={rStates}
            describeOverlay={describeOverlay}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
