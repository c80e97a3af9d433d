/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** An online MapLibre style for the basemap (optional; see src/client/map/useBasemap.ts and the README). */
  readonly VITE_BASEMAP_STYLE_URL?: string;
  /** '1' in the builds of the browser tests and the bench: exposes window.__atlasMap / __atlasReady (map/map-instance.ts). */
  readonly VITE_TEST_HOOKS?: string;
}
