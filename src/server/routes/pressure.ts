/** GET /api/v1/pressure: estimated residents against capacity per transit centre and week, and a forecast with intervals. */
import { API_PREFIX, problem } from '../../shared/api';
import { PRESSURE_DEFAULTS, pressureQuery, pressureResponse, type PressureQuery, type PressureResponse } from '../../shared/api-pressure';
import { PRESSURE_METHOD, pressureData } from '../analytics/pressure-data';
import { cacheKey, LruCache } from '../lib/cache';
import type { RouteContext, ZodApp } from './context';

const URL = `${API_PREFIX}/pressure`;

/** Roles that get the weekly, exact-based answer. Everyone else gets `locked` with this reason. */
const INSIDE = new Set(['programme', 'admin']);
export const PRESSURE_LOCKED_REASON =
  'Centre pressure is estimated week by week from exact counts of people assisted and of people counted upstream; ' +
  'outside roles see months and protected values only, so the weekly estimate and forecast are shown to programme staff.';

export function pressureRoutes(app: ZodApp, ctx: RouteContext) {
  const cache = new LruCache<PressureResponse>(100);
  app.route({
    method: 'GET',
    url: URL,
    schema: {
      summary: 'Pressure: estimated residents of each transit centre against capacity, and a forecast of the next weeks',
      description:
        'Programme staff and admins: per transit centre, capacity, the last 12 weeks of estimated residents and share of ' +
        'capacity, a forecast of the next `horizon` weeks (4–8) with an 80 % interval, the method served (model or ' +
        'seasonal-naive baseline) with its backtest error (MASE) and interval coverage, and the centres forecast above ' +
        '`threshold` (share of capacity, default 0.9). `stayDays` (1–60, default 7) is the assumed stay. Everyone else ' +
        `gets {locked: true, reason} and no number. ${PRESSURE_METHOD}`,
      querystring: pressureQuery,
      response: { 200: pressureResponse, 400: problem },
    },
    handler: async (request) => {
      const query = request.query as PressureQuery;
      const role = request.access?.role ?? 'public';
      if (!INSIDE.has(role)) return { locked: true as const, reason: PRESSURE_LOCKED_REASON, method: PRESSURE_METHOD };
      const params = {
        stayDays: query.stayDays ?? PRESSURE_DEFAULTS.stayDays,
        horizon: query.horizon ?? PRESSURE_DEFAULTS.horizon,
        threshold: query.threshold ?? PRESSURE_DEFAULTS.threshold,
      };
      const info = ctx.store.info();
      const key = cacheKey(URL, info.dataVersion, {}, { from: '', to: '' }, `${params.stayDays}/${params.horizon}/${params.threshold}`);
      return cache.getOrCompute(key, async () => ({
        locked: false as const,
        ...(await pressureData(ctx.store, params)),
        dataAsOf: info.dataset.dataAsOf,
        dataVersion: info.dataVersion,
        method: PRESSURE_METHOD,
      }));
    },
  });
}
