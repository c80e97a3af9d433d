/** GET /api/v1/pathway: fetcher and hook (validated with the shared schema; loaded with the pathway view only). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { pathwayResponse, type PathwayResponse } from '../../../shared/api-pathway';
import { monthEnd, monthStart } from '../../../shared/calendar';
import { fetchJson } from '../../api/client';
import { normaliseParams } from '../../api/query-string';

/** The period widened to whole months: the pathway is monthly, and outside roles may only ask whole months. */
export function pathwayParams(route: string, from: string | null | undefined, to: string | null | undefined) {
  return normaliseParams({ route, from: from ? monthStart(from) : undefined, to: to ? monthEnd(to) : undefined });
}

export const usePathway = (route: string, from: string | null | undefined, to: string | null | undefined) => {
  const params = pathwayParams(route, from, to);
  return useQuery<PathwayResponse>({
    queryKey: ['pathway', params],
    queryFn: ({ signal }) => fetchJson('/pathway', pathwayResponse, { signal, params }),
    placeholderData: keepPreviousData,
  });
};
