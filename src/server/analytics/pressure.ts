/**
 * Pressure on transit centres (pure, engine-neutral): weekly estimated residents against capacity, a forecast of the
 * next weeks' people assisted from recent assistance and the incoming flows counted upstream, prediction intervals
 * from the backtest's own errors, and a rolling-origin backtest against a seasonal-naive baseline. See docs/pressure.md.
 *
 * Notation: y[t] = people assisted (shelter_food) in week t; u[t] = incoming counted in week t at the monitoring points
 * of the routes the centre serves at step 1 (null while none of them was counting). A forecast made at origin t for
 * horizon h (1…H) predicts y[t+h] with only what was known at the end of week t.
 */
import { estimateOccupancy, estimateResidents } from '../../shared/occupancy';
import { addDays } from '../../shared/calendar';

/** Weeks of history a model is fitted on (rolling window, per horizon). */
export const FIT_WINDOW = 104;
/** Fewest fitting rows for the model; fewer and the model is not used at that origin (the baseline is). */
export const MIN_FIT_ROWS = 30;
/** First backtest origin: this many weeks of the centre's data must lie before it. */
export const MIN_HISTORY = 52;
/** Fewest earlier residuals for an interval; fewer and the interval is not given. */
export const MIN_RESIDUALS = 20;
/** Nominal coverage of the prediction intervals (10th–90th percentile of past errors). */
export const INTERVAL_LEVEL = 0.8;
const RIDGE = 1e-6;

export type Method = 'model' | 'baseline';

export interface CentreSeries {
  id: string;
  /** ISO Monday of each week, consecutive. */
  weeks: string[];
  assisted: number[];
  /** Upstream incoming per week; null where no upstream point was counting (or the centre has none). */
  upstream: (number | null)[];
}

/** Seasonal naive: the same week a year (52 weeks) earlier; the last value when there is no year of history. */
export function baselineForecast(y: readonly number[], t: number, h: number): number {
  const s = t + h - 52;
  return s >= 0 ? y[s]! : y[t]!;
}

/** The upstream signal known at the end of week s: mean incoming of weeks s and s−1 (null if either is missing). */
export function upstreamAt(u: readonly (number | null)[], s: number): number | null {
  const a = u[s];
  const b = u[s - 1];
  return a === null || a === undefined || b === null || b === undefined ? null : (a + b) / 2;
}

/** Least squares with a tiny ridge (columns are scaled first); returns the coefficients. */
export function leastSquares(X: readonly number[][], y: readonly number[]): number[] {
  const k = X[0]!.length;
  const scale = Array.from({ length: k }, (_, j) => Math.max(1e-9, Math.sqrt(X.reduce((a, r) => a + r[j]! ** 2, 0) / X.length)));
  const A = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let i = 0; i < X.length; i++) {
    const r = X[i]!.map((v, j) => v / scale[j]!);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) A[a]![b]! += r[a]! * r[b]!;
      A[a]![k]! += r[a]! * y[i]!;
    }
  }
  for (let a = 0; a < k; a++) A[a]![a]! += RIDGE * X.length;
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const piv = A[c]![c]!;
    if (Math.abs(piv) < 1e-12) continue;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / piv;
      for (let j = c; j <= k; j++) A[r]![j]! -= f * A[c]![j]!;
    }
  }
  return A.map((row, j) => (Math.abs(row[j]!) < 1e-12 ? 0 : row[k]! / row[j]! / scale[j]!));
}

function features(y: readonly number[], u: readonly (number | null)[], s: number, h: number, withUpstream: boolean): number[] | null {
  const seasonal = baselineForecast(y, s, h);
  if (!withUpstream) return [1, y[s]!, seasonal];
  const up = upstreamAt(u, s);
  return up === null ? null : [1, y[s]!, seasonal, up];
}

/**
 * The model's forecast at origin t for horizon h: a direct regression of y[s+h] on the last value y[s], the seasonal
 * term (y[s+h−52], or y[s]) and the upstream signal at s, fitted on the FIT_WINDOW latest rows with s+h ≤ t. Without
 * enough rows that have an upstream signal, the upstream term is left out; with too few rows at all, null.
 */
export function modelForecast(y: readonly number[], u: readonly (number | null)[], t: number, h: number): number | null {
  for (const withUpstream of [true, false]) {
    const now = features(y, u, t, h, withUpstream);
    if (now === null) continue;
    const X: number[][] = [];
    const target: number[] = [];
    for (let s = t - h; s >= 1 && X.length < FIT_WINDOW; s--) {
      const f = features(y, u, s, h, withUpstream);
      if (f === null) continue;
      X.push(f);
      target.push(y[s + h]!);
    }
    if (X.length < MIN_FIT_ROWS) continue;
    const beta = leastSquares(X, target);
    return Math.max(
      0,
      now.reduce((a, v, j) => a + v * beta[j]!, 0),
    );
  }
  return null;
}

