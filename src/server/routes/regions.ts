import { API_PREFIX, noQuery, problem, regionsResponse } from '../../shared/api';
import type { RouteContext, ZodApp } from './context';

export function regionsRoutes(app: ZodApp, ctx: RouteContext) {
  app.route({
    method: 'GET',
    url: `${API_PREFIX}/regions`,
    schema: {
      summary: "Niger's 8 admin-1 regions (GeoJSON)",
      querystring: noQuery,
      response: { 200: regionsResponse, 400: problem },
    },
    handler: () => ctx.store.regions(),
  });
}
