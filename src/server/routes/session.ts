/**
 * Sign-in, who-am-I and sign-out. The session id travels only in an HttpOnly cookie; nothing is put in the URL or
 * in the answer body. Failed attempts are limited per IP and per user name (429 with Retry-After).
 */
import { API_PREFIX, noQuery, problem, sessionResponse, signInRequest, type SessionResponse } from '../../shared/api';
import type { Role } from '../../shared/enums';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from '../access/cookies';
import { accessSummary, AUTH_CHALLENGE } from '../access/guard';
import { normaliseUsername } from '../access/users';
import { PROBLEM_TYPES, ProblemError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';

export function tooManyAttempts(wait: number): ProblemError {
  return new ProblemError(429, PROBLEM_TYPES.tooManyAttempts, `Too many failed attempts; try again in ${wait} s`, undefined, {
    'Retry-After': String(wait),
  });
}

export function sessionRoutes(app: ZodApp, ctx: RouteContext) {
  const answer = (username: string | null, role: Role): SessionResponse => ({ username, role, access: accessSummary(role, ctx.disclosure) });
  const url = `${API_PREFIX}/session`;

  app.route({
    method: 'GET',
    url,
    schema: {
      summary: 'Who is signed in (role `public` and username null when nobody) and what that role may ask',
      querystring: noQuery,
      response: { 200: sessionResponse, 400: problem },
    },
    handler: async (request) => answer(request.auth.username, request.auth.role),
  });

  app.route({
    method: 'POST',
    url,
    bodyLimit: 8 * 1024,
    schema: {
      summary: 'Sign in with a user name and password (JSON); sets an HttpOnly session cookie',
      description:
        'Wrong credentials answer 401 without saying which part was wrong. After 5 failed attempts in a minute from one IP ' +
        'address or for one user name, attempts answer 429 with Retry-After.',
      querystring: noQuery,
      body: signInRequest,
      response: { 200: sessionResponse, 400: problem, 401: problem, 415: problem, 429: problem },
    },
    handler: async (request, reply) => {
      const name = normaliseUsername(request.body.username);
      const keys = [`ip:${request.ip}`, `user:${name}`];
      const wait = Math.max(...keys.map((k) => ctx.limiter.retryAfter(k)));
      if (wait > 0) throw tooManyAttempts(wait);
      const user = await ctx.users.verify(name, request.body.password);
      if (!user) {
        for (const k of keys) ctx.limiter.fail(k);
        throw new ProblemError(401, PROBLEM_TYPES.badCredentials, 'The user name or password is not right', undefined, {
          'WWW-Authenticate': AUTH_CHALLENGE,
        });
      }
      ctx.limiter.reset(`user:${name}`);
      // A new id at every sign-in (no session fixation); an earlier session of this browser ends.
      ctx.sessions.destroy(readCookie(request.headers.cookie, SESSION_COOKIE));
      const id = ctx.sessions.create(user);
      reply.header('Set-Cookie', sessionCookie(id, request.protocol === 'https'));
      return answer(user.username, user.role);
    },
  });

  app.route({
    method: 'DELETE',
    url,
    schema: {
      summary: 'Sign out: ends the session on the server and clears the cookie',
      querystring: noQuery,
      response: { 200: sessionResponse, 400: problem },
    },
    handler: async (request, reply) => {
      ctx.sessions.destroy(readCookie(request.headers.cookie, SESSION_COOKIE));
      reply.header('Set-Cookie', clearedSessionCookie(request.protocol === 'https'));
      return answer(null, 'public');
    },
  });
}
