/**
 * Place layers: pure factories returning MapLibre layer specs over the `places` GeoJSON source
 * (the /places answer react-query holds, or its URL; promoteId 'id'). Kinds get distinct symbols: offices are squares, border crossings
 * diamonds (SDF icons), monitoring points yellow circles (hollow when not active in the period),
 * hubs small dark circles, transit centres magenta circles sized by people assisted
 * (feature-state `assisted`).
 *
 * Places in the same town (e.g. agadez-office, agadez-tc, agadez-fmp share coordinates) are drawn
 * side by side with fixed screen offsets, so each stays visible and clickable.
 */
import type { CircleLayerSpecification, ExpressionSpecification, GeoJSONSourceSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { INACTIVE_STROKE, PLACE_COLOURS, SELECTED_STROKE } from '../colours';
import { CENTRE_RADIUS_RANGE } from '../scales';

export const PLACES_SOURCE_ID = 'places';
/** Monitoring points and hub cities (circles at their true position). */
export const PLACES_LAYER_ID = 'places-circle';
/** Transit centres (circles sized by people assisted, drawn left of their town). */
export const CENTRES_LAYER_ID = 'places-centres';
/** Offices (squares, above-right of their town) and border crossings (diamonds). */
export const PLACE_ICONS_LAYER_ID = 'places-icons';

/** Every place layer, bottom to top. */
export const PLACE_LAYER_IDS = [CENTRES_LAYER_ID, PLACES_LAYER_ID, PLACE_ICONS_LAYER_ID] as const;

/**
 * Screen offsets (px) of the kinds that share a town with a monitoring point (Agadez, Niamey): offset, not
 * decluttered or expanded on click, because each of the three is a different layer with its own meaning and all
 * three must stay visible together at any zoom. The transit centre's circle moves down-left, far enough that even
 * at its largest (20 px) it only grazes the monitoring point, which is drawn above it with its dark ring; the office
 * square moves up-right, clear of both. (At the old −15 px a large centre covered most of the point beside it.)
 */
export const CENTRE_TRANSLATE: [number, number] = [-20, 7];
export const OFFICE_OFFSET: [number, number] = [12, -14];

export const ICON_SQUARE = 'atlas-square';
export const ICON_DIAMOND = 'atlas-diamond';

export const MONITORING_POINT_RADIUS = 6;
export const HUB_RADIUS = 4.5;

export function placesSource(data: GeoJSONSourceSpecification['data']): GeoJSONSourceSpecification {
  return { type: 'geojson', data, promoteId: 'id' };
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hovered'], false];
/** Monitoring point with no activity in the period (state `active` explicitly false). */
const inactive: ExpressionSpecification = ['==', ['feature-state', 'active'], false];

/**
 * Radius in px: feature-state `radius`, which metrics.ts sets from people assisted on the legend's sqrt scale
 * (centreRadiusScale). The expression never changes, so a new period only changes feature-state.
 */
export function centreRadiusExpression(): ExpressionSpecification {
  return ['to-number', ['coalesce', ['feature-state', 'radius'], CENTRE_RADIUS_RANGE[0]]];
}

/** Fill of the selected or hovered transit centre (a darker magenta). */
export const CENTRE_ACTIVE_FILL = '#7a1754';
/** Opacity of a transit centre that assisted nobody in the period. */
export const CENTRE_EMPTY_OPACITY = 0.35;

/**
 * Transit centres. Colour and opacity are data-driven (darker when selected, faint when nobody was assisted in the
 * period), like every paint property of the points layer: both circle layers then share one shader program (under
 * software WebGL each extra program costs tens of ms on the first map).
 */
export function centresLayer(): CircleLayerSpecification {
  const c = PLACE_COLOURS.transit_centre;
  const assisted: ExpressionSpecification = ['to-number', ['coalesce', ['feature-state', 'assisted'], 0]];
  return {
    id: CENTRES_LAYER_ID,
    type: 'circle',
    source: PLACES_SOURCE_ID,
    filter: ['==', ['get', 'kind'], 'transit_centre'],
    paint: {
      'circle-radius': centreRadiusExpression(),
      'circle-color': ['case', ['any', selected, hovered], CENTRE_ACTIVE_FILL, c.fill],
      // Withheld (disclosure control) is not nobody: only a published zero is faint.
      'circle-opacity': ['case', ['any', ['>', assisted, 0], ['boolean', ['feature-state', 'suppressed'], false]], 0.82, CENTRE_EMPTY_OPACITY],
      'circle-stroke-color': ['case', ['any', selected, hovered], SELECTED_STROKE, c.stroke],
      'circle-stroke-width': ['case', ['any', selected, hovered], 3, 1.5],
      'circle-translate': CENTRE_TRANSLATE,
    },
  };
}

export function pointsLayer(): CircleLayerSpecification {
  const mp = PLACE_COLOURS.monitoring_point;
  const hub = PLACE_COLOURS.hub;
  const isPoint: ExpressionSpecification = ['==', ['get', 'kind'], 'monitoring_point'];
  return {
    id: PLACES_LAYER_ID,
    type: 'circle',
    source: PLACES_SOURCE_ID,
    filter: ['match', ['get', 'kind'], ['monitoring_point', 'hub'], true, false],
    paint: {
      'circle-radius': ['case', isPoint, MONITORING_POINT_RADIUS, HUB_RADIUS],
      'circle-color': ['case', isPoint, mp.fill, hub.fill],
      // Hollow when the point was not active in the period.
      'circle-opacity': ['case', inactive, 0, 1],
      'circle-stroke-color': ['case', ['any', selected, hovered], SELECTED_STROKE, inactive, INACTIVE_STROKE, isPoint, mp.stroke, hub.stroke],
      'circle-stroke-width': ['case', ['any', selected, hovered], 3, isPoint, 2, 1.5],
    },
  };
}

export function iconsLayer(): SymbolLayerSpecification {
  return {
    id: PLACE_ICONS_LAYER_ID,
    type: 'symbol',
    source: PLACES_SOURCE_ID,
    filter: ['match', ['get', 'kind'], ['office', 'border_crossing'], true, false],
    layout: {
      'icon-image': ['match', ['get', 'kind'], 'office', ICON_SQUARE, ICON_DIAMOND],
      'icon-size': ['match', ['get', 'kind'], 'office', 1, 0.9],
      'icon-offset': ['match', ['get', 'kind'], 'office', ['literal', OFFICE_OFFSET], ['literal', [0, 0]]],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-padding': 0,
    },
    paint: {
      'icon-color': ['match', ['get', 'kind'], 'office', PLACE_COLOURS.office.fill, PLACE_COLOURS.border_crossing.fill],
      'icon-halo-color': ['case', ['any', selected, hovered], SELECTED_STROKE, '#ffffff'],
      'icon-halo-width': ['case', ['any', selected, hovered], 2.5, 1.2],
    },
  };
}
