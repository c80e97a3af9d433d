/** Side content of the hotspots view: the ranked table (the table alternative to the choropleth), its legend, the method, exports and states. */
import type { UseQueryResult } from '@tanstack/react-query';
import { anomalyMethod } from '../../../shared/anomaly-method';
import type { HotspotsResponse } from '../../../shared/api';
import { EmptyState, ErrorState, Loading, StaleNote, useLastGood } from '../../components/States';
import { ProtectionNote } from '../../components/ProtectionNote';
import { regionCount } from '../../lib/suppressed';
import { t } from '../../lib/strings';
import { useSelection } from '../../state/filters';
import { useView } from '../../state/view';
import { HotspotsTable } from './HotspotsTable';
import { ExportBar } from '../../components/ExportBar';

export function HotspotsOverview({ query }: { query: UseQueryResult<HotspotsResponse> }) {
  const lang = useView((s) => s.lang);
  const selected = useSelection((s) => s.selected);
  const select = useSelection((s) => s.select);
  const last = useLastGood(query.data, query.dataUpdatedAt);
  const data = last.data;
  return (
    <section className="overview" data-testid="hotspots-overview" aria-labelledby="hotspots-title">
      <h2 id="hotspots-title" className="overview__title">
        {t.hotspots.title}
      </h2>
      {query.isError && data ? <StaleNote asOf={last.at} error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isError && !data ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data && query.isPending ? <Loading inline /> : null}
      {data && data.regions.length === 0 ? <EmptyState /> : null}
      {data && data.regions.length > 0 ? (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t.hotspots.title}>
          <HotspotsTable
            data={data}
            lang={lang}
            selected={selected?.type === 'region' ? selected.id : null}
            onSelect={(pcode) => select(selected?.type === 'region' && selected.id === pcode ? null : { type: 'region', id: pcode })}
          />
          </div>
          <ProtectionNote
            disclosure={data.disclosure}
            lang={lang}
            counts={data.regions.filter((r) => r.monitored).flatMap((r) => [regionCount(r, 'flows', data.disclosure), regionCount(r, 'assisted', data.disclosure)])}
            testId="hotspots-protection"
          />
          <p className="muted overview__hint" data-testid="hotspots-method">
            {/* The method in the reader's language (the answer's `method` is the English text of the same numbers):
                on published months for month-resolution audiences, on exact weeks for programme staff. */}
            {anomalyMethod(lang, data.disclosure ? 'month' : 'week')}
          </p>
          <ExportBar csv={[{ label: t.hotspots.title, path: '/hotspots', params: { from: data.from, to: data.to } }]} />
        </>
      ) : null}
    </section>
  );
}
