/**
 * Weekly time series as an SVG line chart (d3-scale + d3-shape), with axes, an accessible
 * title/description, and a visually hidden table holding the same numbers. A withheld point (value null) is a gap in
 * the line with a hollow marker on the baseline, and the chart says so under it; a series of perturbed counts says so
 * too, and its table marks each count (≈, †, "withheld").
 */
import { useId, useMemo } from 'react';
import { extent, max as d3max } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { area, line } from 'd3-shape';
import { Count } from '../components/Count';
import { formatCompact, formatDate, formatMonthYear, formatters, parseIsoDate } from '../i18n/format';
import { useLanguage, useTranslation } from '../i18n/i18n';
import { displayCount } from '../lib/suppressed';

export interface SeriesPoint {
  /** YYYY-MM-DD (start of the week). */
  date: string;
  /** null: withheld by disclosure control (a gap, never 0). */
  value: number | null;
  /** Perturbed by disclosure control. */
  perturbed?: boolean | undefined;
  /** Adds up published cells, some withheld and left out. */
  partial?: boolean | undefined;
}

export interface Series {
  key: string;
  label: string;
  colour: string;
  points: SeriesPoint[];
}

export interface TimeSeriesProps {
  title: string;
  series: Series[];
  /** Timeline annotations (e.g. enforcement of Law 2015-36), drawn when inside the range. */
  events?: Array<{ date: string; label: string }>;
  width?: number;
  height?: number;
  /** Header of the date column of the table alternative (default "Week starting"). */
  stepLabel?: string;
}

const M = { top: 10, right: 10, bottom: 22, left: 40 };

interface Parsed {
  key: string;
  label: string;
  colour: string;
  points: Array<{ d: Date; date: string; v: number | null; perturbed: boolean; partial: boolean }>;
}

