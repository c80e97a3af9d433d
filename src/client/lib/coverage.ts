/**
 * Coverage, folded for the client (pure): the share of a period the monitoring points were counting, and what a view
 * says of it. One rule for every panel, card, table and export note: a share of 1 is "counting", below 1 "partly
 * monitored" with the share, no active point (or none at all) "not monitored" — never a 0 and never a "normal" verdict
 * drawn from weeks nobody counted. Words: components/coverage-i18n.ts (namespace `coverage`), see `monitoringText`.
 */
import type { CoverageResponse } from '../../shared/api-coverage';

/**
 * The share of the period's point-steps reported, over the steps starting inside `from`…`to`, for the points `ids`:
 * null when no point was active in it (not monitored, not 0 %).
 */
export function periodCoverage(
  cov: Pick<CoverageResponse, 'unit' | 'steps' | 'points'>,
  ids: readonly string[],
  from: string | null,
  to: string | null,
): number | null {
  let active = 0;
  let reported = 0;
  for (const p of cov.points) {
    if (!ids.includes(p.id)) continue;
    cov.steps.forEach((s, i) => {
      if ((from && s < from.slice(0, cov.unit === 'month' ? 7 : 10)) || (to && s > to)) return;
      const v = p.series[i];
      if (v === null || v === undefined) return;
      active += 1;
      reported += v;
    });
  }
  return active === 0 ? null : reported / active;
}

/** What a region, a route, a point or the whole view was, as to counting, over a period. */
export type Monitoring = { kind: 'none' } | { kind: 'partly'; share: number } | { kind: 'full' };

/** One rule: null (no active monitoring point) → not monitored; below 1 → partly monitored; 1 → counting. */
export function monitoringOf(share: number | null | undefined): Monitoring {
  if (share === null || share === undefined || Number.isNaN(share)) return { kind: 'none' };
  return share >= 1 ? { kind: 'full' } : { kind: 'partly', share: Math.max(0, share) };
}

/** The monitoring of the points `ids` over `from`…`to` (no id: not monitored). */
export function monitoringIn(
  cov: Pick<CoverageResponse, 'unit' | 'steps' | 'points'>,
  ids: readonly string[],
  from: string | null,
  to: string | null,
): Monitoring {
  return monitoringOf(ids.length === 0 ? null : periodCoverage(cov, ids, from, to));
}

/** The monitoring points of a region (Niger admin-1 pcode). */
export const pointsInRegion = (cov: Pick<CoverageResponse, 'points'>, pcode: string): string[] => cov.points.filter((p) => p.region === pcode).map((p) => p.id);

/** The monitoring points of a route (its `monitoredBy` as coverage knows them); [] for a route without any. */
export const pointsOnRoute = (cov: Pick<CoverageResponse, 'routes'>, id: string): string[] => cov.routes.find((r) => r.id === id)?.points ?? [];

/** The keys of the `coverage` catalogue (components/coverage-i18n.ts) a monitoring state is said with. */
export type MonitoringKey = 'counting_weeks' | 'counting_months' | 'partly_weeks' | 'partly_months' | 'spanFull' | 'spanPartly' | 'notMonitored';

/**
 * The words for a monitoring state, one rule for every view (the pathway's corridors included): "counting 100 % of
 * weeks", "partly monitored: counting 60 % of weeks", "not monitored in this period". Returns the `coverage`
 * catalogue's key and the share to put in it (null: none); components/CoverageNote.tsx useMonitoringWords says it.
 */
export function monitoringText(m: Monitoring, reporting: CoverageResponse['reporting']): { key: MonitoringKey; share: number | null } {
  if (m.kind === 'none') return { key: 'notMonitored', share: null };
  const share = m.kind === 'full' ? 1 : m.share;
  if (reporting === 'span') return { key: m.kind === 'full' ? 'spanFull' : 'spanPartly', share };
  const unit = reporting === 'months' ? 'months' : 'weeks';
  return { key: m.kind === 'full' ? `counting_${unit}` : `partly_${unit}`, share };
}
