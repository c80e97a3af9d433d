import { API_PREFIX, noQuery, placesResponse, problem } from '../../shared/api';
import { GEOJSON, type RouteContext, type ZodApp } from './context';

export function placesRoutes(app: ZodApp, ctx: RouteContext) {
  app.route({
    method: 'GET',
    url: `${API_PREFIX}/places`,
    schema: {
      summary: 'Offices, transit centres, monitoring points, hubs and border crossings (GeoJSON)',
      description: 'Each role is sent only the kinds of place its spatial level covers (see GET /api/v1/session `access.places.placeKinds`).',
      querystring: noQuery,
      response: { 200: placesResponse, 400: problem },
    },
    handler: async (request, reply) => {
      reply.type(GEOJSON);
      const a = request.access?.access;
      if (!a || a.kind !== 'places') throw new Error('places answered without an access decision');
      const all = await ctx.store.places();
      const kinds = new Set<string>(a.placeKinds);
      return { ...all, features: all.features.filter((f) => kinds.has(f.properties.kind)) };
    },
  });
}
