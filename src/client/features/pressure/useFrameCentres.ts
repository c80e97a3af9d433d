/**
 * While the pressure panel is open, the camera frames the transit centres in the part of the map the panel leaves
 * free (its height is bottom padding, the legend's strip left out as everywhere), so every centre and its ring is in
 * view; closing restores the view the person had. The zoom is worked out by frame.ts (pure).
 */
import { useEffect, useMemo, type RefObject } from 'react';
import type { PlacesResponse } from '../../../shared/api';
import { usePlaces } from '../../api/queries';
import { fitPadding, legendIsOpen } from '../../map/base-layers';
import { useMapInstance } from '../../state/map-instance';
import { useView } from '../../state/view';
import { frameBounds } from './frame';

/** How far a ring reaches above and to the right of its centre, in pixels (ring 30 px, offset 6, label). */
const RING_SPACE = { up: 44, right: 120 } as const;

/** The box around the transit centres, [west, south, east, north], or null before the places are known. */
function centreBounds(places: PlacesResponse | undefined): [number, number, number, number] | null {
  const at = (places?.features ?? []).filter((f) => f.properties.kind === 'transit_centre').map((f) => f.geometry.coordinates);
  if (at.length === 0) return null;
  const lon = at.map((c) => c[0]!);
  const lat = at.map((c) => c[1]!);
  return [Math.min(...lon), Math.min(...lat), Math.max(...lon), Math.max(...lat)];
}

export function useFrameCentres(open: boolean, panel: RefObject<HTMLElement | null>): void {
  const map = useMapInstance((st) => st.map);
  const places = usePlaces().data;
  const centres = useMemo(() => centreBounds(places), [places]);
  useEffect(() => {
    const el = panel.current;
    if (!open || !map || !el || !centres) return;
    const before = { center: map.getCenter(), zoom: map.getZoom() };
    const frame = () => {
      const width = map.getContainer().clientWidth;
      const base = fitPadding(width, legendIsOpen(useView.getState().legendOpen, width));
      const bottom = Math.max(0, map.getContainer().getBoundingClientRect().bottom - el.getBoundingClientRect().top) + base.bottom;
      if (map.getContainer().clientHeight - bottom - base.top - RING_SPACE.up < 60) return; // no room left to frame anything
      // The rings sit above and to the right of their centre (PressureRings): room for them at the top and right.
      const padding = { top: base.top + RING_SPACE.up, right: base.right + RING_SPACE.right, left: base.left, bottom };
      const box = map.getContainer();
      const camera = frameBounds(centres, { width: box.clientWidth, height: box.clientHeight }, padding);
      if (!camera) return;
      // Zoom out at most one level from the person's view: past that the rings crowd each other and the map turns to
      // a stamp; on a screen that short, the southernmost rings may stay under the panel. The camera's padding (kept
      // until closing) puts the centres' middle in the middle of the part left free.
      const zoom = Math.min(Math.max(camera.zoom, before.zoom - 1), Math.max(before.zoom, 5));
      map.easeTo({ center: camera.center, zoom, padding, duration: 300 });
    };
    const watch = new ResizeObserver(frame);
    watch.observe(el);
    return () => {
      watch.disconnect();
      map.easeTo({ ...before, padding: { top: 0, left: 0, right: 0, bottom: 0 }, duration: 300 });
    };
  }, [open, map, centres, panel]);
}
