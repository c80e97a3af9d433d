/**
 * "The first map is drawn": set once, when the map is first idle with every layer showing the current filters
 * (MapView), or after a fallback delay (an error, a view without base layers). Chunks the first map does not
 * need (the time strip, the side content) wait for it, so they neither delay the map nor count in its JavaScript.
 */
import { create } from 'zustand';

export const FIRST_IDLE_FALLBACK_MS = 4000;

export const useFirstMapIdle = create<{ idle: boolean }>()(() => ({ idle: false }));

export function markFirstMapIdle(): void {
  if (useFirstMapIdle.getState().idle) return;
  // Test builds only (a constant false otherwise): the bundle test counts the JavaScript requested before this moment.
  if (import.meta.env.VITE_TEST_HOOKS === '1') window.__atlasFirstIdleAt = performance.now();
  useFirstMapIdle.setState({ idle: true });
}

/** After the map's idle event: a short pause, then when the main thread is free (the first frame's work is done). */
export function markFirstMapIdleSoon(): void {
  setTimeout(() => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(markFirstMapIdle, { timeout: 1000 });
    else markFirstMapIdle();
  }, 100);
}
