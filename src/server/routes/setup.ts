/**
 * First start: while no admin account exists, the server prints a one-time setup token; `POST /api/v1/setup`
 * with that token creates the first admin, once. Afterwards (or when an admin already exists) it answers 410.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { API_PREFIX, noQuery, problem, setupRequest, setupResponse } from '../../shared/api';
import { PasswordChecksBusyError } from '../access/passwords';
import { UserError } from '../access/users';
import { PROBLEM_TYPES, ProblemError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';
import { checksBusy, reservationOf } from './session';

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
      response: { 201: setupResponse, 400: problem, 403: problem, 410: problem, 415: problem, 429: problem, 503: problem },
    },
    handler: async (request, reply) => {
      const token = ctx.setup.token;
      if (token === null || ctx.users.hasAdmin()) {
        ctx.setup.token = null;
        throw new ProblemError(410, PROBLEM_TYPES.setupClosed, 'Setup is closed: an admin account exists. Sign in, or use `npm run users`.');
      }
      // Counted per address before the token is compared (a wrong token stays counted).
      const reservation = reservationOf(ctx.limiter.reserve(null, request.ip));
      if (!timingSafeEqual(sha(request.body.token), sha(token))) {
        throw new ProblemError(403, PROBLEM_TYPES.forbidden, 'The setup token is not right');
      }
      reservation.succeeded();
      ctx.setup.token = null; // claimed before the (slow) hash, so two requests cannot both use it
      try {
        // The password hash takes a slot of the server-wide password-check pool, like a sign-in.
        const user = await ctx.passwordChecks.run(() => ctx.users.add(request.body.username, 'admin', request.body.password));
        return reply.code(201).send({ username: user.username, role: 'admin' as const });
      } catch (e) {
        ctx.setup.token = token;
        if (e instanceof UserError) throw new ProblemError(400, PROBLEM_TYPES.invalidParameter, e.message);
        if (e instanceof PasswordChecksBusyError) throw checksBusy();
        throw e;
      }
    },
  });
}
