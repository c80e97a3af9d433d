/**
 * The metric queries the map binds (route flows, point flows, people assisted per centre, and in the
 * donor view the voluntary returns per centre and destination) for the filters the view applies for this role
 * (api/view-filters.ts: never a query the server would refuse, never a filter shown while ignored). When a refresh
 * fails the last good answers stay bound (`stale`), with the time they were fetched.
 */
import { useMemo } from 'react';
import { monthsIn, previousPeriod, weeksIn } from '../../shared/calendar';
import { PEOPLE_ASSISTED_SERVICE } from '../../shared/enums';
import { flowFilterParams, useAssistance, useFlows, useMeta, useReturns, useRoutes } from '../api/queries';
import { CENTRES_QUERY, fitFilters, mayQuery, monthsOnly, useViewFilters, type BreakdownFilter } from '../api/view-filters';
import { changesBy } from './change';
import { useLastGood } from '../components/States';
import { useView } from '../state/view';
import { useSettledFor } from '../lib/use-settled-for';
import { unmonitoredRouteIds } from './metrics';
import { maxCount } from './scales';

/** How long the filters stay put before the previous-period comparison is asked for. */
export const PREVIOUS_PERIOD_DELAY_MS = 250;

/** The query has its own answer (not an earlier one shown while it loads). */
const answered = (q: OverlayQuery) => q.isSuccess && !q.isPlaceholderData;

/** The query a feature's own map layers depend on (e.g. the hotspots view's regions), so the map knows when it is settled. */
export interface OverlayQuery {
  isSuccess: boolean;
  isPlaceholderData: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  data?: unknown;
  refetch: () => unknown;
}

