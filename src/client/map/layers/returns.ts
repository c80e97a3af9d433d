/**
 * Voluntary returns on the map (the donor view), in two GeoJSON sources of their own:
 * - the capitals of the countries of origin: a circle sized by the people returned (sqrt scale) and a label
 *   "Country ≈1,234" with the API's protection marks (features built by features/donor/DonorLayers.tsx);
 * - the arcs from ONE chosen transit centre to those capitals (features/donor/arcs.ts), width by count.
 *
 * Why this encoding: ~60 arcs from 4 centres to 16 unmarked capitals overlapped into one purple fan whose widths
 * could not be read, and nothing said which capital was which. The donor's question is "how many people went home
 * to which country, and from which centre": a labelled, sized marker per capital answers the first at a glance (the
 * side column's labelled bars give the same numbers in order), and arcs drawn for one centre at a time (at most 16,
 * fanning out from one point, never crossing each other's ends) answer the second without the tangle.
 */
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  LineLayerSpecification,
  SymbolLayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { LABEL_FONT } from '../basemap-style';
import { BASEMAP_COLOURS } from '../colours';
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

export const CAPITALS_SOURCE_ID = 'returns-capitals';
export const CAPITALS_CIRCLE_LAYER_ID = 'returns-capitals-circle';
export const CAPITALS_LABEL_LAYER_ID = 'returns-capitals-label';
/** Circle radius in px of a capital: sqrt of its count, 0..max → this range (withheld: the smallest, hollow). */
export const CAPITAL_RADIUS_RANGE: readonly [number, number] = [4, 18];

export function capitalRadiusExpression(maxCount: number | null | undefined): ExpressionSpecification {
  const [lo, hi] = CAPITAL_RADIUS_RANGE;
  return ['interpolate', ['linear'], ['sqrt', ['max', 0, ['to-number', ['coalesce', ['get', 'count'], 0]]]], 0, lo, Math.sqrt(safeMax(maxCount)), hi];
}

export function capitalsCircleLayer(maxCount: number): CircleLayerSpecification {
  return {
    id: CAPITALS_CIRCLE_LAYER_ID,
    type: 'circle',
    source: CAPITALS_SOURCE_ID,
    layout: { 'circle-sort-key': ['-', 0, ['coalesce', ['get', 'count'], 0]] },
    paint: {
      'circle-radius': capitalRadiusExpression(maxCount),
      // A withheld count is drawn hollow: a place with returns, no number.
      'circle-color': ['case', ['get', 'suppressed'], '#ffffff', RETURN_COLOUR],
      'circle-opacity': 0.85,
      'circle-stroke-color': ['case', ['get', 'suppressed'], RETURN_COLOUR, '#ffffff'],
      'circle-stroke-width': 1.5,
    },
  };
}

export function capitalsLabelLayer(): SymbolLayerSpecification {
  return {
    id: CAPITALS_LABEL_LAYER_ID,
    type: 'symbol',
    source: CAPITALS_SOURCE_ID,
    layout: {
      'text-field': ['get', 'label'],
      'text-font': [LABEL_FONT],
      'text-size': 12,
      'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
      'text-radial-offset': 1.2,
      'text-justify': 'auto',
      // Larger counts win a collision.
      'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'count'], 0]],
      'text-padding': 1,
    },
    paint: {
      'text-color': '#2d1b4e',
      'text-halo-color': BASEMAP_COLOURS.labelHalo,
      'text-halo-width': 1.8,
    },
  };
}
