/**
 * Pointer on the map: hover and click name a region, place or route (base-layers.ts `refOf`) in the selection store;
 * the tooltip describes the hovered one for the current period.
 */
import type { MapLayerMouseEvent } from 'react-map-gl/maplibre';
import { useCallback, useMemo } from 'react';
import type { PlaceProperties, RouteProperties } from '../../shared/api';
import { useSelection, type SelectionRef } from '../state/filters';
import { refOf } from './base-layers';
import { describePlace, describeRoute, type Description } from './describe';
import type { PlaceState, RouteState } from './metrics';

export interface PointerInput {
  places: readonly PlaceProperties[];
  routes: readonly RouteProperties[];
  placeStates: ReadonlyMap<string, PlaceState>;
  routeStates: ReadonlyMap<string, RouteState>;
  /** Tooltip text for a hovered overlay feature of the view (e.g. a region). */
  describeOverlay?: (ref: SelectionRef) => Description | null;
}

const firstFeature = (e: MapLayerMouseEvent) => {
  const f = e.features?.[0];
  return f ? { layer: { id: f.layer.id }, properties: (f.properties ?? {}) as Record<string, unknown> } : undefined;
};

export function useMapPointer({ places, routes, placeStates, routeStates, describeOverlay }: PointerInput) {
  const hovered = useSelection((s) => s.hovered);
  const select = useSelection((s) => s.select);
  const hover = useSelection((s) => s.hover);
  const placeById = useMemo(() => new Map(places.map((p) => [p.id, p])), [places]);
  const routeById = useMemo(() => new Map(routes.map((r) => [r.id, r])), [routes]);

  const onMouseMove = useCallback(
    (e: MapLayerMouseEvent) => {
      const ref = refOf(firstFeature(e));
      if (!ref) {
        if (useSelection.getState().hovered) hover(null);
        return;
      }
      hover({ ...ref, x: e.point.x, y: e.point.y });
    },
    [hover],
  );
  const onMouseLeave = useCallback(() => hover(null), [hover]);
  const onClick = useCallback((e: MapLayerMouseEvent) => select(refOf(firstFeature(e))), [select]);

  const tooltip = useMemo((): Description | null => {
    if (!hovered) return null;
    if (hovered.type === 'region') return describeOverlay?.(hovered) ?? null;
    if (hovered.type === 'place') {
      const p = placeById.get(hovered.id);
      return p ? describePlace(p, placeStates.get(p.id)) : null;
    }
    const r = routeById.get(hovered.id);
    return r ? describeRoute(r, routeStates.get(r.id)) : null;
  }, [hovered, placeById, routeById, placeStates, routeStates, describeOverlay]);

  return { hovered, tooltip, onMouseMove, onMouseLeave, onClick };
}
