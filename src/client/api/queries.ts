/**
 * Query options and hooks per endpoint: a fetcher, its queryOptions, a hook (bulletproof-react style).
 * Metric queries keep the previous answer on screen while a new filter loads (keepPreviousData).
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { aggregateResponse, metaResponse, placesResponse, routesResponse, type AggregateResponse } from '../../shared/api';
import type { AgeGroup, AssistanceGroupBy, Direction, FlowGroupBy, ReturnsGroupBy, Service, Sex } from '../../shared/enums';
import type { FilterValues } from '../state/filters';
import { fetchJson } from './client';
import { normaliseParams } from './query-string';

export interface FlowParams {
  from?: string | null;
  to?: string | null;
  direction?: Direction | null;
  nationality?: string | null;
  sex?: Sex | null;
  ageGroup?: AgeGroup | null;
  point?: string | null;
  route?: string | null;
  groupBy?: FlowGroupBy[];
}

export interface AssistanceParams {
  from?: string | null;
  to?: string | null;
  centre?: string | null;
  service?: Service | null;
  nationality?: string | null;
  sex?: Sex | null;
  ageGroup?: AgeGroup | null;
  groupBy?: AssistanceGroupBy[];
}

export interface ReturnsParams {
  from?: string | null;
  to?: string | null;
  centre?: string | null;
  destination?: string | null;
  groupBy?: ReturnsGroupBy[];
}

/** The filters that apply to /flows. */
export function flowFilterParams(f: FilterValues): FlowParams {
  return { from: f.from, to: f.to, direction: f.direction, nationality: f.nationality, sex: f.sex, ageGroup: f.ageGroup };
}

/** The filters that apply to /assistance (direction does not: assistance is given at a centre). */
export function assistanceFilterParams(f: FilterValues): AssistanceParams {
  return { from: f.from, to: f.to, nationality: f.nationality, sex: f.sex, ageGroup: f.ageGroup };
}

const hasPeriod = (p: { from?: string | null; to?: string | null }) => !!p.from && !!p.to;

export const metaQueryOptions = () =>
  queryOptions({
    queryKey: ['meta'],
    queryFn: ({ signal }) => fetchJson('/meta', metaResponse, { signal }),
    staleTime: Infinity,
  });

export const placesQueryOptions = () =>
  queryOptions({
    queryKey: ['places'],
    queryFn: ({ signal }) => fetchJson('/places', placesResponse, { signal }),
    staleTime: Infinity,
  });

export const routesQueryOptions = () =>
  queryOptions({
    queryKey: ['routes'],
    queryFn: ({ signal }) => fetchJson('/routes', routesResponse, { signal }),
    staleTime: Infinity,
  });

export const flowsQueryOptions = (params: FlowParams) => {
  const norm = normaliseParams(params as Record<string, string | string[] | null | undefined>);
  return queryOptions<AggregateResponse>({
    queryKey: ['flows', norm],
    queryFn: ({ signal }) => fetchJson('/flows', aggregateResponse, { signal, params: norm }),
    enabled: hasPeriod(params),
    placeholderData: keepPreviousData,
  });
};

export const assistanceQueryOptions = (params: AssistanceParams) => {
  const norm = normaliseParams(params as Record<string, string | string[] | null | undefined>);
  return queryOptions<AggregateResponse>({
    queryKey: ['assistance', norm],
    queryFn: ({ signal }) => fetchJson('/assistance', aggregateResponse, { signal, params: norm }),
    enabled: hasPeriod(params),
    placeholderData: keepPreviousData,
  });
};

export const returnsQueryOptions = (params: ReturnsParams) => {
  const norm = normaliseParams(params as Record<string, string | string[] | null | undefined>);
  return queryOptions<AggregateResponse>({
    queryKey: ['returns', norm],
    queryFn: ({ signal }) => fetchJson('/returns', aggregateResponse, { signal, params: norm }),
    enabled: hasPeriod(params),
    placeholderData: keepPreviousData,
  });
};

export const useMeta = () => useQuery(metaQueryOptions());
export const usePlaces = () => useQuery(placesQueryOptions());
/** The corridors: public reference geography, asked for by every visitor (main.tsx asks before React starts). */
export const useRoutes = () => useQuery(routesQueryOptions());
export const useFlows = (params: FlowParams, opts: { enabled?: boolean } = {}) => {
  const o = flowsQueryOptions(params);
  return useQuery({ ...o, enabled: o.enabled !== false && opts.enabled !== false });
};
export const useAssistance = (params: AssistanceParams, opts: { enabled?: boolean } = {}) => {
  const o = assistanceQueryOptions(params);
  return useQuery({ ...o, enabled: o.enabled !== false && opts.enabled !== false });
};

export const useReturns = (params: ReturnsParams, opts: { enabled?: boolean } = {}) => {
  const o = returnsQueryOptions(params);
  return useQuery({ ...o, enabled: o.enabled !== false && opts.enabled !== false });
};

/** `rows` keyed by one dimension: `{ R4: 123, R5: 456 }`; withheld counts are null. */
export function countsBy(res: AggregateResponse | undefined, dim: string): Map<string, number | null> {
  const m = new Map<string, number | null>();
  if (!res) return m;
  for (const row of res.rows) {
    const key = row[dim];
    if (typeof key === 'string') m.set(key, row.count);
  }
  return m;
}
