/**
 * Side content of the donor view (the table alternative to its map): transit centres with people
 * assisted, capacity and estimated occupancy; voluntary returns by country of origin; exports; a
 * "Print brief" button (the print stylesheet turns the page into a one-page brief).
 */
import { useMemo } from 'react';
import type { Feature, FeatureCollection } from 'geojson';
import { PEOPLE_ASSISTED_SERVICE } from '../../../shared/enums';
import { useMeta, usePlaces } from '../../api/queries';
import { Loading } from '../../components/States';
import { Count } from '../../components/Count';
import { ProtectionNote } from '../../components/ProtectionNote';
import { formatCount, formatDate } from '../../i18n/format';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import { countInfo, countProperties, parametersOf } from '../../lib/suppressed';
import { PLACE_COLOURS } from '../../map/colours';
import { placeStates, stateCount } from '../../map/metrics';
import { RETURN_COLOUR } from '../../map/layers/returns';
import type { MapMetrics } from '../../map/useMapMetrics';
import { useSelection } from '../../state/filters';
import { ExportBar } from '../../components/ExportBar';
import { withValues } from '../../lib/export-image';
import { legendSamples } from '../../map/scales';
import { returnArcs, returnsByDestination } from './arcs';
import { capitalPositions, centrePositions } from './DonorLayers';
import { AVERAGE_STAY_DAYS, estimateOccupancy } from '../../lib/occupancy';
import { OccupancyCell } from '../../components/OccupancyCell';
import { countryNames } from '../../i18n/dataset-text';

