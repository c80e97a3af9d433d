/**
 * The hotspots view's region panel (a bottom sheet on narrow screens): why a region is (or is not) flagged, in words
 * and in a chart of the two windows the score compares, its score, the change on the previous period (the map's colour)
 * and the monitoring points that counted. Everything is the answer's (`detail`, `windows`): under disclosure control
 * the published months and point cells, marked as the table marks them. Opening it zooms the map to the region.
 */
import { CoverageNote, useCoverageOfRange, useMonitoringWords } from '../../components/CoverageNote';
import { useRegionMonitoring } from './HotspotsTable';
import type { UseQueryResult } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { MIN_BASELINE_MONTHS, MIN_BASELINE_WEEKS, MIN_LEVEL, MIN_LEVEL_MONTH, RECENT_WEEKS, Z_THRESHOLD } from '../../../shared/anomaly-method';
import { regionsResponse, type DisclosureInfo, type HotspotDetail, type HotspotRegion, type HotspotsResponse, type HotspotWindows } from '../../../shared/api';
import { fetchJson } from '../../api/client';
import { Approximate, Count } from '../../components/Count';
import { Loading } from '../../components/States';
import { formatChange, formatCount, formatDate, formatDecimal, formatMonthYear, formatSignedDecimal, parseIsoDate } from '../../i18n/format';
import { useLanguage, useTranslation, type Language } from '../../i18n/i18n';
import { useSelection } from '../../state/filters';
import { useMapInstance } from '../../state/map-instance';
import { RECENT_COLOUR, BASELINE_COLOUR, focusReturn, regionBounds } from './region-detail';
import './panel-i18n';
import './region-panel.css';

