/** The SPA behind the API, the real listening server (startServer), configuration and the CSV writer. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';
import { aggregateToCsv, csvField, toCsv } from '../../src/server/lib/csv';
import { startServer, type RunningServer } from '../../src/server/start';
import { createUser } from '../../src/server/access/users';
import { FIXTURE_DIR, PASSWORD, fakeSpaDir, PROBLEM_JSON, startTestApp, sum, flows, tempDir, type TestServer } from './helpers';

const SECRET = 'server-test-secret-0123456789abcdef0123456789';

describe('static SPA', () => {
  let t: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = fakeSpaDir();
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dist, '.secret'), 'no');
    t = await startTestApp({ staticDir: dist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at /', async () => {
    const res = await t.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Transit Atlas');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const res = await t.inject('/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await t.inject('/favicon.svg');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/flows', '/assistance/agadez-tc', '/hotspots?from=2019-01-01'])('falls back to index.html for client route %s', async (url) => {
    const res = await t.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="root">');
  });

  it('a missing asset is a 404, not the SPA shell', async () => {
    const res = await t.inject('/assets/missing-000.js');
    expect(res.statusCode).toBe(404);
  });

  it('does not serve dotfiles', async () => {
    const res = await t.inject('/.secret');
    // Treated like any unknown page path: the SPA shell, never the file.
    expect(res.body).not.toBe('no');
    expect(res.body).toContain('<div id="root">');
  });

  it('API paths still answer problems, not the SPA', async () => {
    const res = await t.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    const ok = await t.inject('/api/v1/flows');
    expect(ok.json().total).toBe(sum(flows()));
    // Security headers on the SPA files too; counts are never kept.
    const page = await t.inject('/');
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(ok.headers['cache-control']).toBe('no-store');
  });
});

describe('startServer', () => {
  let server: RunningServer;
  let tmp: string;
  beforeAll(async () => {
    tmp = tempDir('atlas-start-');
    await createUser(join(tmp, 'users.json'), 'ana', 'programme', PASSWORD);
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: FIXTURE_DIR,
      dbPath: join(tmp, 'atlas.duckdb'),
      staticDir: null,
      logger: false,
      usersPath: join(tmp, 'users.json'),
      // no noise and nothing withheld: the published cells are exact, so the disclosure options are seen to reach the app
      disclosure: { k: 1, maxNoise: 0 },
      cellKeySecret: SECRET,
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('listens on an ephemeral port of 127.0.0.1 and answers over HTTP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    // Signed out: the public view, published cells (the server was given k = 1 and no noise: see beforeAll).
    const anonymous = await (await fetch(`${server.url}/api/v1/flows?groupBy=sex`)).json();
    expect(anonymous.disclosure).toEqual({ method: 'cell-key', k: 1, maxNoise: 0, resolution: 'month' });
    expect(anonymous.rows.every((r: { perturbed?: boolean }) => r.perturbed === true)).toBe(true);
    expect(anonymous.total).toBe(sum(flows()));
    // Signed in as a programme user from the users file: exact figures.
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'ana', password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${server.url}/api/v1/flows?groupBy=sex`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(sum(flows()));
    // Accounts added on the running server's store work at once.
    await server.users.add('bea', 'donor', PASSWORD);
    const again = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bea', password: PASSWORD }),
    });
    expect((await again.json()).role).toBe('donor');
    const bad = await fetch(`${server.url}/api/v1/flows?from=2016-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM_JSON);
  });

  it('is given the cell-key secret: its published answers are those of any app with the same secret and parameters', async () => {
    const t = await startTestApp({ app: { cellKeySecret: SECRET, disclosure: { k: 1, maxNoise: 0 } } });
    const noisy = t.another({ cellKeySecret: SECRET });
    try {
      for (const url of ['/api/v1/flows?groupBy=point,month', '/api/v1/assistance?groupBy=centre,service']) {
        const here = await (await fetch(`${server.url}${url}`)).json();
        const there = (await t.inject(url, 'public')).json();
        expect(here.rows).toEqual(there.rows);
        // with the default parameters (±3), the same secret perturbs the same cells: some differ from the exact ones
        const perturbed = (await noisy.inject(url, 'public')).json();
        expect(perturbed.rows).not.toEqual(here.rows);
      }
    } finally {
      await t.close();
    }
  });

  it('close() is idempotent', async () => {
    const other = await startServer({ port: 0, dataDir: FIXTURE_DIR, dbPath: join(tmp, 'atlas.duckdb') });
    await other.close();
    await other.close();
    await expect(fetch(`${other.url}/api/v1/meta`)).rejects.toThrow();
  });
});

describe('loadConfig', () => {
  it('has defaults', () => {
    const c = loadConfig({}, '/srv/atlas');
    expect(c).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/atlas/data',
      dbPath: '/srv/atlas/var/atlas.duckdb',
      databaseUrl: null,
      databaseReadUrl: null,
      databasePoolSize: 10,
      staticDir: '/srv/atlas/dist',
      logLevel: 'info',
      usersPath: '/srv/atlas/var/users.json',
      disclosure: { k: 10, maxNoise: 3 },
      cellKeySecret: undefined,
      cellKeySecretPath: '/srv/atlas/var/cell-key.secret',
      trustProxy: false,
      sessionIdleMinutes: 480,
      signInMaxFailures: 5,
      signInConcurrency: 2,
      requestTimeoutMs: 30_000,
      importTimeoutMs: 30 * 60_000,
      allowedHosts: null,
      importMaxBytes: 200 * 1024 * 1024,
      importDates: { earliest: null, maxDaysAhead: 31 },
      basemapOrigins: [],
    });
  });
  it('allows an online basemap: its style URL’s origin and any further origins, for the CSP', () => {
    expect(loadConfig({ VITE_BASEMAP_STYLE_URL: 'https://tiles.example.org/styles/liberty.json' }).basemapOrigins).toEqual(['https://tiles.example.org']);
    expect(
      loadConfig({ VITE_BASEMAP_STYLE_URL: 'https://tiles.example.org/s.json', BASEMAP_ORIGINS: 'https://fonts.example.org, https://tiles.example.org/' })
        .basemapOrigins,
    ).toEqual(['https://tiles.example.org', 'https://fonts.example.org']);
    // Further origins alone open nothing: no online style, offline only.
    expect(loadConfig({ BASEMAP_ORIGINS: 'https://fonts.example.org' }).basemapOrigins).toEqual([]);
  });
  it('reads the access settings', () => {
    const c = loadConfig(
      {
        USERS_PATH: 'secrets/u.json',
        DISCLOSURE_K: '20',
        DISCLOSURE_MAX_NOISE: '5',
        TRUST_PROXY: 'true',
        SESSION_IDLE_MINUTES: '30',
        SIGNIN_MAX_FAILURES: '3',
      },
      '/w',
    );
    expect(c).toMatchObject({
      usersPath: '/w/secrets/u.json',
      disclosure: { k: 20, maxNoise: 5 },
      trustProxy: true,
      sessionIdleMinutes: 30,
      signInMaxFailures: 3,
    });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1,10.0.0.2' }).trustProxy).toBe('10.0.0.1,10.0.0.2');
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });
  it('reads the disclosure-control settings: k, the largest noise, the cell-key secret or the file that keeps it', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ DISCLOSURE_MAX_NOISE: '0' }).disclosure).toEqual({ k: 10, maxNoise: 0 });
    expect(loadConfig({ DISCLOSURE_MAX_NOISE: '50', DISCLOSURE_K: '1' }).disclosure).toEqual({ k: 1, maxNoise: 50 });
    expect(loadConfig({ DISCLOSURE_MAX_NOISE: ' 4 ' }).disclosure.maxNoise).toBe(4);
    expect(loadConfig({ CELL_KEY_SECRET: secret }).cellKeySecret).toBe(secret);
    expect(loadConfig({ CELL_KEY_SECRET: '' }).cellKeySecret).toBeUndefined(); // empty = unset
    expect(loadConfig({ CELL_KEY_SECRET_PATH: 'keys/ck.secret' }, '/w').cellKeySecretPath).toBe('/w/keys/ck.secret');
    expect(loadConfig({ CELL_KEY_SECRET_PATH: '/etc/atlas/ck' }, '/w').cellKeySecretPath).toBe('/etc/atlas/ck');
    // the rounding of the former disclosure method is gone: the variable is not read
    const old = loadConfig({ DISCLOSURE_ROUNDING: '5' });
    expect(old.disclosure).toEqual({ k: 10, maxNoise: 3 });
    expect(old.disclosure).not.toHaveProperty('rounding');
  });
  it('reads the environment', () => {
    const c = loadConfig({ PORT: '9000', HOST: '0.0.0.0', DATA_DIR: '/d', DB_PATH: 'db/x.duckdb', STATIC_DIR: '/s' }, '/w');
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/d', dbPath: '/w/db/x.duckdb', staticDir: '/s' });
  });
  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty"/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ PORT: '-1' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ VITE_BASEMAP_STYLE_URL: 'tiles.example.org/style.json' }, /VITE_BASEMAP_STYLE_URL="tiles\.example\.org\/style\.json": must be an http\(s\) URL/],
    [{ VITE_BASEMAP_STYLE_URL: 'javascript:alert(1)' }, /VITE_BASEMAP_STYLE_URL/],
    [
      { VITE_BASEMAP_STYLE_URL: 'https://t.example.org/s.json', BASEMAP_ORIGINS: 'https://fonts.example.org/path' },
      /BASEMAP_ORIGINS=.*must be a comma-separated list of origins/,
    ],
    [{ HOST: '   ' }, /HOST/],
    [{ DISCLOSURE_K: 'ten' }, /DISCLOSURE_K/],
    [{ DISCLOSURE_K: '0' }, /DISCLOSURE_K/],
    [{ DISCLOSURE_K: '1001' }, /DISCLOSURE_K="1001": must be a whole number between 1 and 1000/],
    [{ DISCLOSURE_MAX_NOISE: 'three' }, /DISCLOSURE_MAX_NOISE="three": must be a whole number between 0 and 50/],
    [{ DISCLOSURE_MAX_NOISE: '-1' }, /DISCLOSURE_MAX_NOISE/],
    [{ DISCLOSURE_MAX_NOISE: '51' }, /DISCLOSURE_MAX_NOISE="51"/],
    [{ DISCLOSURE_MAX_NOISE: '2.5' }, /DISCLOSURE_MAX_NOISE/],
    [{ CELL_KEY_SECRET: 'too-short' }, /CELL_KEY_SECRET="too-short": must be at least 32 characters long/],
    [{ CELL_KEY_SECRET: 'x'.repeat(31) }, /CELL_KEY_SECRET/],
    [{ CELL_KEY_SECRET_PATH: '  ' }, /CELL_KEY_SECRET_PATH/],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY/],
    [{ SESSION_IDLE_MINUTES: '0' }, /SESSION_IDLE_MINUTES/],
  ])('rejects %j with a clear message', (env, msg) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(msg);
  });
});

describe('CSV writer (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
    [42, '42'],
    [null, ''],
  ])('field %j → %j', (v, out) => {
    expect(csvField(v)).toBe(out);
  });
  it('joins rows with CRLF and ends with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', 'x,y'],
          ['2', 'z'],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n2,z\r\n');
  });
  it('adds suppressed, perturbed and partial columns when the answer passed disclosure control', () => {
    const csv = aggregateToCsv({
      groupBy: ['region'],
      rows: [
        { region: 'NE001', count: 120, perturbed: true } as never,
        { region: 'NE002', count: null, suppressed: true } as never,
        { region: 'NE004', count: 37, perturbed: true, partial: true } as never,
      ],
      total: 157,
      totalPartial: true,
      from: '2019-01-01',
      to: '2019-01-31',
      dataVersion: 'x',
      disclosure: { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' },
    });
    expect(csv).toBe('region,count,suppressed,perturbed,partial\r\nNE001,120,false,true,false\r\nNE002,,true,false,false\r\nNE004,37,false,true,true\r\n');
  });
  it('writes an aggregate answer as groupBy columns then count', () => {
    const csv = aggregateToCsv({
      groupBy: ['point', 'week'],
      rows: [{ point: 'a,"b"', week: '2019-01-07', count: 3 } as never],
      total: 3,
      from: '2019-01-01',
      to: '2019-01-31',
      dataVersion: 'x',
    });
    expect(csv).toBe('point,week,count\r\n"a,""b""",2019-01-07,3\r\n');
  });
});
