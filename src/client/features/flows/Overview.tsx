/**
 * The table alternative to the map: routes, monitoring points and transit centres with their
 * numbers for the period, ranked; each name opens its panel (keyboard-reachable).
 */
import { useMemo } from 'react';
import type { FeatureCollection } from 'geojson';
import type { DisclosureInfo } from '../../../shared/api';
import { usePlaces, useRoutes } from '../../api/queries';
import { Approximate, Count } from '../../components/Count';
import { ProtectionNote } from '../../components/ProtectionNote';
import { formatChange, formatCount, formatDate } from '../../i18n/format';
import { withValues } from '../../lib/export-image';
import { legendSamples } from '../../map/scales';
import { countryNames } from '../../i18n/dataset-text';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import { countProperties, parametersOf, type CountInput } from '../../lib/suppressed';
import { ExportBar } from '../../components/ExportBar';
import { flowFilterParams, useMeta } from '../../api/queries';
import { PEOPLE_ASSISTED_SERVICE } from '../../../shared/enums';
import { useView } from '../../state/view';
import { PlaceSearch } from './PlaceSearch';
import { countingPoints, isMonitoredInPeriod, placeStates, routeStates, stateCount } from '../../map/metrics';
import { useCoverageAnswer } from '../../api/coverage';
import { periodCoverage } from '../../lib/coverage';
import type { MapMetrics } from '../../map/useMapMetrics';
import { useSelection, type SelectionRef } from '../../state/filters';

interface Line {
  ref: SelectionRef;
  name: string;
  /** For ranking: the published number; null when withheld; −1 when there is no count (not monitored, inactive). */
  value: number | null;
  /** The count with its protection flags (withheld, perturbed, partial). */
  count?: CountInput;
  note?: string;
  /** Change against the previous equal period (undefined: no change column). */
  change?: number | null;
}

