import { API_PREFIX, returnsQuery } from '../../shared/api';
import { RETURNS_GROUP_BY } from '../../shared/enums';
import { registerAggregateRoute } from './aggregate';
import type { RouteContext, ZodApp } from './context';

export function returnsRoutes(app: ZodApp, ctx: RouteContext) {
  registerAggregateRoute(app, ctx, {
    url: `${API_PREFIX}/returns`,
    resource: 'returns',
    summary: 'Assisted voluntary returns to countries of origin, aggregated',
    description:
      `Monthly counts summed over the period (default: the whole data range), filtered and grouped by up to 3 of ${RETURNS_GROUP_BY.join(', ')}. ` +
      '`format=csv` answers text/csv.',
    querystring: returnsQuery,
    checks: [
      { field: 'centre', dictionary: 'centres', what: 'transit centre ids (see /api/v1/places)' },
      { field: 'destination', dictionary: 'destinations', what: 'countries listed in /api/v1/meta' },
    ],
    run: (q) => ctx.store.aggregateReturns(q),
  });
}
