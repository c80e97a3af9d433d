/** What the map's own layers show in each view, where the map opens, and which feature a pointer event names. */
import type { SelectionRef } from '../state/filters';
import type { View } from '../state/view';
import { PLACE_LAYER_IDS } from './layers/places';

type Bounds = [[number, number], [number, number]];

/**
 * Niger and the first leg of its corridors (Gao, Kano, Tamanrasset, Tummo): Niger fills most of the map, where the
 * earlier view ran from Algiers to Lagos and left Niger a tenth of it. The far ends (Algiers, Tripoli, Lagos) are a
 * zoom out away.
 */
export const INITIAL_BOUNDS: Bounds = [
  [-1.2, 11.2],
  [16.6, 23.9],
];
/** On a phone: Niger itself. */
export const NARROW_BOUNDS: Bounds = [
  [0, 11.5],
  [16.2, 23.7],
];
/** Niger's outline (Natural Earth), for the "fit to Niger" button. */
export const NIGER_BOUNDS: Bounds = [
  [0.15, 11.69],
  [16.0, 23.53],
];

/** Below this width the layout is the phone's (the legend starts closed, the side column is a sheet). */
export const NARROW_WIDTH = 640;
/** Width the open legend takes at the map's left edge on a wide screen (styles.css `.legend`), plus its margin. */
export const LEGEND_SPACE = 262;

/** The bounds the map opens on when the link names no viewport. */
export function initialBounds(width: number): Bounds {
  return width < NARROW_WIDTH ? NARROW_BOUNDS : INITIAL_BOUNDS;
}

/**
 * Padding for fitting bounds: on a wide screen with the legend open, the legend's strip on the left is left out, so
 * the data framed never lies under the legend.
 */
export function fitPadding(width: number, legendOpen: boolean): { top: number; right: number; bottom: number; left: number } {
  const edge = width < NARROW_WIDTH ? 8 : 16;
  return { top: edge, right: width < NARROW_WIDTH ? edge : 48, bottom: edge + 16, left: legendOpen && width >= NARROW_WIDTH ? LEGEND_SPACE + edge : edge };
}

/** Whether the legend is open: the one chosen in this view, else open on a wide screen and closed on a phone. */
export function legendIsOpen(chosen: boolean | null, width: number): boolean {
  return chosen ?? width >= NARROW_WIDTH;
}

export interface BaseLayers {
  routes: boolean;
  points: boolean;
  centres: boolean;
}

/** Flows draws routes and every place; donor only transit centres (and offices); hotspots no place or route. */
export function baseLayersOf(view: View): BaseLayers {
  if (view === 'donor') return { routes: false, points: false, centres: true };
  if (view === 'hotspots') return { routes: false, points: false, centres: false };
  return { routes: true, points: true, centres: true };
}

const PLACE_LAYERS = new Set<string>(PLACE_LAYER_IDS);

/** The feature a pointer event hit, as a selection: a region (admin-1 pcode), a place or a route. */
export function refOf(feature: { layer: { id: string }; properties: Record<string, unknown> } | undefined): SelectionRef | null {
  if (!feature) return null;
  const pcode = feature.properties['pcode'];
  if (typeof pcode === 'string' && /^NE\d{3}$/.test(pcode)) return { type: 'region', id: pcode };
  const id = feature.properties['id'];
  if (typeof id !== 'string') return null;
  return { type: PLACE_LAYERS.has(feature.layer.id) ? 'place' : 'route', id };
}
