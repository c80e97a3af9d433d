/**
 * Pressure over any store (engine-neutral): people assisted per centre and week (Store.aggregateAssistance, the query
 * the assistance endpoint uses, service=shelter_food grouped by centre and week), incoming per monitoring point and
 * week (Store.aggregateFlows grouped by point and week), the centres and capacities (Store.places) and which routes a
 * centre serves (the configured data directory's centre-routes.json, read once at start by centre-routes-data.ts, with
 * the routes' monitoring points). Exact counts: programme staff only.
 */
import type { PressureCentre, PressureOpen, PressureWarning } from '../../shared/api-pressure';
import { PRESSURE_RECENT_WEEKS } from '../../shared/api-pressure';
import { addDays, weekStarts } from '../../shared/calendar';
import type { CentreRoutes } from '../../shared/centre-routes';
import type { Store } from '../store/types';
import { backtest, forecastFrom, INTERVAL_LEVEL, weekOccupancy, type CentreSeries } from './pressure';

export const PRESSURE_METHOD =
  'Estimated residents = people assisted in the week × stay days ÷ 7 (registers count arrivals, not nights). Forecast: ' +
  'for each horizon, a regression of people assisted h weeks ahead on the last week, the same week a year earlier and ' +
  'the incoming counted upstream (the monitoring points of the routes the centre serves first) in the last two weeks, ' +
  'fitted on the latest 104 weeks; served only where a rolling-origin backtest shows it beats the seasonal-naive ' +
  'baseline (same week last year) on mean MASE, else the baseline is served. Intervals: 10th–90th percentile of the ' +
  'backtest errors of the method served, per horizon.';

export interface PressureParams {
  stayDays: number;
  horizon: number;
  threshold: number;
}

