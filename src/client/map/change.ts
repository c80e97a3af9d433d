/**
 * Change against the previous equal period, per route or point (pure): (now − before) / before, null when
 * there is no base (before is 0 or missing) or either count is withheld. Colours: ColorBrewer PuOr
 * (colour-blind safe, diverging: purple = fall, orange = rise), the same classes as the hotspots map.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { AggregateResponse } from '../../shared/api';
import { countsBy } from '../api/queries';
import { CHANGE_BREAKS, CHANGE_COLOURS, NO_DATA_COLOUR } from './layers/hotspots';

export { CHANGE_BREAKS, CHANGE_COLOURS, NO_DATA_COLOUR };

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

/** line-color from feature-state `change`: PuOr classes, grey when there is no change to show. */
export function changeColourExpression(): ExpressionSpecification {
  const input: ExpressionSpecification = ['to-number', ['feature-state', 'change']];
  const steps: unknown[] = ['step', input, CHANGE_COLOURS[0]];
  CHANGE_BREAKS.forEach((b, i) => steps.push(b, CHANGE_COLOURS[i + 1]));
  return ['case', ['==', ['typeof', ['feature-state', 'change']], 'number'], steps as ExpressionSpecification, NO_DATA_COLOUR];
}