export function DonorOverview({ metrics }: { metrics: MapMetrics }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const places = usePlaces();
  const meta = useMeta();
  const select = useSelection((s) => s.select);
  const { filters } = metrics;
  const centres = useMemo(() => (places.data?.features ?? []).filter((f) => f.properties.kind === 'transit_centre'), [places.data]);
  const states = useMemo(
    () =>
      placeStates(
        centres.map((f) => f.properties),
        undefined,
        metrics.assisted.data,
        filters,
      ),
    [centres, metrics.assisted.data, filters],
  );
  const rows = centres
    .map((f) => {
      const s = states.get(f.properties.id);
      const assisted = s?.suppressed ? null : (s?.assisted ?? 0);
      const count = stateCount(s, s?.assisted);
      const info = countInfo(count);
      const occ = estimateOccupancy(assisted, f.properties.capacity, filters);
      // From a perturbed (or partial) count the occupancy is approximate too.
      return { feature: f, p: f.properties, assisted, count, occupancy: occ?.share ?? null, approximate: info.perturbed || info.partial };
    })
    .sort((a, b) => (b.assisted ?? -1) - (a.assisted ?? -1) || a.p.name.localeCompare(b.p.name));
  const natName = countryNames(meta.data, lang);
  const returns = returnsByDestination(metrics.returns.data);
  const period = filters.from && filters.to ? `${formatDate(filters.from, lang)} – ${formatDate(filters.to, lang)}` : '';
  const disclosure = metrics.assisted.data?.disclosure ?? metrics.returns.data?.disclosure;

  // Every count carries `suppressed`, `perturbed` and `partial` (occupancy follows its count's flags); the collection
  // says how the counts were protected (`disclosure`, a foreign member), absent for exact answers.
  const geojson = () => {
    const feats: Feature[] = rows.map((r) => ({
      type: 'Feature',
      geometry: r.feature.geometry,
      properties: {
        id: r.p.id,
        name: r.p.name,
        kind: r.p.kind,
        capacity: r.p.capacity,
        ...countProperties('peopleAssisted', r.count),
        occupancyShare: r.occupancy,
      },
    }));
    const arcs = returnArcs(metrics.returns.data, centrePositions(places.data), capitalPositions(meta.data));
    return { type: 'FeatureCollection', ...(disclosure ? { disclosure } : {}), features: [...feats, ...arcs.features] } as FeatureCollection;
  };

  return (
    <section className="overview" data-testid="donor-overview" aria-labelledby="donor-title">
      <h2 id="donor-title" className="overview__title">
        {t('views.donor')}
      </h2>
      <p className="print-only brief__period">{period}</p>
      <table className="overview__table" data-testid="donor-centres">
        <caption>{t('donor.centres')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.name')}</th>
            <th scope="col" className="num">
              {t('overview.assisted')}
            </th>
            <th scope="col" className="num">
              {t('panel.capacity')}
            </th>
            <th scope="col" className="num">
              <abbr title={t('donor.occupancyFormula', { stayDays: AVERAGE_STAY_DAYS })}>{t('donor.occupancy')}</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.p.id}>
              <th scope="row">
                <button type="button" className="btn--row" onClick={() => select({ type: 'place', id: r.p.id })} data-select-ref={`place:${r.p.id}`}>
                  {r.p.name}
                </button>
              </th>
              <td className="num">
                <Count value={r.count} disclosure={metrics.assisted.data?.disclosure} />
              </td>
              <td className="num">{r.p.capacity === null ? '—' : formatCount(r.p.capacity, lang)}</td>
              <td className="num">
                <OccupancyCell share={r.occupancy} approximate={r.approximate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted overview__hint">{t('donor.occupancyFormula', { stayDays: AVERAGE_STAY_DAYS })}</p>
      <ProtectionNote disclosure={metrics.assisted.data?.disclosure} counts={rows.map((r) => r.count)} testId="donor-centres-protection" />
      {metrics.returns.isPending ? <Loading inline /> : null}
      <table className="overview__table" data-testid="donor-returns">
        <caption>{t('donor.returnsTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('donor.destination')}</th>
            <th scope="col" className="num">
              {t('donor.returned')}
            </th>
          </tr>
        </thead>
        <tbody>
          {returns.map((r) => (
            <tr key={r.destination}>
              <th scope="row">{natName.get(r.destination) ?? r.destination}</th>
              <td className="num">
                <Count value={r} disclosure={metrics.returns.data?.disclosure} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProtectionNote disclosure={metrics.returns.data?.disclosure} counts={returns} testId="donor-returns-protection" />
      <ExportBar
        period={filters}
        scope={{ nationality: filters.nationality, sex: filters.sex, ageGroup: filters.ageGroup }}
        disclosure={disclosure}
        csv={[
          {
            label: t('donor.centres'),
            path: '/assistance',
            params: { ...metrics.centreFilters, service: PEOPLE_ASSISTED_SERVICE, groupBy: ['centre'] },
          },
          { label: t('donor.returnsTable'), path: '/returns', params: { from: filters.from, to: filters.to, groupBy: ['centre', 'destination'] } },
        ]}
        geojson={{ name: 'donor impact', build: geojson }}
        png={{
          name: 'donor impact',
          stamp: () => ({
            title: `${t('appTitle')} — ${t('views.donor')}`,
            period,
            dataAsOf: meta.data ? t('dataAsOf', { date: formatDate(meta.data.dataAsOf, lang) }) : '',
            illustrative: meta.data?.illustrative ? t('illustrativeBadge') : null,
            protection: disclosure ? t('protection.imageNote', { maxNoise: parametersOf(disclosure).maxNoise }) : null,
            legend: [
              {
                colour: PLACE_COLOURS.transit_centre.fill,
                label: withValues(t('legend.centreSize'), legendSamples(metrics.maxAssisted), (n) => formatCount(n, lang)),
              },
              { colour: RETURN_COLOUR, label: withValues(t('donor.returns'), legendSamples(metrics.maxReturns), (n) => formatCount(n, lang)) },
            ],
          }),
        }}
      />
      <button type="button" className="btn no-print" data-testid="print-brief" onClick={() => window.print()}>
        {t('donor.print')}
      </button>
    </section>
  );
}