export function RegionPanel({ query }: { query: UseQueryResult<HotspotsResponse> }) {
  const selected = useSelection((s) => s.selected);
  const select = useSelection((s) => s.select);
  const { t } = useTranslation('hotspotsPanel');
  const pcode = selected?.type === 'region' ? selected.id : null;

  const close = () => {
    focusReturn.pcode = pcode;
    select(null);
  };
  useEffect(() => {
    if (!pcode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      focusReturn.pcode = pcode;
      select(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [pcode, select]);
  useZoomToRegion(pcode);

  if (!pcode) return null;
  return (
    <aside className="panel region-panel" data-testid="region-panel" aria-label={t('panel.kind')}>
      <Body key={pcode} pcode={pcode} data={query.data} pending={query.isPending} onClose={close} />
    </aside>
  );
}

/** Fits the map to the region (above the bottom sheet on narrow screens). */
function useZoomToRegion(pcode: string | null) {
  const map = useMapInstance((s) => s.map);
  const regions = useQuery({ queryKey: ['regions'], queryFn: ({ signal }) => fetchJson('/regions', regionsResponse, { signal }), staleTime: Infinity });
  useEffect(() => {
    if (!map || !pcode || !regions.data) return;
    const f = regions.data.features.find((x) => x.properties.pcode === pcode);
    const b = f ? regionBounds(f.geometry) : null;
    if (!b) return;
    const narrow = typeof window !== 'undefined' && window.matchMedia?.('(max-width: 640px)').matches;
    const h = map.getContainer().clientHeight;
    const padding = narrow ? { top: 24, left: 24, right: 24, bottom: Math.round(h * 0.55) } : 48;
    const reduce = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    try {
      map.fitBounds(b, { padding, maxZoom: 7, duration: reduce ? 0 : 600 });
    } catch {
      // a container too small for the padding: leave the view as it is
    }
  }, [map, pcode, regions.data]);
}

function Body({ pcode, data, pending, onClose }: { pcode: string; data: HotspotsResponse | undefined; pending: boolean; onClose: () => void }) {
  const { t } = useTranslation('hotspotsPanel');
  const lang = useLanguage();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const region = data?.regions.find((r) => r.pcode === pcode);
  useEffect(() => {
    titleRef.current?.focus();
  }, []);
  return (
    <div className="panel__inner">
      <header className="panel__header">
        <div>
          <div className="panel__kind">{t('panel.kind')}</div>
          <h2 className="panel__title" data-testid="panel-title" ref={titleRef} tabIndex={-1}>
            {region?.name ?? (pending ? t('panel.loading') : pcode)}
          </h2>
          {data ? <div className="panel__period">{`${formatDate(data.from, lang)} – ${formatDate(data.to, lang)}`}</div> : null}
        </div>
        <button type="button" className="btn btn--icon" onClick={onClose} aria-label={t('panel.close')} data-testid="panel-close">
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="panel__body">
        {!data && pending ? <Loading inline /> : null}
        {data && !region ? <p className="muted">{t('panel.notFound')}</p> : null}
        <CoverageNote of={{ region: pcode }} testId="panel-coverage" />
        {data && region ? <RegionBody region={region} data={data} lang={lang} /> : null}
      </div>
    </div>
  );
}

function RegionBody({ region: r, data, lang }: { region: HotspotRegion; data: HotspotsResponse; lang: Language }) {
  const { t } = useTranslation('hotspotsPanel');
  const { t: tc } = useTranslation('coverage');
  const words = useMonitoringWords();
  const monitoring = useRegionMonitoring(r.pcode, data);
  const reporting = useCoverageOfRange().data?.reporting ?? 'weeks';
  const disclosure = data.disclosure;
  const approx = disclosure !== undefined;
  if (!r.monitored || !r.detail) {
    return (
      <p className="muted" data-testid="region-not-monitored">
        {t('panel.notMonitored')}
      </p>
    );
  }
  const d = r.detail;
  const w = data.windows;

  return (
    <>
      <section aria-labelledby={`why-${r.pcode}`} className="region-panel__why" data-testid="region-why">
        <h3 id={`why-${r.pcode}`} className="region-panel__h">
          {r.anomaly.flag ? t('panel.why') : t('panel.whyNot')}
        </h3>
        <p data-testid="region-reason">{reasonText(d, w, lang, approx, t)}</p>
        <p data-testid="region-verdict" className={r.anomaly.flag ? 'region-panel__verdict is-flagged' : 'region-panel__verdict'}>
          {r.anomaly.flag ? <span aria-hidden="true">⚠ </span> : null}
          {verdictText(r, d, lang, t)}
        </p>
        {monitoring.windows && monitoring.windows.kind !== 'full' ? (
          <p className="muted" data-testid="region-windows-monitoring">
            {tc('windows', { monitoring: words(monitoring.windows, reporting) })}
          </p>
        ) : null}
      </section>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('panel.score')}</dt>
          <dd data-testid="region-score">
            {r.anomaly.score === null
              ? t('panel.noScore')
              : t('panel.scoreValue', { z: formatSignedDecimal(r.anomaly.score, lang), threshold: formatDecimal(Z_THRESHOLD, lang) })}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('panel.flows')}</dt>
          <dd>
            <Count value={{ count: r.flows, suppressed: r.flowsSuppressed, partial: r.flowsPartial, perturbed: approx }} lang={lang} disclosure={disclosure} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('panel.change')}</dt>
          <dd data-testid="region-change">
            <Approximate
              approximate={approx}
              lang={lang}
              text={t('panel.changeValue', {
                change: formatChange(r.change, lang),
                from: formatDate(data.previousFrom, lang),
                to: formatDate(data.previousTo, lang),
              })}
            />
          </dd>
        </div>
      </dl>
      <SeriesChart detail={d} lang={lang} approx={approx} disclosure={disclosure} />
      <Points detail={d} lang={lang} approx={approx} disclosure={disclosure} />
    </>
  );
}

type T = ReturnType<typeof useTranslation<'hotspotsPanel'>>['t'];

/** A level in people: whole people from 100 up (a median of two months may end in .5), one decimal below. */
const level = (n: number, lang: Language, approx: boolean) =>
  `${approx ? '≈' : ''}${Math.abs(n) >= 100 ? formatCount(Math.round(n), lang) : formatDecimal(n, lang)}`;

