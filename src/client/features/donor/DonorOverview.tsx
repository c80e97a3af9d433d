/**
 * Side content of the donor view (the table alternative to its map): the centre × service matrix with the API's
 * totals and the change on a year earlier; voluntary returns by country of origin as labelled bars, for all centres
 * or the one chosen (which the map then draws as arcs); transit centres with people assisted, capacity and estimated
 * occupancy; exports; a "Print brief" button (donor.css turns the page into a one-page A4 brief).
 */
import { shortCentreName } from '../../lib/place-names';
import { CoverageNote } from '../../components/CoverageNote';
import { useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { mapStill } from '../../map/print-still';
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
import { capitalPositions, returnArcs } from './arcs';
import { centrePositions, useReturnsByDestination } from './DonorLayers';
import { useDonorState } from './donor-state';
import { ServiceMatrix } from './ServiceMatrix';
import { Bars } from '../../charts/Bars';
import { totalOf } from '../../lib/suppressed';
import './i18n';
import './donor.css';
import { AVERAGE_STAY_DAYS, estimateOccupancy } from '../../lib/occupancy';
import { OccupancyCell } from '../../components/OccupancyCell';
import { countryNames } from '../../i18n/dataset-text';

export function DonorOverview({ metrics }: { metrics: MapMetrics }) {
  const { t } = useTranslation(['common', 'donor']);
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
  const returnsQ = useReturnsByDestination({ from: filters.from, to: filters.to });
  const returns = returnsQ.rows;
  const returnsCentre = useDonorState((s) => s.returnsCentre);
  const setReturnsCentre = useDonorState((s) => s.setReturnsCentre);
  const returnsTotal = totalOf(returnsQ.answer.data);
  const returnsDisclosure = returnsQ.answer.data?.disclosure;
  const period = filters.from && filters.to ? `${formatDate(filters.from, lang)} – ${formatDate(filters.to, lang)}` : '';
  const disclosure = metrics.assisted.data?.disclosure ?? metrics.returns.data?.disclosure;
  // The brief prints a still of the map (the canvas is drawn with preserveDrawingBuffer), scaled to fit, not the live
  // canvas, which the print layout would resize (cleared, redrawn too late) and crop. Taken by the Print button and
  // on `beforeprint` (the browser's own Print command).
  const [still, setStill] = useState<string | null>(null);
  useEffect(() => {
    const take = () => {
      // Already laid out for print (a print emulation, or a second print): the live map may have been resized to its
      // print box and not redrawn yet; keep the still taken on screen.
      if (window.matchMedia('print').matches && still !== null) return;
      const url = mapStill();
      if (url) flushSync(() => setStill(url));
    };
    window.addEventListener('beforeprint', take);
    return () => window.removeEventListener('beforeprint', take);
  }, [still]);
  const printBrief = () => {
    const url = mapStill();
    if (url) flushSync(() => setStill(url));
    window.print();
  };

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
    return {
      type: 'FeatureCollection',
      ...(disclosure ? { disclosure } : {}),
      // The data-as-of date (a foreign member); assistance is not counted by monitoring points, so no coverage share.
      ...(meta.data ? { dataAsOf: meta.data.dataAsOf } : {}),
      features: [...feats, ...arcs.features],
    } as FeatureCollection;
  };

  return (
    <section className="overview" data-testid="donor-overview" aria-labelledby="donor-title">
      <h2 id="donor-title" className="overview__title">
        {t('views.donor')}
      </h2>
      <CoverageNote of="assistance" testId="donor-coverage" />
      <p className="print-only brief__period">{period}</p>
      {still ? (
        <figure className="print-only brief__map">
          <img src={still} alt={t('donor:returns.mapHint')} data-testid="brief-map" />
          <figcaption className="brief__legend">
            <span className="brief__swatch brief__swatch--centre" style={{ background: PLACE_COLOURS.transit_centre.fill }} /> {t('legend.centreSize')}
            <span className="brief__swatch brief__swatch--capital" style={{ background: RETURN_COLOUR }} /> {t('donor:returns.legendCapital')}
            {returnsCentre !== null ? (
              <>
                <span className="brief__swatch brief__swatch--arc" style={{ background: RETURN_COLOUR }} /> {t('donor:returns.legendArc')}
              </>
            ) : null}
          </figcaption>
        </figure>
      ) : null}
      <ServiceMatrix
        metrics={metrics}
        centres={[...centres]
          .sort((a, b) => a.properties.name.localeCompare(b.properties.name))
          .map((c) => ({ id: c.properties.id, name: shortCentreName(c.properties.name) }))}
      />
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
                  {shortCentreName(r.p.name)}
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
      <section className="donor-returns">
        <label className="field donor-returns__centre no-print">
          <span>{t('donor:returns.from')}</span>
          <select value={returnsCentre ?? ''} onChange={(e) => setReturnsCentre(e.target.value === '' ? null : e.target.value)} data-testid="returns-centre">
            <option value="">{t('donor:returns.allCentres')}</option>
            {centres.map((c) => (
              <option key={c.properties.id} value={c.properties.id}>
                {c.properties.name}
              </option>
            ))}
          </select>
        </label>
        <p className="print-only brief__from">
          {t('donor:returns.from')}:{' '}
          {returnsCentre === null ? t('donor:returns.allCentres') : (centres.find((c) => c.properties.id === returnsCentre)?.properties.name ?? returnsCentre)}
        </p>
        {returnsQ.answer.isPending ? <Loading inline /> : null}
        <Bars
          title={t('donor:returns.title')}
          bars={returns.map((r) => ({
            key: String(r['destination']),
            label: natName.get(String(r['destination'])) ?? String(r['destination']),
            value: r.suppressed ? null : r.count,
            perturbed: r.perturbed,
            partial: r.partial,
          }))}
          colour={RETURN_COLOUR}
          shares={false}
          testId="donor-returns"
        />
        <p className="donor-returns__total" data-testid="donor-returns-total">
          {t('donor:returns.total')}: <Count value={returnsTotal} disclosure={returnsDisclosure} />
        </p>
        <p className="muted overview__hint no-print">{t('donor:returns.mapHint')}</p>
        <ProtectionNote disclosure={returnsDisclosure} counts={[...returns, ...(returnsTotal ? [returnsTotal] : [])]} testId="donor-returns-protection" />
      </section>
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
      <button type="button" className="btn no-print" data-testid="print-brief" onClick={printBrief}>
        {t('donor.print')}
      </button>
    </section>
  );
}
