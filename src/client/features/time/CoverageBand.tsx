/**
 * Coverage on the time strip: a thin band under the series saying, step by step, whether the monitoring points of the
 * selection (or every point) were counting — counted, partly, a reporting gap, or not monitored (the map's grey
 * dashes) — and its table alternative, a panel listing every point with its active dates, the share of the period
 * covered and its gaps. Never a count of people: a gap is not 0 people.
 */
import { memo } from 'react';
import type { ScaleTime } from 'd3-scale';
import type { CoverageResponse } from '../../../shared/api-coverage';
import { formatDate, formatPercent, parseIsoDate } from '../../i18n/format';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import { ROUTE_COLOURS } from '../../map/colours';
import type { BandStep } from './coverage';
import { pointRows } from './coverage';

/** Counted (dark blue) to a gap (orange): a colour-blind safe pair; not monitored stays grey as on the map. */
export const BAND_COLOURS = { counted: '#1d4e89', gap: '#d95f02', notMonitored: ROUTE_COLOURS.notMonitored } as const;

/** The band's fill for a step: blue, lighter with missing reports, orange for a complete gap, none when not monitored. */
export function bandFill(share: number | null): { fill: string; opacity: number } {
  if (share === null) return { fill: 'none', opacity: 1 };
  if (share === 0) return { fill: BAND_COLOURS.gap, opacity: 1 };
  return { fill: BAND_COLOURS.counted, opacity: 0.35 + 0.65 * share };
}

/** Memoised: the band changes with the selection and the width, not with the period (play re-renders the strip every step). */
export const CoverageBand = memo(function CoverageBand({
  steps,
  x,
  y,
  height,
}: {
  steps: BandStep[];
  x: ScaleTime<number, number>;
  y: number;
  height: number;
}) {
  const { t } = useTranslation('time');
  const lang = useLanguage();
  return (
    <g className="timestrip__coverage" data-testid="coverage-band" aria-hidden="true">
      {steps.map((s) => {
        const x0 = x(parseIsoDate(s.start)!);
        const x1 = x(parseIsoDate(s.end)!);
        const { fill, opacity } = bandFill(s.share);
        const what =
          s.share === null ? t('coverage.notMonitored') : s.share === 0 ? t('coverage.gap') : t('coverage.counted', { share: formatPercent(s.share, lang) });
        return (
          <rect
            key={s.start}
            x={x0}
            y={y}
            width={Math.max(0.5, x1 - x0 - 0.5)}
            height={height}
            fill={fill}
            fillOpacity={opacity}
            stroke={s.share === null ? BAND_COLOURS.notMonitored : 'none'}
            strokeDasharray={s.share === null ? '2 2' : undefined}
            strokeWidth={s.share === null ? 0.75 : 0}
            data-share={s.share === null ? 'none' : String(s.share)}
          >
            <title>{`${formatDate(s.start, lang)}: ${what}`}</title>
          </rect>
        );
      })}
    </g>
  );
});

/** The table alternative: every monitoring point over the period, with the share covered and its gaps. */
export function CoverageTable({ cov, from, to }: { cov: CoverageResponse; from: string | null; to: string | null }) {
  const { t } = useTranslation('time');
  const lang = useLanguage();
  const rows = pointRows(cov, from, to);
  return (
    <table className="timestrip__coverage-table" data-testid="coverage-table">
      <caption>{t('coverage.caption', { dataAsOf: formatDate(cov.dataAsOf, lang) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('coverage.point')}</th>
          <th scope="col">{t('coverage.active')}</th>
          <th scope="col">{t('coverage.share')}</th>
          <th scope="col">{t(cov.unit === 'week' ? 'coverage.gapsWeeks' : 'coverage.gapsMonths')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.name}</th>
            <td>
              {r.activeFrom ? formatDate(r.activeFrom, lang) : '…'} – {r.activeTo ? formatDate(r.activeTo, lang) : t('coverage.ongoing')}
            </td>
            <td>{r.share === null ? t('coverage.notMonitored') : formatPercent(r.share, lang)}</td>
            <td>{r.share === null ? '–' : r.gaps}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The coverage panel over the map: the period's share for the selection, the band's legend and the table. */
export function CoveragePanel(props: {
  id: string;
  cov: CoverageResponse;
  scope: 'all' | 'point' | 'route' | 'region';
  covered: number | null;
  from: string | null;
  to: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('time');
  const { t: tc } = useTranslation();
  const lang = useLanguage();
  const { cov, covered } = props;
  const scope = t(`coverage.scope_${props.scope}`);
  return (
    <div className="timestrip__events timestrip__coverage-panel" id={props.id} data-testid="coverage-panel" role="region" aria-label={t('coverage.title')}>
      <div className="timestrip__events-head">
        <h3>{t('coverage.title')}</h3>
        <button type="button" className="btn btn--icon btn--small" onClick={props.onClose} aria-label={tc('close')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p data-testid="coverage-summary">
        {covered === null
          ? t('coverage.summaryNone', { scope })
          : t('coverage.summary', { scope, share: formatPercent(covered, lang), dataAsOf: formatDate(cov.dataAsOf, lang) })}
      </p>
      <ul className="timestrip__coverage-legend">
        {(
          [
            ['counted', 1],
            ['gap', 0],
            ['notMonitored', null],
          ] as const
        ).map(([key, share]) => {
          const { fill, opacity } = bandFill(share);
          return (
            <li key={key}>
              <svg width={18} height={8} aria-hidden="true">
                <rect
                  x={0.5}
                  y={0.5}
                  width={17}
                  height={7}
                  fill={fill}
                  fillOpacity={opacity}
                  stroke={share === null ? BAND_COLOURS.notMonitored : 'none'}
                  strokeDasharray="2 2"
                />
              </svg>
              {t(`coverage.legend${key[0]!.toUpperCase()}${key.slice(1)}` as 'coverage.legendCounted')}
            </li>
          );
        })}
      </ul>
      <CoverageTable cov={cov} from={props.from} to={props.to} />
    </div>
  );
}
