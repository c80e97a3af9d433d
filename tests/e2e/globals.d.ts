/**
 * Globals the browser tests set in the page themselves. The app's own test hooks (`__atlasMap`, `__atlasReady`) are
 * declared in src/client/state/map-instance.ts.
 */
interface Window {
  /** map.test.ts: every size the map's canvas took from its creation on. */
  __mapSizes?: Array<{ top: number; width: number; height: number }>;
  /** map.test.ts: when the map's feature states were set and when the API's answers arrived. */
  __bindLog?: { states: Array<{ t: number; source: string }>; answers: Array<{ t: number; url: string }> };
  /** views.test.ts: how many times the page called window.print. */
  __printed?: number;
  /** signin-and-names.test.ts: set only if markup in a hostile place name ran. */
  __pwned?: unknown;
}
