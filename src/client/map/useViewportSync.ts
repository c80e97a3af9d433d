/**
 * The map's viewport and the view store (which the URL follows): the map's centre and zoom go to the store when a
 * move ends (rounded); a viewport set elsewhere (back/forward, a link) moves the map.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useCallback, useEffect } from 'react';
import { useView } from '../state/view';

/** Returns the `moveend` handler. */
export function useViewportSync(map: MaplibreMap | null): (e: { target: MaplibreMap }) => void {
  const setViewport = useView((s) => s.setViewport);
  useEffect(() => {
    if (!map) return;
    return useView.subscribe((s, prev) => {
      if (!s.viewport || s.viewport === prev.viewport) return;
      const c = map.getCenter();
      const same = Math.abs(c.lng - s.viewport.lon) < 0.001 && Math.abs(c.lat - s.viewport.lat) < 0.001 && Math.abs(map.getZoom() - s.viewport.zoom) < 0.01;
      if (!same) map.jumpTo({ center: [s.viewport.lon, s.viewport.lat], zoom: s.viewport.zoom });
    });
  }, [map]);
  return useCallback(
    (e: { target: MaplibreMap }) => {
      const c = e.target.getCenter();
      setViewport({ lon: c.lng, lat: c.lat, zoom: e.target.getZoom() });
    },
    [setViewport],
  );
}
