/**
 * The pressure method on synthetic series whose truth is known: a centre driven by upstream flows (the model must
 * beat the seasonal-naive baseline), a purely seasonal centre (it must not: the baseline is served), honest intervals,
 * and the shared occupancy formula.
 */
import { describe, expect, it } from 'vitest';
import {
  backtest,
  baselineForecast,
  forecastFrom,
  leastSquares,
  modelForecast,
  quantile,
  upstreamAt,
  weekOccupancy,
} from '../../src/server/analytics/pressure';
import { addDays } from '../../src/shared/calendar';

/** Deterministic pseudo-random numbers (LCG), standard normal by Box–Muller. */
function rng(seed: number) {
  let s = seed >>> 0;
  const uni = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uni())) * Math.cos(2 * Math.PI * uni());
}

const N = 260;
const weeks = Array.from({ length: N }, (_, i) => addDays('2015-01-05', 7 * i));

/** Upstream flows wander (AR(1)); assisted = 0.05 × mean incoming of the two previous weeks + small noise. */
function driven(seed: number) {
  const g = rng(seed);
  const u: number[] = [];
  let level = 1000;
  for (let i = 0; i < N; i++) {
    level = Math.max(100, 1000 + 0.8 * (level - 1000) + 150 * g());
    u.push(Math.round(level));
  }
  const y = u.map((_, i) => (i < 2 ? 50 : Math.max(0, Math.round(0.05 * ((u[i - 1]! + u[i - 2]!) / 2) + 2 * g()))));
  return { y, u };
}

/** A strong yearly cycle repeated exactly with small noise, and an upstream series unrelated to it. */
function seasonal(seed: number) {
  const g = rng(seed);
  const y = Array.from({ length: N }, (_, i) => Math.max(0, Math.round(60 + 40 * Math.sin((2 * Math.PI * i) / 52) + 2 * g())));
  const u = Array.from({ length: N }, () => Math.round(1000 + 200 * g()));
  return { y, u };
}

describe('building blocks', () => {
  it('least squares recovers known coefficients', () => {
    const X = Array.from({ length: 50 }, (_, i) => [1, i, (i * 7) % 11]);
    const y = X.map((r) => 3 + 2 * r[1]! - 0.5 * r[2]!);
    const b = leastSquares(X, y);
    expect(b[0]).toBeCloseTo(3, 3);
    expect(b[1]).toBeCloseTo(2, 3);
    expect(b[2]).toBeCloseTo(-0.5, 3);
  });

  it('seasonal naive: same week a year earlier, else the last value', () => {
    const y = Array.from({ length: 60 }, (_, i) => i);
    expect(baselineForecast(y, 55, 1)).toBe(4);
    expect(baselineForecast(y, 10, 3)).toBe(10);
  });

  it('upstream signal is null when a week is missing; quantiles interpolate', () => {
    expect(upstreamAt([1, null, 3], 2)).toBeNull();
    expect(upstreamAt([1, 2, 4], 2)).toBe(3);
    expect(quantile([0, 10], 0.5)).toBe(5);
  });

  it('occupancy of a week: assisted × stay ÷ 7, share of capacity', () => {
    expect(weekOccupancy(70, 100, '2017-01-02', 7)).toEqual({ residents: 70, share: 0.7 });
    expect(weekOccupancy(70, 100, '2017-01-02', 14)).toEqual({ residents: 140, share: 1.4 });
    expect(weekOccupancy(70, null, '2017-01-02', 7).share).toBeNull();
  });
});

describe('forecast against the seasonal-naive baseline', () => {
  it('a centre driven by upstream flows: the model beats the baseline at every horizon and is chosen', () => {
    const { y, u } = driven(1);
    const bt = backtest(y, u, 4);
    expect(bt.chosen).toBe('model');
    for (const h of bt.horizons) expect(h.maseModel!).toBeLessThan(h.maseBaseline!);
    // One week ahead the upstream signal is the driver itself: the error is near the noise.
    const f = modelForecast(y, u, N - 2, 1)!;
    expect(Math.abs(f - y[N - 1]!)).toBeLessThan(10);
  });

  it('a purely seasonal centre with an unrelated upstream series: the baseline is not beaten, so it is served', () => {
    const { y, u } = seasonal(2);
    const bt = backtest(y, u, 4);
    expect(bt.chosen).toBe('baseline');
    expect(bt.maseBaseline!).toBeLessThanOrEqual(bt.maseModel!);
  });

  it('intervals are honest: 80 % intervals built from earlier errors cover about 80 % of later actuals', () => {
    for (const seed of [3, 4]) {
      const { y, u } = driven(seed);
      const bt = backtest(y, u, 4);
      for (const h of bt.horizons) {
        expect(h.coverageModel!).toBeGreaterThan(0.65);
        expect(h.coverageModel!).toBeLessThan(0.95);
      }
    }
  });

  it('the served forecast starts the week after the last week, with an interval around it', () => {
    const { y, u } = driven(5);
    const s = { id: 'x', weeks, assisted: y, upstream: u };
    const bt = backtest(y, u, 6);
    const f = forecastFrom(s, bt, 6);
    expect(f.map((w) => w.week)).toEqual([1, 2, 3, 4, 5, 6].map((h) => addDays(weeks[N - 1]!, 7 * h)));
    for (const w of f) {
      expect(w.low!).toBeLessThanOrEqual(w.assisted);
      expect(w.high!).toBeGreaterThanOrEqual(w.assisted);
    }
  });

  it('without upstream data the model falls back to recent and seasonal terms (no crash, no upstream needed)', () => {
    const { y } = driven(6);
    const bt = backtest(
      y,
      y.map(() => null),
      2,
    );
    expect(bt.horizons[0]!.n).toBeGreaterThan(100);
  });
});
