/** Shared machinery of the tabular endpoints (flows, assistance, returns): validation of ids, caching, JSON or CSV. */
import { outsideReporting } from '../analytics/coverage';
import type { CoverageBody } from '../analytics/coverage';
import { exportCoverage, type ExportScope } from '../analytics/coverage-export';
import type { z } from 'zod';
import { aggregateResponse, problem, ROUTE_COUNTING_NOTE, type AggregateResponse, type RouteCounting } from '../../shared/api';
import { aggregateAccessOf } from '../access/guard';
import { disclosureInfo } from '../access/cell-key';
import type { Metric } from '../access/published-tables';
import type { AggregateResult, Dictionaries } from '../store/types';
import { clampToMonths, monthExtent } from '../../shared/calendar';
import { cacheKey, LruCache } from '../lib/cache';
import { aggregateToCsv, countKindOf, csvFilename } from '../lib/csv';
import { clip, invalidParameters, type FieldError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';

type ListCheck = { field: string; dictionary: keyof Dictionaries; what: string };

interface AggregateRouteSpec<Q extends { from?: string | undefined; to?: string | undefined; format: 'json' | 'csv' | 'hxl' }> {
  url: string;
  resource: Metric;
  summary: string;
  description: string;
  querystring: z.core.$ZodType<Q>;
  checks: ListCheck[];
  run: (query: Omit<Q, 'format'>) => Promise<AggregateResult>;
}

/** Rejects syntactically valid ids that the data does not know (e.g. point=nowhere), naming the field. */
export function unknownValues(query: Record<string, unknown>, checks: ListCheck[], dict: Dictionaries): FieldError[] {
  const errors: FieldError[] = [];
  for (const c of checks) {
    const values = query[c.field];
    if (!Array.isArray(values)) continue;
    const unknown = values.filter((v) => !dict[c.dictionary].has(String(v)));
    if (unknown.length > 0) {
      const list = unknown
        .slice(0, 5)
        .map((v) => `'${clip(String(v))}'`)
        .join(', ');
      errors.push({ field: c.field, message: `has unknown ${unknown.length === 1 ? 'value' : 'values'} ${list}; expected ${c.what}` });
    }
  }
  return errors;
}

type RouteFilter = { route?: string[] | undefined; point?: string[] | undefined };

/** The points of a `groupBy=route` query (its `point` filter, or every monitoring point) on several of its routes (its `route` filter, or all), and on none. */
export async function routeCountingOf(ctx: RouteContext, filter: RouteFilter): Promise<RouteCounting> {
  const places = (await ctx.store.places()).features.map((f) => f.properties);
  const routes = filter.route ? new Set(filter.route) : null;
  const points = places.filter((p) => p.kind === 'monitoring_point' && (!filter.point || filter.point.includes(p.id)));
  const on = points.map((p) => ({ point: p.id, routes: p.routes.filter((r) => !routes || routes.has(r)) }));
  return {
    note: ROUTE_COUNTING_NOTE,
    pointsOnSeveralRoutes: on.filter((p) => p.routes.length > 1),
    pointsOnNoRoute: on.filter((p) => p.routes.length === 0).map((p) => p.point),
  };
}

export function registerAggregateRoute<Q extends { from?: string | undefined; to?: string | undefined; format: 'json' | 'csv' | 'hxl' }>(
  app: ZodApp,
  ctx: RouteContext,
  spec: AggregateRouteSpec<Q>,
) {
  // The coverage an export states (Period-Coverage), computed once per data version, period and reporting.
  const coverageCache = new LruCache<CoverageBody>(100);
  app.route({
    method: 'GET',
    url: spec.url,
    schema: {
      summary: spec.summary,
      description: spec.description,
      querystring: spec.querystring,
      response: { 200: aggregateResponse, 400: problem, 401: problem, 403: problem },
    },
    handler: async (request, reply) => {
      const query = request.query as Q;
      // The store answers a domain query: the period, filters and grouping, never the output format.
      const { format, ...filter } = query;
      // The guard has checked the query against the role's entry; the entry says whether disclosure control applies.
      const access = aggregateAccessOf(request);
      const info = ctx.store.info();
      const errors = unknownValues(query as Record<string, unknown>, spec.checks, info.dictionaries);
      if (errors.length > 0) throw invalidParameters(errors);
      const asked = { from: query.from ?? info.dateRange.min, to: query.to ?? info.dateRange.max };
      // Outside roles: whole months clamped to the data's extent (the policy has checked the ends are whole months).
      const data = { from: info.dateRange.min, to: info.dateRange.max };
      const period = access.disclosure ? clampToMonths(asked, data) : asked;
      if (period === null) {
        throw invalidParameters([
          {
            field: query.from !== undefined && query.from > info.dateRange.max ? 'from' : 'to',
            message: `lies outside the data (${info.dateRange.min} … ${info.dateRange.max})`,
          },
        ]);
      }
      // Outside roles share one answer per query (their answers do not depend on who asks within the class).
      const who = access.disclosure ? 'published' : 'exact';
      const key = cacheKey(spec.url, info.dataVersion, filter, period, who);
      const result = await ctx.cache.getOrCompute(key, async () => {
        if (!access.disclosure) return spec.run(filter);
        const tables = await ctx.published.tables();
        const answer = tables.answer(spec.resource, filter, period, monthExtent(data));
        return { ...answer, from: period.from, to: period.to };
      });
      const body: AggregateResponse = { ...result, dataVersion: info.dataVersion };
      if (!body.totalPartial) delete body.totalPartial;
      if (access.disclosure) body.disclosure = disclosureInfo(ctx.disclosure);
      if (spec.resource === 'flows' && body.groupBy.includes('route')) body.routeCounting = await routeCountingOf(ctx, filter as RouteFilter);
      if (format === 'csv' || format === 'hxl') {
        const hxl = format === 'hxl' ? countKindOf(spec.resource) : undefined;
        // What the file rests on: the data-as-of date and, for flows, the share of the period counted (one coverage rule).
        reply.header('Data-As-Of', info.dataset.dataAsOf);
        if (spec.resource === 'flows') {
          const reporting = access.disclosure ? outsideReporting(ctx.disclosure) : 'weeks';
          const coverage = await exportCoverage(
            ctx.store,
            { from: body.from, to: body.to },
            access.disclosure ? 'month' : 'week',
            reporting,
            filter as ExportScope,
            (key, compute) => coverageCache.getOrCompute(key, compute),
          );
          reply.header('Period-Coverage', coverage);
        }
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${csvFilename(spec.resource, body, hxl !== undefined)}"`)
          .send(aggregateToCsv(body, hxl) as never);
      }
      return body;
    },
  });
}
