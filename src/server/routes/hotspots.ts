/** GET /api/v1/hotspots: per Niger region, flows, people assisted, change against the previous equal period, anomaly flag. */
import { API_PREFIX, hotspotsQuery, hotspotsResponse, problem, type HotspotsQuery, type HotspotsResponse } from '../../shared/api';
import { aggregateAccessOf } from '../access/guard';
import { ANOMALY_METHOD } from '../analytics/anomaly';
import { hotspotsFilename, hotspotsToCsv, publishHotspots, publishProtectedHotspots, type RegionPoint } from '../analytics/hotspots';
import { anomalyWindows } from '../analytics/anomaly';
import { hotspotPeriods, hotspotsData } from '../analytics/hotspot-data';
import { clampToMonths } from '../../shared/calendar';
import { invalidParameters } from '../lib/problem';
import { cacheKey, LruCache } from '../lib/cache';
import type { RouteContext, ZodApp } from './context';

const URL = `${API_PREFIX}/hotspots`;

export function hotspotsRoutes(app: ZodApp, ctx: RouteContext) {
  // Published answers per role class (exact / disclosure-controlled), period and data version.
  const cache = new LruCache<HotspotsResponse>(200);
  app.route({
    method: 'GET',
    url: URL,
    schema: {
      summary: 'Hotspot regions: flows, people assisted, change and anomaly flag per Niger admin-1 region',
      description:
        'For each of the 8 regions: people counted at its flow monitoring points over the period (default: the last twelve months ' +
        'of data), the same over the previous equal period (the same number of whole months before a whole-month period, else ' +
        'the same number of days), the relative change, people assisted (shelter and food) at its transit centres, and an ' +
        `anomaly flag. ${ANOMALY_METHOD} Ranked by flows. \`format=csv\` answers text/csv.`,
      querystring: hotspotsQuery,
      response: { 200: hotspotsResponse, 400: problem, 401: problem, 403: problem },
    },
    handler: async (request, reply) => {
      const query = request.query as HotspotsQuery;
      // The guard has checked the period against the role's entry; the entry says whether disclosure control applies.
      const access = aggregateAccessOf(request);
      const info = ctx.store.info();
      const periods = hotspotPeriods(query, info.dateRange);
      const data = { from: info.dateRange.min, to: info.dateRange.max };
      if (access.disclosure && clampToMonths(periods, data) === null) {
        throw invalidParameters([
          { field: query.from !== undefined && query.from > data.to ? 'from' : 'to', message: `lies outside the data (${data.from} … ${data.to})` },
        ]);
      }
      const opts = { dataRange: info.dateRange, dataVersion: info.dataVersion };
      const key = cacheKey(URL, info.dataVersion, {}, periods, access.disclosure ? 'published' : 'exact');
      const body = await cache.getOrCompute(key, async () => {
        // The flow monitoring points of each region (geography, public): the region panel lists them.
        const points: RegionPoint[] = (await ctx.store.places()).features
          .map((f) => f.properties)
          .filter((p) => p.kind === 'monitoring_point' && p.admin1Pcode !== null)
          .map((p) => ({ id: p.id, name: p.name, region: p.admin1Pcode!, activeFrom: p.activeFrom, activeTo: p.activeTo }));
        if (access.disclosure) {
          const regions = (await ctx.store.regions()).features.map((f) => ({ pcode: f.properties.pcode, name: f.properties.name }));
          return publishProtectedHotspots(await ctx.published.tables(), regions, periods, opts, points);
        }
        const data = await hotspotsData(ctx.store, periods);
        // Exact counts per point over the recent window of the score (programme staff and admins only).
        const recent = anomalyWindows(data.to, info.dateRange).recent;
        const byPoint = new Map<string, number>();
        if (recent.length > 0) {
          const res = await ctx.store.aggregateFlows({ from: recent[0]!, to: data.to, groupBy: ['point'] });
          for (const row of res.rows) byPoint.set(String(row['point']), Number(row.count));
        }
        return publishHotspots(data, opts, points, byPoint);
      });
      if (query.format === 'csv' || query.format === 'hxl') {
        const hxl = query.format === 'hxl';
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${hotspotsFilename(body, hxl)}"`)
          .send(hotspotsToCsv(body, hxl) as never);
      }
      return body;
    },
  });
}