/** "Last 4 weeks (2 – 29 Dec 2019): 230 people a week on average, 2.3× the median week of the 26 weeks before (100 a week)." */
export function reasonText(d: HotspotDetail, w: HotspotWindows | undefined, lang: Language, approx: boolean, t: T): string {
  const unit = d.unit;
  const baseline = d.series.filter((s) => s.window === 'baseline').length;
  if (d.recentLevel === null) return t('panel.reasonWithheld');
  const recent = d.series.filter((s) => s.window === 'recent');
  const from = w?.recentFrom ?? recent[0]?.start ?? '';
  const to = w?.recentTo ?? '';
  const common = {
    context: unit,
    recent: unit === 'week' ? RECENT_WEEKS : 1,
    baseline,
    from: from ? formatDate(from, lang) : '',
    to: to ? formatDate(to, lang) : '',
    // at the start of the sentence: "Déc. 2019", not "déc. 2019"
    month: from ? capitalise(formatMonthYear(parseIsoDate(from)!, lang), lang) : '',
    level: level(d.recentLevel, lang, approx),
    median: d.baselineMedian === null ? '—' : level(d.baselineMedian, lang, approx),
  };
  if (d.baselineMedian === null) return t('panel.reasonWithheld');
  if (d.ratio === null) return t('panel.reasonNoRatio', common);
  return t('panel.reason', { ...common, ratio: `${approx ? '≈' : ''}${formatDecimal(d.ratio, lang)}` });
}

const capitalise = (s: string, lang: Language) => s.charAt(0).toLocaleUpperCase(lang) + s.slice(1);

export function verdictText(r: HotspotRegion, d: HotspotDetail, lang: Language, t: T): string {
  const threshold = formatDecimal(Z_THRESHOLD, lang);
  const unit = d.unit;
  if (r.anomaly.score === null) return t('panel.verdictNoScore', { context: unit, min: unit === 'week' ? MIN_BASELINE_WEEKS : MIN_BASELINE_MONTHS });
  const z = formatSignedDecimal(r.anomaly.score, lang);
  if (r.anomaly.flag) return t(r.anomaly.score > 0 ? 'panel.verdictRise' : 'panel.verdictFall', { z, threshold });
  if (Math.abs(r.anomaly.score) >= Z_THRESHOLD) return t('panel.verdictLow', { context: unit, z, minLevel: unit === 'week' ? MIN_LEVEL : MIN_LEVEL_MONTH });
  return t('panel.verdictNone', { z, threshold });
}

const CW = 320;
const CH = 150;
const CM = { top: 16, right: 8, bottom: 22, left: 8 };

