/**
 * GET /api/v1/coverage over the whole data range: one answer, shared by the time strip's band and the map's "not
 * monitored" rule (map/metrics.ts isMonitoredInPeriod). Asked for after the first map, and its schema is loaded with
 * the answer (a dynamic import), so nothing of it weighs on the first map's JavaScript.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CoverageResponse } from '../../shared/api-coverage';
import { fetchJson } from './client';

export const coverageQueryOptions = (range: { from: string; to: string }) =>
  queryOptions<CoverageResponse>({
    queryKey: ['coverage', range.from, range.to],
    queryFn: async ({ signal }) => {
      const { coverageResponse } = await import('../../shared/api-coverage');
      return fetchJson('/coverage', coverageResponse, { signal, params: { from: range.from, to: range.to } });
    },
    staleTime: Infinity,
  });

/** The coverage of the whole data range (`range` null: not yet known, nothing asked). */
export const useCoverage = (range: { from: string; to: string } | null, enabled = true) =>
  useQuery({ ...coverageQueryOptions(range ?? { from: '', to: '' }), enabled: enabled && range !== null });
