/**
 * Sign-in, sessions and sign-out: cookie attributes, server-side invalidation, idle expiry, accounts changing under
 * a session, wrong credentials without detail, the rate limit, and the CSRF defences of state-changing requests.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { SESSION_COOKIE } from '../../src/server/access/cookies';
import { SessionStore } from '../../src/server/access/sessions';
import { problem, sessionResponse } from '../../src/shared/api';
import { PASSWORD, PROBLEM_JSON, signIn, startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp({ role: 'public' });
});
afterAll(async () => {
  await t?.close();
});

const post = (app: FastifyInstance, payload: unknown, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/session', payload: payload as object, headers, remoteAddress });
const whoAmI = async (app: FastifyInstance, cookie?: string) =>
  sessionResponse.parse((await app.inject({ url: '/api/v1/session', headers: cookie ? { cookie } : {} })).json());
/** Weekly flows: for programme staff only (signed out: 403), so the answer tells whether a session is alive. */
const weeklyFlows = (app: FastifyInstance, cookie?: string) => app.inject({ url: '/api/v1/flows?groupBy=week', headers: cookie ? { cookie } : {} });

describe('POST /api/v1/session', () => {
  it('signs in: HttpOnly, SameSite=Lax, Path=/ cookie holding a random 32-byte id; answers who and what', async () => {
    const res = await post(t.app, { username: 'programme', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = sessionResponse.parse(res.json());
    expect(body).toMatchObject({ username: 'programme', role: 'programme' });
    const raw = res.headers['set-cookie'] as string;
    expect(raw).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax$`));
    expect(raw).not.toMatch(/Secure/); // plain http, no trusted proxy
    expect(res.body).not.toContain(raw.split(';')[0]!.split('=')[1]!); // the id is not in the body
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({ name: SESSION_COOKIE, path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(cookie.maxAge).toBeUndefined();
    // the session works
    const who = await whoAmI(t.app, `${SESSION_COOKIE}=${cookie.value}`);
    expect(who).toMatchObject({ username: 'programme', role: 'programme' });
    expect((await weeklyFlows(t.app, `${SESSION_COOKIE}=${cookie.value}`)).statusCode).toBe(200);
  });

  it('user names are case-insensitive; every sign-in gets a new id (no fixation)', async () => {
    const a = await signIn(t.app, 'Donor');
    const b = await signIn(t.app, 'donor');
    expect(a).not.toBe(b);
    // signing in again from a browser holding a session ends the old one
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'donor', password: PASSWORD }, headers: { cookie: a } });
    expect(res.statusCode).toBe(200);
    expect((await whoAmI(t.app, a)).role).toBe('public');
    expect((await whoAmI(t.app, b)).role).toBe('donor');
  });

  it('Secure is added behind https: X-Forwarded-Proto with trustProxy, never from the header alone', async () => {
    const proxied = buildApp({ store: t.store, users: t.users, trustProxy: true });
    const secure = await post(proxied, { username: 'programme', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(secure.statusCode).toBe(200);
    expect(secure.headers['set-cookie']).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    const cookie = (secure.headers['set-cookie'] as string).split(';')[0]!;
    const out = await proxied.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-forwarded-proto': 'https' } });
    expect(out.headers['set-cookie']).toMatch(/Max-Age=0.*; Secure$/);
    await proxied.close();

    const spoofed = await post(t.app, { username: 'programme', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(spoofed.headers['set-cookie']).not.toMatch(/Secure/);
  });

  it('wrong password and unknown user answer the same 401, without saying which part was wrong', async () => {
    const app = buildApp({ store: t.store, users: t.users });
    const wrongPassword = await post(app, { username: 'programme', password: 'not the password' }, {}, '10.0.0.1');
    const unknownUser = await post(app, { username: 'nobody', password: 'not the password' }, {}, '10.0.0.2');
    for (const res of [wrongPassword, unknownUser]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['www-authenticate']).toBeDefined();
    }
    const a = problem.parse(wrongPassword.json());
    const b = problem.parse(unknownUser.json());
    expect({ ...a, instance: undefined }).toEqual({ ...b, instance: undefined });
    expect(a.detail).toBe('The user name or password is not right');
    expect(a.detail).not.toMatch(/nobody|unknown|exist|password is wrong/i);
    await app.close();
  });

  it('an unknown user costs a password hash too (similar time to a wrong password)', async () => {
    const app = buildApp({ store: t.store, users: t.users, signInLimit: { max: 1000 } });
    const time = async (username: string) => {
      const t0 = performance.now();
      // From an address of its own: on PostgreSQL the back-off is shared by every app on the database.
      for (let i = 0; i < 5; i++) await post(app, { username, password: 'not the password' }, {}, '10.0.9.9');
      return performance.now() - t0;
    };
    await time('nobody'); // warm-up (the dummy hash is made on first use)
    const known = await time('programme');
    const unknown = await time('nobody');
    expect(unknown).toBeGreaterThan(known * 0.4);
    await app.close();
  });

  it.each([
    [{ username: 'programme' }, 'password'],
    [{ password: PASSWORD }, 'username'],
    [{ username: 'programme', password: PASSWORD, role: 'admin' }, 'role'],
    [{ username: '', password: PASSWORD }, 'username'],
  ])('malformed body %j → 400 naming %s', async (payload, field) => {
    const res = await post(t.app, payload);
    expect(res.statusCode).toBe(400);
    expect(problem.parse(res.json()).errors?.map((e) => e.field)).toContain(field);
  });
});

describe('rate limit', () => {
  it('per IP: the 6th failed attempt within a minute answers 429 with Retry-After, even with the right password', async () => {
    let now = 1_000_000;
    const app = buildApp({ store: t.store, users: t.users, signInLimit: { now: () => now } });
    const ip = '192.0.2.7';
    for (let i = 0; i < 5; i++) {
      const res = await post(app, { username: `user${i}`, password: 'wrong password' }, {}, ip);
      expect(res.statusCode).toBe(401);
      now += 1000;
    }
    const limited = await post(app, { username: 'programme', password: PASSWORD }, {}, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(55);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // another IP is not affected
    expect((await post(app, { username: 'programme', password: PASSWORD }, {}, '192.0.2.8')).statusCode).toBe(200);
    // after the window the IP may try again
    now += 60_000;
    expect((await post(app, { username: 'programme', password: PASSWORD }, {}, ip)).statusCode).toBe(200);
    await app.close();
  });

  it('per user name: past 5 failures from many IPs, each IP gets one attempt at that name; a new IP still signs in', async () => {
    const app = buildApp({ store: t.store, users: t.users });
    for (let i = 0; i < 5; i++) {
      expect((await post(app, { username: 'government', password: 'wrong password' }, {}, `198.51.100.${i}`)).statusCode).toBe(401);
    }
    const limited = await post(app, { username: 'GOVERNMENT', password: PASSWORD }, {}, '198.51.100.0');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // nobody can keep the account locked out from elsewhere: a correct password from a new address is accepted
    expect((await post(app, { username: 'GOVERNMENT', password: PASSWORD }, {}, '198.51.100.99')).statusCode).toBe(200);
    expect((await post(app, { username: 'donor', password: PASSWORD }, {}, '198.51.100.99')).statusCode).toBe(200);
    await app.close();
  });

  it('successful sign-ins do not count', async () => {
    const app = buildApp({ store: t.store, users: t.users });
    for (let i = 0; i < 8; i++) expect((await post(app, { username: 'admin', password: PASSWORD })).statusCode).toBe(200);
    await app.close();
  });
});

describe('DELETE /api/v1/session and invalidation', () => {
  it('signs out on the server: the old cookie no longer works, even if the browser kept it', async () => {
    const cookie = await signIn(t.app, 'programme');
    expect((await weeklyFlows(t.app, cookie)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect(sessionResponse.parse(out.json())).toMatchObject({ username: null, role: 'public' });
    expect(out.headers['set-cookie']).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`));
    // replaying the old cookie: public again, and told to drop it
    const replay = await weeklyFlows(t.app, cookie);
    expect(replay.statusCode).toBe(403);
    const who = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
    expect(who.json()).toMatchObject({ role: 'public', username: null });
    expect(who.headers['set-cookie']).toMatch(/Max-Age=0/);
  });

  it('an account holds at most 20 live sessions: the oldest ends first', async () => {
    const app = buildApp({ store: t.store, users: t.users });
    const cookies: string[] = [];
    for (let i = 0; i < 21; i++) cookies.push(await signIn(app, 'government'));
    expect((await whoAmI(app, cookies[0])).role).toBe('public');
    expect((await whoAmI(app, cookies[1])).role).toBe('government');
    expect((await whoAmI(app, cookies[20])).role).toBe('government');
    await app.close();
  });

  it('signing out without a session is fine', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/session' });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('public');
  });

  it('forged and malformed cookies are simply signed out', async () => {
    for (const cookie of [`${SESSION_COOKIE}=${'A'.repeat(43)}`, `${SESSION_COOKIE}=../../etc`, `${SESSION_COOKIE}=`, 'other=1']) {
      expect((await whoAmI(t.app, cookie)).role).toBe('public');
    }
  });

  it('sessions end after the idle time (8 h by default), and each request renews it', async () => {
    let now = Date.now();
    const sessions = new SessionStore({ now: () => now });
    expect(sessions.idleMs).toBe(8 * 60 * 60 * 1000);
    const app = buildApp({ store: t.store, users: t.users, sessions });
    const cookie = await signIn(app, 'donor');
    now += 7 * 60 * 60 * 1000;
    expect((await whoAmI(app, cookie)).role).toBe('donor'); // renewed here
    now += 7 * 60 * 60 * 1000;
    expect((await whoAmI(app, cookie)).role).toBe('donor');
    now += 8 * 60 * 60 * 1000 + 1;
    expect((await whoAmI(app, cookie)).role).toBe('public');
    expect(sessions.size).toBe(0);
    await app.close();
  });

  it('sessions end after 24 h whatever the activity', async () => {
    let now = Date.now();
    const sessions = new SessionStore({ now: () => now });
    const app = buildApp({ store: t.store, users: t.users, sessions });
    const cookie = await signIn(app, 'donor');
    for (let h = 0; h < 23; h += 2) {
      now += 2 * 60 * 60 * 1000;
      if (h < 22) expect((await whoAmI(app, cookie)).role).toBe('donor');
    }
    now += 2 * 60 * 60 * 1000;
    expect((await whoAmI(app, cookie)).role).toBe('public');
    await app.close();
  });

  it('removing an account, changing its role or its password ends its sessions at the next request', async () => {
    await t.users.add('temp', 'programme', PASSWORD);
    const cookie = await signIn(t.app, 'temp');
    expect((await whoAmI(t.app, cookie)).role).toBe('programme');
    await t.users.setPassword('temp', 'another long password');
    expect((await whoAmI(t.app, cookie)).role).toBe('public');

    const cookie2 = await signIn(t.app, 'temp', 'another long password');
    expect((await whoAmI(t.app, cookie2)).role).toBe('programme');
    expect(await t.users.remove('temp')).toBe(true);
    expect((await whoAmI(t.app, cookie2)).role).toBe('public');
    expect((await weeklyFlows(t.app, cookie2)).statusCode).toBe(403);
  });
});

