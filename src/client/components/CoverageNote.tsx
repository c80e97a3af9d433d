/**
 * "Data as of 30 Dec 2019 · counting 100 % of weeks": the data-as-of date and the share of the period the monitoring
 * points behind a card or panel were counting (GET /api/v1/coverage over the data range, the same answer as the time
 * strip's band; outside roles get months). One rule and one wording for every view: lib/coverage.ts. Loaded with the
 * panels (after the first map). Assistance (transit centres) is not counted by monitoring points: `of="assistance"`
 * states the data-as-of date and says so, without a share.
 */
import { useQuery } from '@tanstack/react-query';
import { coverageResponse } from '../../shared/api-coverage';
import { fetchJson } from '../api/client';
import { coverageKey } from '../api/coverage';
import { useMeta } from '../api/queries';
import { formatDate, formatPercent } from '../i18n/format';
import { useLanguage, useTranslation } from '../i18n/i18n';
import { monitoringIn, monitoringText, pointsInRegion, pointsOnRoute, type Monitoring } from '../lib/coverage';
import { useFilterValues } from '../state/filters';
import './coverage-i18n';
import './coverage.css';

/** Whose coverage: every point, a route's, a region's, one point's, or assistance (no share). */
export type CoverageOf = { all: true } | { route: string } | { region: string } | { point: string } | 'assistance';

/** GET /api/v1/coverage over the data range (the key the time strip and the map share); undefined until known. */
export function useCoverageOfRange() {
  const range = useMeta().data?.dateRange;
  return useQuery({
    queryKey: coverageKey(range ? { from: range.min, to: range.max } : { from: '', to: '' }),
    queryFn: ({ signal }) => fetchJson('/coverage', coverageResponse, { signal, params: { from: range!.min, to: range!.max } }),
    enabled: !!range,
    staleTime: Infinity,
  });
}

/** The monitoring of `of` over the filters' period, with the answer's reporting mode; null until coverage is known. */
export function useMonitoring(of: Exclude<CoverageOf, 'assistance'>) {
  const cov = useCoverageOfRange().data;
  const { from, to } = useFilterValues();
  if (!cov) return null;
  const ids =
    'route' in of ? pointsOnRoute(cov, of.route) : 'region' in of ? pointsInRegion(cov, of.region) : 'point' in of ? [of.point] : cov.points.map((p) => p.id);
  return { monitoring: monitoringIn(cov, ids, from, to), reporting: cov.reporting, dataAsOf: cov.dataAsOf };
}

/** The words of a monitoring state in the page's language (lib/coverage.ts monitoringText). */
export function useMonitoringWords() {
  const { t } = useTranslation('coverage');
  const lang = useLanguage();
  return (m: Monitoring, reporting: 'weeks' | 'months' | 'span') => {
    const { key, share } = monitoringText(m, reporting);
    return share === null ? t(key, { share: '' }) : t(key, { share: formatPercent(share, lang) });
  };
}

export function CoverageNote({ of, testId = 'coverage-note' }: { of: CoverageOf; testId?: string }) {
  const { t } = useTranslation('coverage');
  const lang = useLanguage();
  const meta = useMeta().data;
  const words = useMonitoringWords();
  const state = useMonitoring(of === 'assistance' ? { all: true } : of);
  const dataAsOf = state?.dataAsOf ?? meta?.dataAsOf;
  if (!dataAsOf) return null;
  const asOf = t('dataAsOf', { date: formatDate(dataAsOf, lang) });
  const share = of === 'assistance' ? t('assistance') : state ? words(state.monitoring, state.reporting) : null;
  return (
    <p
      className="muted coverage-note"
      data-testid={testId}
      data-monitoring={of === 'assistance' ? 'assistance' : (state?.monitoring.kind ?? 'pending')}
      title={t('title')}
    >
      <time dateTime={dataAsOf}>{asOf}</time>
      {share ? ` · ${share}` : null}
    </p>
  );
}

/**
 * A short mark for a table row or a corridor: nothing when counting all period, "partly monitored (60 %)" below it,
 * "not monitored" without an active point (lib/coverage.ts monitoringOf decides; reusable by the pathway).
 */
export function MonitoringMark({ monitoring, testId = 'monitoring-mark' }: { monitoring: Monitoring | null; testId?: string }) {
  const { t } = useTranslation('coverage');
  const lang = useLanguage();
  if (!monitoring || monitoring.kind === 'full') return null;
  return (
    <span className={`monitoring-mark is-${monitoring.kind}`} data-testid={testId} data-monitoring={monitoring.kind} title={t('title')}>
      {monitoring.kind === 'partly' ? t('partlyShort', { share: formatPercent(monitoring.share, lang) }) : t('notMonitoredShort')}
    </span>
  );
}
