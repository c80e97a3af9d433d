/** What the map's own layers show in each view, where the map opens, and which feature a pointer event names. */
import type { SelectionRef } from '../state/filters';
import type { View } from '../state/view';
import { PLACE_LAYER_IDS } from './layers/places';

type Bounds = [[number, number], [number, number]];

/** West Africa to Libya/Algeria, centred on Niger. */
export const INITIAL_BOUNDS: Bounds = [
  [-10, 4],
  [26, 37],
];
/** On a phone: Niger and its borders. */
export const NARROW_BOUNDS: Bounds = [
  [-1, 9],
  [17, 26],
];

/** The bounds the map opens on when the link names no viewport. */
export function initialBounds(width: number): Bounds {
  return width < 640 ? NARROW_BOUNDS : INITIAL_BOUNDS;
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