export function TimeSeries({ title, series, events = [], width = 340, height = 150, stepLabel }: TimeSeriesProps) {
  const id = useId();
  const { t } = useTranslation();
  const lang = useLanguage();
  const parsed: Parsed[] = useMemo(
    () =>
      series.map((s) => ({
        key: s.key,
        label: s.label,
        colour: s.colour,
        points: s.points
          .map((p) => ({ d: parseIsoDate(p.date), date: p.date, v: p.value, perturbed: p.perturbed === true, partial: p.partial === true }))
          .filter((p): p is { d: Date; date: string; v: number | null; perturbed: boolean; partial: boolean } => p.d !== null)
          .sort((a, b) => a.d.getTime() - b.d.getTime()),
      })),
    [series],
  );
  const all = parsed.flatMap((s) => s.points);
  const dates = [...new Set(all.map((p) => p.date))].sort();

  if (all.length === 0) {
    return (
      <figure className="chart chart--empty">
        <figcaption className="chart__title">{title}</figcaption>
        <p className="muted">{t('chart.noData')}</p>
      </figure>
    );
  }

  const [x0, x1] = extent(all, (p) => p.d) as [Date, Date];
  const yMax = d3max(all, (p) => p.v ?? 0) ?? 0;
  const x = scaleUtc()
    .domain(x0.getTime() === x1.getTime() ? [x0, new Date(x1.getTime() + 7 * 86_400_000)] : [x0, x1])
    .range([M.left, width - M.right]);
  const y = scaleLinear()
    .domain([0, yMax > 0 ? yMax : 1])
    .nice(3)
    .range([height - M.bottom, M.top]);
  const lineGen = line<{ d: Date; v: number | null }>()
    .defined((p) => p.v !== null)
    .x((p) => x(p.d))
    .y((p) => y(p.v ?? 0));
  const areaGen = area<{ d: Date; v: number | null }>()
    .defined((p) => p.v !== null)
    .x((p) => x(p.d))
    .y0(y(0))
    .y1((p) => y(p.v ?? 0));
  const xTicks = x.ticks(4);
  const spanDays = (x1.getTime() - x0.getTime()) / 86_400_000;
  // Ticks in the interface language: years over long spans ("2017"), else month and year ("Apr 2017" / "avr. 2017").
  const tickFormat = (d: Date) => (spanDays > 540 ? formatters(lang).year.format(d) : formatMonthYear(d, lang));
  const yTicks = y.ticks(3);
  const peakPoint = all.reduce<(typeof all)[number] | null>((best, p) => (p.v !== null && (best === null || p.v > (best.v ?? -1)) ? p : best), null);
  const withheld = all.filter((p) => p.v === null);
  const perturbed = all.some((p) => p.perturbed);
  const partial = all.some((p) => p.partial);
  const notes = [
    perturbed ? t('chart.perturbedNote') : null,
    partial ? t('chart.partialNote') : null,
    withheld.length > 0 ? t('chart.withheldNote', { count: withheld.length }) : null,
  ].filter((n): n is string => n !== null);
  const desc = [
    t('chart.timeSeriesDesc', {
      label: title,
      from: formatDate(dates[0]!, lang),
      to: formatDate(dates[dates.length - 1]!, lang),
      max: peakPoint ? displayCount({ count: peakPoint.v, perturbed: peakPoint.perturbed, partial: peakPoint.partial }, lang) : '—',
    }),
    ...notes,
  ].join(' ');
  const visibleEvents = events.filter((e) => {
    const d = parseIsoDate(e.date);
    return d !== null && d >= x.domain()[0]! && d <= x.domain()[1]!;
  });
  const byKeyDate = new Map(
    parsed.map((s) => [s.key, new Map(s.points.map((p) => [p.date, { count: p.v, suppressed: p.v === null, perturbed: p.perturbed, partial: p.partial }]))]),
  );

  return (
    <figure className="chart">
      <figcaption className="chart__title" id={`${id}-cap`}>
        {title}
      </figcaption>
      {parsed.length > 1 ? (
        <ul className="chart__keys" aria-hidden="true">
          {parsed.map((s) => (
            <li key={s.key}>
              <span className="chart__key" style={{ background: s.colour }} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <svg
        className="chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-testid="timeseries"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <g className="chart__axis" aria-hidden="true">
          {yTicks.map((v) => (
            <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
              <line x1={M.left} x2={width - M.right} className="chart__grid" />
              <text x={M.left - 4} dy="0.32em" textAnchor="end">
                {formatCompact(v, lang)}
              </text>
            </g>
          ))}
          {xTicks.map((d) => (
            <g key={`x${d.getTime()}`} transform={`translate(${x(d)},0)`}>
              <line y1={height - M.bottom} y2={height - M.bottom + 4} className="chart__tick" />
              <text y={height - M.bottom + 15} textAnchor="middle">
                {tickFormat(d)}
              </text>
            </g>
          ))}
        </g>
        {visibleEvents.map((e) => (
          <g key={e.date} className="chart__event" aria-hidden="true">
            <line x1={x(parseIsoDate(e.date)!)} x2={x(parseIsoDate(e.date)!)} y1={M.top} y2={height - M.bottom} />
            <title>{`${formatDate(e.date, lang)}: ${e.label}`}</title>
          </g>
        ))}
        {parsed.map((s) => (
          <g key={s.key} aria-hidden="true">
            {parsed.length === 1 ? <path d={areaGen(s.points) ?? ''} fill={s.colour} fillOpacity={0.15} /> : null}
            <path d={lineGen(s.points) ?? ''} fill="none" stroke={s.colour} strokeWidth={1.6} />
            {s.points
              .filter((p) => p.v === null)
              .map((p) => (
                <circle
                  key={p.date}
                  className="chart__withheld"
                  data-testid="chart-withheld"
                  cx={x(p.d)}
                  cy={y(0)}
                  r={2.5}
                  fill="#fff"
                  stroke={s.colour}
                  strokeWidth={1.2}
                >
                  <title>{`${p.date}: ${t('suppressed')}`}</title>
                </circle>
              ))}
          </g>
        ))}
      </svg>
      {notes.length > 0 ? (
        <p className="chart__note muted" data-testid="chart-note">
          {perturbed ? <span aria-hidden="true">≈ </span> : null}
          {notes.join(' ')}
        </p>
      ) : null}
      <table className="visually-hidden">
        <caption>{t('chart.tableCaption', { label: title })}</caption>
        <thead>
          <tr>
            <th scope="col">{stepLabel ?? t('chart.week')}</th>
            {parsed.map((s) => (
              <th scope="col" key={s.key}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dates.map((d) => (
            <tr key={d}>
              <th scope="row">{d}</th>
              {parsed.map((s) => (
                <td key={s.key}>
                  <Count value={byKeyDate.get(s.key)?.get(d)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
