/**
 * The bench's reference page: MapLibre alone drawing the app's offline basemap (the same style builder, countries
 * GeoJSON, regions from the API and local font), nothing else. `?w=…&h=…` sizes the map like the app's map.
 * Sets window.__bareMap when the map exists.
 */
import { Map as MaplibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import latinFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latinExtFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import { basemapStyle } from '../../src/client/map/basemap-style';

declare global {
  interface Window {
    __bareMap?: MaplibreMap;
  }
}

setWorkerUrl(workerUrl);
const absolute = (path: string) => new URL(path, window.location.origin).href;
const params = new URLSearchParams(window.location.search);
const el = document.getElementById('map')!;
if (params.get('w')) el.style.width = `${params.get('w')}px`;
if (params.get('h')) el.style.height = `${params.get('h')}px`;
if (params.get('x')) el.style.left = `${params.get('x')}px`;
if (params.get('y')) el.style.top = `${params.get('y')}px`;

// Same view as the app's INITIAL_BOUNDS (src/client/map/MapView.tsx), padding 16.
window.__bareMap = new MaplibreMap({
  container: el,
  style: basemapStyle({
    countriesUrl: absolute('/basemap/countries.geojson'),
    regionsUrl: absolute('/api/v1/regions'),
    fonts: { latin: absolute(latinFontUrl), latinExt: absolute(latinExtFontUrl) },
  }) as never,
  bounds: [
    [-10, 4],
    [26, 37],
  ],
  fitBoundsOptions: { padding: 16 },
  attributionControl: { compact: true },
});
