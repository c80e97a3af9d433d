import { API_PREFIX, noQuery, problem, regionsResponse } from '../../shared/api';
import { GEOJSON, type RouteContext, type ZodApp } from './context';

export function regionsRoutes(app: ZodApp, ctx: RouteContext) {
  app.route({
    method: 'GET',
    url: `${API_PREFIX}/regions`,
    schema: {
      summary: "Niger's 8 admin-1 regions (GeoJSON)",
      querystring: noQuery,
      response: { 200: regionsResponse, 400: problem },
    },
    handler: (_request, reply) => {
      reply.type(GEOJSON);
      return ctx.store.regions();
    },
  });
}
