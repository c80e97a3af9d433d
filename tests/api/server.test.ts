/** The SPA behind the API, the real listening server (startServer), configuration and the CSV writer. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';
import { aggregateToCsv, csvField, toCsv } from '../../src/server/lib/csv';
import { startServer, type RunningServer } from '../../src/server/start';
import { FIXTURE_DIR, PROBLEM_JSON, startTestApp, sum, flows, tempDir, type TestServer } from './helpers';

describe('static SPA', () => {
  let t: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = tempDir('atlas-dist-');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Transit Atlas</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dist, '.secret'), 'no');
    t = await startTestApp({ staticDir: dist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at /', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Transit Atlas');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const res = await t.app.inject('/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await t.app.inject('/favicon.svg');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/flows', '/assistance/agadez-tc', '/hotspots?from=2019-01-01'])('falls back to index.html for client route %s', async (url) => {
    const res = await t.app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="root">');
  });

  it('a missing asset is a 404, not the SPA shell', async () => {
    const res = await t.app.inject('/assets/missing-000.js');
    expect(res.statusCode).toBe(404);
  });

  it('does not serve dotfiles', async () => {
    const res = await t.app.inject('/.secret');
    // Treated like any unknown page path: the SPA shell, never the file.
    expect(res.body).not.toBe('no');
    expect(res.body).toContain('<div id="root">');
  });

  it('API paths still answer problems, not the SPA', async () => {
    const res = await t.app.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    const ok = await t.app.inject('/api/v1/flows');
    expect(ok.json().total).toBe(sum(flows()));
  });
});

describe('startServer', () => {
  let server: RunningServer;
  let tmp: string;
  beforeAll(async () => {
    tmp = tempDir('atlas-start-');
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir: FIXTURE_DIR, dbPath: join(tmp, 'atlas.duckdb'), staticDir: null, logger: false });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('listens on an ephemeral port of 127.0.0.1 and answers over HTTP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    const res = await fetch(`${server.url}/api/v1/flows?groupBy=sex`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(sum(flows()));
    const bad = await fetch(`${server.url}/api/v1/flows?from=2016-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM_JSON);
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
      staticDir: '/srv/atlas/dist',
      logLevel: 'warn',
    });
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
    [{ HOST: '   ' }, /HOST/],
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
    expect(toCsv(['a', 'b'], [['1', 'x,y'], ['2', 'z']])).toBe('a,b\r\n1,"x,y"\r\n2,z\r\n');
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
