/**
 * GET /api/v1/coverage over the whole data range: one answer, shared by the time strip's band and the map's "not
 * monitored" rule (map/metrics.ts isMonitoredInPeriod). The time strip asks for it (features/time/coverage.ts: it loads
 * with the strip, after the first map, with its schema); the map and the tables only read the answer when it is there,
 * so nothing of it weighs on the first map's JavaScript.
 */
import { useQuery } from '@tanstack/react-query';
import type { CoverageResponse } from '../../shared/api-coverage';

export const coverageKey = (range: { from: string; to: string }) => ['coverage', range.from, range.to] as const;

/** The coverage the time strip asked for, once it has come (never asks itself); `range` null: not known yet. */
export const useCoverageAnswer = (range: { from: string; to: string } | null) =>
  useQuery<CoverageResponse>({ queryKey: coverageKey(range ?? { from: '', to: '' }), enabled: false, staleTime: Infinity });
