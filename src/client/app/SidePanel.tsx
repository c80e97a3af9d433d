/**
 * The side panel (a bottom sheet on narrow screens) for the selected place or route: name, kind,
 * headline cards, the numbers of the period from the API, charts. Close button; Escape closes, and focus goes back to where
 * the panel was opened from.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import type { PlaceProperties, RouteProperties } from '../../shared/api';
import { useMeta, usePlaces, useRoutes } from '../api/queries';
import { Loading } from '../components/States';
import { formatCount, formatDate } from '../i18n/format';
import { useLanguage, useTranslation } from '../i18n/i18n';
import { useFilterValues, useSelection, type SelectionRef } from '../state/filters';
import { CentrePanel } from '../features/facilities/CentrePanel';
import { FlowPanel } from '../features/flows/FlowPanel';
import { Facts } from '../components/panel/common';
import { countryName } from '../i18n/dataset-text';
import { returnFocus } from '../lib/focus-return';
import { HeadlineCards } from '../features/cards/HeadlineCards';

/** The corridor's pathway (observed → assisted → returned), in its own chunk. */
const PathwayView = lazy(() => import('../features/pathway/PathwayView').then((m) => ({ default: m.PathwayView })));

/** Closes the panel and gives focus back to where it came from (never <body>). */
function closePanel() {
  const { selected, opener, select } = useSelection.getState();
  select(null);
  returnFocus(opener, selected);
}

export function SidePanel() {
  const selected = useSelection((s) => s.selected);
  const { t } = useTranslation();

  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closePanel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selected]);

  if (!selected) return null;
  return (
    <aside className="panel" data-testid="panel" aria-label={t('panel.region')}>
      <PanelBody key={`${selected.type}:${selected.id}`} selected={selected} onClose={closePanel} />
    </aside>
  );
}

function PanelBody({ selected, onClose }: { selected: SelectionRef; onClose: () => void }) {
  const places = usePlaces();
  const routes = useRoutes();
  const filters = useFilterValues();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  const lang = useLanguage();
  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const place = selected.type === 'place' ? places.data?.features.find((f) => f.properties.id === selected.id)?.properties : undefined;
  const route = selected.type === 'route' ? routes.data?.features.find((f) => f.properties.id === selected.id)?.properties : undefined;
  const pending = selected.type === 'place' ? places.isPending : routes.isPending;

  const kind = place ? t(`placeKind.${place.kind}`) : route ? route.corridor : '';
  const title = place ? place.name : route ? `${route.id} ${route.name}` : pending ? t('loading') : selected.id;

  return (
    <div className="panel__inner">
      <header className="panel__header">
        <div>
          <div className="panel__kind">{kind}</div>
          <h2 className="panel__title" data-testid="panel-title" ref={titleRef} tabIndex={-1}>
            {title}
          </h2>
          {filters.from && filters.to ? (
            <div className="panel__period">{t('panel.period', { from: formatDate(filters.from, lang), to: formatDate(filters.to, lang) })}</div>
          ) : null}
        </div>
        <button type="button" className="btn btn--icon" onClick={onClose} aria-label={t('close')} data-testid="panel-close">
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="panel__body">
        {pending ? <Loading inline /> : null}
        <HeadlineCards />
        {place ? <PlaceBody place={place} routes={routes.data?.features.map((f) => f.properties) ?? []} /> : null}
        {route ? <RouteBody route={route} places={places.data?.features.map((f) => f.properties) ?? []} /> : null}
      </div>
    </div>
  );
}

function PlaceBody({ place, routes }: { place: PlaceProperties; routes: RouteProperties[] }) {
  const meta = useMeta();
  const { t } = useTranslation();
  const lang = useLanguage();
  const nationality = meta.data?.nationalities.find((n) => n.id === place.countryIso3);
  const country = nationality ? countryName(nationality, lang) : place.countryIso3;
  const onRoutes = routes.filter((r) => r.waypoints.includes(place.id) || r.waypoints.includes(place.id.replace(/-(fmp|tc|office)$/, '')));
  const facts: Array<[string, string]> = [[t('panel.country'), country]];
  if (place.kind === 'monitoring_point') {
    if (place.activeFrom) facts.push([t('panel.activeFrom'), formatDate(place.activeFrom, lang)]);
    if (place.routes.length > 0) facts.push([t('panel.observes'), place.routes.join(', ')]);
  } else if (onRoutes.length > 0) {
    facts.push([t('panel.onRoutes'), onRoutes.map((r) => r.id).join(', ')]);
  }
  facts.push([t('panel.source'), place.source]);
  return (
    <>
      {place.kind === 'transit_centre' ? <CentrePanel centre={place.id} capacity={place.capacity} /> : null}
      {place.kind === 'monitoring_point' ? <FlowPanel scope={{ point: place.id }} /> : null}
      {place.kind !== 'transit_centre' && place.kind !== 'monitoring_point' ? <p className="muted">{t('panel.noFigures')}</p> : null}
      <Facts items={facts} />
    </>
  );
}

function RouteBody({ route, places }: { route: RouteProperties; places: PlaceProperties[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const names = new Map(places.map((p) => [p.id, p.name]));
  const facts: Array<[string, string]> = [
    [t('panel.corridor'), route.corridor],
    [t('panel.length'), t('panel.km', { distance: formatCount(route.lengthKm, lang) })],
  ];
  if (route.monitoredBy.length > 0) facts.push([t('panel.monitoredBy'), route.monitoredBy.map((id) => names.get(id) ?? id).join(', ')]);
  return (
    <>
      {route.monitoredBy.length > 0 ? (
        <FlowPanel scope={{ route: route.id }} />
      ) : (
        <p className="muted" data-testid="not-monitored">
          {t('panel.notMonitored')}
        </p>
      )}
      <Facts items={facts} />
      <Suspense fallback={<Loading inline />}>
        <PathwayView route={route.id} />
      </Suspense>
    </>
  );
}
