/**
 * For load balancers and orchestrators: `GET /healthz` says the process is alive (no I/O); `GET /readyz` says it can
 * serve (the store answers a trivial query and holds data). Both are outside /api/v1, not logged at info level and
 * never cached. A 503 from /readyz is a problem+json naming what is missing.
 */
import type { FastifyInstance } from 'fastify';
import { ProblemError, PROBLEM_TYPES } from '../lib/problem';
import type { RouteContext } from './context';

export function healthRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get('/healthz', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    return reply.header('Cache-Control', 'no-store').send({ status: 'alive' });
  });
  app.get('/readyz', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    try {
      await ctx.store.ping();
    } catch (e) {
      throw new ProblemError(503, PROBLEM_TYPES.other, `The database does not answer: ${e instanceof Error ? e.message : String(e)}`);
    }
    const info = ctx.store.info();
    if (info.dictionaries.points.size === 0) {
      throw new ProblemError(503, PROBLEM_TYPES.other, 'The database holds no data yet');
    }
    return reply.header('Cache-Control', 'no-store').send({ status: 'ready', engine: ctx.store.engine, dataVersion: info.dataVersion });
  });
}
