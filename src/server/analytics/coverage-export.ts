/**
 * What an export says of coverage (the CSV/HXL answers of /flows, /assistance, /returns): the data-as-of date and, for
 * flows, the share of the period the monitoring points behind the export were counting, by the one coverage rule
 * (analytics/coverage.ts, over the same answer GET /api/v1/coverage gives the role: weeks for staff, months or active
 * dates for outside roles). Said in response headers, so the file itself (and the HXL re-import round trip) is unchanged.
 */
import type { CoverageShare } from '../../shared/api-coverage';
import type { Period } from '../../shared/calendar';
import type { Store } from '../store/types';
import { shareOf, type CoverageBody, type CoverageReporting, type CoverageUnit } from './coverage';
import { coverageData } from './coverage-data';
import { cacheKey } from '../lib/cache';

export interface ExportScope {
  point?: readonly string[] | undefined;
  route?: readonly string[] | undefined;
  region?: readonly string[] | undefined;
}

/** The monitoring points an export's filters stand for (every filter given narrows; none: every point). */
export function exportPoints(cov: Pick<CoverageBody, 'points' | 'routes'>, scope: ExportScope): string[] {
  const onRoutes = scope.route ? new Set(cov.routes.filter((r) => scope.route!.includes(r.id)).flatMap((r) => r.points)) : null;
  return cov.points
    .filter(
      (p) =>
        (!scope.point || scope.point.includes(p.id)) &&
        (!onRoutes || onRoutes.has(p.id)) &&
        (!scope.region || (p.region !== null && scope.region.includes(p.region))),
    )
    .map((p) => p.id);
}

/** The share of the period reported by the points `ids` (null share: none active, not monitored). */
export function exportShare(cov: Pick<CoverageBody, 'points'>, ids: readonly string[]): CoverageShare {
  let active = 0;
  let reported = 0;
  for (const p of cov.points) {
    if (!ids.includes(p.id)) continue;
    active += p.period.active;
    reported += p.period.reported;
  }
  return shareOf(active, reported);
}

/** The `Period-Coverage` header: "0.875; reporting=weeks; reported=7; active=8", or "not-monitored; reporting=…". */
export function periodCoverageHeader(s: CoverageShare, reporting: CoverageReporting): string {
  return `${s.share === null ? 'not-monitored' : s.share}; reporting=${reporting}; reported=${s.reported}; active=${s.active}`;
}

/** `cached` keeps one coverage answer per data version, period and reporting (an export repeated is not recomputed). */
export async function exportCoverage(
  store: Store,
  period: Period,
  unit: CoverageUnit,
  reporting: CoverageReporting,
  scope: ExportScope,
  cached: (key: string, compute: () => Promise<CoverageBody>) => Promise<CoverageBody> = (_key, compute) => compute(),
) {
  const key = cacheKey('coverage-export', store.info().dataVersion, {}, period, `${unit}/${reporting}`);
  const cov = await cached(key, () => coverageData(store, period, unit, reporting));
  return periodCoverageHeader(exportShare(cov, exportPoints(cov, scope)), reporting);
}
