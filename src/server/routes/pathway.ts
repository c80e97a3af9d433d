/** GET /api/v1/pathway: from the corridor to the help — observed incoming, assisted at the centres serving it, returns home. */
import { API_PREFIX, problem } from '../../shared/api';
import { pathwayQuery, pathwayResponse, REACH_METHOD, type PathwayQuery, type PathwayResponse } from '../../shared/api-pathway';
import { clampToMonths, defaultPeriod, monthExtent, monthStarts, type Period } from '../../shared/calendar';
import type { CentreRoutes } from '../../shared/centre-routes';
import { aggregateAccessOf } from '../access/guard';
import { disclosureInfo } from '../access/cell-key';
import { decideQuery, POLICY } from '../access/policy';
import { outsideReporting } from '../analytics/coverage';
import { pathwayOfRoute, type Ask } from '../analytics/pathway';
import { pathwayGeography, routeCoverage } from '../analytics/pathway-data';
import { cacheKey, LruCache } from '../lib/cache';
import { invalidParameters, PROBLEM_TYPES, ProblemError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';

const URL = `${API_PREFIX}/pathway`;

/** `centreRoutes`: the checked reference data (app.ts loads it at start), or null when the app has no data directory. */
export function pathwayRoutes(app: ZodApp, ctx: RouteContext, centreRoutes: () => CentreRoutes | null) {
  const cache = new LruCache<PathwayResponse>(100);
  app.route({
    method: 'GET',
    url: URL,
    schema: {
      summary: 'Pathway: people observed coming back on a corridor, assisted at the transit centres serving it, and returned home',
      description:
        'Per route (default: every route a transit centre serves, data/centre-routes.json) and month: people counted incoming ' +
        'at the route’s monitoring points (as /flows?route=…&direction=incoming&groupBy=month), people assisted at each centre ' +
        'serving it by service (as /assistance?centre=…&groupBy=service,month; people assisted = shelter_food), assisted voluntary ' +
        'returns from it (as /returns?centre=…&groupBy=month, and by destination where the role may see it), and the reach ratio. ' +
        'Outside roles get exactly the published answers of those endpoints (whole months, perturbed, small counts withheld). ' +
        'A month without a reporting monitoring point is not_monitored (observed null, never 0). ' +
        REACH_METHOD,
      querystring: pathwayQuery,
      response: { 200: pathwayResponse, 400: problem, 403: problem, 503: problem },
    },
    handler: async (request) => {
      const query = request.query as PathwayQuery;
      const access = aggregateAccessOf(request);
      const role = request.access!.role;
      const file = centreRoutes();
      if (file === null)
        throw new ProblemError(503, PROBLEM_TYPES.internal, 'The pathway needs centre-routes.json: this server was started without a data directory');
      const info = ctx.store.info();
      const geo = await pathwayGeography(ctx.store);
      if (query.route !== undefined && !geo.routes.some((r) => r.id === query.route)) {
        throw invalidParameters([{ field: 'route', message: `has unknown value '${query.route}'; expected a route id (see /api/v1/routes)` }]);
      }
      const data = { from: info.dateRange.min, to: info.dateRange.max };
      const defaults = defaultPeriod(data);
      const asked = { from: query.from ?? defaults.from, to: query.to ?? defaults.to };
      const clamped: Period | null = access.disclosure
        ? clampToMonths(asked, data)
        : { from: asked.from < data.from ? data.from : asked.from, to: asked.to > data.to ? data.to : asked.to };
      if (clamped === null || clamped.from > clamped.to) {
        throw invalidParameters([{ field: asked.from > data.to ? 'from' : 'to', message: `lies outside the data (${data.from} … ${data.to})` }]);
      }
      const period = clamped;
      const served = [...new Set(file.links.map((l) => l.route))];
      const routes = query.route !== undefined ? [query.route] : geo.routes.map((r) => r.id).filter((r) => served.includes(r));
      const who = access.disclosure ? `published/${role}` : 'exact';
      const key = cacheKey(URL, info.dataVersion, { route: routes }, period, who);
      return cache.getOrCompute(key, async () => {
        let ask: Ask;
        if (access.disclosure) {
          // The same answer the role gets from /flows, /assistance or /returns for this query — or none, when the
          // role may not ask it there (e.g. returns by destination for signed-out visitors).
          const tables = await ctx.published.tables();
          ask = async (metric, q) => {
            const entry = POLICY[metric][role];
            const full = { ...q, from: period.from, to: period.to };
            if (!entry || entry.kind !== 'aggregate' || decideQuery(metric, entry, role, full, info.dateRange).length > 0) return null;
            return tables.answer(metric, q, period, monthExtent(data)).rows;
          };
        } else {
          const run = { flows: ctx.store.aggregateFlows, assistance: ctx.store.aggregateAssistance, returns: ctx.store.aggregateReturns };
          ask = async (metric, q) => (await run[metric].call(ctx.store, { ...q, from: period.from, to: period.to } as never)).rows;
        }
        const coverage = await routeCoverage(ctx.store, period, access.disclosure ? outsideReporting(ctx.disclosure) : 'weeks');
        const months = monthStarts(period);
        const body: PathwayResponse = {
          from: period.from,
          to: period.to,
          dataAsOf: info.dataset.dataAsOf,
          dataVersion: info.dataVersion,
          protected: access.disclosure,
          months,
          routes: await Promise.all(routes.map((r) => pathwayOfRoute(ask, file, geo, coverage, r, months))),
          method: REACH_METHOD,
        };
        if (access.disclosure) body.disclosure = disclosureInfo(ctx.disclosure);
        return body;
      });
    },
  });
}
