/**
 * Binds the metrics of the current filters to the map as feature-state (routes: flow, width, withheld, change,
 * monitored in the period, the two directions' widths;
 * places: flow, assisted, active, radius): the layers never change with the data, so a filter change re-paints.
 *
 * The new answers are bound together, once all are in (or one failed): each partial update would cost a frame, and
 * the frame would hold up the answers still on their way; meanwhile the map keeps the last ones. Only the states that
 * changed are set (FeatureStateCache). Says when every layer shows the current filters (map-instance.ts `ready`), and
 * marks the first map idle after that (first-idle.ts).
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { FeatureStateCache } from './feature-state-cache';
import { markFirstMapIdleSoon, useFirstMapIdle } from './first-idle';
import { PLACES_SOURCE_ID } from './layers/places';
import { ROUTES_SOURCE_ID } from './layers/routes';
import { setMapReady } from '../state/map-instance';
import type { PlaceState, RouteState } from './metrics';

export interface FeatureStateInput {
  routeStates: ReadonlyMap<string, RouteState>;
  placeStates: ReadonlyMap<string, PlaceState>;
  /** Change against the previous equal period per route (drawn only when the routes are coloured by it). */
  routeChange: ReadonlyMap<string, number | null>;
  colourByChange: boolean;
  /** Every answer the map shows is in. */
  settled: boolean;
  /** One of them failed (the last good ones stay bound). */
  failed: boolean;
  /** The view draws routes (their source must be there before the map is ready). */
  drawsRoutes: boolean;
}

export function useFeatureStateBinding(map: MaplibreMap | null, input: FeatureStateInput, cache: FeatureStateCache): void {
  const { routeStates, placeStates, routeChange, colourByChange, settled, failed, drawsRoutes } = input;
  useEffect(() => {
    if (!map) return;
    const bindNow = settled || failed;
    if (bindNow && map.getSource(ROUTES_SOURCE_ID)) {
      // `change` stays null unless the routes are coloured by it, so the comparison clearing and arriving (after each
      // filter change) costs no frame.
      const next = [...routeStates].map(
        ([id, s]) =>
          [
            id,
            {
              flow: s.flow,
              width: s.width,
              suppressed: s.suppressed,
              monitored: s.monitored,
              widthIn: s.directions?.incoming.width ?? null,
              widthOut: s.directions?.outgoing.width ?? null,
              change: colourByChange ? (routeChange.get(id) ?? null) : null,
            },
          ] as const,
      );
      for (const [id, state] of cache.changed(ROUTES_SOURCE_ID, next)) map.setFeatureState({ source: ROUTES_SOURCE_ID, id }, state);
    }
    if (bindNow && map.getSource(PLACES_SOURCE_ID)) {
      for (const [id, state] of cache.changed(PLACES_SOURCE_ID, placeStates)) map.setFeatureState({ source: PLACES_SOURCE_ID, id }, { ...state });
    }
    const ready = settled && (!drawsRoutes || !!map.getSource(ROUTES_SOURCE_ID)) && !!map.getSource(PLACES_SOURCE_ID);
    setMapReady(ready);
    if (ready && !useFirstMapIdle.getState().idle) map.once('idle', markFirstMapIdleSoon);
  }, [map, routeStates, placeStates, settled, failed, drawsRoutes, routeChange, colourByChange, cache]);

  useEffect(() => {
    if (!settled) setMapReady(false);
  }, [settled]);
}
