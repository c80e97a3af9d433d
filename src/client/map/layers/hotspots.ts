/**
 * Hotspot region layers: pure factories returning MapLibre layer specs on the basemap's `regions` source
 * (promoteId 'pcode'). The metrics of the period travel as feature-state (hotspotsFeatureStates), so a new period
 * re-paints without re-tiling. Palettes are ColorBrewer's colour-blind-safe PuOr (change, diverging: orange = rise,
 * purple = fall) and YlOrRd (flows, sequential); regions without a value are grey.
 */
import type { ExpressionSpecification, FillLayerSpecification, LineLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { HotspotsResponse } from '../../../shared/api';

export const REGIONS_SOURCE = 'regions';
export const REGIONS_CHOROPLETH_LAYER_ID = 'regions-choropleth';
export const REGIONS_ANOMALY_LAYER_ID = 'regions-anomaly';
export const REGIONS_SELECTED_LAYER_ID = 'regions-selected';
export const HOTSPOT_LAYER_IDS = [REGIONS_CHOROPLETH_LAYER_ID, REGIONS_ANOMALY_LAYER_ID, REGIONS_SELECTED_LAYER_ID] as const;

export type HotspotMetric = 'change' | 'flows';
export type AnomalyState = 'rise' | 'fall' | 'none';

/** Fill for a region whose value is withheld or undefined (e.g. no previous flows to compare with). */
export const NO_DATA_COLOUR = '#bdbdbd';

/** PuOr (ColorBrewer, 7 classes), purple (fall) → orange (rise). */
export const CHANGE_COLOURS = ['#542788', '#998ec3', '#d8daeb', '#f7f7f7', '#fee0b6', '#f1a340', '#b35806'] as const;
/** Class limits of the change (a ratio: −0.25 = −25 %): below the first, between each pair, above the last. */
export const CHANGE_BREAKS = [-0.5, -0.25, -0.05, 0.05, 0.25, 0.5] as const;

/** YlOrRd (ColorBrewer, 5 classes). */
export const FLOW_COLOURS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;
/** Class limits of flows as a share of the largest region's flows. */
export const FLOW_SHARE_BREAKS = [0.2, 0.4, 0.6, 0.8] as const;

export const ANOMALY_COLOURS = { rise: '#7f2704', fall: '#2d004b' } as const;
export const ANOMALY_LINE_WIDTH = 3.5;
export const ANOMALY_DASH = [2, 1];
export const SELECTED_LINE_COLOUR = '#111827';

function steps(input: ExpressionSpecification, colours: readonly string[], breaks: readonly number[]): ExpressionSpecification {
  const out: unknown[] = ['step', input, colours[0]];
  breaks.forEach((b, i) => out.push(b, colours[i + 1]));
  return out as ExpressionSpecification;
}

const stateIsNumber = (key: string): ExpressionSpecification => ['==', ['typeof', ['feature-state', key]], 'number'];

/** fill-color for a metric: a step over feature-state `change` or `flowsShare`, grey when it is not a number. */
export function hotspotsFillColour(metric: HotspotMetric): ExpressionSpecification {
  const key = metric === 'change' ? 'change' : 'flowsShare';
  const input: ExpressionSpecification = ['to-number', ['feature-state', key]];
  const colour = metric === 'change' ? steps(input, CHANGE_COLOURS, CHANGE_BREAKS) : steps(input, FLOW_COLOURS, FLOW_SHARE_BREAKS);
  return ['case', stateIsNumber(key), colour, NO_DATA_COLOUR];
}

const FILLS: Record<HotspotMetric, FillLayerSpecification> = {
  change: {
    id: REGIONS_CHOROPLETH_LAYER_ID,
    type: 'fill',
    source: REGIONS_SOURCE,
    paint: { 'fill-color': hotspotsFillColour('change'), 'fill-opacity': 0.8, 'fill-outline-color': '#6b5a3e' },
  },
  flows: {
    id: REGIONS_CHOROPLETH_LAYER_ID,
    type: 'fill',
    source: REGIONS_SOURCE,
    paint: { 'fill-color': hotspotsFillColour('flows'), 'fill-opacity': 0.8, 'fill-outline-color': '#6b5a3e' },
  },
};

/** The region choropleth. Same id and type for both metrics; the object is stable per metric (cheap to diff). */
export function hotspotsChoroplethLayer(metric: HotspotMetric): FillLayerSpecification {
  return FILLS[metric];
}

const ANOMALY_LAYER: LineLayerSpecification = {
  id: REGIONS_ANOMALY_LAYER_ID,
  type: 'line',
  source: REGIONS_SOURCE,
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': ['match', ['feature-state', 'anomaly'], 'rise', ANOMALY_COLOURS.rise, 'fall', ANOMALY_COLOURS.fall, 'rgba(0,0,0,0)'],
    'line-width': ['match', ['feature-state', 'anomaly'], ['rise', 'fall'], ANOMALY_LINE_WIDTH, 0],
    'line-dasharray': ANOMALY_DASH,
  },
};

/** Thick dashed outline around regions flagged as unusual (dark orange = rise, dark purple = fall). */
export function hotspotsAnomalyLayer(): LineLayerSpecification {
  return ANOMALY_LAYER;
}

const SELECTED_LAYER: LineLayerSpecification = {
  id: REGIONS_SELECTED_LAYER_ID,
  type: 'line',
  source: REGIONS_SOURCE,
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': SELECTED_LINE_COLOUR,
    'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 2.5, 0],
  },
};

/** Solid dark outline of the selected region (feature-state `selected`). */
export function hotspotsSelectedLayer(): LineLayerSpecification {
  return SELECTED_LAYER;
}

export interface HotspotFeatureState {
  flows: number | null;
  /** flows ÷ the largest region's flows (0…1); null when withheld or when no region has flows. */
  flowsShare: number | null;
  change: number | null;
  anomaly: AnomalyState;
  anomalyScore: number | null;
}

/** Feature-state per region (id = pcode) for setFeatureState on the `regions` source. */
export function hotspotsFeatureStates(res: HotspotsResponse | undefined): Array<{ id: string; state: HotspotFeatureState }> {
  if (!res) return [];
  const max = Math.max(0, ...res.regions.map((r) => r.flows ?? 0));
  return res.regions.map((r) => ({
    id: r.pcode,
    state: {
      flows: r.flows,
      flowsShare: r.flows === null || max === 0 ? null : r.flows / max,
      change: r.change,
      anomaly: anomalyState(r.anomaly),
      anomalyScore: r.anomaly.score,
    },
  }));
}

export function anomalyState(a: { score: number | null; flag: boolean }): AnomalyState {
  if (!a.flag || a.score === null || a.score === 0) return 'none';
  return a.score > 0 ? 'rise' : 'fall';
}

/** Legend classes of the change palette: [colour, lower limit or null, upper limit or null]. */
export function changeClasses(): Array<{ colour: string; min: number | null; max: number | null }> {
  return CHANGE_COLOURS.map((colour, i) => ({ colour, min: i === 0 ? null : CHANGE_BREAKS[i - 1]!, max: CHANGE_BREAKS[i] ?? null }));
}

/** Legend classes of the flows palette, in people, for the largest region's flows `max`. */
export function flowClasses(max: number): Array<{ colour: string; min: number; max: number }> {
  const limits = [0, ...FLOW_SHARE_BREAKS, 1];
  return FLOW_COLOURS.map((colour, i) => ({ colour, min: Math.round(limits[i]! * max), max: Math.round(limits[i + 1]! * max) }));
}
