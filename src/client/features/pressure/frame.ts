/**
 * Where the camera goes while the pressure panel is open (pure): the zoom and centre that put the transit centres
 * inside the part of the map the padding leaves free, in Web Mercator with MapLibre's 512-pixel world at zoom 0. The
 * centre is the middle of the box in Mercator (not in degrees), so with the same padding set on the camera the box
 * sits in the middle of the free part. Worked out here, not with map.cameraForBounds, whose answer also counts the
 * padding the camera already has.
 */

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const WORLD = 512;
const mercX = (lon: number) => (lon + 180) / 360;
const mercY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;
const latOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(Math.PI * (1 - 2 * y))) - 90;

/** null when the padding leaves no room. `bounds` is [west, south, east, north]. */
export function frameBounds(
  bounds: readonly [number, number, number, number],
  size: { width: number; height: number },
  padding: Padding,
): { center: [number, number]; zoom: number } | null {
  const [w, s, e, n] = bounds;
  const freeW = size.width - padding.left - padding.right;
  const freeH = size.height - padding.top - padding.bottom;
  if (freeW <= 0 || freeH <= 0) return null;
  const dx = Math.max(mercX(e) - mercX(w), 1e-9);
  const dy = Math.max(mercY(s) - mercY(n), 1e-9);
  const zoom = Math.log2(Math.min(freeW / (WORLD * dx), freeH / (WORLD * dy)));
  const center: [number, number] = [(w + e) / 2, latOf((mercY(s) + mercY(n)) / 2)];
  return { center, zoom };
}
