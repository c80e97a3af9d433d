/**
 * Sign-in, who-am-I and sign-out. The session id travels only in an HttpOnly cookie; nothing is put in the URL or
 * in the answer body.
 *
 * A sign-in attempt is reserved (counted as a failure) before its password is checked, per address, per (user name,
 * address) and per user name (access/rate-limit.ts: 429 with Retry-After); the check then runs in one of a few
 * server-wide slots (access/passwords.ts PasswordCheckPool: 503 with Retry-After when they and their queue are full).
 * A user name with no account takes as long as a check, without running scrypt or holding a slot.
 */
import { API_PREFIX, noQuery, problem, sessionResponse, signInRequest, type SessionResponse } from '../../shared/api';
import type { Role } from '../../shared/enums';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from '../access/cookies';
import { accessSummary, AUTH_CHALLENGE } from '../access/guard';
import { PasswordChecksBusyError } from '../access/passwords';
import type { ReserveResult } from '../access/rate-limit';
import { normaliseUsername } from '../access/users';
import { PROBLEM_TYPES, ProblemError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';

export function tooManyAttempts(wait: number): ProblemError {
  return new ProblemError(429, PROBLEM_TYPES.tooManyAttempts, `Too many failed attempts; try again in ${wait} s`, undefined, {
    'Retry-After': String(wait),
  });
}

/** 503: every password-check slot is busy (many sign-ins at once); nothing was counted against the caller. */
export function checksBusy(): ProblemError {
  return new ProblemError(503, PROBLEM_TYPES.busy, 'Too many sign-ins are being checked right now; try again in a moment', undefined, {
    'Retry-After': '1',
  });
}

/** The reservation, or the 429 to throw. */
export function reservationOf(result: ReserveResult) {
  if (!result.ok) throw tooManyAttempts(result.retryAfter);
  return result.reservation;
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
        'Wrong credentials answer 401 without saying which part was wrong. Attempts are counted before the password is ' +
        'checked: after 5 in a minute from one address, or for one user name from one address (each later lock-out of that ' +
        'pair twice as long), attempts answer 429 with Retry-After; once a user name has failed 5 times in a minute from ' +
        'anywhere, each address gets one attempt at it. 503 with Retry-After when too many sign-ins are being checked at once.',
      querystring: noQuery,
      body: signInRequest,
      response: { 200: sessionResponse, 400: problem, 401: problem, 415: problem, 429: problem, 503: problem },
    },
    handler: async (request, reply) => {
      const name = normaliseUsername(request.body.username);
      const password = request.body.password;
      // Counted before anything slow happens: concurrent attempts cannot all pass the limit.
      const reservation = reservationOf(await ctx.limiter.reserve(name, request.ip));
      let user;
      try {
        const account = await ctx.users.get(name);
        if (account) {
          user = (await ctx.passwordChecks.run(() => ctx.users.checkPassword(account, password))) ? account : null;
        } else {
          // The first time, one real check is timed (the dummy hash made beforehand, so only the check is timed).
          if (ctx.passwordChecks.typicalMs === null) await ctx.users.dummyHash();
          await ctx.passwordChecks.imitate(() => ctx.users.checkDummy(password));
          user = null;
        }
      } catch (e) {
        await reservation.release();
        if (e instanceof PasswordChecksBusyError) throw checksBusy();
        throw e;
      }
      if (!user) {
        throw new ProblemError(401, PROBLEM_TYPES.badCredentials, 'The user name or password is not right', undefined, {
          'WWW-Authenticate': AUTH_CHALLENGE,
        });
      }
      await reservation.succeeded();
      // A new id at every sign-in (no session fixation); an earlier session of this browser ends.
      await ctx.sessions.destroy(readCookie(request.headers.cookie, SESSION_COOKIE));
      const id = await ctx.sessions.create(user);
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
      await ctx.sessions.destroy(readCookie(request.headers.cookie, SESSION_COOKIE));
      reply.header('Set-Cookie', clearedSessionCookie(request.protocol === 'https'));
      return answer(null, 'public');
    },
  });
}
