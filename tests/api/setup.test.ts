/** First start: no default accounts, a one-time admin setup token, and `POST /api/v1/setup` creating the first admin once. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { UserStore } from '../../src/server/access/users';
import { DuckDbStore } from '../../src/server/store/duckdb/duckdb-store';
import { startServer } from '../../src/server/start';
import { problem } from '../../src/shared/api';
import { FIXTURE_DIR, PASSWORD, PROBLEM_JSON, signIn, TEST_SCRYPT, tempDir } from './helpers';

let store: DuckDbStore;
let tmp: string;
beforeAll(async () => {
  tmp = tempDir('atlas-setup-');
  store = await DuckDbStore.open({ dataDir: FIXTURE_DIR, dbPath: join(tmp, 'atlas.duckdb') });
});
afterAll(async () => {
  await store?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const setup = (app: ReturnType<typeof buildApp>, payload: object, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/setup', payload, remoteAddress });

describe('admin setup token', () => {
  it('no accounts exist by default: nobody can sign in', async () => {
    const app = buildApp({ store, onSetupToken: () => {} });
    for (const username of ['admin', 'root', 'programme']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: 'admin' } });
      expect(res.statusCode).toBe(401);
    }
    await app.close();
  });

  it('creates the first admin once with the printed token; then the endpoint is gone', async () => {
    const users = UserStore.file(join(tmp, 'users-a.json'), { scrypt: TEST_SCRYPT });
    const tokens: string[] = [];
    const app = buildApp({ store, users, onSetupToken: (t) => tokens.push(t) });
    await app.ready(); // the token is issued once the app is ready (it asks the accounts whether an admin exists)
    expect(tokens).toHaveLength(1);
    const token = tokens[0]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const wrong = await setup(app, { token: 'not-the-token', username: 'ana', password: PASSWORD });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(await users.list()).toEqual([]);

    const short = await setup(app, { token, username: 'ana', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(problem.parse(short.json()).errors?.[0]?.field).toBe('password');
    const badName = await setup(app, { token, username: 'Ana Maria', password: PASSWORD });
    expect(badName.statusCode).toBe(400);

    const ok = await setup(app, { token, username: 'ana', password: PASSWORD });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ username: 'ana', role: 'admin' });
    expect((await users.get('ana'))?.role).toBe('admin');
    expect(readFileSync(join(tmp, 'users-a.json'), 'utf8')).not.toContain(PASSWORD);

    // the new admin can sign in
    expect(await signIn(app, 'ana')).toMatch(/^atlas_session=/);

    // the token is spent
    const again = await setup(app, { token, username: 'eve', password: PASSWORD });
    expect(again.statusCode).toBe(410);
    expect(await users.get('eve')).toBeUndefined();
    await app.close();

    // a later start with an admin in the file prints no token, and setup stays closed
    const later: string[] = [];
    const app2 = buildApp({ store, users: UserStore.file(join(tmp, 'users-a.json')), onSetupToken: (t) => later.push(t) });
    await app2.ready();
    expect(later).toEqual([]);
    expect((await setup(app2, { token, username: 'eve', password: PASSWORD })).statusCode).toBe(410);
    await app2.close();
  });

  it('two concurrent setups with the right token create one admin', async () => {
    const users = UserStore.file(join(tmp, 'users-b.json'), { scrypt: TEST_SCRYPT });
    let token = '';
    const app = buildApp({ store, users, onSetupToken: (t) => (token = t) });
    await app.ready();
    const [a, b] = await Promise.all([
      setup(app, { token, username: 'first', password: PASSWORD }),
      setup(app, { token, username: 'second', password: PASSWORD }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 410]);
    expect((await users.list()).filter((u) => u.role === 'admin')).toHaveLength(1);
    await app.close();
  });

  it('guessing the token is rate-limited per IP', async () => {
    const app = buildApp({ store, users: UserStore.memory({ scrypt: TEST_SCRYPT }), onSetupToken: () => {} });
    for (let i = 0; i < 5; i++) expect((await setup(app, { token: `guess${i}`, username: 'x1', password: PASSWORD }, '203.0.113.5')).statusCode).toBe(403);
    const limited = await setup(app, { token: 'guess', username: 'x1', password: PASSWORD }, '203.0.113.5');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    await app.close();
  });

  it('startServer prints the token through its log when no admin exists', async () => {
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      dataDir: FIXTURE_DIR,
      dbPath: join(tmp, 'atlas.duckdb'),
      usersPath: join(tmp, 'users-c.json'),
      log: (l) => lines.push(l),
    });
    try {
      const text = lines.join('\n');
      expect(text).toMatch(/No admin account exists yet/);
      expect(text).toMatch(/POST \/api\/v1\/setup/);
      const token = /^ {2}([A-Za-z0-9_-]{32})$/m.exec(text)?.[1];
      expect(token).toBeDefined();
      const res = await fetch(`${server.url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, username: 'root-admin', password: PASSWORD }),
      });
      expect(res.status).toBe(201);
      expect(await server.users.hasAdmin()).toBe(true);
    } finally {
      await server.close();
    }
  });
});
