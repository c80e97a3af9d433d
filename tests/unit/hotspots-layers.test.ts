/** Hotspot layers: valid MapLibre specs, stable ids, colours evaluated from feature-state like MapLibre does. */
import { describe, expect, it } from 'vitest';
import type { HotspotsResponse } from '../../src/shared/api';
import {
  ANOMALY_COLOURS,
  ANOMALY_LINE_WIDTH,
  CHANGE_COLOURS,
  FLOW_COLOURS,
  NO_DATA_COLOUR,
  REGIONS_ANOMALY_LAYER_ID,
  REGIONS_CHOROPLETH_LAYER_ID,
  REGIONS_SELECTED_LAYER_ID,
  anomalyState,
  changeClasses,
  flowClasses,
  hotspotsAnomalyLayer,
  hotspotsChoroplethLayer,
  hotspotsFeatureStates,
  hotspotsSelectedLayer,
} from '../../src/client/map/layers/hotspots';
import { evaluate, hex, minimalStyle, styleErrors } from './client-style-helpers';

const regionsSource = { regions: { type: 'geojson' as const, data: 'http://127.0.0.1/api/v1/regions', promoteId: 'pcode' } };

const region = (pcode: string, flows: number | null, change: number | null, score: number | null, flag: boolean) => ({
  pcode,
  name: pcode,
  monitored: true,
  flows,
  previousFlows: 100,
  change,
  assisted: 0,
  anomaly: { score, flag },
});

const response: HotspotsResponse = {
  from: '2019-01-01',
  to: '2019-12-31',
  previousFrom: '2018-01-01',
  previousTo: '2018-12-31',
  dataVersion: 'x',
  method: 'm',
  regions: [
    region('NE001', 2000, 0.6, 5.2, true),
    region('NE004', 500, -0.7, -4, true),
    region('NE005', 200, 0.01, 1.2, false),
    region('NE002', null, null, null, false),
  ],
};

describe('hotspot layer specs', () => {
  it.each(['change', 'flows'] as const)('validate with the %s metric', (metric) => {
    const style = minimalStyle(regionsSource, [hotspotsChoroplethLayer(metric), hotspotsAnomalyLayer(), hotspotsSelectedLayer()]);
    expect(styleErrors(style)).toEqual([]);
  });
  it('keep their ids and types, and are stable objects per metric', () => {
    expect(hotspotsChoroplethLayer('change')).toMatchObject({ id: REGIONS_CHOROPLETH_LAYER_ID, type: 'fill', source: 'regions' });
    expect(hotspotsChoroplethLayer('flows')).toMatchObject({ id: 'regions-choropleth', type: 'fill' });
    expect(hotspotsChoroplethLayer('change')).toBe(hotspotsChoroplethLayer('change'));
    expect(hotspotsAnomalyLayer()).toMatchObject({ id: REGIONS_ANOMALY_LAYER_ID, type: 'line' });
    expect(hotspotsSelectedLayer()).toMatchObject({ id: REGIONS_SELECTED_LAYER_ID, type: 'line' });
  });
});

const fill = (metric: 'change' | 'flows', state: Record<string, unknown>) =>
  hex(evaluate(hotspotsChoroplethLayer(metric), 'paint', 'fill-color', { state, geometryType: 'Polygon' }));

describe('choropleth colour from feature-state', () => {
  it.each([
    [-0.9, CHANGE_COLOURS[0]],
    [-0.5, CHANGE_COLOURS[1]],
    [-0.3, CHANGE_COLOURS[1]],
    [-0.1, CHANGE_COLOURS[2]],
    [0, CHANGE_COLOURS[3]],
    [0.04, CHANGE_COLOURS[3]],
    [0.1, CHANGE_COLOURS[4]],
    [0.3, CHANGE_COLOURS[5]],
    [0.5, CHANGE_COLOURS[6]],
    [3, CHANGE_COLOURS[6]],
  ])('change %d → %s', (change, colour) => {
    expect(fill('change', { change })).toBe(colour);
  });
  it.each([[{}], [{ change: null }]])('no change (%j) → grey', (state) => {
    expect(fill('change', state)).toBe(NO_DATA_COLOUR);
  });
  it.each([
    [0, FLOW_COLOURS[0]],
    [0.19, FLOW_COLOURS[0]],
    [0.2, FLOW_COLOURS[1]],
    [0.5, FLOW_COLOURS[2]],
    [0.7, FLOW_COLOURS[3]],
    [1, FLOW_COLOURS[4]],
  ])('flows share %d → %s', (flowsShare, colour) => {
    expect(fill('flows', { flowsShare })).toBe(colour);
  });
  it('withheld flows → grey', () => {
    expect(fill('flows', { flowsShare: null })).toBe(NO_DATA_COLOUR);
  });
});

