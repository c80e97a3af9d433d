/**
 * The time strip under the map: weekly totals over the whole data range (people observed, or people
 * assisted in the donor view) as a d3 area, event annotations from /meta, and a d3-brush that chooses the
 * period snapped to whole weeks or months. Play steps the period forward week by week with fixed scales.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { brushX, type BrushBehavior } from 'd3-brush';
import { max as d3max } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { select } from 'd3-selection';
import { area } from 'd3-shape';
import { utcYear } from 'd3-time';
import type { MetaResponse } from '../../../shared/api';
import { PEOPLE_ASSISTED_SERVICE } from '../../../shared/enums';
import { useAssistance, useFlows } from '../../api/queries';
import { seriesStep, useSession } from '../../api/session';
import { ErrorState, Loading } from '../../components/States';
import { formatDate, formatTick, parseIsoDate } from '../../i18n/format';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import { eventLabel } from '../../i18n/dataset-text';
import { useFilters, useFilterValues } from '../../state/filters';
import { CENTRES_QUERY, fitFilters, useViewFilters } from '../../api/view-filters';
import { useView } from '../../state/view';
import { addDays, parseDate, snapPeriod, stepPeriod, type Step } from '../../../shared/calendar';

const H = 84;
const M = { top: 6, right: 8, bottom: 18, left: 8 };
export const PLAY_INTERVAL_MS = 900;

/**
 * Totals over the whole range for the current view and the breakdown filters it applies: weekly, or monthly when
 * the session may not see weeks (roles that see months only).
 */
function useTotals(meta: MetaResponse, step: Step) {
  const { applied: f, access } = useViewFilters();
  const view = useView((s) => s.view);
  const session = useSession();
  const ready = !session.isPending;
  const range = { from: meta.dateRange.min, to: meta.dateRange.max };
  const flows = useFlows(
    { ...range, direction: f.direction, nationality: f.nationality, sex: f.sex, ageGroup: f.ageGroup, groupBy: [step] },
    { enabled: ready && view !== 'donor' },
  );
  // People assisted, with the filters the centres' query carries for this role (the ones Donor impact applies).
  const assistedBase = { ...range, service: PEOPLE_ASSISTED_SERVICE, groupBy: [step] };
  const carried = fitFilters(access, { ...CENTRES_QUERY, base: { ...CENTRES_QUERY.base, groupBy: ['centre', step] } }, f).kept;
  const assisted = useAssistance({ ...assistedBase, ...carried }, { enabled: ready && view === 'donor' });
  return view === 'donor' ? assisted : flows;
}

