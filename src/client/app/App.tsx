/**
 * The shell: header (view and language switches), filter bar, the map with its legend and states, the
 * side content of the current view, and the time strip. Panels and charts are lazy-loaded so the first
 * map needs less JavaScript.
 */
import type { MetaResponse } from '../../shared/api';
import { lazy, memo, Suspense, useDeferredValue, useEffect, useState, type ReactNode } from 'react';
import { useMeta, usePlaces } from '../api/queries';
import { EmptyState, ErrorState, Loading, StaleNote } from '../components/States';
import { FilterBar } from '../features/filters/FilterBar';
import { HotspotsLegend } from '../features/hotspots/HotspotsLegend';
import { HotspotsLayers, useHotspotsOverlay } from '../features/hotspots/HotspotsLayers';
import { useSelection } from '../state/filters';
import { useView } from '../state/view';
import { useSession } from '../features/session';
import { MapView } from '../map/MapView';
import { useMapMetrics, type MapMetrics } from '../map/useMapMetrics';
import { FIRST_IDLE_FALLBACK_MS, markFirstMapIdle, useFirstMapIdle } from '../map/first-idle';
import { Header } from './Header';
import { useUrlSync } from './useUrlSync';
import { useFollowRole, useLandingView } from './useRoleView';
import { useLanguage, useTranslation } from '../i18n/i18n';
import { joinList } from '../i18n/words';

const SidePanel = lazy(() => import('./SidePanel').then((m) => ({ default: m.SidePanel })));
const Overview = memo(lazy(() => import('../features/flows/Overview').then((m) => ({ default: m.Overview }))));
const DonorLayers = lazy(() => import('../features/donor/DonorLayers').then((m) => ({ default: m.DonorLayers })));
const DonorOverview = memo(lazy(() => import('../features/donor/DonorOverview').then((m) => ({ default: m.DonorOverview }))));
const HotspotsOverview = lazy(() => import('../features/hotspots/HotspotsOverview').then((m) => ({ default: m.HotspotsOverview })));
const RegionPanel = lazy(() => import('../features/hotspots/RegionPanel').then((m) => ({ default: m.RegionPanel })));
const HeadlineCards = lazy(() => import('../features/cards/HeadlineCards').then((m) => ({ default: m.HeadlineCards })));
const SkipLinks = lazy(() => import('./SkipLinks').then((m) => ({ default: m.SkipLinks })));
/** The legend, like the time strip, after the first map (its scales and symbols are not needed to draw it). */
const Legend = lazy(() => import('../map/Legend').then((m) => ({ default: m.Legend })));
const PrintStill = lazy(() => import('../map/PrintStill').then((m) => ({ default: m.PrintStill })));
const PressurePanel = lazy(() => import('../features/pressure/PressurePanel').then((m) => ({ default: m.PressurePanel })));
const TimeStrip = memo(lazy(() => import('../features/time/TimeStrip').then((m) => ({ default: m.TimeStrip }))));

/** The viewport of the link the page was opened with (the map reads it when the stores do not hold one yet). */

function FollowRole({ ready, meta }: { ready: boolean; meta: MetaResponse | undefined }) {
  useFollowRole(ready, meta);
  return null;
}

export function App() {
  const meta = useMeta();
  const session = useSession();
  const ready = useUrlSync(meta.data, useLandingView(), session.data);
  const { t } = useTranslation();

  if (meta.isError) {
    return (
      <div className="app app--centred">
        <ErrorState error={meta.error} onRetry={() => void meta.refetch()} />
      </div>
    );
  }
  // The header, the filter bar and the map join when /meta and the URL state are known (main.tsx asks for /meta before
  // React starts). The map waits for them so that it starts at its final size: started beside the shorter
  // placeholders, it was resized when the header and filters arrived (a second canvas and a full redraw while loading,
  // and an initial view fitted to the wrong height). The metrics bind by feature-state when they arrive.
  const shown = meta.data !== undefined && ready;
  return (
    <div className="app">
      <LaterSkipLinks />
      {/* Apart, so that a filter change re-renders this small piece, not the shell. */}
      <FollowRole ready={ready} meta={meta.data} />
      {shown ? (
        <>
          <Header meta={meta.data} />
          <FilterBar meta={meta.data} />
        </>
      ) : (
        <>
          <header className="header">
            <div className="header__titles">
              <h1 className="header__title">{t('appTitle')}</h1>
              <p className="header__subtitle">{t('appSubtitle')}</p>
            </div>
          </header>
          <div className="filters">
            <Loading inline />
          </div>
        </>
      )}
      <Main ready={shown} />
    </div>
  );
}