describe('CSRF defences on state-changing requests', () => {
  const creds = { username: 'programme', password: PASSWORD };
  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }, 403],
    ['Origin null', { origin: 'null' }, 403],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 403],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }, 403],
    ['the same Origin', { origin: 'http://localhost' }, 200],
    ['the same Origin over https (TLS ended at a proxy)', { origin: 'https://localhost' }, 200],
    ['another port', { origin: 'http://localhost:8081' }, 403],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }, 200],
  ])('sign-in with %s → %s', async (_name, headers, status) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: creds, headers: headers as Record<string, string> });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 403) expect(problem.parse(res.json()).type).toMatch(/cross-site/);
  });

  it('a cross-site sign-out is refused and the session survives', async () => {
    const cookie = await signIn(t.app, 'programme');
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect((await whoAmI(t.app, cookie)).role).toBe('programme');
  });

  it.each([
    ['text/plain', 'username=programme'],
    ['application/x-www-form-urlencoded', 'username=programme&password=x'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('a %s body (what a cross-site form can send) → 415', async (type, payload) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload, headers: { 'content-type': type } });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  });

  it('JSON with a charset is fine', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: JSON.stringify(creds),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('GET requests are not affected by Origin (they change nothing)', async () => {
    const res = await t.app.inject({ url: '/api/v1/meta', headers: { origin: 'https://elsewhere.example' } });
    expect(res.statusCode).toBe(200);
  });

  it('other methods on the session resource → 405 naming the allowed ones', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/session', payload: creds });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, DELETE');
  });
});
