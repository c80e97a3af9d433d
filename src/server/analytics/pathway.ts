/**
 * Pathway: from the corridor to the help (engine-neutral). Per route and month it puts side by side three answers the
 * API already gives — people counted `incoming` at the route's monitoring points (/flows), people assisted at the
 * centres serving the route by service (/assistance), returns from those centres by destination (/returns) — read
 * through `Ask`, which is the store's exact aggregate for programme staff and the published (protected) answer for
 * outside roles (routes/pathway.ts). Nothing here reads a count any other way, so for outside roles the pathway is
 * post-processing of published answers: no new information.
 *
 * A route month is **not monitored** when none of its monitoring points was active, or none reported (the coverage
 * rule, analytics/coverage.ts): observed is then null, never 0. Partly monitored: some active point-weeks did not report.
 */
import type { PathwayCount, PathwayMonth, PathwayRoute } from '../../shared/api-pathway';
import type { AggregateRow } from '../../shared/api';
import { PEOPLE_ASSISTED_SERVICE } from '../../shared/enums';
import { centresServing, type CentreRoutes } from '../../shared/centre-routes';
import { monthStart } from '../../shared/calendar';

export type PathwayMetric = 'flows' | 'assistance' | 'returns';

/** An aggregate answer's rows, or null when the query is not published for this audience. */
export type Ask = (metric: PathwayMetric, query: Record<string, unknown>) => Promise<AggregateRow[] | null>;

/** Route id → per month (first day) the share of active point-weeks that reported (null: no point active). */
export type RouteCoverage = (route: string, month: string) => number | null;

export interface PathwayGeography {
  routes: ReadonlyArray<{ id: string; name: string; monitoredBy: readonly string[] }>;
  centreNames: ReadonlyMap<string, string>;
}

const NOTHING: PathwayCount = { count: 0 };

/** The count of an answer's row, with its protection marks (a month without a row is 0: nothing was counted). */
export function countOf(row: AggregateRow | undefined): PathwayCount {
  if (!row) return NOTHING;
  const c: PathwayCount = { count: row.count };
  if (row.suppressed) c.suppressed = true;
  if (row.perturbed) c.perturbed = true;
  if (row.partial) c.partial = true;
  return c;
}

const monthOf = (row: AggregateRow) => monthStart(String(row['month']));

/** Rows keyed by month, then by the value of `dim` ('' without one). */
function byMonth(rows: readonly AggregateRow[], dim?: string): Map<string, Map<string, AggregateRow>> {
  const out = new Map<string, Map<string, AggregateRow>>();
  for (const r of rows) {
    const m = monthOf(r);
    const inner = out.get(m) ?? new Map<string, AggregateRow>();
    inner.set(dim ? String(r[dim]) : '', r);
    out.set(m, inner);
  }
  return out;
}

/** Step-1 assisted ÷ observed, three decimals; null (withheld when a count is) otherwise. */
export function reachOf(observed: PathwayCount, firstAssisted: readonly PathwayCount[], monitored: boolean): PathwayMonth['reach'] {
  if (!monitored || firstAssisted.length === 0) return { ratio: null, withheld: false };
  if (observed.count === null || firstAssisted.some((a) => a.count === null)) return { ratio: null, withheld: true };
  if (observed.count === 0) return { ratio: null, withheld: false };
  const assisted = firstAssisted.reduce((s, a) => s + a.count!, 0);
  return { ratio: Math.round((assisted / observed.count) * 1000) / 1000, withheld: false };
}

export async function pathwayOfRoute(
  ask: Ask,
  file: CentreRoutes,
  geo: PathwayGeography,
  coverage: RouteCoverage,
  route: string,
  months: readonly string[],
): Promise<PathwayRoute> {
  const r = geo.routes.find((x) => x.id === route)!;
  const links = centresServing(file, route);
  const flows = (await ask('flows', { route: [route], direction: 'incoming', groupBy: ['month'] })) ?? [];
  const observedBy = byMonth(flows);
  const centres = await Promise.all(
    links.map(async (l) => {
      const services = (await ask('assistance', { centre: [l.centre], groupBy: ['service', 'month'] })) ?? [];
      const byDest = await ask('returns', { centre: [l.centre], groupBy: ['destination', 'month'] });
      const returns = (await ask('returns', { centre: [l.centre], groupBy: ['month'] })) ?? [];
      return { id: l.centre, services: byMonth(services, 'service'), destinations: byDest ? byMonth(byDest, 'destination') : null, returns: byMonth(returns) };
    }),
  );
  const firstStep = new Set(links.filter((l) => l.step === 1).map((l) => l.centre));
  const monthsOut: PathwayMonth[] = months.map((month) => {
    const share = coverage(route, month);
    const monitoring: PathwayMonth['monitoring'] = share === null || share === 0 ? 'not_monitored' : share < 1 ? 'partly' : 'monitored';
    const observed: PathwayCount = monitoring === 'not_monitored' ? { count: null } : countOf(observedBy.get(month)?.get(''));
    const cs = centres.map((c) => {
      const services = [...(c.services.get(month)?.values() ?? [])].map((row) => ({ service: String(row['service']), ...countOf(row) }));
      const destinations = c.destinations
        ? [...(c.destinations.get(month)?.values() ?? [])].map((row) => ({ destination: String(row['destination']), ...countOf(row) }))
        : null;
      return {
        centre: c.id,
        assisted: countOf(c.services.get(month)?.get(PEOPLE_ASSISTED_SERVICE)),
        services,
        returns: countOf(c.returns.get(month)?.get('')),
        destinations,
      };
    });
    const reach = reachOf(
      observed,
      cs.filter((c) => firstStep.has(c.centre)).map((c) => c.assisted),
      monitoring !== 'not_monitored',
    );
    return { month, monitoring, coverage: share, observed, centres: cs, reach };
  });
  const unserved = links.length === 0 ? (file.unserved.find((u) => u.route === route)?.reasoning ?? null) : null;
  return {
    id: route,
    name: r.name,
    points: [...r.monitoredBy],
    centres: links.map((l) => ({ id: l.centre, name: geo.centreNames.get(l.centre) ?? l.centre, step: l.step, reasoning: l.reasoning })),
    unserved,
    months: monthsOut,
  };
}
