import { API_PREFIX, flowsQuery } from '../../shared/api';
import { FLOW_GROUP_BY } from '../../shared/enums';
import { registerAggregateRoute } from './aggregate';
import type { RouteContext, ZodApp } from './context';

export function flowsRoutes(app: ZodApp, ctx: RouteContext) {
  registerAggregateRoute(app, ctx, {
    url: `${API_PREFIX}/flows`,
    resource: 'flows',
    summary: 'People counted at flow monitoring points, aggregated',
    description:
      `Sum of counts over the period (default: the whole data range), filtered and grouped by up to 3 of ${FLOW_GROUP_BY.join(', ')}. ` +
      'Route flow is the flow at the monitoring points observing the route; grouping by route counts a point once per route it observes, ' +
      'so `total` is the de-duplicated sum; such answers carry `routeCounting` (the note and the points on several routes and on none), ' +
      'and their CSV a last `total` row with a `note` column. `format=csv` answers text/csv.',
    querystring: flowsQuery,
    checks: [
      { field: 'point', dictionary: 'points', what: 'monitoring point ids (see /api/v1/places)' },
      { field: 'route', dictionary: 'routes', what: 'route ids (see /api/v1/routes)' },
      { field: 'region', dictionary: 'regions', what: 'Niger region pcodes (see /api/v1/regions)' },
      { field: 'nationality', dictionary: 'nationalities', what: 'nationalities listed in /api/v1/meta' },
    ],
    run: (q) => ctx.store.aggregateFlows(q),
  });
}
