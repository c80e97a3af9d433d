/**
 * Imported first by main.tsx, so it runs as soon as maplibre-gl has been evaluated and before React and the app's
 * modules are: MapLibre's worker URL is set (maplibre-gl 6 under Vite needs it before any map exists) and its
 * workers start now, fetching and compiling their script while the rest of the page starts up. The map itself then
 * finds them ready.
 */
import { prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
prewarm();