export function TimeStrip({ meta }: { meta: MetaResponse }) {
  const id = useId();
  const { t } = useTranslation();
  // The language re-renders the strip: its ticks, period and event labels are worded in it at once.
  const lang = useLanguage();
  const session = useSession();
  const view0 = useView((s) => s.view);
  /** Finest step the session may see: the series, the brush snapping and play use it. */
  const finest: Step = seriesStep(session.data, view0 === 'donor' ? 'assistance' : 'flows');
  const q = useTotals(meta, finest);
  const f = useFilterValues();
  const setPeriod = useFilters((s) => s.setPeriod);
  const playing = useView((s) => s.playing);
  const setPlaying = useView((s) => s.setPlaying);
  const view = useView((s) => s.view);
  const [chosenStep, setStep] = useState<Step>('week');
  const step: Step = finest === 'month' ? 'month' : chosenStep;
  const wrapRef = useRef<HTMLDivElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const brush = useRef<BrushBehavior<unknown> | null>(null);
  const [width, setWidth] = useState(800);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([e]) => e && setWidth(Math.max(280, Math.round(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const range = meta.dateRange;
  const x = useMemo(
    () =>
      scaleUtc()
        .domain([parseIsoDate(range.min)!, parseIsoDate(range.max)!])
        .range([M.left, width - M.right]),
    [range.min, range.max, width],
  );
  const points = useMemo(
    () =>
      (q.data?.rows ?? [])
        .map((r) => ({ d: parseIsoDate(String(r['week'] ?? r['month'])), v: r.count }))
        .filter((p): p is { d: Date; v: number | null } => p.d !== null)
        .sort((a, b) => a.d.getTime() - b.d.getTime()),
    [q.data],
  );
  const yMax = d3max(points, (p) => p.v ?? 0) ?? 0;
  const y = scaleLinear()
    .domain([0, yMax > 0 ? yMax : 1])
    .range([H - M.bottom, M.top]);
  const path = area<{ d: Date; v: number | null }>()
    .defined((p) => p.v !== null)
    .x((p) => x(p.d))
    .y0(H - M.bottom)
    .y1((p) => y(p.v ?? 0))(points);

  // The brush: user gestures set the period (snapped); the period from elsewhere moves the brush.
  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    const b = brushX<unknown>()
      .extent([
        [M.left, M.top],
        [width - M.right, H - M.bottom],
      ])
      .on('end', (event: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (!event.sourceEvent || !event.selection) return;
        const p = snapPeriod(x.invert(event.selection[0]), x.invert(event.selection[1]), step, range);
        setPlaying(false);
        setPeriod(p.from, p.to);
      });
    brush.current = b;
    select(g).call(b);
    return () => {
      select(g).on('.brush', null);
    };
  }, [x, width, step, range, setPeriod, setPlaying]);

  useEffect(() => {
    const g = brushRef.current;
    if (!g || !brush.current || !f.from || !f.to) return;
    const a = x(parseIsoDate(f.from)!);
    const b = x(parseDate(addDays(f.to, 1)));
    select(g).call(brush.current.move, [a, Math.max(a + 2, b)]);
  }, [f.from, f.to, x]);

  const stepRef = useRef<Step>(finest);
  useEffect(() => {
    stepRef.current = finest;
  }, [finest]);
  // Play: one week (or month, when weeks are not available) forward per tick, until the end of the data.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const s = useFilters.getState();
      if (!s.from || !s.to) return;
      const next = stepPeriod({ from: s.from, to: s.to }, stepRef.current, range);
      if (!next) {
        useView.getState().setPlaying(false);
        return;
      }
      s.setPeriod(next.from, next.to);
    }, PLAY_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing, range]);
  useEffect(() => () => useView.getState().setPlaying(false), []);

  // One tick per year (every other year when narrow): the labels are years, so finer ticks would repeat them.
  const years = Math.max(1, Math.round((x.domain()[1]!.getTime() - x.domain()[0]!.getTime()) / (365.25 * 864e5)));
  const ticks = x.ticks(utcYear.every(years * 45 > width ? 2 : 1)!);
  const title = view === 'donor' ? t('time.assistedTitle') : t('time.flowsTitle');
  const events = meta.events.filter((e) => e.date >= range.min && e.date <= range.max);

  return (
    <section className="timestrip no-print" aria-labelledby={`${id}-title`} data-testid="timestrip">
      <div className="timestrip__head">
        <h2 id={`${id}-title`} className="timestrip__title" title={title}>
          {title}
        </h2>
        <div className="timestrip__controls">
          <button type="button" className="btn btn--small" aria-pressed={playing} data-testid="play" onClick={() => setPlaying(!playing)}>
            <span aria-hidden="true">{playing ? '❚❚ ' : '▶ '}</span>
            {playing ? t('time.pause') : t('time.play')}
          </button>
          <label className="timestrip__step">
            <span>{t('time.snap')}</span>
            <select value={step} onChange={(e) => setStep(e.target.value as Step)} data-testid="snap-step" disabled={finest === 'month'}>
              {finest === 'week' ? <option value="week">{t('time.week')}</option> : null}
              <option value="month">{t('time.month')}</option>
            </select>
          </label>
          <span className="timestrip__period" aria-live="polite" data-testid="timestrip-period">
            {f.from && f.to ? `${formatDate(f.from, lang)} – ${formatDate(f.to, lang)}` : ''}
          </span>
        </div>
      </div>
      <div ref={wrapRef} className="timestrip__chart">
        {q.isError ? (
          <div className="timestrip__note">
            <ErrorState error={q.error} onRetry={() => void q.refetch()} />
          </div>
        ) : null}
        {q.isPending && q.fetchStatus !== 'idle' ? (
          <div className="timestrip__note">
            <Loading inline />
          </div>
        ) : null}
        <svg width={width} height={H} role="img" aria-label={t('time.brushLabel')} data-testid="timestrip-svg">
          <path d={path ?? ''} className="timestrip__area" />
          {eventLabels(events, x).map(({ e, ex, showText }) => {
            const label = eventLabel(e, lang);
            return (
              <g key={e.date + e.label} className="timestrip__event" data-testid="timestrip-event">
                <line x1={ex} x2={ex} y1={M.top} y2={H - M.bottom} />
                {showText ? (
                  <text x={ex + 3} y={M.top + 9}>
                    {label.length > 24 ? `${label.slice(0, 23)}…` : label}
                  </text>
                ) : null}
                <title>{`${formatDate(e.date, lang)}: ${label}`}</title>
              </g>
            );
          })}
          <g aria-hidden="true" className="timestrip__axis">
            {ticks.map((d) => (
              <text key={d.getTime()} x={x(d)} y={H - 4} textAnchor="middle">
                {formatTick(d, lang)}
              </text>
            ))}
          </g>
          <g ref={brushRef} className="timestrip__brush" />
        </svg>
      </div>
      <ul className="visually-hidden">
        {events.map((e) => (
          <li key={e.date + e.label}>{`${formatDate(e.date, lang)}: ${eventLabel(e, lang)}`}</li>
        ))}
      </ul>
    </section>
  );
}

/** Event markers with a text label only where it does not run into the next label (the rest keep a line and a tooltip). */
export function eventLabels<E extends { date: string }>(events: E[], x: (d: Date) => number, minGap = 130): Array<{ e: E; ex: number; showText: boolean }> {
  let lastText = -Infinity;
  return [...events]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e) => {
      const ex = x(parseIsoDate(e.date)!);
      const showText = ex - lastText >= minGap;
      if (showText) lastText = ex;
      return { e, ex, showText };
    });
}