function Table({
  caption,
  unit,
  lines,
  testId,
  showChange = false,
  disclosure,
}: {
  caption: string;
  unit: string;
  lines: Line[];
  testId: string;
  showChange?: boolean;
  /** The answer's disclosure control: counts are perturbed, and so is any change worked out from them. */
  disclosure?: DisclosureInfo | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const select = useSelection((s) => s.select);
  const selected = useSelection((s) => s.selected);
  return (
    <>
      <table className="overview__table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.name')}</th>
            <th scope="col" className="num">
              {unit}
            </th>
            {showChange ? (
              <th scope="col" className="num">
                {t('compare.change')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.ref.id} aria-current={selected?.id === l.ref.id ? 'true' : undefined}>
              <th scope="row">
                <button type="button" className="btn--row" onClick={() => select(l.ref)} data-select-ref={`${l.ref.type}:${l.ref.id}`}>
                  {l.name}
                </button>
              </th>
              <td className="num">{l.note ?? <Count value={l.count ?? l.value} disclosure={disclosure} />}</td>
              {showChange ? (
                <td className="num" data-testid="change">
                  {l.note ? '' : <Approximate text={formatChange(l.change, lang)} approximate={disclosure !== undefined} />}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ProtectionNote disclosure={disclosure} counts={lines.filter((l) => !l.note).map((l) => l.count ?? l.value)} testId={`${testId}-protection`} />
    </>
  );
}

const byValue = (a: Line, b: Line) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name);

export function Overview({ metrics }: { metrics: MapMetrics }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const places = usePlaces();
  const routes = useRoutes();
  const meta = useMeta();
  const { filters } = metrics;
  const placeProps = useMemo(() => places.data?.features.map((f) => f.properties) ?? [], [places.data]);
  const routeProps = useMemo(() => routes.data?.features.map((f) => f.properties) ?? [], [routes.data]);
  // A route whose monitoring points were not active in the period, or did not report in it, reads "not monitored", as on
  // the map, never 0 (one rule: map/metrics.ts isMonitoredInPeriod).
  const dataRange = meta.data?.dateRange;
  const coverage = useCoverageAnswer(dataRange ? { from: dataRange.min, to: dataRange.max } : null);
  const counting = useMemo(() => countingPoints(coverage.data, filters.from, filters.to), [coverage.data, filters.from, filters.to]);
  const rs = routeStates(routeProps, metrics.routeFlows.data, 0, { places: placeProps, period: { from: filters.from, to: filters.to }, counting });
  const ps = placeStates(placeProps, metrics.pointFlows.data, metrics.assisted.data, filters, 0, counting);
  const disclosure = metrics.routeFlows.data?.disclosure ?? metrics.pointFlows.data?.disclosure ?? metrics.assisted.data?.disclosure;

  const routeLines: Line[] = routeProps
    .map((r) => {
      const s = rs.get(r.id);
      const monitored = r.monitoredBy.length > 0 && s?.monitored !== false;
      return {
        ref: { type: 'route' as const, id: r.id },
        name: `${r.id} ${r.name}`,
        value: monitored ? (s?.suppressed ? null : (s?.flow ?? 0)) : -1,
        count: stateCount(s, s?.flow),
        change: metrics.routeChange.get(r.id) ?? null,
        ...(monitored ? {} : { note: t('legend.notMonitored') }),
      };
    })
    .sort(byValue);
  const pointLines: Line[] = placeProps
    .filter((p) => p.kind === 'monitoring_point')
    .map((p) => {
      const s = ps.get(p.id);
      const active = s?.active ?? isMonitoredInPeriod(p, filters.from, filters.to, counting);
      return {
        ref: { type: 'place' as const, id: p.id },
        name: p.name,
        value: active ? (s?.suppressed ? null : (s?.flow ?? 0)) : -1,
        count: stateCount(s, s?.flow),
        change: metrics.pointChange.get(p.id) ?? null,
        ...(active ? {} : { note: t('overview.inactive') }),
      };
    })
    .sort(byValue);
  const centreLines: Line[] = placeProps
    .filter((p) => p.kind === 'transit_centre')
    .map((p) => {
      const s = ps.get(p.id);
      return { ref: { type: 'place' as const, id: p.id }, name: p.name, value: s?.suppressed ? null : (s?.assisted ?? 0), count: stateCount(s, s?.assisted) };
    })
    .sort(byValue);

  return (
    <section className="overview" data-testid="overview" aria-labelledby="overview-title">
      <h2 id="overview-title" className="overview__title">
        {t('overview.title')}
      </h2>
      <p className="muted overview__hint">{t('overview.hint')}</p>
      <PlaceSearch />
      <ColourBySwitch />
      {metrics.previous.from && metrics.previous.to ? (
        <p className="muted overview__hint" data-testid="previous-period">
          {t('compare.against', { from: formatDate(metrics.previous.from, lang), to: formatDate(metrics.previous.to, lang) })}
        </p>
      ) : null}
      <Table
        caption={t('overview.routes')}
        unit={t('overview.observed')}
        lines={routeLines}
        testId="overview-routes"
        showChange
        disclosure={metrics.routeFlows.data?.disclosure}
      />
      <Table
        caption={t('overview.points')}
        unit={t('overview.observed')}
        lines={pointLines}
        testId="overview-points"
        showChange
        disclosure={metrics.pointFlows.data?.disclosure}
      />
      <Table
        caption={t('overview.centres')}
        unit={t('overview.assisted')}
        lines={centreLines}
        testId="overview-centres"
        disclosure={metrics.assisted.data?.disclosure}
      />
      <ExportBar
        period={filters}
        scope={{ ...flowFilterParams(filters) }}
        disclosure={disclosure}
        csv={[
          { label: t('overview.routes'), path: '/flows', params: { ...flowFilterParams(filters), groupBy: ['route'] } },
          { label: t('overview.points'), path: '/flows', params: { ...flowFilterParams(filters), groupBy: ['point'] } },
          { label: t('overview.centres'), path: '/assistance', params: { ...metrics.centreFilters, service: PEOPLE_ASSISTED_SERVICE, groupBy: ['centre'] } },
        ]}
        geojson={{
          name: 'flows',
          // Every count carries `suppressed`, `perturbed` and `partial` (as the server's CSV does); the collection says
          // how the counts were protected (`disclosure`, a foreign member), absent for exact answers.
          build: () =>
            ({
              type: 'FeatureCollection',
              ...(disclosure ? { disclosure } : {}),
              // What the file rests on (foreign members): the data-as-of date and the share of the period the monitoring
              // points counted (lib/coverage.ts over GET /coverage: null = not monitored, never 0), as the CSV headers say.
              ...(meta.data ? { dataAsOf: meta.data.dataAsOf } : {}),
              ...(coverage.data
                ? {
                    periodCoverage: {
                      share: periodCoverage(
                        coverage.data,
                        coverage.data.points.map((p) => p.id),
                        filters.from,
                        filters.to,
                      ),
                      reporting: coverage.data.reporting,
                    },
                  }
                : {}),
              features: [
                ...(routes.data?.features ?? []).map((f) => {
                  const s = rs.get(f.properties.id);
                  const monitored = f.properties.monitoredBy.length > 0;
                  return {
                    ...f,
                    properties: {
                      ...f.properties,
                      ...countProperties('peopleObserved', monitored ? stateCount(s, s?.flow) : undefined),
                      change: metrics.routeChange.get(f.properties.id) ?? null,
                    },
                  };
                }),
                ...(places.data?.features ?? [])
                  .filter((f) => ps.has(f.properties.id))
                  .map((f) => {
                    const s = ps.get(f.properties.id)!;
                    const counts =
                      f.properties.kind === 'transit_centre'
                        ? countProperties('peopleAssisted', stateCount(s, s.assisted))
                        : countProperties('peopleObserved', stateCount(s, s.flow));
                    return { ...f, properties: { ...f.properties, ...counts } };
                  }),
              ],
            }) as FeatureCollection,
        }}
        png={{
          name: 'flows',
          stamp: () => ({
            title: [
              `${t('appTitle')} — ${t('views.flows')}`,
              filters.direction ? t(`direction.${filters.direction}`) : null,
              filters.nationality ? (countryNames(meta.data, lang).get(filters.nationality) ?? filters.nationality) : null,
              filters.sex ? t(`sex.${filters.sex}`) : null,
              filters.ageGroup ? t(`ageGroup.${filters.ageGroup}`) : null,
            ]
              .filter(Boolean)
              .join(' · '),
            period: filters.from && filters.to ? `${formatDate(filters.from, lang)} – ${formatDate(filters.to, lang)}` : '',
            dataAsOf: meta.data ? t('dataAsOf', { date: formatDate(meta.data.dataAsOf, lang) }) : '',
            illustrative: meta.data?.illustrative === false ? null : t('illustrativeBadge'),
            protection: disclosure ? t('protection.imageNote', { maxNoise: parametersOf(disclosure).maxNoise }) : null,
            legend: [
              { colour: '#2f4b7c', label: withValues(t('legend.routes'), legendSamples(metrics.maxFlow), (n) => formatCount(n, lang)) },
              { colour: '#b0267a', label: withValues(t('legend.centreSize'), legendSamples(metrics.maxAssisted), (n) => formatCount(n, lang)) },
              { colour: '#f2c200', label: t('placeKind.monitoring_point') },
            ],
          }),
        }}
      />
    </section>
  );
}

/** Colour routes by direction or by change against the previous equal period (kept in the URL as colour=change). */
function ColourBySwitch() {
  const { t } = useTranslation();
  const colourBy = useView((s) => s.colourBy);
  const set = useView((s) => s.setColourBy);
  return (
    <div className="switch" role="group" aria-label={t('compare.colourBy')} data-testid="colour-by">
      {(['direction', 'change'] as const).map((c) => (
        <button key={c} type="button" className="btn btn--chip" aria-pressed={colourBy === c} onClick={() => set(c)} data-testid={`colour-${c}`}>
          {c === 'direction' ? t('compare.byDirection') : t('compare.byChange')}
        </button>
      ))}
    </div>
  );
}
