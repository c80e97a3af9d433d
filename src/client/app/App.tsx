/** The shell: header, filter bar, map with its legend and states, side panel. */
import { useState } from 'react';
import { useMeta } from '../api/queries';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { FilterBar } from '../features/filters/FilterBar';
import { Overview } from '../features/overview/Overview';
import { SidePanel } from '../features/panel/SidePanel';
import { useSelection } from '../state/filters';
import { t } from '../lib/strings';
import { Legend } from '../map/Legend';
import { MapView } from '../map/MapView';
import { useMapMetrics, type MapMetrics } from '../map/useMapMetrics';
import { Header } from './Header';
import { useUrlSync } from './useUrlSync';

export function App() {
  const meta = useMeta();
  const ready = useUrlSync(meta.data);

  if (meta.isError) {
    return (
      <div className="app app--centred">
        <ErrorState error={meta.error} onRetry={() => void meta.refetch()} />
      </div>
    );
  }
  if (!meta.data || !ready) {
    return (
      <div className="app app--centred">
        <Loading />
      </div>
    );
  }
  return (
    <div className="app">
      <Header meta={meta.data} />
      <FilterBar meta={meta.data} />
      <Main />
    </div>
  );
}

function Main() {
  const metrics = useMapMetrics();
  const selected = useSelection((s) => s.selected);
  const [tablesOpen, setTablesOpen] = useState(false);
  return (
    <main className="main">
      <div className="map-area">
        <MapView metrics={metrics} />
        <MapStatus metrics={metrics} />
        <MapLegend metrics={metrics} />
        <button
          type="button"
          className="btn tables-toggle"
          aria-expanded={tablesOpen}
          aria-controls="side-overview"
          onClick={() => setTablesOpen((o) => !o)}
        >
          {tablesOpen ? t.overview.hide : t.overview.show}
        </button>
      </div>
      {selected ? (
        <SidePanel />
      ) : (
        <aside id="side-overview" className={tablesOpen ? 'side side--open' : 'side'} aria-label={t.overview.title}>
          <Overview metrics={metrics} />
        </aside>
      )}
    </main>
  );
}

export function MapStatus({ metrics }: { metrics: MapMetrics }) {
  return (
    <div className="map-status" aria-live="polite">
      {metrics.error ? (
        <ErrorState error={metrics.error} onRetry={metrics.refetch} />
      ) : metrics.isEmpty ? (
        <EmptyState />
      ) : metrics.isFetching ? (
        <Loading inline label={metrics.settled ? t.updating : t.loading} />
      ) : null}
    </div>
  );
}

function MapLegend({ metrics }: { metrics: MapMetrics }) {
  const narrow = typeof window !== 'undefined' && window.matchMedia?.('(max-width: 640px)').matches;
  return <Legend maxFlow={metrics.maxFlow} maxAssisted={metrics.maxAssisted} direction={metrics.filters.direction} defaultOpen={!narrow} />;
}
