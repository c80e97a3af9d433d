/**
 * Coverage over any store (engine-neutral): the monitoring points and their active dates (Store.places), the routes
 * (Store.routes), the regions (Store.regions), and the weeks each point reported, read with the existing flows query
 * grouped by point and week (Store.aggregateFlows). No count of people leaves this module: only which weeks had rows.
 */
import { addDays, weekStarts, type Period } from '../../shared/calendar';
import type { Store } from '../store/types';
import { computeCoverage, type CoverageBody, type CoverageReporting, type CoverageUnit } from './coverage';

/** Point id → ISO Mondays of the weeks, within the period, with at least one observation row (zeros included). */
export async function reportedWeeks(store: Store, period: Period): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const weeks = weekStarts(period);
  if (weeks.length === 0) return out;
  const res = await store.aggregateFlows({ from: weeks[0]!, to: addDays(weeks[weeks.length - 1]!, 6), groupBy: ['point', 'week'] });
  for (const row of res.rows) {
    const point = String(row['point']);
    const set = out.get(point) ?? new Set<string>();
    set.add(String(row['week']));
    out.set(point, set);
  }
  return out;
}

export async function coverageData(store: Store, period: Period, unit: CoverageUnit, reporting: CoverageReporting): Promise<CoverageBody> {
  const [places, routes, regions, reported] = await Promise.all([
    store.places(),
    store.routes(),
    store.regions(),
    reporting === 'span' ? Promise.resolve(new Map<string, Set<string>>()) : reportedWeeks(store, period),
  ]);
  const points = places.features
    .map((f) => f.properties)
    .filter((p) => p.kind === 'monitoring_point')
    .map((p) => ({ id: p.id, name: p.name, region: p.admin1Pcode, routes: p.routes, activeFrom: p.activeFrom, activeTo: p.activeTo }));
  return computeCoverage({
    period,
    unit,
    reporting,
    points,
    reported,
    routes: routes.features.map((f) => ({ id: f.properties.id, monitoredBy: f.properties.monitoredBy })),
    regions: regions.features.map((f) => ({ pcode: f.properties.pcode, name: f.properties.name })),
  });
}
