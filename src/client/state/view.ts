/**
 * Which audience view is shown and the map viewport, as a zustand store (kept in the URL). The interface language is
 * not here: it is i18next's (src/client/i18n/i18n.ts), the one language state.
 */
import { create } from 'zustand';
import type { View } from '../../shared/views';

// The views and which role may use which: src/shared/views.ts (read by the header, the landing view and the URL).
export { VIEWS, type View } from '../../shared/views';

// The languages a link may name (app/url.ts); the current one is i18next's.
export { LANGUAGES as LANGS, type Language as Lang } from '../i18n/i18n';

/** Map centre and zoom, rounded (see roundViewport) so the URL stays short and stable. */
export interface Viewport {
  lon: number;
  lat: number;
  zoom: number;
}

/** Map width/size scales: `auto` fits the current period's largest value; `fixed` uses the largest weekly value over the whole data range (widths stay comparable while playing; the user chooses, beside ▶ or in the legend). */
export type ScaleMode = 'auto' | 'fixed';

export interface ViewState {
  view: View;
  scaleMode: ScaleMode;
  /** Flows view: colour routes by direction or by change against the previous equal period. */
  colourBy: 'direction' | 'change';
  setColourBy: (c: 'direction' | 'change') => void;
  /** The time strip is stepping the period forward (URL writes replace instead of push). */
  playing: boolean;
  setScaleMode: (m: ScaleMode) => void;
  setPlaying: (p: boolean) => void;
  /** The map legend open or collapsed, as chosen (null: not chosen, open on a wide screen, closed on a phone). */
  legendOpen: boolean | null;
  setLegendOpen: (open: boolean) => void;
  /** null until the map (or the URL) sets it: the map then fits its default bounds. */
  viewport: Viewport | null;
  setView: (v: View) => void;
  setViewport: (v: Viewport | null) => void;
  /**
   * The view the opening link (or a back/forward step) named, null when it named none: after a sign-in or sign-out
   * the app goes back to it when the new role may use it, else to the role's own landing view.
   */
  requested: View | null;
  /** A view the link asked for that this role cannot use: the app explains it (a notice), instead of showing it. */
  notice: View | null;
  dismissNotice: () => void;
}

/** lon/lat to 3 decimals (~100 m), zoom to 2: enough to restore the exact view, short in a link. */
export function roundViewport(v: Viewport): Viewport {
  const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return { lon: r(v.lon, 3), lat: r(v.lat, 3), zoom: r(v.zoom, 2) };
}

export const INITIAL_VIEW = {
  view: 'flows' as View,
  viewport: null as Viewport | null,
  scaleMode: 'auto' as ScaleMode,
  colourBy: 'direction' as 'direction' | 'change',
  legendOpen: null as boolean | null,
  playing: false,
  requested: null as View | null,
  notice: null as View | null,
};

export const useView = create<ViewState>()((set) => ({
  ...INITIAL_VIEW,
  // A view chosen in the header is the one to come back to after a sign-in, as a link's would be.
  setView: (view) => set((s) => (s.view === view ? {} : { view, notice: null, requested: view })),
  setViewport: (v) => set({ viewport: v ? roundViewport(v) : null }),
  dismissNotice: () => set({ notice: null }),
  setScaleMode: (scaleMode) => set({ scaleMode }),
  setColourBy: (colourBy) => set({ colourBy }),
  setLegendOpen: (legendOpen) => set({ legendOpen }),
  // Playing never changes the scale mode behind the user's back: the time strip offers "fixed widths" beside ▶.
  setPlaying: (playing) => set({ playing }),
}));
