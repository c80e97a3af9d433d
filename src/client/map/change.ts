/**
 * Change against the previous equal period, per route or point (pure): (now − before) / before, null when
 * there is no base (before is 0 or missing) or either count is withheld. Colours: the hotspots map's classes
 * (CHANGE_BREAKS), purple = fall, orange = rise (colour-blind safe, no red/green), in darker steps for lines
 * (ROUTE_CHANGE_COLOURS): PuOr's pale classes and its near-white middle vanish as thin lines on the beige basemap, so
 * the "stable" class (−5 … +5 %) is a dark neutral grey, distinct from the light grey of "no change to show".
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { AggregateResponse } from '../../shared/api';
import { countsBy } from '../api/queries';
import { CHANGE_BREAKS, CHANGE_COLOURS, NO_DATA_COLOUR } from './layers/hotspots';

export { CHANGE_BREAKS, CHANGE_COLOURS, NO_DATA_COLOUR };

/** Route lines by change class (same breaks as CHANGE_BREAKS): purples (fall), dark grey (stable), oranges (rise). */
export const ROUTE_CHANGE_COLOURS = ['#3f007d', '#6a51a3', '#9e9ac8', '#525252', '#fd8d3c', '#e6550d', '#a63603'] as const;
/** The middle class: a change within ±5 %. */
export const ROUTE_STABLE_INDEX = 3;

/** Legend classes of the route change colours: colour with its lower and upper limit (null: open). */
export function routeChangeClasses(): Array<{ colour: string; min: number | null; max: number | null }> {
  return ROUTE_CHANGE_COLOURS.map((colour, i) => ({ colour, min: i === 0 ? null : CHANGE_BREAKS[i - 1]!, max: CHANGE_BREAKS[i] ?? null }));
}

export function changeRatio(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined || before <= 0) return null;
  return (now - before) / before;
}

/** Change per id of `dim` between two answers grouped by it (ids missing from `now` count as 0). */
export function changesBy(now: AggregateResponse | undefined, before: AggregateResponse | undefined, dim: string): Map<string, number | null> {
  const a = countsBy(now, dim);
  const b = countsBy(before, dim);
  const out = new Map<string, number | null>();
  if (!now || !before) return out;
  for (const id of new Set([...a.keys(), ...b.keys()])) out.set(id, changeRatio(a.has(id) ? a.get(id) : 0, b.has(id) ? b.get(id) : 0));
  return out;
}

/** line-color from feature-state `change`: the route change classes, light grey when there is no change to show. */
export function changeColourExpression(): ExpressionSpecification {
  const input: ExpressionSpecification = ['to-number', ['feature-state', 'change']];
  const steps: unknown[] = ['step', input, ROUTE_CHANGE_COLOURS[0]];
  CHANGE_BREAKS.forEach((b, i) => steps.push(b, ROUTE_CHANGE_COLOURS[i + 1]));
  return ['case', ['==', ['typeof', ['feature-state', 'change']], 'number'], steps as ExpressionSpecification, NO_DATA_COLOUR];
}
