/** Every colour the map and its legend use, in one place so they always agree. */
import type { Direction, PlaceKind } from '../../shared/enums';

export const BASEMAP_COLOURS = {
  water: '#cfe2ee',
  land: '#ece9e1',
  niger: '#fbf6e9',
  countryOutline: '#a8a294',
  nigerOutline: '#6b5a3e',
  regionOutline: '#bba77f',
  regionLabel: '#8a7652',
  countryLabel: '#6b7280',
  labelHalo: '#ffffff',
  placeLabel: '#1f2937',
} as const;

/**
 * Directions in the Okabe–Ito palette (blue / vermillion: told apart with every common colour-vision deficiency, unlike
 * the green / red pair used before); the map, the legend and the panel's weekly chart all read them from here.
 */
export const ROUTE_COLOURS = {
  /** Both directions together (direction filter set to one, or colouring by change). */
  both: '#2f4b7c',
  incoming: '#0072b2',
  outgoing: '#d55e00',
  notMonitored: '#8a8f98',
  highlight: '#f5b700',
} as const satisfies Record<Direction | 'both' | 'notMonitored' | 'highlight', string>;

export function routeColour(direction: Direction | null): string {
  return direction ? ROUTE_COLOURS[direction] : ROUTE_COLOURS.both;
}

export const PLACE_COLOURS: Record<PlaceKind, { fill: string; stroke: string }> = {
  office: { fill: '#1d4ed8', stroke: '#ffffff' },
  transit_centre: { fill: '#b0267a', stroke: '#ffffff' },
  monitoring_point: { fill: '#f2c200', stroke: '#1f2937' },
  hub: { fill: '#374151', stroke: '#ffffff' },
  border_crossing: { fill: '#7c3aed', stroke: '#ffffff' },
};

export const INACTIVE_STROKE = '#8a8f98';
export const SELECTED_STROKE = '#111827';