function SeriesChart({
  detail: d,
  lang,
  approx,
  disclosure,
}: {
  detail: HotspotDetail;
  lang: Language;
  approx: boolean;
  disclosure: DisclosureInfo | undefined;
}) {
  const { t } = useTranslation('hotspotsPanel');
  const id = useId();
  const unit = d.unit;
  const n = d.series.length;
  const values = d.series.map((s) => s.count ?? 0);
  const top = Math.max(1, ...values, d.baselineMedian ?? 0, d.recentLevel ?? 0);
  const bw = (CW - CM.left - CM.right) / Math.max(1, n);
  const y = (v: number) => CH - CM.bottom - (v / top) * (CH - CM.top - CM.bottom);
  const firstRecent = d.series.findIndex((s) => s.window === 'recent');
  const xRecent = CM.left + (firstRecent < 0 ? n : firstRecent) * bw;
  const label = (s: string) => (unit === 'week' ? formatDate(s, lang) : formatMonthYear(parseIsoDate(s)!, lang));
  const title = t('panel.chartTitle', { context: unit, recent: RECENT_WEEKS });
  return (
    <figure className="region-panel__chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`} className="region-panel__h">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${CW} ${CH}`} width="100%" role="img" aria-label={title} data-testid="region-chart">
        {/* the recent window, shaded */}
        <rect x={xRecent} y={CM.top - 12} width={CW - CM.right - xRecent} height={CH - CM.bottom - CM.top + 12} className="region-panel__recent-band" />
        <text x={CM.left} y={CM.top - 4} className="region-panel__chart-label">
          {t('panel.baselineWindow')}
        </text>
        <text x={CW - CM.right} y={CM.top - 4} textAnchor="end" className="region-panel__chart-label">
          {t('panel.recentWindow')}
        </text>
        {d.series.map((s, i) => {
          const x = CM.left + i * bw + bw * 0.12;
          if (s.count === null)
            return (
              <text
                key={s.start}
                x={x + bw * 0.38}
                y={CH - CM.bottom - 3}
                textAnchor="middle"
                className="region-panel__withheld"
                data-testid="region-bar-withheld"
              >
                ×
              </text>
            );
          return (
            <rect
              key={s.start}
              x={x}
              y={y(s.count)}
              width={Math.max(1, bw * 0.76)}
              height={Math.max(0, CH - CM.bottom - y(s.count))}
              fill={s.window === 'recent' ? RECENT_COLOUR : BASELINE_COLOUR}
              data-testid="region-bar"
              data-window={s.window}
            />
          );
        })}
        {d.baselineMedian !== null ? (
          <g data-testid="region-median">
            <line x1={CM.left} x2={CW - CM.right} y1={y(d.baselineMedian)} y2={y(d.baselineMedian)} className="region-panel__median" />
            <text x={CM.left + 2} y={y(d.baselineMedian) - 3} className="region-panel__chart-label">
              {t('panel.median', { value: level(d.baselineMedian, lang, approx) })}
            </text>
          </g>
        ) : null}
        {d.recentLevel !== null ? (
          <g data-testid="region-level">
            <line x1={xRecent} x2={CW - CM.right} y1={y(d.recentLevel)} y2={y(d.recentLevel)} className="region-panel__level" />
            <text
              x={xRecent - 3}
              y={Math.max(CM.top + 8, y(d.recentLevel) + 4)}
              textAnchor="end"
              className="region-panel__chart-label region-panel__chart-label--level"
            >
              {t('panel.level', { value: level(d.recentLevel, lang, approx) })}
            </text>
          </g>
        ) : null}
        <line x1={CM.left} x2={CW - CM.right} y1={CH - CM.bottom} y2={CH - CM.bottom} className="region-panel__axis" />
        {n > 0 ? (
          <>
            <text x={CM.left} y={CH - 6} className="region-panel__chart-label">
              {label(d.series[0]!.start)}
            </text>
            <text x={CW - CM.right} y={CH - 6} textAnchor="end" className="region-panel__chart-label">
              {label(d.series[n - 1]!.start)}
            </text>
          </>
        ) : null}
      </svg>
      <details className="region-panel__table">
        <summary>{t('panel.seriesTable')}</summary>
        <table className="overview__table" data-testid="region-series-table">
          <thead>
            <tr>
              <th scope="col">{t('panel.start', { context: unit })}</th>
              <th scope="col">{t('panel.window')}</th>
              <th scope="col" className="num">
                {t('panel.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.series.map((s) => (
              <tr key={s.start}>
                <th scope="row">{label(s.start)}</th>
                <td>{s.window === 'recent' ? t('panel.recentWindow') : t('panel.baselineWindow')}</td>
                <td className="num">
                  <Count value={{ count: s.count, suppressed: s.suppressed, partial: s.partial, perturbed: approx }} lang={lang} disclosure={disclosure} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Points({ detail: d, lang, approx, disclosure }: { detail: HotspotDetail; lang: Language; approx: boolean; disclosure: DisclosureInfo | undefined }) {
  const { t } = useTranslation('hotspotsPanel');
  const id = useId();
  return (
    <section aria-labelledby={id} data-testid="region-points">
      <h3 id={id} className="region-panel__h">
        {t('panel.points')}
      </h3>
      {d.points.length === 0 ? (
        <p className="muted">{t('panel.noPoints')}</p>
      ) : (
        <table className="overview__table">
          <caption className="muted">{t('panel.pointsCaption', { context: d.unit, recent: RECENT_WEEKS })}</caption>
          <tbody>
            {[...d.points]
              .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.name.localeCompare(b.name))
              .map((p) => (
                <tr key={p.id} data-testid="region-point">
                  <th scope="row">{p.name}</th>
                  <td className="num">
                    {p.active ? (
                      <Count value={{ count: p.count, suppressed: p.suppressed, partial: p.partial, perturbed: approx }} lang={lang} disclosure={disclosure} />
                    ) : (
                      <span className="muted">{t('panel.pointInactive')}</span>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
