/**
 * The ranked table of hotspot regions: the table alternative of the region choropleth. Every value is text
 * (change with a sign and an arrow, anomaly with an icon and words), never colour alone. Under disclosure control
 * (the answer's `disclosure`) counts read "≈12,000" (perturbed), "12,000†" (some cells withheld and left out) or
 * "withheld" (never a range such as "fewer than 10") and a change worked out from them is approximate ("≈+20%");
 * a region with no monitoring point reporting reads "not monitored", not 0.
 */
import type { DisclosureInfo, HotspotRegion, HotspotsResponse } from '../../../shared/api';
import { ApproxMark, Count } from '../../components/Count';
import { MonitoringMark, useCoverageOfRange } from '../../components/CoverageNote';
import { monitoringIn, pointsInRegion, type Monitoring } from '../../lib/coverage';
import { formatChange, formatDate, formatSignedDecimal } from '../../i18n/format';
import { useLanguage, useTranslation, type Language } from '../../i18n/i18n';
import { regionCount } from '../../lib/suppressed';
import { BASELINE_MONTHS, BASELINE_WEEKS, RECENT_WEEKS } from '../../../shared/anomaly-method';
import { useEffect, useRef } from 'react';
import { focusReturn } from './region-detail';
import './i18n';
import './panel-i18n';

export interface HotspotsTableProps {
  data: HotspotsResponse;
  selected: string | null;
  onSelect: (pcode: string) => void;
}

const TARGET = { minHeight: 24, minWidth: 24 } as const;

