/**
 * Place-name labels drawn by MapLibre from the local Noto Sans declared in the style's
 * `font-faces` (no glyph server). One label per town, from a small inline GeoJSON source
 * derived from /places (it never changes with the filters).
 */
import type { GeoJSONSourceSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { TownLabel } from '../metrics';
import { BASEMAP_COLOURS } from '../colours';
import { LABEL_FONT } from '../basemap-style';

export const PLACE_LABELS_SOURCE_ID = 'place-labels';
export const PLACE_LABELS_LAYER_ID = 'place-labels';

export interface LabelProps {
  id: string;
  label: string;
  rank: number;
}

export function placeLabelsData(labels: readonly TownLabel[]): FeatureCollection<Point, LabelProps> {
  return {
    type: 'FeatureCollection',
    features: labels.map((l) => ({
      type: 'Feature',
      id: l.id,
      properties: { id: l.id, label: l.label, rank: l.rank },
      geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
    })),
  };
}

export function placeLabelsSource(data: FeatureCollection<Point, LabelProps>): GeoJSONSourceSpecification {
  return { type: 'geojson', data: data as GeoJSONSourceSpecification['data'] };
}

export function placeLabelsLayer(): SymbolLayerSpecification {
  return {
    id: PLACE_LABELS_LAYER_ID,
    type: 'symbol',
    source: PLACE_LABELS_SOURCE_ID,
    layout: {
      'text-field': ['get', 'label'],
      'text-font': [LABEL_FONT],
      'text-size': ['case', ['<=', ['get', 'rank'], 1], 13, 12],
      'text-variable-anchor': ['left', 'right', 'bottom', 'top'],
      'text-radial-offset': 1.1,
      'text-justify': 'auto',
      'symbol-sort-key': ['get', 'rank'],
      'text-padding': 1,
    },
    paint: {
      'text-color': BASEMAP_COLOURS.placeLabel,
      'text-halo-color': BASEMAP_COLOURS.labelHalo,
      'text-halo-width': 1.6,
    },
  };
}
