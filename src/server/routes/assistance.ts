import { API_PREFIX, assistanceQuery } from '../../shared/api';
import { ASSISTANCE_GROUP_BY } from '../../shared/enums';
import { registerAggregateRoute } from './aggregate';
import type { RouteContext, ZodApp } from './context';

export function assistanceRoutes(app: ZodApp, ctx: RouteContext) {
  registerAggregateRoute(app, ctx, {
    url: `${API_PREFIX}/assistance`,
    resource: 'assistance',
    summary: 'People assisted at transit centres, by service, aggregated',
    description:
      `Sum of counts over the period (default: the whole data range), filtered and grouped by up to 3 of ${ASSISTANCE_GROUP_BY.join(', ')}. ` +
      'People assisted = the shelter_food service; other services are subsets of those people. `format=csv` answers text/csv.',
    querystring: assistanceQuery,
    checks: [
      { field: 'centre', dictionary: 'centres', what: 'transit centre ids (see /api/v1/places)' },
      { field: 'nationality', dictionary: 'nationalities', what: 'nationalities listed in /api/v1/meta' },
    ],
    run: (q) => ctx.store.aggregateAssistance(q),
  });
}