/** The q-quantile (0…1) of a sample, linear between order statistics. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export interface HorizonScore {
  h: number;
  /** Backtest origins scored at this horizon. */
  n: number;
  /** Mean absolute scaled error (÷ the mean absolute one-week change of the series). */
  maseModel: number | null;
  maseBaseline: number | null;
  /** Share of actuals inside the 80 % interval built from earlier errors only (null when never evaluable). */
  coverageModel: number | null;
  coverageBaseline: number | null;
}

export interface Backtest {
  horizons: HorizonScore[];
  /** Mean MASE over the horizons. */
  maseModel: number | null;
  maseBaseline: number | null;
  /** model where it beats the baseline on mean MASE over the horizons, else baseline. */
  chosen: Method;
  /** Residuals (actual − forecast) per method and horizon, oldest first: the interval of the served forecast. */
  residuals: Record<Method, number[][]>;
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Rolling-origin backtest: every origin t ≥ MIN_HISTORY with t+h inside the series, horizons 1…H. */
export function backtest(y: readonly number[], u: readonly (number | null)[], horizon: number): Backtest {
  const diffs: number[] = [];
  for (let i = 1; i < y.length; i++) diffs.push(Math.abs(y[i]! - y[i - 1]!));
  const scale = mean(diffs) ?? 0;
  const horizons: HorizonScore[] = [];
  const residuals: Record<Method, number[][]> = { model: [], baseline: [] };
  for (let h = 1; h <= horizon; h++) {
    const err: Record<Method, number[]> = { model: [], baseline: [] };
    const hits: Record<Method, number[]> = { model: [], baseline: [] };
    for (let t = MIN_HISTORY; t + h < y.length; t++) {
      const m = modelForecast(y, u, t, h);
      if (m === null) continue;
      const actual = y[t + h]!;
      for (const [method, f] of [
        ['model', m],
        ['baseline', baselineForecast(y, t, h)],
      ] as const) {
        // Interval from the errors of origins whose outcome was known at t (t' + h ≤ t).
        const known = err[method].slice(0, Math.max(0, err[method].length - (h - 1)));
        if (known.length >= MIN_RESIDUALS) {
          const lo = f + quantile(known, (1 - INTERVAL_LEVEL) / 2);
          const hi = f + quantile(known, 1 - (1 - INTERVAL_LEVEL) / 2);
          hits[method].push(actual >= lo && actual <= hi ? 1 : 0);
        }
        err[method].push(actual - f);
      }
    }
    const mase = (e: number[]) => (e.length === 0 || !(scale > 0) ? null : mean(e.map(Math.abs))! / scale);
    horizons.push({
      h,
      n: err.model.length,
      maseModel: mase(err.model),
      maseBaseline: mase(err.baseline),
      coverageModel: mean(hits.model),
      coverageBaseline: mean(hits.baseline),
    });
    residuals.model.push(err.model);
    residuals.baseline.push(err.baseline);
  }
  const avg = (k: 'maseModel' | 'maseBaseline') => {
    const v = horizons.map((x) => x[k]);
    return v.some((x) => x === null) ? null : mean(v as number[]);
  };
  const maseModel = avg('maseModel');
  const maseBaseline = avg('maseBaseline');
  const chosen: Method = maseModel !== null && maseBaseline !== null && maseModel < maseBaseline ? 'model' : 'baseline';
  return { horizons, maseModel, maseBaseline, chosen, residuals };
}

export interface ForecastWeek {
  week: string;
  h: number;
  assisted: number;
  /** 80 % interval of people assisted; null when the backtest had too few errors at this horizon. */
  low: number | null;
  high: number | null;
}

/** The served forecast from the last week of the series, with intervals from the chosen method's backtest errors. */
export function forecastFrom(s: CentreSeries, bt: Backtest, horizon: number): ForecastWeek[] {
  const t = s.assisted.length - 1;
  const out: ForecastWeek[] = [];
  if (t < 0) return out;
  for (let h = 1; h <= horizon; h++) {
    const m = bt.chosen === 'model' ? modelForecast(s.assisted, s.upstream, t, h) : null;
    const f = m ?? baselineForecast(s.assisted, t, h);
    const res = bt.residuals[bt.chosen][h - 1] ?? [];
    const ok = res.length >= MIN_RESIDUALS;
    out.push({
      week: addDays(s.weeks[t]!, 7 * h),
      h,
      assisted: f,
      low: ok ? Math.max(0, f + quantile(res, (1 - INTERVAL_LEVEL) / 2)) : null,
      high: ok ? Math.max(0, f + quantile(res, 1 - (1 - INTERVAL_LEVEL) / 2)) : null,
    });
  }
  return out;
}

/** Estimated residents and share of capacity for one week's people assisted (the shared occupancy formula). */
export function weekOccupancy(assisted: number, capacity: number | null, week: string, stayDays: number): { residents: number; share: number | null } {
  const days = { from: week, to: addDays(week, 6) };
  return { residents: estimateResidents(assisted, days, stayDays)!, share: estimateOccupancy(assisted, capacity, days, stayDays)?.share ?? null };
}
