/**
 * The time strip under the map: weekly totals over the whole data range (people observed, or people
 * assisted in the donor view) as a d3 area, every event of /meta marked (labelled where its words fit, numbered and
 * listed otherwise), and a d3-brush that chooses the period snapped to whole weeks or months. ▶ plays a window (1 week,
 * 4 weeks or 3 months) forward from the period, or from the beginning of the data when there is nothing to play from
 * there, at a chosen speed, looping or stopping at the end, with a large date stamp on the map (playback.ts).
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
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
import { formatDate, formatMonthYear, formatPercent, formatTick, parseIsoDate } from '../../i18n/format';
import { useLanguage, useTranslation, type Language } from '../../i18n/i18n';
import { eventLabel } from '../../i18n/dataset-text';
import { useFilters, useFilterValues, useSelection } from '../../state/filters';
import { CENTRES_QUERY, fitFilters, useViewFilters } from '../../api/view-filters';
import { useView } from '../../state/view';
import { addDays, isWholeMonths, parseDate, snapPeriod, type Step } from '../../../shared/calendar';
import { DEFAULT_SPEED, DEFAULT_WINDOW, intervalOf, nextWindow, playStart, SPEEDS, WINDOW_LENGTHS, windowAt, type Speed, type WindowLength } from './playback';
import { CoverageBand, CoveragePanel } from './CoverageBand';
import { coverageBand, periodCoverage, pointsOf, useCoverage } from './coverage';
import './i18n';
import './timestrip.css';

const H = 84;
const M = { top: 6, right: 8, bottom: 18, left: 8 };
/** Pixels a character of an event label takes at the strip's 10 px font (a little generous, so labels never overlap). */
const CHAR_PX = 5.8;

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
  const { t: tt } = useTranslation('time');
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
  const [len, setLen] = useState<WindowLength>(DEFAULT_WINDOW[finest]);
  const windowLen: WindowLength = WINDOW_LENGTHS[finest].includes(len) ? len : DEFAULT_WINDOW[finest];
  const [speed, setSpeed] = useState<Speed>(DEFAULT_SPEED);
  const [loop, setLoop] = useState(false);
  /** What playback last did that the reader should hear: reached the end, restarted, started at the beginning. */
  const [notice, setNotice] = useState<'ended' | 'restarted' | 'startedAtBeginning' | null>(null);
  const playRef = useRef({ len: windowLen, loop });
  useEffect(() => {
    playRef.current = { len: windowLen, loop };
  }, [windowLen, loop]);
  const scaleMode = useView((s) => s.scaleMode);
  const setScaleMode = useView((s) => s.setScaleMode);

  const play = () => {
    if (playing) {
      setPlaying(false);
      return;
    }
    const s = useFilters.getState();
    const current = s.from && s.to ? { from: s.from, to: s.to } : null;
    const p = playStart(current, windowLen, finest, range);
    const begin = windowAt(range.min, windowLen, finest, range);
    // Said when ▶ moved the period to the beginning (the period was "All", or at the end of the data).
    setNotice(current && p.from === begin.from && (current.from !== p.from || current.to !== p.to) ? 'startedAtBeginning' : null);
    s.setPeriod(p.from, p.to);
    setPlaying(true);
  };
  const changeLen = (l: WindowLength) => {
    setLen(l);
    const s = useFilters.getState();
    if (playing && s.from) {
      const p = windowAt(s.from, l, finest, range);
      s.setPeriod(p.from, p.to);
    }
  };
  // Play: one week (or month, when weeks are not available) forward per tick; at the end, the beginning again or a stop.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const s = useFilters.getState();
      if (!s.from || !s.to) return;
      const { len: l, loop: again } = playRef.current;
      const next = nextWindow({ from: s.from, to: s.to }, l, stepRef.current, range, again);
      if (!next) {
        useView.getState().setPlaying(false);
        setNotice('ended');
        return;
      }
      if (next.from < s.from) setNotice('restarted');
      s.setPeriod(next.from, next.to);
    }, intervalOf(speed));
    return () => clearInterval(timer);
  }, [playing, range, speed]);
  useEffect(() => () => useView.getState().setPlaying(false), []);

  // One tick per year (every other year when narrow): the labels are years, so finer ticks would repeat them.
  const years = Math.max(1, Math.round((x.domain()[1]!.getTime() - x.domain()[0]!.getTime()) / (365.25 * 864e5)));
  const ticks = x.ticks(utcYear.every(years * 45 > width ? 2 : 1)!);
  const title = view === 'donor' ? t('time.assistedTitle') : t('time.flowsTitle');
  const events = meta.events.filter((e) => e.date >= range.min && e.date <= range.max);
  const marks = eventLabels(
    events.map((e) => ({ ...e, text: eventLabel(e, lang) })),
    x,
    width,
  );
  const listed = marks.filter((m) => m.row === null);
  // Coverage: which weeks (months) the points of the selection, or every point, were counting.
  const cov = useCoverage({ from: range.min, to: range.max }, !session.isPending).data;
  const selected = useSelection((s) => s.selected);
  const scope = useMemo(() => (cov ? pointsOf(cov, selected) : null), [cov, selected]);
  const band = useMemo(() => (cov && scope ? coverageBand(cov, scope.ids) : []), [cov, scope]);
  const covered = cov && scope ? periodCoverage(cov, scope.ids, f.from ?? null, f.to ?? null) : undefined;
  const [coverageOpen, setCoverageOpen] = useState(false);
  const [eventsOpen, setEventsOpen] = useState(false);
  const stamp = f.from && f.to ? periodStamp({ from: f.from, to: f.to }, lang) : '';

  return (
    <section className="timestrip no-print" aria-labelledby={`${id}-title`} data-testid="timestrip">
      <div className="timestrip__head">
        <h2 id={`${id}-title`} className="timestrip__title" title={title}>
          <span aria-hidden="true">{tt(view === 'donor' ? 'shortAssisted' : 'shortFlows', { context: finest })}</span>
          <span className="visually-hidden">{title}</span>
        </h2>
        {listed.length > 0 ? (
          <button
            type="button"
            className="btn btn--small timestrip__events-toggle"
            aria-expanded={eventsOpen}
            aria-controls={`${id}-events`}
            onClick={() => setEventsOpen((o) => !o)}
            data-testid="timestrip-events-toggle"
          >
            {tt('events', { count: events.length })}
          </button>
        ) : null}
        {cov && scope && covered !== undefined ? (
          <button
            type="button"
            className="btn btn--small timestrip__coverage-toggle"
            aria-expanded={coverageOpen}
            aria-controls={`${id}-coverage`}
            title={tt('coverage.buttonTitle', { scope: tt(`coverage.scope_${scope.scope}`), dataAsOf: formatDate(cov.dataAsOf, lang) })}
            onClick={() => setCoverageOpen((o) => !o)}
            data-testid="coverage-toggle"
          >
            <span className="timestrip__coverage-swatch" aria-hidden="true" />
            {covered === null ? tt('coverage.buttonNone') : tt('coverage.button', { share: formatPercent(covered, lang) })}
          </button>
        ) : null}
        <div className="timestrip__controls">
          <button type="button" className="btn btn--small" aria-pressed={playing} data-testid="play" onClick={play}>
            <span aria-hidden="true">{playing ? '❚❚ ' : '▶ '}</span>
            {playing ? t('time.pause') : t('time.play')}
          </button>
          <label className="timestrip__step">
            <span className="visually-hidden">{tt('speed')}</span>
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as Speed)} data-testid="play-speed">
              {SPEEDS.map((v) => (
                <option key={v} value={v}>
                  {tt('speed', { context: finest, count: v })}
                </option>
              ))}
            </select>
          </label>
          <label className="timestrip__step">
            <span>{tt('window')}</span>
            <select value={windowLen} onChange={(e) => changeLen(e.target.value as WindowLength)} data-testid="play-window">
              {WINDOW_LENGTHS[finest].map((l) => (
                <option key={l} value={l}>
                  {tt(`windowLength.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="timestrip__check">
            <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} data-testid="play-loop" />
            <span>{tt('loop')}</span>
          </label>
          <label className="timestrip__check" title={tt('fixedScaleTitle')}>
            <input
              type="checkbox"
              checked={scaleMode === 'fixed'}
              onChange={(e) => setScaleMode(e.target.checked ? 'fixed' : 'auto')}
              data-testid="play-fixed-scale"
            />
            <span>{tt('fixedScale')}</span>
          </label>
          {/* Months-only audiences snap to months anyway: no control that cannot change. */}
          {finest === 'week' ? (
            <label className="timestrip__step">
              <span>{t('time.snap')}</span>
              <select value={step} onChange={(e) => setStep(e.target.value as Step)} data-testid="snap-step">
                <option value="week">{t('time.week')}</option>
                <option value="month">{t('time.month')}</option>
              </select>
            </label>
          ) : null}
          {/* While playing the stamp on the map speaks the period; the strip's copy stays quiet then. */}
          <span className="timestrip__period" aria-live={playing ? 'off' : 'polite'} data-testid="timestrip-period">
            {stamp}
          </span>
          <span className="timestrip__notice" role="status">
            {notice ? <span data-testid="play-notice">{tt(notice)}</span> : null}
          </span>
        </div>
      </div>
      {coverageOpen && cov && scope && covered !== undefined ? (
        <OverMap>
          <CoveragePanel
            id={`${id}-coverage`}
            cov={cov}
            scope={scope.scope}
            covered={covered}
            from={f.from ?? null}
            to={f.to ?? null}
            onClose={() => setCoverageOpen(false)}
          />
        </OverMap>
      ) : null}
      {eventsOpen ? (
        <OverMap>
          <div className="timestrip__events" id={`${id}-events`} data-testid="timestrip-events">
            <div className="timestrip__events-head">
              <h3>{tt('eventsTitle')}</h3>
              <button type="button" className="btn btn--icon btn--small" onClick={() => setEventsOpen(false)} aria-label={t('close')}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
            <ol>
              {marks.map((m) => (
                <li key={m.e.date + m.e.label} value={m.n}>
                  <strong>{formatDate(m.e.date, lang)}</strong> {m.e.text}
                </li>
              ))}
            </ol>
          </div>
        </OverMap>
      ) : null}
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
          <CoverageBand steps={band} x={x} y={H - M.bottom + 1} height={4} />
          {marks.map((m) => (
            <g key={m.e.date + m.e.label} className="timestrip__event" data-testid="timestrip-event" data-labelled={m.row !== null ? 'true' : undefined}>
              <line x1={m.ex} x2={m.ex} y1={M.top} y2={H - M.bottom} />
              <circle cx={m.ex} cy={M.top + 5 + m.badgeRow * 13} r={6} className="timestrip__event-badge" />
              <text x={m.ex} y={M.top + 8.5 + m.badgeRow * 13} textAnchor="middle" className="timestrip__event-n">
                {m.n}
              </text>
              {m.row !== null ? (
                <text x={m.anchor === 'start' ? m.ex + 4 : m.ex - 4} y={M.top + 24 + m.row * 12} textAnchor={m.anchor}>
                  {m.e.text}
                </text>
              ) : null}
              <title>{`${m.n}. ${formatDate(m.e.date, lang)}: ${m.e.text}`}</title>
            </g>
          ))}
          <g aria-hidden="true" className="timestrip__axis">
            {ticks.map((d) => {
              // The first and last ticks sit at the edges: anchored inwards so that they are never clipped.
              const tx = x(d);
              const anchor = tx - 16 < 0 ? 'start' : tx + 16 > width ? 'end' : 'middle';
              return (
                <text key={d.getTime()} x={anchor === 'start' ? Math.max(tx, 1) : tx} y={H - 4} textAnchor={anchor}>
                  {formatTick(d, lang)}
                </text>
              );
            })}
          </g>
          <g ref={brushRef} className="timestrip__brush" />
        </svg>
      </div>
      <ul className="visually-hidden">
        {events.map((e) => (
          <li key={e.date + e.label}>{`${formatDate(e.date, lang)}: ${eventLabel(e, lang)}`}</li>
        ))}
      </ul>
      {playing ? <DateStamp text={stamp} /> : null}
    </section>
  );
}

/**
 * The large date stamp on the map while playing (over the map area, outside the strip; in the strip when there is no
 * map, as in component tests). Polite live region: screen readers hear the period when they are idle.
 */
function DateStamp({ text }: { text: string }) {
  const { t } = useTranslation('time');
  return (
    <OverMap>
      <div className="play-stamp" role="status" aria-live="polite" data-testid="play-stamp">
        <span className="visually-hidden">{t('stamp')}: </span>
        {text}
      </div>
    </OverMap>
  );
}

/** Children drawn over the map area (a portal), or in place when there is no map (component tests). */
function OverMap({ children }: { children: ReactNode }) {
  const [target] = useState<Element | null>(() => (typeof document === 'undefined' ? null : document.querySelector('[data-testid="map-area"]')));
  return target ? createPortal(children, target) : <>{children}</>;
}

/** The period in words: "Jun 2019" or "Apr 2019 – Jun 2019" for whole months, else "Feb 1, 2016 – Feb 28, 2016". */
export function periodStamp(p: { from: string; to: string }, lang: Language): string {
  if (isWholeMonths(p)) {
    const a = formatMonthYear(parseIsoDate(p.from)!, lang);
    const b = formatMonthYear(parseIsoDate(p.to)!, lang);
    return a === b ? a : `${a} – ${b}`;
  }
  return `${formatDate(p.from, lang)} – ${formatDate(p.to, lang)}`;
}

export interface EventMark<E> {
  e: E;
  /** 1, 2, 3… in date order: the badge on the line and the number in the events list. */
  n: number;
  ex: number;
  /** 0, or 1 when the badge would touch the previous one (events days apart): it then sits lower on its line. */
  badgeRow: number;
  /** The text row (0, 1 or 2) where the whole label fits, or null: then the badge and the list carry it. */
  row: number | null;
  anchor: 'start' | 'end';
}

/**
 * Event markers: every event gets a numbered badge on top of its line; its whole label (never cut) is written beside
 * the line, right or left, on the first of three rows under the badges where it runs into no other label and stays inside
 * the strip. Labels that fit nowhere are in the events list (numbered as the badges) and the tooltip.
 */
export function eventLabels<E extends { date: string; text: string }>(events: E[], x: (d: Date) => number, width: number, rows = 3): Array<EventMark<E>> {
  const taken: Array<Array<[number, number]>> = Array.from({ length: rows }, () => []);
  const sorted = [...events].sort((a, b) => a.date.localeCompare(b.date));
  const lines = sorted.map((e) => x(parseIsoDate(e.date)!));
  const free = (row: Array<[number, number]>, a: number, b: number) => row.every(([p, q]) => b <= p || a >= q);
  const badgeRows: number[] = [];
  lines.forEach((ex, i) => {
    const close = i > 0 && ex - lines[i - 1]! < 14;
    badgeRows.push(close && badgeRows[i - 1] === 0 ? 1 : 0);
  });
  return sorted.map((e, i) => {
    const ex = lines[i]!;
    const badgeRow = badgeRows[i]!;
    const w = e.text.length * CHAR_PX;
    for (let r = 0; r < rows; r++) {
      const row = taken[r]!;
      const right: [number, number] = [ex + 4, ex + 4 + w];
      const left: [number, number] = [ex - 4 - w, ex - 4];
      if (right[1] <= width - 2 && free(row, right[0] - 3, right[1] + 3)) {
        row.push(right);
        return { e, n: i + 1, ex, badgeRow, row: r, anchor: 'start' as const };
      }
      if (left[0] >= 2 && free(row, left[0] - 3, left[1] + 3)) {
        row.push(left);
        return { e, n: i + 1, ex, badgeRow, row: r, anchor: 'end' as const };
      }
    }
    return { e, n: i + 1, ex, badgeRow, row: null, anchor: 'start' as const };
  });
}
