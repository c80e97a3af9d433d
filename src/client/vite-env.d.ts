/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** An online MapLibre style for the basemap (optional; see src/client/map/useBasemap.ts and the README). */
  readonly VITE_BASEMAP_STYLE_URL?: string;
}
