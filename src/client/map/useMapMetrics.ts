/** The metric queries the map binds (route flows, point flows, people assisted per centre) for the current filters. */
import { useMemo } from 'react';
import { PEOPLE_ASSISTED_SERVICE } from '../../shared/enums';
import { assistanceFilterParams, flowFilterParams, useAssistance, useFlows, useRoutes } from '../api/queries';
import { useFilterValues } from '../state/filters';
import { unmonitoredRouteIds } from './metrics';
import { maxCount } from './scales';

export function useMapMetrics() {
  const filters = useFilterValues();
  const routes = useRoutes();
  const routeFlows = useFlows({ ...flowFilterParams(filters), groupBy: ['route'] });
  const pointFlows = useFlows({ ...flowFilterParams(filters), groupBy: ['point'] });
  const assisted = useAssistance({ ...assistanceFilterParams(filters), service: PEOPLE_ASSISTED_SERVICE, groupBy: ['centre'] });
  const all = [routeFlows, pointFlows, assisted];
  const settled = all.every((q) => q.isSuccess && !q.isPlaceholderData);
  const error = all.find((q) => q.isError)?.error ?? null;
  const isFetching = all.some((q) => q.isFetching);
  const isEmpty = settled && all.every((q) => (q.data?.rows ?? []).every((r) => r.count === 0));
  const unmonitored = useMemo(
    () => new Set(unmonitoredRouteIds(routes.data?.features.map((f) => f.properties) ?? [])),
    [routes.data],
  );
  /** Top of the route-width scale: the largest flow on a monitored route. */
  const maxFlow = useMemo(
    () => maxCount((routeFlows.data?.rows ?? []).filter((r) => !unmonitored.has(String(r['route']))).map((r) => r.count)),
    [routeFlows.data, unmonitored],
  );
  /** Top of the transit-centre size scale. */
  const maxAssisted = useMemo(() => maxCount((assisted.data?.rows ?? []).map((r) => r.count)), [assisted.data]);
  const refetch = () => {
    for (const q of all) if (q.isError) void q.refetch();
  };
  return { filters, routeFlows, pointFlows, assisted, settled, error, isFetching, isEmpty, maxFlow, maxAssisted, refetch };
}

export type MapMetrics = ReturnType<typeof useMapMetrics>;
