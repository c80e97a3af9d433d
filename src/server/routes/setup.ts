/**
 * First start: while no admin account exists, the server prints a one-time setup token; `POST /api/v1/setup`
 * with that token creates the first admin, once. Afterwards (or when an admin already exists) it answers 410.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { API_PREFIX, noQuery, problem, setupRequest, setupResponse } from '../../shared/api';
import { UserError } from '../access/users';
import { PROBLEM_TYPES, ProblemError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';
import { tooManyAttempts } from './session';

const sha = (s: string) => createHash('sha256').update(s).digest();

export function setupRoutes(app: ZodApp, ctx: RouteContext) {
  app.route({
    method: 'POST',
    url: `${API_PREFIX}/setup`,
    bodyLimit: 8 * 1024,
    schema: {
      summary: 'Create the first admin account with the one-time token printed at server start',
      querystring: noQuery,
      body: setupRequest,
      response: { 201: setupResponse, 400: problem, 403: problem, 410: problem, 415: problem, 429: problem },
    },
    handler: async (request, reply) => {
      const token = ctx.setup.token;
      if (token === null || ctx.users.hasAdmin()) {
        ctx.setup.token = null;
        throw new ProblemError(410, PROBLEM_TYPES.setupClosed, 'Setup is closed: an admin account exists. Sign in, or use `npm run users`.');
      }
      const ipKey = `ip:${request.ip}`;
      const wait = ctx.limiter.retryAfter(ipKey);
      if (wait > 0) throw tooManyAttempts(wait);
      if (!timingSafeEqual(sha(request.body.token), sha(token))) {
        ctx.limiter.fail(ipKey);
        throw new ProblemError(403, PROBLEM_TYPES.forbidden, 'The setup token is not right');
      }
      ctx.setup.token = null; // claimed before the (slow) hash, so two requests cannot both use it
      try {
        const user = await ctx.users.add(request.body.username, 'admin', request.body.password);
        return reply.code(201).send({ username: user.username, role: 'admin' as const });
      } catch (e) {
        ctx.setup.token = token;
        if (e instanceof UserError) throw new ProblemError(400, PROBLEM_TYPES.invalidParameter, e.message);
        throw e;
      }
    },
  });
}
