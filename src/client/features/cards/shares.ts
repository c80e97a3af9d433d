/**
 * The headline cards' figures from the API's answers, never more exact than the answers: a share or a change worked
 * out from withheld counts is withheld; from perturbed or partial counts it is approximate (≈). Pure functions.
 */
import type { AggregateResponse } from '../../../shared/api';
import { countInfo, totalOf, type CountFlags, type CountInput } from '../../lib/suppressed';

export type Figure =
  /** Nothing to work it out from (no answer yet, nothing counted, or no previous period). */
  | { kind: 'none' }
  /** A part or the whole is withheld: the figure would reveal (or guess) a withheld count. */
  | { kind: 'withheld' }
  | { kind: 'value'; value: number; approximate: boolean };

const approx = (c: ReturnType<typeof countInfo>) => c.perturbed || c.partial;

/** `part / whole`. A missing part (no row) counts as 0 of a published whole; approximate when either is. */
export function shareOf(part: CountInput, whole: CountInput, protectedAnswer: boolean): Figure {
  const w = countInfo(whole);
  if (w.withheld) return { kind: 'withheld' };
  if (w.value === null || w.value === 0) return { kind: 'none' };
  const p = countInfo(part);
  if (p.withheld) return { kind: 'withheld' };
  const value = (p.value ?? 0) / w.value;
  // Under disclosure control a missing row is a published 0 or nothing published: approximate either way.
  return { kind: 'value', value, approximate: protectedAnswer || approx(p) || approx(w) };
}

/** `now / before − 1`; none without a previous count (or a previous 0). */
export function changeOf(now: CountInput, before: CountInput): Figure {
  const n = countInfo(now);
  const b = countInfo(before);
  if (n.withheld || b.withheld) return { kind: 'withheld' };
  if (n.value === null || b.value === null || b.value === 0) return { kind: 'none' };
  return { kind: 'value', value: n.value / b.value - 1, approximate: approx(n) || approx(b) };
}

/** The row of `res` whose `dim` is `value`, as a count with flags (undefined when there is no such row). */
export function rowCount(res: AggregateResponse | undefined, dim: string, value: string): CountFlags | undefined {
  const r = res?.rows.find((x) => x[dim] === value);
  return r ? { count: r.count, suppressed: r.suppressed, perturbed: r.perturbed, partial: r.partial } : undefined;
}

/** The share of the row `dim = value` in its answer's own total. */
export function shareInAnswer(res: AggregateResponse | undefined, dim: string, value: string): Figure {
  if (!res) return { kind: 'none' };
  return shareOf(rowCount(res, dim, value), totalOf(res), res.disclosure !== undefined);
}

/** The `n` largest published rows by `dim` (withheld rows are not ranked: their size is not known). */
export function topRows(res: AggregateResponse | undefined, dim: string, n: number): Array<{ key: string; count: CountFlags; share: Figure }> {
  if (!res) return [];
  const whole = totalOf(res);
  return res.rows
    .filter((r) => typeof r[dim] === 'string' && r.count !== null && !r.suppressed && r.count > 0)
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || String(a[dim]).localeCompare(String(b[dim])))
    .slice(0, n)
    .map((r) => {
      const count: CountFlags = { count: r.count, perturbed: r.perturbed, partial: r.partial };
      return { key: String(r[dim]), count, share: shareOf(count, whole, res.disclosure !== undefined) };
    });
}
