import { API_PREFIX, noQuery, placesResponse, problem } from '../../shared/api';
import type { RouteContext, ZodApp } from './context';

export function placesRoutes(app: ZodApp, ctx: RouteContext) {
  app.route({
    method: 'GET',
    url: `${API_PREFIX}/places`,
    schema: {
      summary: 'Offices, transit centres, monitoring points, hubs and border crossings (GeoJSON)',
      querystring: noQuery,
      response: { 200: placesResponse, 400: problem },
    },
    handler: () => ctx.store.places(),
  });
}
