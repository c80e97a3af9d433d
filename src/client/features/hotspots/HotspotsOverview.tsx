/** Side content of the hotspots view: the ranked table (the table alternative to the choropleth), its legend, the method, exports and states. */
import type { UseQueryResult } from '@tanstack/react-query';
import {
  BASELINE_MONTHS,
  BASELINE_WEEKS,
  MAD_FLOOR,
  MAD_FLOOR_SHARE,
  MAD_SCALE,
  MIN_BASELINE_MONTHS,
  MIN_BASELINE_WEEKS,
  MIN_LEVEL,
  MIN_LEVEL_MONTH,
  RECENT_WEEKS,
  Z_THRESHOLD,
  type AnomalyUnit,
} from '../../../shared/anomaly-method';
import type { HotspotsResponse } from '../../../shared/api';
import { EmptyState, ErrorState, Loading, StaleNote, useLastGood } from '../../components/States';
import { ProtectionNote } from '../../components/ProtectionNote';
import { regionCount } from '../../lib/suppressed';
import { formatPrecise } from '../../i18n/format';
import { useLanguage, useTranslation, type Language } from '../../i18n/i18n';
import { useFilters, useSelection } from '../../state/filters';
import { useMeta } from '../../api/queries';
import { latestPeriod } from '../../../shared/calendar';
import { formatDate } from '../../i18n/format';
import { windowParams } from './region-detail';
import './panel-i18n';
import './region-panel.css';
import { HotspotsTable } from './HotspotsTable';
import { ExportBar } from '../../components/ExportBar';
import './i18n';

/**
 * The anomaly method's parameters for `hotspots:methodText.*`: the constants of src/shared/anomaly-method.ts (which
 * the server computes with), decimals at full precision in the language ("1.4826" / "1,4826").
 */
function methodParams(lang: Language) {
  const dec = (n: number) => formatPrecise(n, lang);
  return {
    recentWeeks: RECENT_WEEKS,
    baselineWeeks: BASELINE_WEEKS,
    minBaselineWeeks: MIN_BASELINE_WEEKS,
    minLevel: MIN_LEVEL,
    baselineMonths: BASELINE_MONTHS,
    minBaselineMonths: MIN_BASELINE_MONTHS,
    minLevelMonth: MIN_LEVEL_MONTH,
    madFloor: MAD_FLOOR,
    madScale: dec(MAD_SCALE),
    madFloorShare: dec(MAD_FLOOR_SHARE),
    zThreshold: dec(Z_THRESHOLD),
  };
}

export function HotspotsOverview({ query }: { query: UseQueryResult<HotspotsResponse> }) {
  const { t } = useTranslation(['common', 'hotspots']);
  const lang = useLanguage();
  const selected = useSelection((s) => s.selected);
  const select = useSelection((s) => s.select);
  const last = useLastGood(query.data, query.dataUpdatedAt);
  const data = last.data;
  return (
    <section className="overview" data-testid="hotspots-overview" aria-labelledby="hotspots-title">
      <h2 id="hotspots-title" className="overview__title">
        {t('hotspots.title')}
      </h2>
      {query.isError && data ? <StaleNote asOf={last.at} error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isError && !data ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data && query.isPending ? <Loading inline /> : null}
      {data && data.regions.length === 0 ? <EmptyState /> : null}
      <LatestButton months={data ? data.disclosure !== undefined : undefined} />
      {data && data.regions.length > 0 ? (
        <>
          <Baselines data={data} lang={lang} />
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('hotspots.title')}>
            <HotspotsTable
              data={data}
              selected={selected?.type === 'region' ? selected.id : null}
              onSelect={(pcode) => select(selected?.type === 'region' && selected.id === pcode ? null : { type: 'region', id: pcode })}
            />
          </div>
          <ProtectionNote
            disclosure={data.disclosure}
            lang={lang}
            counts={data.regions
              .filter((r) => r.monitored)
              .flatMap((r) => [regionCount(r, 'flows', data.disclosure), regionCount(r, 'assisted', data.disclosure)])}
            testId="hotspots-protection"
          />
          <p className="muted overview__hint" data-testid="hotspots-method">
            {/* The method in the reader's language (the answer's `method` is the English text of the same numbers):
                on published months for month-resolution audiences, on exact weeks for programme staff. */}
            {t(`hotspots:methodText.${(data.disclosure ? 'month' : 'week') satisfies AnomalyUnit}`, methodParams(lang))}
          </p>
          <ExportBar csv={[{ label: t('hotspots.title'), path: '/hotspots', params: { from: data.from, to: data.to } }]} />
        </>
      ) : null}
    </section>
  );
}

/**
 * The two comparisons of the view, said once: the change (the table's column and the map's colour) is on the previous
 * period, the anomaly flag on the score's own windows. Both with their dates.
 */
function Baselines({ data, lang }: { data: HotspotsResponse; lang: Language }) {
  const { t } = useTranslation('hotspotsPanel');
  return (
    <div className="hotspots-baselines" data-testid="hotspots-baselines">
      <p className="hotspots-baselines__title">{t('baselines.title')}</p>
      <p>{t('baselines.change', { from: formatDate(data.previousFrom, lang), to: formatDate(data.previousTo, lang) })}</p>
      {data.windows ? <p>{t('baselines.flag', windowParams(data.windows, lang))}</p> : null}
      <p className="muted">{t('baselines.why')}</p>
    </div>
  );
}

/** "Now": the latest 4 weeks (the score's recent window), or the latest month for audiences that see months only. */
function LatestButton({ months }: { months: boolean | undefined }) {
  const { t } = useTranslation('hotspotsPanel');
  const meta = useMeta();
  const from = useFilters((s) => s.from);
  const to = useFilters((s) => s.to);
  const setPeriod = useFilters((s) => s.setPeriod);
  if (!meta.data || months === undefined) return null;
  const p = latestPeriod(meta.data.dateRange, months ? 'month' : 'week');
  const on = from === p.from && to === p.to;
  return (
    <p className="hotspots-latest">
      <button type="button" className="btn btn--chip" aria-pressed={on} data-testid="hotspots-latest" onClick={() => setPeriod(p.from, p.to)}>
        {t('latest', { context: months ? 'month' : 'week', n: 4 })}
      </button>
    </p>
  );
}
