/**
 * Route layers: pure factories returning MapLibre layer specs. Geometry comes from the `routes`
 * GeoJSON source (the /routes answer react-query holds, or its URL; promoteId 'id'); the flow of the period is
 * feature-state `flow`.
 */
import type { ExpressionSpecification, GeoJSONSourceSpecification, LineLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Direction } from '../../../shared/enums';
import { ROUTE_COLOURS, routeColour } from '../colours';
import { ROUTE_WIDTH_RANGE } from '../scales';
import { changeColourExpression } from '../change';

export const ROUTES_SOURCE_ID = 'routes';
/** Monitored routes, width = people observed. */
export const ROUTE_LAYER_ID = 'routes-line';
/** Routes no monitoring point observes: thin, dashed, grey. */
export const ROUTE_UNMONITORED_LAYER_ID = 'routes-unmonitored';
/** Highlight under the hovered / selected route. */
export const ROUTE_CASING_LAYER_ID = 'routes-casing';
/** Invisible wide line that makes thin routes easy to hover and click. */
export const ROUTE_HIT_LAYER_ID = 'routes-hit';

export const ROUTE_LAYER_IDS = [ROUTE_CASING_LAYER_ID, ROUTE_UNMONITORED_LAYER_ID, ROUTE_LAYER_ID, ROUTE_HIT_LAYER_ID] as const;

export function routesSource(data: GeoJSONSourceSpecification['data']): GeoJSONSourceSpecification {
  return { type: 'geojson', data, promoteId: 'id' };
}

/**
 * Routes whose flow is withheld for the viewer's role by disclosure control (shown as "withheld") are drawn fainter. Data-driven
 * opacity also gives the route line the same data-driven properties as its casing (width and opacity), so MapLibre
 * builds one shader program for both: under software WebGL each extra program costs tens of ms on the first map.
 */
export const SUPPRESSED_ROUTE_OPACITY = 0.45;
export const ROUTE_OPACITY = 0.85;
const suppressedState: ExpressionSpecification = ['boolean', ['feature-state', 'suppressed'], false];

const highlighted: ExpressionSpecification = ['any', ['boolean', ['feature-state', 'selected'], false], ['boolean', ['feature-state', 'hovered'], false]];

/**
 * Width in px: feature-state `width`, which metrics.ts sets from the period's flow on the legend's sqrt scale
 * (routeWidthScale). The expression never changes: a new period, or a new top of the scale, changes feature-state
 * only. (A new data-driven expression makes MapLibre cut the source's tiles again, a round trip to its worker.)
 */
export function routeWidthExpression(): ExpressionSpecification {
  return ['to-number', ['coalesce', ['feature-state', 'width'], ROUTE_WIDTH_RANGE[0]]];
}

function notIn(ids: readonly string[]): ExpressionSpecification {
  return ['!', ['in', ['get', 'id'], ['literal', [...ids]]]];
}

function isIn(ids: readonly string[]): ExpressionSpecification {
  return ['in', ['get', 'id'], ['literal', [...ids]]];
}

export interface RouteLayerOptions {
  /** Direction filter: colours the routes; null = both directions. */
  direction: Direction | null;
  /** Ids of routes with no monitoring point. */
  unmonitored: readonly string[];
  /** Colour by direction (default) or by change against the previous equal period (feature-state `change`). */
  colourBy?: 'direction' | 'change';
}

export function routeLineLayer(o: RouteLayerOptions): LineLayerSpecification {
  return {
    id: ROUTE_LAYER_ID,
    type: 'line',
    source: ROUTES_SOURCE_ID,
    filter: notIn(o.unmonitored),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': o.colourBy === 'change' ? changeColourExpression() : routeColour(o.direction),
      'line-width': routeWidthExpression(),
      'line-opacity': ['case', suppressedState, SUPPRESSED_ROUTE_OPACITY, ROUTE_OPACITY],
    },
  };
}

export function routeUnmonitoredLayer(unmonitored: readonly string[]): LineLayerSpecification {
  return {
    id: ROUTE_UNMONITORED_LAYER_ID,
    type: 'line',
    source: ROUTES_SOURCE_ID,
    filter: isIn(unmonitored),
    layout: { 'line-cap': 'butt', 'line-join': 'round' },
    paint: {
      'line-color': ROUTE_COLOURS.notMonitored,
      'line-width': ROUTE_WIDTH_RANGE[0],
      'line-dasharray': [3, 2],
    },
  };
}

/** A halo drawn under the hovered or selected route (transparent otherwise). */
export function routeCasingLayer(): LineLayerSpecification {
  return {
    id: ROUTE_CASING_LAYER_ID,
    type: 'line',
    source: ROUTES_SOURCE_ID,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': ROUTE_COLOURS.highlight,
      'line-width': ['+', routeWidthExpression(), 6],
      'line-opacity': ['case', highlighted, 0.9, 0],
    },
  };
}

export function routeHitLayer(): LineLayerSpecification {
  return {
    id: ROUTE_HIT_LAYER_ID,
    type: 'line',
    source: ROUTES_SOURCE_ID,
    paint: { 'line-color': '#000000', 'line-width': 14, 'line-opacity': 0 },
  };
}