describe('anomaly outline', () => {
  const paint = (name: string, state: Record<string, unknown>) => evaluate(hotspotsAnomalyLayer(), 'paint', name, { state, geometryType: 'Polygon' });
  it.each([
    ['rise', ANOMALY_COLOURS.rise, ANOMALY_LINE_WIDTH],
    ['fall', ANOMALY_COLOURS.fall, ANOMALY_LINE_WIDTH],
  ])('%s → coloured, thick, dashed', (anomaly, colour, width) => {
    expect(hex(paint('line-color', { anomaly }))).toBe(colour);
    expect(paint('line-width', { anomaly })).toBe(width);
    expect(hotspotsAnomalyLayer().paint?.['line-dasharray']).toEqual([2, 1]);
  });
  it.each([[{ anomaly: 'none' }], [{}]])('%j → no line', (state) => {
    expect(paint('line-width', state)).toBe(0);
  });
  it('selected outline follows feature-state selected', () => {
    const w = (state: Record<string, unknown>) => evaluate(hotspotsSelectedLayer(), 'paint', 'line-width', { state, geometryType: 'Polygon' });
    expect(w({ selected: true })).toBeGreaterThan(0);
    expect(w({})).toBe(0);
  });
});

describe('hotspotsFeatureStates', () => {
  it('gives one state per region keyed by pcode', () => {
    const states = hotspotsFeatureStates(response);
    expect(states.map((s) => s.id)).toEqual(['NE001', 'NE004', 'NE005', 'NE002']);
    expect(states[0]!.state).toEqual({ flows: 2000, flowsShare: 1, change: 0.6, anomaly: 'rise', anomalyScore: 5.2 });
    expect(states[1]!.state).toMatchObject({ flowsShare: 0.25, change: -0.7, anomaly: 'fall' });
    expect(states[2]!.state.anomaly).toBe('none');
    expect(states[3]!.state).toEqual({ flows: null, flowsShare: null, change: null, anomaly: 'none', anomalyScore: null });
  });
  it('is empty without an answer, and has no share when nothing flowed', () => {
    expect(hotspotsFeatureStates(undefined)).toEqual([]);
    const zero = { ...response, regions: [region('NE003', 0, null, 0, false)] };
    expect(hotspotsFeatureStates(zero)[0]!.state.flowsShare).toBeNull();
  });
  it.each([
    [{ score: 4, flag: true }, 'rise'],
    [{ score: -4, flag: true }, 'fall'],
    [{ score: 4, flag: false }, 'none'],
    [{ score: null, flag: false }, 'none'],
  ] as const)('anomalyState(%j) = %s', (a, s) => {
    expect(anomalyState(a)).toBe(s);
  });
  it('legend classes cover the palettes', () => {
    expect(changeClasses()).toHaveLength(CHANGE_COLOURS.length);
    expect(changeClasses()[0]).toEqual({ colour: CHANGE_COLOURS[0], min: null, max: -0.5 });
    expect(changeClasses().at(-1)).toEqual({ colour: CHANGE_COLOURS[6], min: 0.5, max: null });
    expect(flowClasses(1000).map((c) => [c.min, c.max])).toEqual([
      [0, 200],
      [200, 400],
      [400, 600],
      [600, 800],
      [800, 1000],
    ]);
  });
});
