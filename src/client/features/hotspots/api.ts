/** GET /api/v1/hotspots: fetcher, query options and hook (the answer is validated with the shared schema). */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { hotspotsResponse, type HotspotsResponse } from '../../../shared/api';
import { fetchJson } from '../../api/client';
import { normaliseParams } from '../../api/query-string';

export interface HotspotsParams {
  from?: string | null;
  to?: string | null;
}

export function fetchHotspots(params: HotspotsParams, signal?: AbortSignal): Promise<HotspotsResponse> {
  return fetchJson('/hotspots', hotspotsResponse, { signal, params: normaliseParams({ from: params.from, to: params.to }) });
}

/** Keyed by the normalised period; keeps the previous answer on screen while a new period loads. Without a period the server's default (last twelve months) applies. */
export const hotspotsQueryOptions = (params: HotspotsParams) => {
  const norm = normaliseParams({ from: params.from, to: params.to });
  return queryOptions<HotspotsResponse>({
    queryKey: ['hotspots', norm],
    queryFn: ({ signal }) => fetchJson('/hotspots', hotspotsResponse, { signal, params: norm }),
    placeholderData: keepPreviousData,
  });
};

export const useHotspots = (params: HotspotsParams, opts: { enabled?: boolean } = {}) =>
  useQuery({ ...hotspotsQueryOptions(params), enabled: opts.enabled !== false });
