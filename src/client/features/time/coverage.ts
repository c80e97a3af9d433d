/**
 * The coverage band's data: GET /api/v1/coverage over the whole data range (loaded with the time strip, after the
 * first map), and pure functions that fold it for the selection (a monitoring point, a route's points, a region's
 * points) or for every point. Coverage says whether counting happened, never how many people: no protected count.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { coverageResponse, type CoverageResponse } from '../../../shared/api-coverage';
import { fetchJson } from '../../api/client';
import { coverageKey } from '../../api/coverage';
import type { SelectionRef } from '../../state/filters';
import { periodCoverage } from '../../lib/coverage';

export { periodCoverage };

export const coverageQueryOptions = (range: { from: string; to: string }) =>
  queryOptions({
    queryKey: coverageKey(range),
    queryFn: ({ signal }) => fetchJson('/coverage', coverageResponse, { signal, params: { from: range.from, to: range.to } }),
    staleTime: Infinity,
  });

export const useCoverage = (range: { from: string; to: string }, enabled = true) => useQuery({ ...coverageQueryOptions(range), enabled });

/** The monitoring points a selection stands for; every point when nothing (or nothing with points) is selected. */
export function pointsOf(cov: CoverageResponse, selected: SelectionRef | null): { ids: string[]; scope: 'all' | 'point' | 'route' | 'region' } {
  const all = { ids: cov.points.map((p) => p.id), scope: 'all' as const };
  if (!selected) return all;
  if (selected.type === 'route') {
    const r = cov.routes.find((x) => x.id === selected.id);
    return r ? { ids: r.points, scope: 'route' } : all;
  }
  if (selected.type === 'region') return { ids: cov.points.filter((p) => p.region === selected.id).map((p) => p.id), scope: 'region' };
  return cov.points.some((p) => p.id === selected.id) ? { ids: [selected.id], scope: 'point' } : all;
}

export interface BandStep {
  /** The step's first day (an ISO Monday or a month's 1st) and the day after its last. */
  start: string;
  end: string;
  /** Mean share of the step reported over the points active in it (0…1); null when none was active: not monitored. */
  share: number | null;
  /** Points active in the step. */
  active: number;
}

const nextStart = (cov: CoverageResponse, i: number): string => {
  const next = cov.steps[i + 1];
  if (next) return next;
  const last = new Date(`${cov.steps[i]!}T00:00:00Z`);
  if (cov.unit === 'week') last.setUTCDate(last.getUTCDate() + 7);
  else last.setUTCMonth(last.getUTCMonth() + 1);
  return last.toISOString().slice(0, 10);
};

/** One value per step for the points `ids`: the mean of their shares where active, null where none was. */
export function coverageBand(cov: CoverageResponse, ids: readonly string[]): BandStep[] {
  const chosen = cov.points.filter((p) => ids.includes(p.id));
  return cov.steps.map((start, i) => {
    const values = chosen.map((p) => p.series[i]).filter((v): v is number => v !== null && v !== undefined);
    const share = values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
    return { start, end: nextStart(cov, i), share, active: values.length };
  });
}

/** Per point over `from`…`to`: share reported (null: not active) and the steps with no report at all (gaps). */
export function pointRows(cov: CoverageResponse, from: string | null, to: string | null) {
  return cov.points.map((p) => {
    const share = periodCoverage(cov, [p.id], from, to);
    const gaps = cov.steps.filter((s, i) => (!from || s >= from.slice(0, cov.unit === 'month' ? 7 : 10)) && (!to || s <= to) && p.series[i] === 0).length;
    return { id: p.id, name: p.name, activeFrom: p.activeFrom, activeTo: p.activeTo, share, gaps };
  });
}
