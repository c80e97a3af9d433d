/** Legend of the hotspot choropleth: one swatch per class of the palette in use, no-data grey, and the anomaly outlines. */
import { useId } from 'react';
import { ANOMALY_COLOURS, ANOMALY_DASH, NO_DATA_COLOUR, changeClasses, flowClasses, type HotspotMetric } from '../../map/layers/hotspots';
import { formatChange, formatCount } from '../../i18n/format';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import './i18n';

export interface HotspotsLegendProps {
  metric: HotspotMetric;
  /** The largest region's flows in the period (sets the flows classes). */
  maxFlows: number;
  /** The answer passed disclosure control: the legend says counts are perturbed (≈) and what "withheld" means. */
  perturbed?: boolean;
}

function Swatch({ colour }: { colour: string }) {
  return (
    <svg width={18} height={14} viewBox="0 0 18 14" aria-hidden="true" focusable="false" className="hotspots-legend__swatch">
      <rect x={0.5} y={0.5} width={17} height={13} fill={colour} stroke="#6b5a3e" strokeWidth={1} />
    </svg>
  );
}

function Outline({ colour }: { colour: string }) {
  const [dash, gap] = ANOMALY_DASH;
  return (
    <svg width={36} height={14} viewBox="0 0 36 14" aria-hidden="true" focusable="false" className="hotspots-legend__swatch">
      <line x1={2} x2={34} y1={7} y2={7} stroke={colour} strokeWidth={3.5} strokeDasharray={`${dash! * 3.5} ${gap! * 3.5}`} />
    </svg>
  );
}

export function HotspotsLegend({ metric, maxFlows, perturbed = false }: HotspotsLegendProps) {
  const { t } = useTranslation('hotspots');
  const lang = useLanguage();
  const change = (c: number) => formatChange(c, lang);
  const count = (n: number) => formatCount(n, lang);
  const titleId = useId();
  const entries: Array<{ colour: string; label: string }> =
    metric === 'change'
      ? changeClasses().map((c) => ({
          colour: c.colour,
          label:
            c.min === null
              ? t('legendBelow', { value: change(c.max!) })
              : c.max === null
                ? t('legendAbove', { value: change(c.min) })
                : t('legendRange', { low: change(c.min), high: change(c.max) }),
        }))
      : flowClasses(Math.max(0, maxFlows)).map((c) => ({ colour: c.colour, label: t('legendRange', { low: count(c.min), high: count(c.max) }) }));
  return (
    <section className="hotspots-legend" aria-labelledby={titleId} data-testid="hotspots-legend">
      <h3 id={titleId} className="hotspots-legend__title">
        {metric === 'change' ? t('legendTitleChange') : t('legendTitleFlows')}
      </h3>
      <ul className="hotspots-legend__list">
        {entries.map((e) => (
          <li key={e.colour} data-testid="hotspots-legend-class" data-colour={e.colour}>
            <Swatch colour={e.colour} /> {e.label}
          </li>
        ))}
        <li data-testid="hotspots-legend-nodata" data-colour={NO_DATA_COLOUR}>
          <Swatch colour={NO_DATA_COLOUR} /> {t('legendNoData')}
        </li>
        {perturbed ? (
          <li data-testid="hotspots-legend-perturbed">
            <span aria-hidden="true">≈ </span>
            {t('legendPerturbed')}
          </li>
        ) : null}
      </ul>
      <ul className="hotspots-legend__list" aria-label={t('legendAnomaly')}>
        <li data-testid="hotspots-legend-anomaly" data-anomaly="rise">
          <Outline colour={ANOMALY_COLOURS.rise} /> <span aria-hidden="true">⚠ </span>
          {t('unusualRise')}
        </li>
        <li data-testid="hotspots-legend-anomaly" data-anomaly="fall">
          <Outline colour={ANOMALY_COLOURS.fall} /> <span aria-hidden="true">⚠ </span>
          {t('unusualFall')}
        </li>
      </ul>
    </section>
  );
}
