/**
 * The hovered feature's tooltip: what a region, place or route says about itself for the current period
 * (describe-features.ts), as plain React text (Tooltip). Loaded after the first map is drawn (MapView): nothing is
 * hovered before, and its words and the in / out / net rows are not needed to draw the map.
 */
import { useMemo } from 'react';
import type { PlaceProperties, RouteProperties } from '../../shared/api';
import type { HoverRef, SelectionRef } from '../state/filters';
import type { Description } from './describe';
import { describePlace, describeRoute } from './describe-features';
import type { PlaceState, RouteState } from './metrics';
import { Tooltip } from './Tooltip';

export interface MapTooltipProps {
  hovered: HoverRef;
  places: readonly PlaceProperties[];
  routes: readonly RouteProperties[];
  placeStates: ReadonlyMap<string, PlaceState>;
  routeStates: ReadonlyMap<string, RouteState>;
  /** Tooltip text for a hovered overlay feature of the view (e.g. a region). */
  describeOverlay?: ((ref: SelectionRef) => Description | null) | undefined;
}

export function MapTooltip({ hovered, places, routes, placeStates, routeStates, describeOverlay }: MapTooltipProps) {
  const placeById = useMemo(() => new Map(places.map((p) => [p.id, p])), [places]);
  const routeById = useMemo(() => new Map(routes.map((r) => [r.id, r])), [routes]);
  const tooltip = useMemo((): Description | null => {
    if (hovered.type === 'region') return describeOverlay?.(hovered) ?? null;
    if (hovered.type === 'place') {
      const p = placeById.get(hovered.id);
      return p ? describePlace(p, placeStates.get(p.id)) : null;
    }
    const r = routeById.get(hovered.id);
    return r ? describeRoute(r, routeStates.get(r.id)) : null;
  }, [hovered, placeById, routeById, placeStates, routeStates, describeOverlay]);
  return tooltip ? <Tooltip {...tooltip} x={hovered.x} y={hovered.y} /> : null;
}
