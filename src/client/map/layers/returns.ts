/**
 * Voluntary-return arcs: a GeoJSON source of its own (features built by features/donor/arcs.ts and
 * replaced only when the period changes) and a line layer whose width follows each arc's `count`.
 */
import type { ExpressionSpecification, GeoJSONSourceSpecification, LineLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { safeMax } from '../scales';

export const RETURNS_SOURCE_ID = 'returns-arcs';
export const RETURNS_LAYER_ID = 'returns-arcs-line';
export const RETURN_WIDTH_RANGE: readonly [number, number] = [1, 10];
export const RETURN_COLOUR = '#5e3c99';

export function returnsSource(data: GeoJSONSourceSpecification['data']): GeoJSONSourceSpecification {
  return { type: 'geojson', data, promoteId: 'id' };
}

/** Width in px: sqrt scale of `count` (0..max → RETURN_WIDTH_RANGE), withheld (null) counts at the thinnest. */
export function returnWidthExpression(maxCount: number | null | undefined): ExpressionSpecification {
  const [lo, hi] = RETURN_WIDTH_RANGE;
  return ['interpolate', ['linear'], ['sqrt', ['max', 0, ['to-number', ['coalesce', ['get', 'count'], 0]]]], 0, lo, Math.sqrt(safeMax(maxCount)), hi];
}

export function returnsLayer(maxCount: number): LineLayerSpecification {
  return {
    id: RETURNS_LAYER_ID,
    type: 'line',
    source: RETURNS_SOURCE_ID,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': RETURN_COLOUR,
      'line-width': returnWidthExpression(maxCount),
      'line-opacity': 0.7,
    },
  };
}