/** The series per centre over the whole data range (weeks from the first to the last Monday of the data). */
export async function pressureSeries(
  store: Store,
  links: CentreRoutes,
): Promise<{ series: CentreSeries[]; names: Map<string, string>; capacity: Map<string, number | null>; upstream: Map<string, string[]> }> {
  const info = store.info();
  const weeks = weekStarts({ from: info.dateRange.min, to: info.dateRange.max });
  const to = addDays(weeks[weeks.length - 1]!, 6);
  const [places, routes, assisted, flows] = await Promise.all([
    store.places(),
    store.routes(),
    store.aggregateAssistance({ from: weeks[0]!, to, service: ['shelter_food'], groupBy: ['centre', 'week'] }),
    store.aggregateFlows({ from: weeks[0]!, to, direction: 'incoming', groupBy: ['point', 'week'] }),
  ]);
  const centres = places.features.map((f) => f.properties).filter((p) => p.kind === 'transit_centre');
  const monitoredBy = new Map(routes.features.map((f) => [f.properties.id, f.properties.monitoredBy]));
  const index = new Map(weeks.map((w, i) => [w, i]));
  const byCentre = new Map<string, number[]>();
  for (const r of assisted.rows) {
    const i = index.get(String(r['week']));
    if (i === undefined) continue;
    const list = byCentre.get(String(r['centre'])) ?? new Array<number>(weeks.length).fill(0);
    list[i]! += Number(r['count']);
    byCentre.set(String(r['centre']), list);
  }
  const byPoint = new Map<string, (number | null)[]>();
  for (const r of flows.rows) {
    const i = index.get(String(r['week']));
    if (i === undefined) continue;
    const list = byPoint.get(String(r['point'])) ?? new Array<number | null>(weeks.length).fill(null);
    list[i] = (list[i] ?? 0) + Number(r['count']);
    byPoint.set(String(r['point']), list);
  }
  const series: CentreSeries[] = [];
  const upstream = new Map<string, string[]>();
  for (const c of centres) {
    const points = [...new Set(links.links.filter((l) => l.centre === c.id && l.step === 1).flatMap((l) => monitoredBy.get(l.route) ?? []))].sort();
    upstream.set(c.id, points);
    // A week's upstream signal is the sum over the points that reported; null when none did (not counted, not zero).
    const u = weeks.map((_, i) => {
      let any = false;
      let s = 0;
      for (const p of points) {
        const v = byPoint.get(p)?.[i];
        if (v !== null && v !== undefined) {
          any = true;
          s += v;
        }
      }
      return any ? s : null;
    });
    series.push({ id: c.id, weeks, assisted: byCentre.get(c.id) ?? new Array<number>(weeks.length).fill(0), upstream: u });
  }
  return {
    series,
    names: new Map(centres.map((c) => [c.id, c.name])),
    capacity: new Map(centres.map((c) => [c.id, c.capacity ?? null])),
    upstream,
  };
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const roundOrNull = (x: number | null, d = 3) => (x === null ? null : round(x, d));

/** The whole answer for programme staff (exact weekly counts). */
export async function pressureData(
  store: Store,
  links: CentreRoutes,
  params: PressureParams,
): Promise<Omit<PressureOpen, 'locked' | 'resolution' | 'dataAsOf' | 'dataVersion' | 'method'>> {
  const { series, names, capacity, upstream } = await pressureSeries(store, links);
  const centres: PressureCentre[] = [];
  const warnings: PressureWarning[] = [];
  const share = (a: number, cap: number | null, week: string) => weekOccupancy(a, cap, week, params.stayDays);
  for (const s of series) {
    const cap = capacity.get(s.id) ?? null;
    const bt = backtest(s.assisted, s.upstream, params.horizon);
    const fc = forecastFrom(s, bt, params.horizon);
    const served = bt.chosen;
    const cov = bt.horizons.map((h) => (served === 'model' ? h.coverageModel : h.coverageBaseline)).filter((x): x is number => x !== null);
    const recent = s.weeks.slice(-PRESSURE_RECENT_WEEKS).map((week, i) => {
      const a = s.assisted[s.weeks.length - Math.min(PRESSURE_RECENT_WEEKS, s.weeks.length) + i]!;
      const o = share(a, cap, week);
      return { week, assisted: a, residents: round(o.residents, 1), share: roundOrNull(o.share) };
    });
    const forecast = fc.map((w) => {
      const o = share(w.assisted, cap, w.week);
      const lo = w.low === null ? null : share(w.low, cap, w.week).share;
      const hi = w.high === null ? null : share(w.high, cap, w.week).share;
      return {
        week: w.week,
        h: w.h,
        assisted: round(w.assisted, 1),
        residents: round(o.residents, 1),
        share: roundOrNull(o.share),
        shareLow: roundOrNull(lo),
        shareHigh: roundOrNull(hi),
      };
    });
    const mase = served === 'model' ? bt.maseModel : bt.maseBaseline;
    centres.push({
      id: s.id,
      name: names.get(s.id) ?? s.id,
      capacity: cap,
      upstream: upstream.get(s.id) ?? [],
      recent,
      method: served,
      mase: roundOrNull(mase),
      maseModel: roundOrNull(bt.maseModel),
      maseBaseline: roundOrNull(bt.maseBaseline),
      intervalCoverage: cov.length === 0 ? null : round(cov.reduce((a, b) => a + b, 0) / cov.length),
      backtest: bt.horizons.map((h) => ({
        h: h.h,
        n: h.n,
        maseModel: roundOrNull(h.maseModel),
        maseBaseline: roundOrNull(h.maseBaseline),
        coverageModel: roundOrNull(h.coverageModel),
        coverageBaseline: roundOrNull(h.coverageBaseline),
      })),
      forecast,
    });
    const first = forecast.find((w) => w.share !== null && w.share > params.threshold);
    if (first) {
      warnings.push({
        centre: s.id,
        name: names.get(s.id) ?? s.id,
        week: first.week,
        share: first.share!,
        shareLow: first.shareLow,
        shareHigh: first.shareHigh,
        method: served,
        mase: roundOrNull(mase),
      });
    }
  }
  warnings.sort((a, b) => a.week.localeCompare(b.week) || b.share - a.share);
  const lastWeek = series[0]?.weeks.at(-1) ?? store.info().dateRange.max;
  return { lastWeek, ...params, intervalLevel: INTERVAL_LEVEL, centres, warnings };
}
