/**
 * Symbol icons drawn in code as signed-distance fields (SDF), so `icon-color` and `icon-halo-*`
 * can colour them per kind and per state. No sprite sheet, no request.
 */
import { ICON_DIAMOND, ICON_SQUARE } from './layers/places';

export interface SdfImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Same encoding as TinySDF / MapLibre: alpha 191 (0.75) on the edge, ±`radius` px mapped to the alpha range. */
const CUTOFF = 0.25;
const RADIUS = 8;

function encode(distanceOutside: number): number {
  const a = 255 - 255 * (distanceOutside / RADIUS + CUTOFF);
  return Math.max(0, Math.min(255, Math.round(a)));
}

/**
 * An SDF image of `size`×`size` px (device pixels) with a shape of half-width `half` px centred in it;
 * `distance(x, y)` gives the signed distance to the shape edge (negative inside).
 */
function sdf(size: number, distance: (x: number, y: number) => number): SdfImage {
  const data = new Uint8Array(size * size * 4);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = distance(x + 0.5 - c, y + 0.5 - c);
      const i = (y * size + x) * 4;
      data[i] = 0;
      data[i + 1] = 0;
      data[i + 2] = 0;
      data[i + 3] = encode(d);
    }
  }
  return { width: size, height: size, data };
}

/** Square of side 2·half with slightly rounded corners. */
export function squareSdf(size = 34, half = 11): SdfImage {
  return sdf(size, (x, y) => {
    const qx = Math.abs(x) - half;
    const qy = Math.abs(y) - half;
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    const inside = Math.min(Math.max(qx, qy), 0);
    return outside + inside;
  });
}

/** Diamond (square turned 45°) reaching `half` px from the centre. */
export function diamondSdf(size = 38, half = 13): SdfImage {
  return sdf(size, (x, y) => (Math.abs(x) + Math.abs(y) - half) / Math.SQRT2);
}

/** Icons the place layers use, with the pixel ratio they are drawn at. */
export const PLACE_ICONS: Record<string, () => SdfImage> = {
  [ICON_SQUARE]: () => squareSdf(),
  [ICON_DIAMOND]: () => diamondSdf(),
};
export const ICON_PIXEL_RATIO = 2;

interface ImageHost {
  hasImage(id: string): boolean;
  addImage(id: string, image: SdfImage, options: { sdf: boolean; pixelRatio: number }): unknown;
}

/** Adds the place icons to a map (idempotent). */
export function addPlaceIcons(map: ImageHost): void {
  for (const [id, make] of Object.entries(PLACE_ICONS)) {
    if (!map.hasImage(id)) map.addImage(id, make(), { sdf: true, pixelRatio: ICON_PIXEL_RATIO });
  }
}
