import { defaultPeriod } from '../../shared/calendar';
import { API_PREFIX, metaResponse, noQuery, problem, type MetaResponse } from '../../shared/api';
import { AGE_GROUPS, DIRECTIONS, PLACE_KINDS, SERVICES, SEXES, TRANSPORTS } from '../../shared/enums';
import type { RouteContext, ZodApp } from './context';

export function metaRoutes(app: ZodApp, ctx: RouteContext) {
  app.route({
    method: 'GET',
    url: `${API_PREFIX}/meta`,
    schema: {
      summary: 'Dataset description, date extent, default period and dictionaries',
      querystring: noQuery,
      response: { 200: metaResponse, 400: problem },
    },
    handler: async (): Promise<MetaResponse> => {
      const info = ctx.store.info();
      const d = info.dataset;
      return {
        title: d.title,
        illustrative: d.illustrative,
        notice: d.notice,
        ...(d.noticeFr ? { noticeFr: d.noticeFr } : {}),
        dataAsOf: d.dataAsOf,
        dataVersion: info.dataVersion,
        dateRange: info.dateRange,
        defaultPeriod: defaultPeriod({ from: info.dateRange.min, to: info.dateRange.max }),
        nationalities: info.countries.map((c) => ({ id: c.iso3, name: c.name, nameFr: c.nameFr, capital: c.capital, lon: c.lon, lat: c.lat })),
        directions: [...DIRECTIONS],
        sexes: [...SEXES],
        ageGroups: [...AGE_GROUPS],
        transports: [...TRANSPORTS],
        services: [...SERVICES],
        placeKinds: [...PLACE_KINDS],
        events: d.events,
      };
    },
  });
}
