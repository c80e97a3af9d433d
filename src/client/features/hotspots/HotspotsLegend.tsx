/** Legend of the hotspot choropleth: one swatch per class of the palette in use, no-data grey, and the anomaly outlines. */
import { useId } from 'react';
import { ANOMALY_COLOURS, ANOMALY_DASH, NO_DATA_COLOUR, changeClasses, flowClasses, type HotspotMetric } from '../../map/layers/hotspots';
import { currentLang, formatters, hotspotsStrings, type HotspotsLang } from './strings';

export interface HotspotsLegendProps {
  metric: HotspotMetric;
  /** The largest region's flows in the period (sets the flows classes). */
  maxFlows: number;
  lang?: HotspotsLang;
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

export function HotspotsLegend({ metric, maxFlows, lang = currentLang(), perturbed = false }: HotspotsLegendProps) {
  const s = hotspotsStrings[lang];
  const f = formatters(lang);
  const titleId = useId();
  const entries: Array<{ colour: string; label: string }> =
    metric === 'change'
      ? changeClasses().map((c) => ({
          colour: c.colour,
          label: c.min === null ? s.legendBelow(f.change(c.max!)) : c.max === null ? s.legendAbove(f.change(c.min)) : s.legendRange(f.change(c.min), f.change(c.max)),
        }))
      : flowClasses(Math.max(0, maxFlows)).map((c) => ({ colour: c.colour, label: s.legendRange(f.count(c.min), f.count(c.max)) }));
  return (
    <section className="hotspots-legend" aria-labelledby={titleId} data-testid="hotspots-legend">
      <h3 id={titleId} className="hotspots-legend__title">
        {metric === 'change' ? s.legendTitleChange : s.legendTitleFlows}
      </h3>
      <ul className="hotspots-legend__list">
        {entries.map((e) => (
          <li key={e.colour} data-testid="hotspots-legend-class" data-colour={e.colour}>
            <Swatch colour={e.colour} /> {e.label}
          </li>
        ))}
        <li data-testid="hotspots-legend-nodata" data-colour={NO_DATA_COLOUR}>
          <Swatch colour={NO_DATA_COLOUR} /> {s.legendNoData}
        </li>
        {perturbed ? (
          <li data-testid="hotspots-legend-perturbed">
            <span aria-hidden="true">≈ </span>
            {s.legendPerturbed}
          </li>
        ) : null}
      </ul>
      <ul className="hotspots-legend__list" aria-label={s.legendAnomaly}>
        <li data-testid="hotspots-legend-anomaly" data-anomaly="rise">
          <Outline colour={ANOMALY_COLOURS.rise} /> <span aria-hidden="true">⚠ </span>
          {s.unusualRise}
        </li>
        <li data-testid="hotspots-legend-anomaly" data-anomaly="fall">
          <Outline colour={ANOMALY_COLOURS.fall} /> <span aria-hidden="true">⚠ </span>
          {s.unusualFall}
        </li>
      </ul>
    </section>
  );
}
