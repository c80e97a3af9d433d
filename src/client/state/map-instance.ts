/**
 * The running MapLibre map, for the parts of the app outside the map that need it (the PNG export draws its canvas).
 * Set by MapCanvas when the map's style has loaded, cleared when it goes.
 *
 * Browser tests and the bench read the map and "the map shows the current filters" from `window.__atlasMap` and
 * `window.__atlasReady`: those exist only in a build made with VITE_TEST_HOOKS=1 (tests/e2e/build-spa.ts, bench/run.ts);
 * in a production build the condition is a constant false and the code is dropped.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { create } from 'zustand';

declare global {
  interface Window {
    __atlasMap?: MaplibreMap;
    __atlasReady?: boolean;
    /** `performance.now()` when the first map was marked drawn and deferred chunks began to load (map/first-idle.ts). */
    __atlasFirstIdleAt?: number;
  }
}

const TEST_HOOKS = import.meta.env.VITE_TEST_HOOKS === '1';

interface MapInstanceState {
  map: MaplibreMap | null;
  /** Every layer shows the current filters (their answers are bound). */
  ready: boolean;
}

export const useMapInstance = create<MapInstanceState>()(() => ({ map: null, ready: false }));

export function setMapInstance(map: MaplibreMap | null): void {
  useMapInstance.setState(map ? { map } : { map: null, ready: false });
  if (TEST_HOOKS) {
    if (map) window.__atlasMap = map;
    else {
      delete window.__atlasMap;
      window.__atlasReady = false;
    }
  }
}

export function setMapReady(ready: boolean): void {
  if (useMapInstance.getState().ready !== ready) useMapInstance.setState({ ready });
  if (TEST_HOOKS) window.__atlasReady = ready;
}
