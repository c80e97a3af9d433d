/**
 * GET /api/v1/pressure: estimated residents against capacity per transit centre — weekly with a forecast for
 * programme staff (exact counts), monthly from the role's own published cells for everyone else.
 */
import { API_PREFIX, problem } from '../../shared/api';
import {
  PRESSURE_DEFAULTS,
  PRESSURE_RECENT_MONTHS,
  pressureQuery,
  pressureResponse,
  type PressureQuery,
  type PressureResponse,
} from '../../shared/api-pressure';
import { monthExtent, monthStarts } from '../../shared/calendar';
import type { CentreRoutes } from '../../shared/centre-routes';
import { disclosureInfo } from '../access/cell-key';
import { decideQuery, POLICY } from '../access/policy';
import { monthlyPressure } from '../analytics/pressure-monthly';
import { PRESSURE_METHOD, pressureData } from '../analytics/pressure-data';
import { cacheKey, LruCache } from '../lib/cache';
import { PROBLEM_TYPES, ProblemError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';

const URL = `${API_PREFIX}/pressure`;

/** Roles that get the weekly, exact-based answer with the forecast. Everyone else gets months from published cells. */
const INSIDE = new Set(['programme', 'admin']);
/** Why an outside role gets months and no forecast (the answer's `forecastLocked`). */
export const PRESSURE_FORECAST_LOCKED_REASON =
  'The weekly estimate, forecast and early warning are computed from exact weekly counts of people assisted and of ' +
  'people counted upstream; outside roles see months and protected values only, so they are shown to programme staff.';
/** Why a role that may not see people assisted per centre and month gets no number at all. */
export const PRESSURE_LOCKED_REASON = 'Centre pressure is estimated from people assisted per transit centre; this role is not shown those counts.';
export const PRESSURE_MONTHLY_METHOD =
  'Estimated residents = people assisted (shelter and food) in the month as published to this role × stay days ÷ the ' +
  'month’s days with data; share = residents ÷ capacity. Computed from published (perturbed) monthly cells only; a ' +
  'withheld month has no estimate.';

/** The one query an outside role's monthly answer is made of: its own /assistance answer. */
const MONTHLY_QUERY = { service: ['shelter_food'], groupBy: ['centre', 'month'] } as const;

/** `centreRoutes`: the checked reference data (app.ts loads it at start), or null when the app has no data directory. */
export function pressureRoutes(app: ZodApp, ctx: RouteContext, centreRoutes: () => CentreRoutes | null) {
  const cache = new LruCache<PressureResponse>(100);
  app.route({
    method: 'GET',
    url: URL,
    schema: {
      summary: 'Pressure: estimated residents of each transit centre against capacity, and a forecast of the next weeks',
      description:
        'Programme staff and admins (`resolution: week`): per transit centre, capacity, the last 12 weeks of estimated ' +
        'residents and share of capacity, a forecast of the next `horizon` weeks (4–8) with an 80 % interval, the method ' +
        'served (model or seasonal-naive baseline) with its backtest error (MASE) and interval coverage, and the centres ' +
        'forecast above `threshold` (share of capacity, default 0.9). `stayDays` (1–60, default 7) is the assumed stay. ' +
        'Everyone else (`resolution: month`): the last 12 months of estimated residents and share of capacity from the ' +
        'people assisted published to them (/assistance?service=shelter_food&groupBy=centre,month), months above ' +
        '`threshold` marked, and `forecastLocked` saying why the weekly forecast is not theirs (`horizon` does not apply). ' +
        `${PRESSURE_METHOD} Monthly: ${PRESSURE_MONTHLY_METHOD}`,
      querystring: pressureQuery,
      response: { 200: pressureResponse, 400: problem, 503: problem },
    },
    handler: async (request) => {
      const query = request.query as PressureQuery;
      const role = request.access?.role ?? 'public';
      const stayDays = query.stayDays ?? PRESSURE_DEFAULTS.stayDays;
      const threshold = query.threshold ?? PRESSURE_DEFAULTS.threshold;
      const info = ctx.store.info();
      const data = { from: info.dateRange.min, to: info.dateRange.max };
      if (!INSIDE.has(role)) {
        const ext = monthExtent(data);
        const months = monthStarts(ext).slice(-PRESSURE_RECENT_MONTHS);
        const period = { from: months[0]!, to: ext.to };
        const entry = POLICY.assistance[role];
        const asked = { ...MONTHLY_QUERY, from: period.from, to: period.to };
        if (!entry || entry.kind !== 'aggregate' || decideQuery('assistance', entry, role, asked, info.dateRange).length > 0) {
          return { locked: true as const, reason: PRESSURE_LOCKED_REASON, method: PRESSURE_MONTHLY_METHOD };
        }
        const key = cacheKey(URL, info.dataVersion, {}, period, `published/${role}/${stayDays}/${threshold}`);
        return cache.getOrCompute(key, async () => {
          const [tables, places] = await Promise.all([ctx.published.tables(), ctx.store.places()]);
          const rows = tables.answer('assistance', { ...MONTHLY_QUERY }, period, ext).rows;
          const centres = places.features
            .map((f) => f.properties)
            .filter((p) => p.kind === 'transit_centre')
            .map((p) => ({ id: p.id, name: p.name, capacity: p.capacity ?? null }));
          return {
            locked: false as const,
            resolution: 'month' as const,
            protected: true as const,
            disclosure: disclosureInfo(ctx.disclosure),
            dataAsOf: info.dataset.dataAsOf,
            dataVersion: info.dataVersion,
            lastMonth: months.at(-1)!,
            stayDays,
            threshold,
            centres: monthlyPressure(centres, months, rows, data, stayDays, threshold),
            forecastLocked: PRESSURE_FORECAST_LOCKED_REASON,
            method: PRESSURE_MONTHLY_METHOD,
          };
        });
      }
      const file = centreRoutes();
      if (file === null)
        throw new ProblemError(503, PROBLEM_TYPES.internal, 'The forecast needs centre-routes.json: this server was started without a data directory');
      const params = { stayDays, horizon: query.horizon ?? PRESSURE_DEFAULTS.horizon, threshold };
      const key = cacheKey(URL, info.dataVersion, {}, { from: '', to: '' }, `${params.stayDays}/${params.horizon}/${params.threshold}`);
      return cache.getOrCompute(key, async () => ({
        locked: false as const,
        resolution: 'week' as const,
        ...(await pressureData(ctx.store, file, params)),
        dataAsOf: info.dataset.dataAsOf,
        dataVersion: info.dataVersion,
        method: PRESSURE_METHOD,
      }));
    },
  });
}
