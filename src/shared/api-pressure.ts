/**
 * The contract of `GET /api/v1/pressure`: per transit centre and week, estimated residents against capacity, and a
 * forecast of the next weeks with prediction intervals and the backtest error of the method served (programme staff
 * and admins). Outside roles get months: the same occupancy formula over the people assisted they are published
 * (`resolution: 'month'`, a function of published cells only), and the weekly forecast explained as locked (it is a
 * function of exact weekly counts; see docs/pressure.md and docs/disclosure.md).
 */
import * as z from 'zod/mini';
import { DATE_PATTERN, isDate } from './calendar';
import { AVERAGE_STAY_DAYS, STAY_DAYS_BOUNDS } from './occupancy';

// Not imported from ./api: the client loads this module on its own, after the first map.
const isoDate = z.string().check(z.regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD'), z.refine(isDate, 'is not a real calendar date'));

export const PRESSURE_HORIZON = { min: 4, max: 8, default: 4 } as const;
export const PRESSURE_THRESHOLD = { min: 0.1, max: 2, default: 0.9 } as const;
/** Weeks of recent estimated residents in the answer. */
export const PRESSURE_RECENT_WEEKS = 12;
/** Months of estimated residents in an outside role's answer. */
export const PRESSURE_RECENT_MONTHS = 12;

/** A number written in the query string (zod coerces; bounds are checked with their own message). */
const numberParam = (min: number, max: number, int: boolean) =>
  z
    .pipe(
      z.string().check(z.regex(/^\d+(\.\d+)?$/, 'must be a number')),
      z.transform((s) => Number(s)),
    )
    .check(
      z.refine((n) => n >= min && n <= max, `must lie between ${min} and ${max}`),
      z.refine((n) => !int || Number.isInteger(n), 'must be a whole number'),
    );

export const pressureQuery = z.strictObject({
  /** Average stay in days (the occupancy formula's assumption). Default 7. */
  stayDays: z.optional(numberParam(STAY_DAYS_BOUNDS.min, STAY_DAYS_BOUNDS.max, true)),
  /** Weeks to forecast (4–8). Default 4. */
  horizon: z.optional(numberParam(PRESSURE_HORIZON.min, PRESSURE_HORIZON.max, true)),
  /** Early warning above this share of capacity (0.1–2). Default 0.9. */
  threshold: z.optional(numberParam(PRESSURE_THRESHOLD.min, PRESSURE_THRESHOLD.max, false)),
});
export type PressureQuery = z.infer<typeof pressureQuery>;

const horizonScore = z.object({
  h: z.number(),
  n: z.number(),
  maseModel: z.nullable(z.number()),
  maseBaseline: z.nullable(z.number()),
  coverageModel: z.nullable(z.number()),
  coverageBaseline: z.nullable(z.number()),
});

const forecastWeek = z.object({
  week: isoDate,
  h: z.number(),
  assisted: z.number(),
  residents: z.number(),
  share: z.nullable(z.number()),
  /** 80 % prediction interval of the share of capacity (null when the backtest had too few errors). */
  shareLow: z.nullable(z.number()),
  shareHigh: z.nullable(z.number()),
});
export type PressureForecastWeek = z.infer<typeof forecastWeek>;

export const pressureCentre = z.object({
  id: z.string(),
  name: z.string(),
  capacity: z.nullable(z.number()),
  /** Monitoring points whose incoming flows feed the model (routes served at step 1). */
  upstream: z.array(z.string()),
  recent: z.array(z.object({ week: isoDate, assisted: z.number(), residents: z.number(), share: z.nullable(z.number()) })),
  /** model: the regression beats the seasonal-naive baseline in the backtest; baseline: it does not, the baseline is served. */
  method: z.enum(['model', 'baseline']),
  /** Mean MASE over the horizons of the method served and of the other one. */
  mase: z.nullable(z.number()),
  maseModel: z.nullable(z.number()),
  maseBaseline: z.nullable(z.number()),
  /** Backtest interval coverage of the method served, mean over the horizons (nominal 0.8). */
  intervalCoverage: z.nullable(z.number()),
  backtest: z.array(horizonScore),
  forecast: z.array(forecastWeek),
});
export type PressureCentre = z.infer<typeof pressureCentre>;

export const pressureWarning = z.object({
  centre: z.string(),
  name: z.string(),
  /** The first forecast week above the threshold, its share and interval. */
  week: isoDate,
  share: z.number(),
  shareLow: z.nullable(z.number()),
  shareHigh: z.nullable(z.number()),
  method: z.enum(['model', 'baseline']),
  mase: z.nullable(z.number()),
});
export type PressureWarning = z.infer<typeof pressureWarning>;

export const pressureOpen = z.object({
  locked: z.literal(false),
  /** Weekly, from exact counts: programme staff and admins. */
  resolution: z.literal('week'),
  dataAsOf: isoDate,
  dataVersion: z.string(),
  /** The last week of data (forecasts start the week after). */
  lastWeek: isoDate,
  stayDays: z.number(),
  horizon: z.number(),
  threshold: z.number(),
  intervalLevel: z.number(),
  centres: z.array(pressureCentre),
  warnings: z.array(pressureWarning),
  method: z.string(),
});
export type PressureOpen = z.infer<typeof pressureOpen>;

/** One month of a centre as an outside role sees it: published people assisted and the occupancy estimated from them. */
const monthPressure = z.object({
  month: isoDate,
  /** People assisted (shelter and food) in the month as published to this role (perturbed); null when withheld. */
  assisted: z.nullable(z.number()),
  /** The published count is withheld (a small count): no estimate is given, never 0. */
  withheld: z.boolean(),
  /** Estimated average residents over the month's days with data; null when withheld. */
  residents: z.nullable(z.number()),
  /** Share of capacity; null when withheld or without a capacity. */
  share: z.nullable(z.number()),
  /** The share is above the asked `threshold`. */
  above: z.boolean(),
});
export type PressureMonth = z.infer<typeof monthPressure>;

export const pressureMonthlyCentre = z.object({
  id: z.string(),
  name: z.string(),
  capacity: z.nullable(z.number()),
  /** The last PRESSURE_RECENT_MONTHS whole months of data, oldest first. */
  months: z.array(monthPressure),
});
export type PressureMonthlyCentre = z.infer<typeof pressureMonthlyCentre>;

export const pressureMonthly = z.object({
  locked: z.literal(false),
  /** Monthly, from the role's published cells: signed-out visitors, donors, government liaisons. */
  resolution: z.literal('month'),
  protected: z.literal(true),
  disclosure: z.object({ method: z.literal('cell-key'), k: z.number(), maxNoise: z.number(), resolution: z.literal('month') }),
  dataAsOf: isoDate,
  dataVersion: z.string(),
  /** The last month of data (its estimate counts only the days with data). */
  lastMonth: isoDate,
  stayDays: z.number(),
  threshold: z.number(),
  centres: z.array(pressureMonthlyCentre),
  /** Why the weekly forecast and early warning are not in this answer, in one sentence. */
  forecastLocked: z.string(),
  method: z.string(),
});
export type PressureMonthly = z.infer<typeof pressureMonthly>;

export const pressureLocked = z.object({
  locked: z.literal(true),
  /** Why this audience does not get the forecast, in one sentence. */
  reason: z.string(),
  method: z.string(),
});

export const pressureResponse = z.union([pressureOpen, pressureMonthly, pressureLocked]);
export type PressureResponse = z.infer<typeof pressureResponse>;

export const PRESSURE_DEFAULTS = { stayDays: AVERAGE_STAY_DAYS, horizon: PRESSURE_HORIZON.default, threshold: PRESSURE_THRESHOLD.default } as const;