export function HotspotsTable({ data, selected, onSelect }: HotspotsTableProps) {
  const { t } = useTranslation('hotspots');
  const tableRef = useRef<HTMLTableElement>(null);
  // Back from a region's panel: the focus goes to that region's button.
  useEffect(() => {
    const pcode = focusReturn.pcode;
    if (!pcode) return;
    focusReturn.pcode = null;
    const row = [...(tableRef.current?.querySelectorAll<HTMLTableRowElement>('tr[data-pcode]') ?? [])].find((r) => r.dataset.pcode === pcode);
    row?.querySelector('button')?.focus();
  }, []);
  const { t: tp } = useTranslation('hotspotsPanel');
  const lang = useLanguage();
  return (
    <table ref={tableRef} className="overview__table hotspots-table" data-testid="hotspots-table">
      <caption>
        {t('caption', { from: formatDate(data.from, lang), to: formatDate(data.to, lang) })}
        {/* Its own line under the caption; the separator is for screen readers reading the caption as one sentence. */}
        <span className="visually-hidden">. </span>
        <span className="hotspots-previous">{t('previousPeriod', { from: formatDate(data.previousFrom, lang), to: formatDate(data.previousTo, lang) })}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('rank')}
          </th>
          <th scope="col">{t('region')}</th>
          <th scope="col" className="num">
            {t('flows')}
          </th>
          <th scope="col" className="num">
            {t('change')}
          </th>
          <th scope="col" className="num">
            {t('assisted')}
          </th>
          <th scope="col">
            {data.windows
              ? tp('anomalyWindow', {
                  context: data.windows.unit,
                  recent: RECENT_WEEKS,
                  baseline: data.windows.unit === 'week' ? BASELINE_WEEKS : BASELINE_MONTHS,
                })
              : t('anomaly')}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.regions.map((r, i) => (
          <Row key={r.pcode} region={r} rank={i + 1} selected={r.pcode === selected} onSelect={onSelect} lang={lang} disclosure={data.disclosure} data={data} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * How far a region's monitoring points were counting, over the answer's period and over the anomaly's windows
 * (baseline then recent): "partly monitored (60 %)" when below all of it, so that a "none" verdict or a fall is not
 * read as drawn from full counting (lib/coverage.ts, one rule). Nulls until coverage is known.
 */
export function useRegionMonitoring(
  pcode: string,
  data: Pick<HotspotsResponse, 'from' | 'to' | 'windows'>,
): { period: Monitoring | null; windows: Monitoring | null } {
  const cov = useCoverageOfRange().data;
  if (!cov) return { period: null, windows: null };
  const ids = pointsInRegion(cov, pcode);
  const w = data.windows;
  return {
    period: monitoringIn(cov, ids, data.from, data.to),
    windows: w ? monitoringIn(cov, ids, w.baselineFrom ?? w.recentFrom, w.recentTo) : null,
  };
}

function Row({
  region: r,
  rank,
  selected,
  onSelect,
  lang,
  disclosure,
  data,
}: {
  data: HotspotsResponse;
  region: HotspotRegion;
  rank: number;
  selected: boolean;
  onSelect: (pcode: string) => void;
  lang: Language;
  disclosure: DisclosureInfo | undefined;
}) {
  const { t } = useTranslation('hotspots');
  const { t: tp } = useTranslation('hotspotsPanel');
  const monitoring = useRegionMonitoring(r.pcode, data);
  return (
    <tr
      data-testid="hotspots-row"
      data-pcode={r.pcode}
      data-selected={selected ? 'true' : undefined}
      className={selected ? 'hotspots-row is-selected' : 'hotspots-row'}
      onClick={() => onSelect(r.pcode)}
    >
      <td className="num">{rank}</td>
      <th scope="row">
        <button
          type="button"
          className="btn--row hotspots-select"
          style={TARGET}
          aria-pressed={selected}
          aria-label={t('selectRegion', { name: r.name })}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(r.pcode);
          }}
        >
          {r.name}
        </button>
        {r.monitored ? <MonitoringMark monitoring={monitoring.period} testId="hotspots-partly" /> : null}
      </th>
      <td className="num" data-testid="hotspots-flows">
        {r.monitored ? (
          <Count value={regionCount(r, 'flows', disclosure)} lang={lang} disclosure={disclosure} />
        ) : (
          <span className="hotspots-unmonitored" title={t('notMonitoredTitle')}>
            {t('notMonitored')}
          </span>
        )}
      </td>
      <td className="num" data-testid="hotspots-change">
        <Change
          change={r.change}
          lang={lang}
          approximate={disclosure !== undefined}
          none={r.monitored ? undefined : { text: t('notMonitored'), title: t('notMonitoredTitle') }}
        />
      </td>
      <td className="num" data-testid="hotspots-assisted">
        <Count value={regionCount(r, 'assisted', disclosure)} lang={lang} disclosure={disclosure} />
      </td>
      <td data-testid="hotspots-anomaly">
        {r.anomaly.flag && r.anomaly.score !== null && r.anomaly.score !== 0 ? (
          <span
            className={r.anomaly.score > 0 ? 'hotspots-anomaly is-rise' : 'hotspots-anomaly is-fall'}
            title={t('score', { z: formatSignedDecimal(r.anomaly.score, lang) })}
          >
            <span aria-hidden="true">⚠ </span>
            {r.anomaly.score > 0 ? t('unusualRise') : t('unusualFall')}
            <span className="hotspots-score" data-testid="hotspots-score">
              {' '}
              ({tp('scoreShort', { z: formatSignedDecimal(r.anomaly.score, lang) })})
            </span>
          </span>
        ) : r.anomaly.score === null ? (
          <span className="hotspots-anomaly is-none">
            —<span className="visually-hidden"> {t('noScore')}</span>
          </span>
        ) : (
          <span className="hotspots-anomaly is-none">
            {t('noAnomaly')}
            {monitoring.windows?.kind === 'partly' ? (
              <>
                {' '}
                <MonitoringMark monitoring={monitoring.windows} testId="hotspots-windows-partly" />
              </>
            ) : null}
            <span className="hotspots-score" data-testid="hotspots-score">
              {' '}
              ({tp('scoreShort', { z: formatSignedDecimal(r.anomaly.score, lang) })})
            </span>
          </span>
        )}
      </td>
    </tr>
  );
}

/** `none`: why there is no change, when it is not the lack of previous flows; `approximate`: from perturbed counts. */
function Change({
  change,
  lang,
  none,
  approximate = false,
}: {
  change: number | null;
  lang: Language;
  none?: { text: string; title: string } | undefined;
  approximate?: boolean;
}) {
  const { t } = useTranslation(['hotspots', 'common']);
  if (change === null) {
    const why = none ?? { text: t('noChange'), title: t('noChange') };
    return (
      <span className="hotspots-change is-none" title={why.title}>
        —<span className="visually-hidden"> {why.text}</span>
      </span>
    );
  }
  const dir = change > 0 ? 'rise' : change < 0 ? 'fall' : 'steady';
  const arrow = dir === 'rise' ? '▲' : dir === 'fall' ? '▼' : '▶';
  return (
    <span className={`hotspots-change is-${dir}`}>
      <span aria-hidden="true">{arrow} </span>
      {approximate ? <ApproxMark lang={lang} label={t('common:protection.approximateLabel')} /> : null}
      {formatChange(change, lang)}
      <span className="visually-hidden"> ({t(dir)})</span>
    </span>
  );
}