/** The skip links, once the first map is drawn (their code loads then). */
function LaterSkipLinks() {
  const idle = useFirstMapIdle((s) => s.idle);
  return idle ? (
    <Suspense fallback={null}>
      <SkipLinks />
    </Suspense>
  ) : null;
}

function Main({ ready }: { ready: boolean }) {
  const firstIdle = useFirstMapIdle((s) => s.idle);
  // Fallback when the map never says it is idle with all layers (an error state, no WebGL).
  useEffect(() => {
    if (!ready || firstIdle) return;
    const timer = setTimeout(markFirstMapIdle, FIRST_IDLE_FALLBACK_MS);
    return () => clearTimeout(timer);
  }, [ready, firstIdle]);
  const later = ready && firstIdle;
  const view = useView((s) => s.view);
  const hotspots = useHotspotsOverlay(view === 'hotspots');
  const metrics = useMapMetrics(view === 'hotspots' ? hotspots.query : undefined);
  const meta = useMeta();
  const places = usePlaces();
  const selected = useSelection((s) => s.selected);
  const [tablesOpen, setTablesOpen] = useState(false);
  const { t } = useTranslation();
  useEffect(() => {
    const show = () => setTablesOpen(true);
    window.addEventListener('atlas:show-tables', show);
    return () => window.removeEventListener('atlas:show-tables', show);
  }, []);

  // The side content follows the metrics at low priority: a filter change first re-renders and re-binds the map.
  const sideMetrics = useDeferredValue(metrics);

  let overlay: ReactNode = null;
  if (view === 'donor')
    overlay = (
      <Suspense fallback={null}>
        <DonorLayers
          returns={metrics.returns.data}
          maxReturns={metrics.maxReturns}
          places={places.data}
          meta={meta.data}
          period={{ from: metrics.filters.from, to: metrics.filters.to }}
        />
      </Suspense>
    );
  if (view === 'hotspots') overlay = <HotspotsLayers data={hotspots.data} />;

  const showPanel = selected !== null && selected.type !== 'region' && view !== 'hotspots';
  let side: ReactNode;
  if (!later) side = <aside className="side" aria-busy="true" />;
  else if (showPanel) side = <SidePanel />;
  else if (view === 'hotspots' && selected?.type === 'region') side = <RegionPanel query={hotspots.query} />;
  else {
    const body =
      view === 'donor' ? (
        <DonorOverview metrics={sideMetrics} />
      ) : view === 'hotspots' ? (
        <HotspotsOverview query={hotspots.query} />
      ) : (
        <Overview metrics={sideMetrics} />
      );
    side = (
      <aside id="side-overview" className={tablesOpen ? 'side side--open' : 'side'} aria-label={t('overview.title')} data-testid={`side-${view}`}>
        <HeadlineCards />
        {body}
      </aside>
    );
  }

  return (
    <main className="main" data-view={view}>
      <div className="map-column">
        <div className="map-area" id="map-area" data-testid="map-area">
          {ready ? (
            <MapView metrics={metrics} overlay={overlay} overlayInteractiveIds={hotspots.interactiveIds} describeOverlay={hotspots.describe} />
          ) : (
            <div className="map" aria-busy="true" />
          )}
          {later ? (
            <Suspense fallback={null}>
              <PrintStill />
              <PressurePanel />
            </Suspense>
          ) : null}
          <MapStatus metrics={metrics}>
            <ViewNotice />
            <CentresNote metrics={metrics} />
          </MapStatus>
          {later ? (
            <Suspense fallback={null}>
              <MapLegend metrics={metrics} hotspotsMax={Math.max(0, ...(hotspots.data?.regions ?? []).map((r) => r.flows ?? 0))} />
            </Suspense>
          ) : null}
          <button
            type="button"
            className="btn tables-toggle no-print"
            aria-expanded={tablesOpen}
            aria-controls="side-overview"
            onClick={() => setTablesOpen((o) => !o)}
          >
            {tablesOpen ? t('overview.hide') : t('overview.show')}
          </button>
        </div>
        {later && meta.data ? (
          <Suspense fallback={<div className="timestrip timestrip--pending" />}>
            <TimeStrip meta={meta.data} />
          </Suspense>
        ) : (
          // Holds the strip's place until it loads (after the first map), so the map is not resized under it.
          <div className="timestrip timestrip--pending" aria-busy="true" />
        )}
      </div>
      {/* The fallback keeps the side column's place while its chunk loads, so the map is not widened meanwhile. */}
      <Suspense
        fallback={
          <aside className="side" aria-busy="true">
            <Loading inline />
          </aside>
        }
      >
        {side}
      </Suspense>
    </main>
  );
}

