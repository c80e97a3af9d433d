/**
 * The pathway's geography and coverage over any store (engine-neutral): the share of each route's active point-weeks
 * that reported per month (the coverage rule, analytics/coverage.ts). Its reference data (which centre serves which
 * route) is read by centre-routes-data.ts, as the pressure forecast's.
 */
import { monthEnd, monthStarts, type Period } from '../../shared/calendar';
import type { Store } from '../store/types';
import { computeCoverage, type CoverageReporting } from './coverage';
import { reportedWeeks } from './coverage-data';
import type { PathwayGeography, RouteCoverage } from './pathway';

export async function pathwayGeography(store: Store): Promise<PathwayGeography> {
  const [places, routes] = await Promise.all([store.places(), store.routes()]);
  return {
    routes: routes.features.map((f) => ({ id: f.properties.id, name: f.properties.name, monitoredBy: f.properties.monitoredBy })),
    centreNames: new Map(places.features.filter((f) => f.properties.kind === 'transit_centre').map((f) => [f.properties.id, f.properties.name])),
  };
}

/**
 * Per route and month of `period` (clamped to the data), the share of the route's active point-weeks that reported
 * (point-months in `months` reporting), as /coverage computes it for that month alone.
 */
export async function routeCoverage(store: Store, period: Period, reporting: CoverageReporting): Promise<RouteCoverage> {
  const [places, routes, reported] = await Promise.all([
    store.places(),
    store.routes(),
    reporting === 'span' ? Promise.resolve(new Map<string, Set<string>>()) : reportedWeeks(store, period),
  ]);
  const points = places.features
    .map((f) => f.properties)
    .filter((p) => p.kind === 'monitoring_point')
    .map((p) => ({ id: p.id, name: p.name, region: p.admin1Pcode, routes: p.routes, activeFrom: p.activeFrom, activeTo: p.activeTo }));
  const routeList = routes.features.map((f) => ({ id: f.properties.id, monitoredBy: f.properties.monitoredBy }));
  const shares = new Map<string, number | null>();
  for (const m of monthStarts(period)) {
    const month = { from: m < period.from ? period.from : m, to: monthEnd(m) > period.to ? period.to : monthEnd(m) };
    const body = computeCoverage({ period: month, unit: 'month', reporting, points, reported, routes: routeList, regions: [] });
    for (const r of body.routes) shares.set(`${r.id}/${m}`, r.share);
  }
  return (route, month) => shares.get(`${route}/${month}`) ?? null;
}
