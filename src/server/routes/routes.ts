import { API_PREFIX, noQuery, problem, routesResponse } from '../../shared/api';
import { GEOJSON, type RouteContext, type ZodApp } from './context';

export function routesRoutes(app: ZodApp, ctx: RouteContext) {
  app.route({
    method: 'GET',
    url: `${API_PREFIX}/routes`,
    schema: {
      summary: 'Migration routes as waypoint polylines (GeoJSON), with the monitoring points observing each',
      querystring: noQuery,
      response: { 200: routesResponse, 400: problem },
    },
    handler: (_request, reply) => {
      reply.type(GEOJSON);
      return ctx.store.routes();
    },
  });
}
