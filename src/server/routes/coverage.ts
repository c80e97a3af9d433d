/** GET /api/v1/coverage: which flow monitoring points were counting, in which weeks (or months), over a period. */
import { API_PREFIX, problem } from '../../shared/api';
import { coverageQuery, coverageResponse, type CoverageQuery, type CoverageResponse } from '../../shared/api-coverage';
import { defaultPeriod } from '../../shared/calendar';
import { aggregateAccessOf } from '../access/guard';
import { COVERAGE_METHOD, outsideReporting } from '../analytics/coverage';
import { coverageData } from '../analytics/coverage-data';
import { cacheKey, LruCache } from '../lib/cache';
import { invalidParameters } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';

const URL = `${API_PREFIX}/coverage`;

export function coverageRoutes(app: ZodApp, ctx: RouteContext) {
  const cache = new LruCache<CoverageResponse>(200);
  app.route({
    method: 'GET',
    url: URL,
    schema: {
      summary: 'Coverage: which flow monitoring points were counting, in which weeks, and the share of the period covered',
      description:
        'For every flow monitoring point: its active dates and, per week (programme staff, admins) or per month (everyone ' +
        'else: the share of the month’s weeks that reported), whether it was counting; and the share of the period covered ' +
        'per point, per route (its monitoring points), per Niger region and overall, with the data-as-of date. ' +
        `${COVERAGE_METHOD} No count of people is in the answer. Default period: the last twelve months of data; it is ` +
        'clamped to the data.',
      querystring: coverageQuery,
      response: { 200: coverageResponse, 400: problem, 403: problem },
    },
    handler: async (request) => {
      const query = request.query as CoverageQuery;
      // The guard has checked the period against the role's entry (whole months for outside roles).
      const access = aggregateAccessOf(request);
      const info = ctx.store.info();
      const data = { from: info.dateRange.min, to: info.dateRange.max };
      const defaults = defaultPeriod(data);
      const asked = { from: query.from ?? defaults.from, to: query.to ?? defaults.to };
      const period = { from: asked.from < data.from ? data.from : asked.from, to: asked.to > data.to ? data.to : asked.to };
      if (period.from > period.to) {
        throw invalidParameters([{ field: asked.from > data.to ? 'from' : 'to', message: `lies outside the data (${data.from} … ${data.to})` }]);
      }
      const unit = access.disclosure ? 'month' : 'week';
      const reporting = access.disclosure ? outsideReporting(ctx.disclosure) : 'weeks';
      const key = cacheKey(URL, info.dataVersion, {}, period, `${unit}/${reporting}`);
      return cache.getOrCompute(key, async () => ({
        ...(await coverageData(ctx.store, period, unit, reporting)),
        dataAsOf: info.dataset.dataAsOf,
        dataVersion: info.dataVersion,
        method: COVERAGE_METHOD,
      }));
    },
  });
}