export function useMapMetrics(overlay?: OverlayQuery) {
  const viewFilters = useViewFilters();
  /** What the view applies for this role: the period (whole months for roles that see months only) and breakdowns. */
  const filters = viewFilters.applied;
  const access = viewFilters.access;
  const view = useView((s) => s.view);
  /** The hotspots view draws regions only: the point/route/centre metrics are not asked for. */
  const base = view !== 'hotspots';
  const scaleMode = useView((s) => s.scaleMode);
  const meta = useMeta();
  const routes = useRoutes();
  /** People assisted per centre with the filters it can carry for this role (Flows: the rest are named on the map). */
  const centres = fitFilters(access, CENTRES_QUERY, filters);
  const centreFilters = { from: filters.from, to: filters.to, ...centres.kept };
  /** The filters the centres do not carry (in Donor impact the view applies only those they do). */
  const centresNotFilteredBy: BreakdownFilter[] = centres.dropped;
  // Fixed scales: the largest weekly (or, for roles that see months only, monthly) value over the whole data range,
  // times the weeks (months) in the period.
  const monthly = monthsOnly(access) || !mayQuery(access, 'flows', { groupBy: ['route', 'week'] });
  const fixedStep = monthly ? 'month' : 'week';
  const whole = { from: meta.data?.dateRange.min ?? null, to: meta.data?.dateRange.max ?? null };
  const fixed = scaleMode === 'fixed';
  const weeklyRouteQ = useFlows({ ...flowFilterParams(filters), ...whole, groupBy: ['route', fixedStep] }, { enabled: fixed && view === 'flows' });
  const weeklyCentreQ = useAssistance(
    { ...centreFilters, ...whole, service: PEOPLE_ASSISTED_SERVICE, groupBy: ['centre', fixedStep] },
    { enabled: fixed && base },
  );
  const routeFlowsQ = useFlows({ ...flowFilterParams(filters), groupBy: ['route'] }, { enabled: view === 'flows' });
  const pointFlowsQ = useFlows({ ...flowFilterParams(filters), groupBy: ['point'] }, { enabled: view === 'flows' });
  // Both directions side by side (no direction filter, coloured by direction): the flows per route and direction, when
  // this role may ask for them with these filters (else one line per route, as before).
  const colourBy = useView((s) => s.colourBy);
  const directionParams = { ...flowFilterParams(filters), direction: null, groupBy: ['route', 'direction'] };
  const splitDirections = view === 'flows' && colourBy === 'direction' && !filters.direction && mayQuery(access, 'flows', directionParams);
  const byDirectionQ = useFlows(directionParams as Parameters<typeof useFlows>[0], { enabled: splitDirections });
  const byDirection = useLastGood(byDirectionQ.data, byDirectionQ.dataUpdatedAt);
  const assistedQ = useAssistance({ ...centreFilters, service: PEOPLE_ASSISTED_SERVICE, groupBy: ['centre'] }, { enabled: base });
  // Returns depend on the period only: the arcs' source changes only when the period does.
  const returnsQ = useReturns({ from: filters.from, to: filters.to, groupBy: ['centre', 'destination'] }, { enabled: view === 'donor' });
  // The previous equal period, for the change column and the change colouring. Asked for once the period's own answers
  // are in (they draw the map) and the filters have stayed put for a moment (someone clicking or playing through
  // periods does not need every comparison on the way, and the server works on the map's queries alone), or at once
  // when the map is coloured by change. Whole months have whole months before them (the shared calendar's rule).
  const primarySettled = [routeFlowsQ, pointFlowsQ, assistedQ].every(answered);
  const filtersStill = useSettledFor(JSON.stringify(filters), PREVIOUS_PERIOD_DELAY_MS);
  const prev = filters.from && filters.to ? previousPeriod({ from: filters.from, to: filters.to }) : { from: null, to: null };
  const prevWanted =
    view === 'flows' && prev.from !== null && prev.from >= (meta.data?.dateRange.min ?? '') && ((primarySettled && filtersStill) || colourBy === 'change');
  const prevRouteQ = useFlows({ ...flowFilterParams(filters), ...prev, groupBy: ['route'] }, { enabled: prevWanted });
  const prevPointQ = useFlows({ ...flowFilterParams(filters), ...prev, groupBy: ['point'] }, { enabled: prevWanted });
  const routeFlows = useLastGood(routeFlowsQ.data, routeFlowsQ.dataUpdatedAt);
  const pointFlows = useLastGood(pointFlowsQ.data, pointFlowsQ.dataUpdatedAt);
  const assisted = useLastGood(assistedQ.data, assistedQ.dataUpdatedAt);
  const returns = useLastGood(returnsQ.data, returnsQ.dataUpdatedAt);

  const primary: OverlayQuery[] =
    view === 'donor'
      ? [assistedQ, returnsQ]
      : view === 'hotspots'
        ? overlay
          ? [overlay]
          : []
        : [routeFlowsQ, pointFlowsQ, assistedQ, ...(splitDirections ? [byDirectionQ] : [])];
  // Coloured by change, the map shows the previous period's answers too.
  const all: OverlayQuery[] = view === 'flows' && colourBy === 'change' && prevWanted ? [...primary, prevRouteQ, prevPointQ] : primary;
  const settled = all.every(answered);
  const error = all.find((q) => q.isError)?.error ?? null;
  const hasData =
    view === 'hotspots' ? overlay?.data !== undefined : routeFlows.data !== undefined || pointFlows.data !== undefined || assisted.data !== undefined;
  /** A refresh failed but earlier answers are still on screen. */
  const stale = error !== null && hasData;
  const asOf = Math.max(routeFlows.at, pointFlows.at, assisted.at);
  const isFetching = all.some((q) => q.isFetching);
  const isEmpty =
    settled &&
    view !== 'hotspots' &&
    primary.every((q) => ((q.data as { rows?: Array<{ count: number | null }> } | undefined)?.rows ?? []).every((r) => r.count === 0));
  const unmonitored = useMemo(() => new Set(unmonitoredRouteIds(routes.data?.features.map((f) => f.properties) ?? [])), [routes.data]);
  const steps = filters.from && filters.to ? (monthly ? monthsIn({ from: filters.from, to: filters.to }) : weeksIn({ from: filters.from, to: filters.to })) : 1;
  const fixedMaxFlow = useMemo(
    () => maxCount((weeklyRouteQ.data?.rows ?? []).filter((r) => !unmonitored.has(String(r['route']))).map((r) => r.count)),
    [weeklyRouteQ.data, unmonitored],
  );
  const fixedMaxAssisted = useMemo(() => maxCount((weeklyCentreQ.data?.rows ?? []).map((r) => r.count)), [weeklyCentreQ.data]);
  /** Top of the route-width scale: the largest flow on a monitored route (auto), or the fixed top. */
  const autoMaxFlow = useMemo(
    () => maxCount((routeFlows.data?.rows ?? []).filter((r) => !unmonitored.has(String(r['route']))).map((r) => r.count)),
    [routeFlows.data, unmonitored],
  );
  /** Top of the transit-centre size scale. */
  const autoMaxAssisted = useMemo(() => maxCount((assisted.data?.rows ?? []).map((r) => r.count)), [assisted.data]);
  const maxFlow = fixed && fixedMaxFlow > 0 ? fixedMaxFlow * steps : autoMaxFlow;
  const maxAssisted = fixed && fixedMaxAssisted > 0 ? fixedMaxAssisted * steps : autoMaxAssisted;
  const routeChange = useMemo(
    () => changesBy(routeFlows.data, prevRouteQ.isPlaceholderData ? undefined : prevRouteQ.data, 'route'),
    [routeFlows.data, prevRouteQ.data, prevRouteQ.isPlaceholderData],
  );
  const pointChange = useMemo(
    () => changesBy(pointFlows.data, prevPointQ.isPlaceholderData ? undefined : prevPointQ.data, 'point'),
    [pointFlows.data, prevPointQ.data, prevPointQ.isPlaceholderData],
  );
  const maxReturns = useMemo(() => maxCount((returns.data?.rows ?? []).map((r) => r.count)), [returns.data]);
  const refetch = () => {
    for (const q of all) if (q.isError) void q.refetch();
    if (view === 'donor' && returnsQ.isError) void returnsQ.refetch();
  };
  return {
    view,
    scaleMode,
    filters,
    routeFlows: { data: routeFlows.data },
    /** Flows per route and direction, when the two directions are drawn side by side (`splitDirections`). */
    routeDirections: { data: splitDirections ? byDirection.data : undefined },
    splitDirections,
    pointFlows: { data: pointFlows.data },
    assisted: { data: assisted.data },
    returns: { data: returns.data, isError: returnsQ.isError, error: returnsQ.error, isPending: returnsQ.isPending && view === 'donor' },
    settled,
    error,
    stale,
    asOf,
    isFetching,
    isEmpty,
    maxFlow,
    maxAssisted,
    maxReturns,
    routeChange,
    pointChange,
    previous: prev,
    /** The filters the transit centres' numbers carry (period and the breakdown filters the role may combine). */
    centreFilters,
    /** Flows view: breakdown filters applied to the flows that the transit centres' numbers do not carry. */
    centresNotFilteredBy: view === 'flows' ? centresNotFilteredBy : [],
    refetch,
  };
}

export type MapMetrics = ReturnType<typeof useMapMetrics>;
