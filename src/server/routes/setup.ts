/**
 * First start: while no admin account exists, the server prints a one-time setup token; `POST /api/v1/setup`
 * with that token creates the first admin, once. Afterwards (or when an admin already exists) it answers 410.
 */
import { API_PREFIX, noQuery, problem, setupRequest, setupResponse } from '../../shared/api';
import { PasswordChecksBusyError } from '../access/passwords';
import { UserError } from '../access/users';
import { PROBLEM_TYPES, ProblemError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';
import { checksBusy, reservationOf } from './session';

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
      if (!(await ctx.setup.isOpen()) || (await ctx.users.hasAdmin())) {
        await ctx.setup.close();
        throw new ProblemError(410, PROBLEM_TYPES.setupClosed, 'Setup is closed: an admin account exists. Sign in, or use `npm run users`.');
      }
      // Counted per address before the token is compared (a wrong token stays counted).
      const reservation = reservationOf(await ctx.limiter.reserve(null, request.ip));
      // Claimed before the (slow) hash, so two requests cannot both use it.
      const token = request.body.token;
      if (!(await ctx.setup.claim(token))) {
        throw new ProblemError(403, PROBLEM_TYPES.forbidden, 'The setup token is not right');
      }
      await reservation.succeeded();
      try {
        // The password hash takes a slot of the server-wide password-check pool, like a sign-in.
        const user = await ctx.passwordChecks.run(() => ctx.users.add(request.body.username, 'admin', request.body.password));
        return reply.code(201).send({ username: user.username, role: 'admin' as const });
      } catch (e) {
        await ctx.setup.restore(token);
        if (e instanceof UserError) throw new ProblemError(400, PROBLEM_TYPES.invalidParameter, e.message);
        if (e instanceof PasswordChecksBusyError) throw checksBusy();
        throw e;
      }
    },
  });
}