/** Above the map: the map's own state (loading, empty, error, stale) after any notes (`children`). */
export function MapStatus({ metrics, children }: { metrics: MapMetrics; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="map-status" aria-live="polite">
      {children}
      {metrics.stale ? (
        <StaleNote asOf={metrics.asOf} error={metrics.error} onRetry={metrics.refetch} />
      ) : metrics.error ? (
        <ErrorState error={metrics.error} onRetry={metrics.refetch} />
      ) : metrics.isEmpty ? (
        <EmptyState />
      ) : metrics.isFetching ? (
        <Loading inline label={metrics.settled ? t('updating') : t('loading')} />
      ) : null}
    </div>
  );
}

/**
 * A view the link asked for that this role cannot use: said plainly (who it is for, how to get it), beside the view
 * the role lands on instead — information, not an error.
 */
export function ViewNotice() {
  const notice = useView((s) => s.notice);
  const dismiss = useView((s) => s.dismissNotice);
  const session = useSession();
  const { t } = useTranslation();
  if (!notice || !session.data) return null;
  const role = session.data.role;
  return (
    <div className="view-notice no-print" role="status" data-testid="view-notice" data-view={notice}>
      <p>
        {t('access.viewNotice', {
          context: role === 'public' ? 'signedOut' : undefined,
          view: t(`views.${notice}`),
          forWhom: t(`access.viewFor.${notice}`),
          account: t(`access.account.${role}`),
        })}
      </p>
      <button type="button" className="btn btn--small" onClick={dismiss} data-testid="view-notice-dismiss">
        {t('access.dismiss')}
      </button>
    </div>
  );
}

/** Flows view: the filters the transit centres' numbers do not carry (they are sized by all people assisted then). */
function CentresNote({ metrics }: { metrics: MapMetrics }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (metrics.view !== 'flows' || metrics.centresNotFilteredBy.length === 0) return null;
  const names = metrics.centresNotFilteredBy.map((k) => t(`filters.${k}`).toLowerCase());
  return (
    <p className="map-note" data-testid="centres-note">
      {t('access.centresNotFiltered', { filters: joinList(names, 'or', lang) })}
    </p>
  );
}

function MapLegend({ metrics, hotspotsMax }: { metrics: MapMetrics; hotspotsMax: number }) {
  return (
    <Legend
      view={metrics.view}
      maxFlow={metrics.maxFlow}
      maxAssisted={metrics.maxAssisted}
      maxReturns={metrics.maxReturns}
      direction={metrics.filters.direction}
      splitDirections={metrics.splitDirections}
    >
      {metrics.view === 'hotspots' ? <HotspotsLegend metric="change" maxFlows={hotspotsMax} /> : undefined}
    </Legend>
  );
}
