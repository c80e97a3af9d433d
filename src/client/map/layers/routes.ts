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
/**
 * Both directions at once (no direction filter, coloured by direction): two lines per route side by side, each as wide
 * as its own direction's count, offset to either side of the route's centre line.
 */
export const ROUTE_IN_LAYER_ID = 'routes-in';
export const ROUTE_OUT_LAYER_ID = 'routes-out';
/** Highlight under the hovered / selected route. */
export const ROUTE_CASING_LAYER_ID = 'routes-casing';
/** Invisible wide line that makes thin routes easy to hover and click. */
export const ROUTE_HIT_LAYER_ID = 'routes-hit';

export const ROUTE_LAYER_IDS = [
  ROUTE_CASING_LAYER_ID,
  ROUTE_UNMONITORED_LAYER_ID,
  ROUTE_LAYER_ID,
  ROUTE_IN_LAYER_ID,
  ROUTE_OUT_LAYER_ID,
  ROUTE_HIT_LAYER_ID,
] as const;

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

/** The route had no active monitoring point in the period (feature-state `monitored` explicitly false). */
const unmonitoredState: ExpressionSpecification = ['==', ['feature-state', 'monitored'], false];

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
  /**
   * The two directions' lanes draw the routes (routeDirectionLayer): this line stays in the style, at a constant
   * opacity 0 that MapLibre skips drawing, so the routes keep one layer to query, whichever way they are drawn.
   */
  hidden?: boolean;
}

/** Opacity of a monitored route's line: 0 while its monitoring points were not active (the dashed layer shows it). */
function lineOpacity(): ExpressionSpecification {
  return ['case', unmonitoredState, 0, suppressedState, SUPPRESSED_ROUTE_OPACITY, ROUTE_OPACITY];
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
      'line-opacity': o.hidden ? 0 : lineOpacity(),
    },
  };
}

/** Gap in px between the two directions' lines. */
export const DIRECTION_GAP = 1;

/**
 * One direction of every monitored route, from feature-state `widthIn` / `widthOut` (set from the flows grouped by
 * route and direction). line-offset moves each line by half its own width plus half the gap: incoming to the right of
 * the route as drawn (routes run from West Africa towards Niger and on to Algeria and Libya), outgoing to its left, so
 * the pair reads like two lanes, each as wide as its count, and neither hides the other.
 */
export function routeDirectionLayer(direction: Direction, unmonitored: readonly string[]): LineLayerSpecification {
  const key = direction === 'incoming' ? 'widthIn' : 'widthOut';
  const width: ExpressionSpecification = ['to-number', ['coalesce', ['feature-state', key], ROUTE_WIDTH_RANGE[0]]];
  const half: ExpressionSpecification = ['+', ['/', width, 2], DIRECTION_GAP / 2];
  return {
    id: direction === 'incoming' ? ROUTE_IN_LAYER_ID : ROUTE_OUT_LAYER_ID,
    type: 'line',
    source: ROUTES_SOURCE_ID,
    filter: notIn(unmonitored),
    layout: { 'line-cap': 'butt', 'line-join': 'round' },
    paint: {
      'line-color': ROUTE_COLOURS[direction],
      'line-width': width,
      'line-offset': direction === 'incoming' ? half : ['*', -1, half],
      'line-opacity': lineOpacity(),
    },
  };
}

/**
 * Routes with nothing to count, thin, dashed and grey: the ones no monitoring point observes (by id, known with the
 * geometry) and, through feature-state `monitored` = false, the ones whose points were not active in the period.
 */
export function routeUnmonitoredLayer(unmonitored: readonly string[]): LineLayerSpecification {
  return {
    id: ROUTE_UNMONITORED_LAYER_ID,
    type: 'line',
    source: ROUTES_SOURCE_ID,
    layout: { 'line-cap': 'butt', 'line-join': 'round' },
    paint: {
      'line-color': ROUTE_COLOURS.notMonitored,
      'line-width': ROUTE_WIDTH_RANGE[0] + 0.5,
      'line-dasharray': [3, 2],
      'line-opacity': ['case', ['any', isIn(unmonitored), unmonitoredState], 1, 0],
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
