/**
 * Pointer on the map: hover and click name a region, place or route (base-layers.ts `refOf`) in the selection store;
 * the tooltip (MapTooltip, loaded after the first map) describes the hovered one for the current period.
 */
import type { MapLayerMouseEvent } from 'react-map-gl/maplibre';
import { useCallback } from 'react';
import { useSelection } from '../state/filters';
import { refOf } from './base-layers';

const firstFeature = (e: MapLayerMouseEvent) => {
  const f = e.features?.[0];
  return f ? { layer: { id: f.layer.id }, properties: (f.properties ?? {}) as Record<string, unknown> } : undefined;
};

export function useMapPointer() {
  const hovered = useSelection((s) => s.hovered);
  const select = useSelection((s) => s.select);
  const hover = useSelection((s) => s.hover);

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

  return { hovered, onMouseMove, onMouseLeave, onClick };
}
