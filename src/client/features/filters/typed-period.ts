/**
 * A date typed into From or To → the period to apply, or why it is refused. Typed dates snap to the data's step (whole
 * ISO weeks; whole months for roles that see months only) and stay within the data; a From after To (or a To before
 * From) is refused, never "fixed" by moving the other end.
 */
import { snapEnd, snapStart, type Period, type Step } from '../../../shared/calendar';

export type PeriodEnd = 'from' | 'to';

export type TypedPeriod =
  | { ok: true; period: Period; /** The date the typed one moved to, when it moved. */ snappedTo: string | null }
  | { ok: false; reason: 'fromAfterTo' | 'toBeforeFrom' };

export function typedPeriod(
  end: PeriodEnd,
  typed: string,
  current: { from: string | null; to: string | null },
  step: Step,
  range: { min: string; max: string },
): TypedPeriod {
  if (end === 'from') {
    const snapped = snapStart(typed, step);
    const from = snapped < range.min ? range.min : snapped;
    const to = current.to ?? range.max;
    if (from > to) return { ok: false, reason: 'fromAfterTo' };
    return { ok: true, period: { from, to }, snappedTo: from !== typed ? from : null };
  }
  const snapped = snapEnd(typed, step);
  const to = snapped > range.max ? range.max : snapped;
  const from = current.from ?? range.min;
  if (to < from) return { ok: false, reason: 'toBeforeFrom' };
  return { ok: true, period: { from, to }, snappedTo: to !== typed ? to : null };
}
