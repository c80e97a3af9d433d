/**
 * Who is asking and what they may ask (GET /api/v1/session). The server decides; the client only uses this
 * to pick what to ask for (e.g. monthly instead of weekly series for signed-out visitors), never to hide data.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { sessionResponse, type SessionResponse } from '../../shared/api';
import { fetchJson } from './client';

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: ['session'] as const,
    queryFn: ({ signal }) => fetchJson('/session', sessionResponse, { signal }),
    // Sessions expire on the server: re-ask when the window regains focus.
    staleTime: 60_000,
    refetchOnWindowFocus: true,
    retry: 1,
  });

export const useSession = () => useQuery(sessionQueryOptions());

/** Whether this session may ask `endpoint` at all (an endpoint absent from its summary is denied); false while unknown. */
export function mayAsk(session: SessionResponse | undefined, endpoint: string): boolean {
  return session !== undefined && session.access[endpoint] !== undefined;
}

/**
 * Whether `endpoint` may be grouped by `dim` for this session. Unknown (no session answer yet, or an older
 * server without /session) counts as allowed: the server still answers 403 when it is not.
 */
export function mayGroupBy(session: SessionResponse | undefined, endpoint: string, dim: string): boolean {
  if (!session) return true;
  const access = session.access[endpoint];
  if (!access) return false;
  return access.groupBy === undefined || access.groupBy.includes(dim);
}

/** The finest time step a series may use: weeks when allowed, else months. */
export function seriesStep(session: SessionResponse | undefined, endpoint: string): 'week' | 'month' {
  return mayGroupBy(session, endpoint, 'week') ? 'week' : 'month';
}
