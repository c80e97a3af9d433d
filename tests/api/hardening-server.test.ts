/**
 * Server limits, against a real listening server over raw sockets: a trickled body or trickled headers are cut at
 * the timeout (408 problem, connection closed), a refused import cannot hold a connection for the import limit,
 * while an admin's slow-but-steady import gets its own longer limit; foreign Host headers are refused (DNS
 * rebinding); Node's and Fastify's own errors (431, malformed request, bad URL, body parsing) are problem+json with
 * the security headers and name the right field; source maps are never served; the state folder and its files are
 * private after startServer.
 */
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { UserStore } from '../../src/server/access/users';
import { DuckDbStore } from '../../src/server/store/duckdb/duckdb-store';
import { CONTENT_SECURITY_POLICY } from '../../src/server/lib/security-headers';
import { secureStateFiles } from '../../src/server/lib/state-files';
import { startServer } from '../../src/server/start';
import { problem } from '../../src/shared/api';
import { FIXTURE_DIR, PASSWORD, PROBLEM_JSON, TEST_SCRYPT, fakeSpaDir, tempDir } from './helpers';

let tmp: string;
let dist: string;
let store: DuckDbStore;
let users: UserStore;
let app: FastifyInstance;
let port: number;

const LIMITS = { headersMs: 1000, requestMs: 1000, importRequestMs: 8000 };

beforeAll(async () => {
  tmp = tempDir('atlas-limits-');
  dist = fakeSpaDir();
  // a build that left its source maps in the served folder
  writeFileSync(join(dist, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["../src/secret.ts"],"sourcesContent":["secret"]}');
  store = await DuckDbStore.open({ dataDir: FIXTURE_DIR, dbPath: join(tmp, 'atlas.duckdb') });
  users = UserStore.memory({ scrypt: TEST_SCRYPT });
  await users.add('admin', 'admin', PASSWORD);
  app = buildApp({ store, users, staticDir: dist, limits: LIMITS });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfter: number;
  /** Milliseconds from connecting until the answer's first byte. */
  answeredAfter: number;
}

/** Writes `parts` to a raw socket (a number waits that many ms) until the server closes it; parses the first answer. */
function raw(parts: Array<string | number>, opts: { giveUpMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let answeredAfter = -1;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${opts.giveUpMs ?? 10_000} ms: ${text.slice(0, 200)}`));
    }, opts.giveUpMs ?? 10_000);
    socket.on('data', (d) => {
      if (answeredAfter < 0) answeredAfter = performance.now() - t0;
      text += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(giveUp);
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n'), closedAfter: performance.now() - t0, answeredAfter });
    });
    void (async () => {
      for (const p of parts) {
        if (socket.destroyed) return;
        if (typeof p === 'number') await new Promise((r) => setTimeout(r, p));
        else socket.write(p);
      }
    })();
  });
}

const host = () => `Host: 127.0.0.1:${port}\r\n`;
/** One byte every `every` ms, `n` times. */
const trickle = (n: number, every: number, byte = ' ') => Array.from({ length: n }, () => [every, byte]).flat();

function expectProblemWithHeaders(a: { headers: Record<string, string> }, body: string, status: number, field?: string) {
  expect(a.headers['content-type']).toMatch(PROBLEM_JSON);
  expect(a.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(a.headers['x-content-type-options']).toBe('nosniff');
  expect(a.headers['x-frame-options']).toBe('DENY');
  expect(a.headers['referrer-policy']).toBe('no-referrer');
  expect(a.headers['cache-control']).toBe('no-store');
  const p = problem.parse(JSON.parse(body));
  expect(p.status).toBe(status);
  if (field !== undefined) expect(p.errors?.map((e) => e.field)).toContain(field);
  return p;
}

describe('timeouts', () => {
  it('a trickled body is cut at the request timeout: 408 problem, connection closed', async () => {
    const a = await raw([
      `POST /api/v1/session HTTP/1.1\r\n${host()}Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"username":`,
      ...trickle(40, 200),
    ]);
    expect(a.status).toBe(408);
    expectProblemWithHeaders(a, a.body, 408);
    expect(a.answeredAfter).toBeGreaterThanOrEqual(900);
    expect(a.closedAfter).toBeLessThan(4000); // the client would have trickled for 8 s
  });

  it('trickled headers are cut at the headers timeout', async () => {
    const a = await raw([`GET /api/v1/meta HTTP/1.1\r\n${host()}`, ...trickle(40, 200, 'X')]);
    expect(a.status).toBe(408);
    expectProblemWithHeaders(a, a.body, 408);
    expect(a.closedAfter).toBeLessThan(4000);
  });

  it('a refused import answers at once and cannot hold its connection for the import limit', async () => {
    const a = await raw([
      `POST /api/v1/imports/flows?dryRun=true HTTP/1.1\r\n${host()}Content-Type: text/csv\r\nContent-Length: 100000\r\n\r\ndate,`,
      ...trickle(60, 100, '1'),
    ]);
    expect(a.status).toBe(401); // signed out
    expect(a.answeredAfter).toBeLessThan(500);
    expect(a.closedAfter).toBeLessThan(LIMITS.requestMs + 3000); // it would have trickled for 6 s; imports get 8 s
  });

  it('an admin’s slow but steady import gets the longer import limit', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'admin', password: PASSWORD },
      headers: { host: `127.0.0.1:${port}` },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    // the fixture's header and first row, then the same row on 11 other days: 12 rows with distinct keys
    const [header, first] = readFileSync(join(FIXTURE_DIR, 'flows.csv'), 'utf8').trim().split('\n') as [string, string];
    const day = (i: number) => `2018-11-${String(i + 1).padStart(2, '0')}`;
    const lines = [header, ...Array.from({ length: 12 }, (_, i) => first.replace(/^\d{4}-\d{2}-\d{2}/, day(i)))].map((l) => `${l}\n`);
    const body = lines.join('');
    // 13 lines, one every 250 ms: about 3 s, three times the ordinary request limit
    const a = await raw([
      `POST /api/v1/imports/flows?dryRun=true HTTP/1.1\r\n${host()}Cookie: ${cookie}\r\nContent-Type: text/csv\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      ...lines.flatMap((l) => [250, l]),
    ]);
    expect(a.answeredAfter).toBeGreaterThan(LIMITS.requestMs * 2);
    expect(a.status, a.body).toBe(200);
    expect(JSON.parse(a.body)).toMatchObject({ dataset: 'flows', dryRun: true, rows: 12 });
  });

  it('keep-alive connections are closed when idle; the server’s limits are set', () => {
    expect(app.server.headersTimeout).toBe(LIMITS.headersMs);
    expect(app.server.requestTimeout).toBeGreaterThanOrEqual(LIMITS.importRequestMs);
    expect(app.server.keepAliveTimeout).toBe(65_000);
    expect(app.server.timeout).toBe(60_000);
    const defaults = buildApp({ store });
    expect(defaults.server.headersTimeout).toBe(10_000);
    expect(defaults.server.requestTimeout).toBe(10_000 + 30 * 60_000);
    void defaults.close();
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  const get = (hostHeader: string | null, extra = '') =>
    raw([`GET /api/v1/meta HTTP/1.1\r\n${hostHeader === null ? '' : `Host: ${hostHeader}\r\n`}${extra}Connection: close\r\n\r\n`]);

  it('answers the listening host, localhost, 127.0.0.1 and [::1] on its port', async () => {
    for (const h of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) expect((await get(h)).status, h).toBe(200);
  });

  it.each([['evil.example'], ['evil.example:PORT'], ['localhost:1'], ['127.0.0.1'], ['localhost.evil.example:PORT']])('refuses Host %s with 421', async (h) => {
    const a = await get(h.replace('PORT', String(port)));
    expect(a.status).toBe(421);
    expect(expectProblemWithHeaders(a, a.body, 421, 'Host').type).toMatch(/misdirected/);
    expect(a.headers.connection).toBe('close');
  });

  it('refuses a request with no Host with 400 naming it', async () => {
    const a = await raw([`GET /api/v1/meta HTTP/1.0\r\n\r\n`]);
    expect(a.status).toBe(400);
    expectProblemWithHeaders(a, a.body, 400, 'Host');
  });

  it('a rebound page cannot sign in or set up: its own Origin matches its Host, but the Host is foreign', async () => {
    for (const url of ['/api/v1/session', '/api/v1/setup']) {
      const res = await app.inject({
        method: 'POST',
        url,
        payload: { username: 'admin', password: PASSWORD, ...(url.endsWith('setup') ? { token: 'x' } : {}) },
        headers: { host: `rebind.evil.example:${port}`, origin: `http://rebind.evil.example:${port}` },
      });
      expect(res.statusCode).toBe(421);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('ALLOWED_HOSTS: names with or without a port, * for any; behind a trusted proxy X-Forwarded-Host is checked', async () => {
    const named = buildApp({ store, allowedHosts: ['atlas.example.org', 'intranet:8443'] });
    const status = async (a: FastifyInstance, headers: Record<string, string>) => (await a.inject({ url: '/api/v1/meta', headers })).statusCode;
    expect(await status(named, { host: 'atlas.example.org' })).toBe(200);
    expect(await status(named, { host: 'Atlas.Example.Org.:9000' })).toBe(200);
    expect(await status(named, { host: 'intranet:8443' })).toBe(200);
    expect(await status(named, { host: 'intranet:8080' })).toBe(421);
    expect(await status(named, { host: 'localhost' })).toBe(421);
    const any = buildApp({ store, allowedHosts: ['*'] });
    expect(await status(any, { host: 'whatever.example' })).toBe(200);
    const proxied = buildApp({ store, allowedHosts: ['atlas.example.org'], trustProxy: true });
    expect(await status(proxied, { host: '10.0.0.5:8080', 'x-forwarded-host': 'atlas.example.org' })).toBe(200);
    expect(await status(proxied, { host: 'atlas.example.org', 'x-forwarded-host': 'evil.example' })).toBe(421);
    for (const a of [named, any, proxied]) await a.close();
  });
});

describe('Node’s and Fastify’s own errors are problems with the security headers', () => {
  it('431: headers too large', async () => {
    const a = await raw([`GET /api/v1/meta HTTP/1.1\r\n${host()}X-Padding: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(a.status).toBe(431);
    expectProblemWithHeaders(a, a.body, 431, '(headers)');
  });

  it.each([
    ['a bad request line', 'GET /x HTTP/9.9\r\n\r\n', '(request)'],
    ['a malformed header', `GET /api/v1/meta HTTP/1.1\r\n${'Host: x\r\n'}Bad Header: 1\r\n\r\n`, '(headers)'],
    ['a bad chunked body', `POST /api/v1/session HTTP/1.1\r\nHOST\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`, '(body)'],
  ])('400: %s', async (_name, request, field) => {
    const a = await raw([request.replace('HOST', `Host: 127.0.0.1:${port}`)]);
    expect(a.status).toBe(400);
    expectProblemWithHeaders(a, a.body, 400, field);
  });

  it('400: a URL that does not decode', async () => {
    const a = await raw([`GET /api/v1/%zz HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`]);
    expect(a.status).toBe(400);
    expectProblemWithHeaders(a, a.body, 400, '(url)');
  });

  it.each([['[]'], ['"x"'], ['null'], ['42'], ['true']])('a JSON body %s that is not an object is blamed on (body)', async (body) => {
    for (const url of ['/api/v1/session', '/api/v1/setup']) {
      const res = await app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}` } });
      if (url.endsWith('setup') && res.statusCode === 410) continue; // an admin exists: setup is closed before the body matters
      expect(res.statusCode, `${url} ${body}`).toBe(400);
      const p = expectProblemWithHeaders({ headers: res.headers as Record<string, string> }, res.body, 400, '(body)');
      expect(p.errors?.map((e) => e.field)).not.toContain('(query)');
    }
  });

  it('setup blames a non-object body on (body) too', async () => {
    const open = buildApp({ store, onSetupToken: () => {} });
    const res = await open.inject({ method: 'POST', url: '/api/v1/setup', payload: '[]', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(problem.parse(res.json()).errors).toEqual([{ field: '(body)', message: 'must be a JSON object' }]);
    await open.close();
  });

  it.each([
    ['invalid JSON', 400, '{"username": '],
    ['an empty JSON body', 400, ''],
    ['a body over the limit', 413, JSON.stringify({ username: 'a', password: 'x'.repeat(10_000) })],
  ])('%s → %i naming (body)', async (_name, status, payload) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload,
      headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}` },
    });
    expect(res.statusCode).toBe(status);
    expectProblemWithHeaders({ headers: res.headers as Record<string, string> }, res.body, status, '(body)');
  });
});

describe('source maps', () => {
  it('are never served, even when present in the static folder', async () => {
    const get = (url: string, method: 'GET' | 'HEAD' = 'GET') => app.inject({ url, method, headers: { host: `127.0.0.1:${port}` } });
    expect((await get('/assets/index-abc123.js')).statusCode).toBe(200);
    for (const url of ['/assets/index-abc123.js.map', '/assets/INDEX-abc123.JS.MAP', '/assets/missing.js.map']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).not.toContain('sourcesContent');
      expect((await get(url, 'HEAD')).statusCode).toBe(404);
    }
  });

  it('vite builds them hidden and moves them out of the served folder', async () => {
    const config = (await import('../../vite.config')).default as {
      build: { sourcemap: unknown; outDir: string };
      plugins: Array<{ name?: string; configResolved?: (c: unknown) => void; closeBundle?: () => void }>;
    };
    expect(config.build.sourcemap).toBe('hidden');
    const plugin = config.plugins.flat().find((p) => p?.name === 'atlas-sourcemaps-out-of-dist')!;
    expect(plugin).toBeDefined();
    const root = tempDir('atlas-build-');
    const out = join(root, 'dist');
    mkdirSync(join(out, 'assets'), { recursive: true });
    writeFileSync(join(out, 'assets', 'index-1.js'), 'console.log(1)');
    writeFileSync(join(out, 'assets', 'index-1.js.map'), '{}');
    plugin.configResolved!({ root, build: { outDir: 'dist' } });
    plugin.closeBundle!();
    expect(() => statSync(join(out, 'assets', 'index-1.js.map'))).toThrow();
    expect(statSync(join(root, 'dist-sourcemaps', 'assets', 'index-1.js.map')).isFile()).toBe(true);
    expect(statSync(join(out, 'assets', 'index-1.js')).isFile()).toBe(true);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('the state folder is private', () => {
  const mode = (p: string) => statSync(p).mode & 0o777;

  it('startServer makes var/ 0700 and the database, WAL, accounts, secret and import files 0600', async () => {
    const root = tempDir('atlas-var-');
    const varDir = join(root, 'var');
    mkdirSync(join(varDir, 'imports'), { recursive: true, mode: 0o755 });
    chmodSync(varDir, 0o755);
    chmodSync(join(varDir, 'imports'), 0o755);
    await UserStore.file(join(varDir, 'users.json'), { scrypt: TEST_SCRYPT }).add('ana', 'programme', PASSWORD);
    writeFileSync(join(varDir, 'cell-key.secret'), `${'s'.repeat(64)}\n`, { mode: 0o644 });
    writeFileSync(join(varDir, 'imports', 'notes.txt'), 'kept with the journal', { mode: 0o644 });
    for (const f of ['users.json', 'cell-key.secret', 'imports/notes.txt']) chmodSync(join(varDir, f), 0o644);
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      dataDir: FIXTURE_DIR,
      dbPath: join(varDir, 'atlas.duckdb'),
      usersPath: join(varDir, 'users.json'),
      cellKeySecretPath: join(varDir, 'cell-key.secret'),
      log: (l) => lines.push(l),
      onSetupToken: () => {},
    });
    try {
      expect(mode(varDir)).toBe(0o700);
      expect(mode(join(varDir, 'imports'))).toBe(0o700);
      for (const f of ['atlas.duckdb', 'users.json', 'cell-key.secret', 'imports/notes.txt']) expect(mode(join(varDir, f)), f).toBe(0o600);
      expect(lines.join('\n')).toMatch(/Made .*var private \(mode 0755 → 0700\)/);
    } finally {
      await server.close();
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('the check covers the WAL and DuckDB’s spill folder too', () => {
    const root = tempDir('atlas-var-');
    const db = join(root, 'var', 'atlas.duckdb');
    mkdirSync(`${db}.tmp`, { recursive: true });
    for (const p of [join(root, 'var'), `${db}.tmp`]) chmodSync(p, 0o755);
    for (const f of [db, `${db}.wal`, `${db}.tmp/spill-1.bin`]) writeFileSync(f, '', { mode: 0o644 });
    secureStateFiles({ dbPath: db });
    expect([mode(join(root, 'var')), mode(`${db}.tmp`)]).toEqual([0o700, 0o700]);
    expect([db, `${db}.wal`, `${db}.tmp/spill-1.bin`].map(mode)).toEqual([0o600, 0o600, 0o600]);
    rmSync(root, { recursive: true, force: true });
  });

  it('a fresh start creates var/ 0700 and its database 0600', async () => {
    const root = tempDir('atlas-var-');
    const varDir = join(root, 'var');
    const server = await startServer({ port: 0, dataDir: FIXTURE_DIR, dbPath: join(varDir, 'atlas.duckdb'), usersPath: join(varDir, 'users.json') });
    try {
      expect(mode(varDir)).toBe(0o700);
      expect(mode(join(varDir, 'atlas.duckdb'))).toBe(0o600);
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.runIf(process.getuid?.() === 0)('refuses to start when a state file belongs to someone else and others can read it', async () => {
    const root = tempDir('atlas-var-');
    const varDir = join(root, 'var');
    mkdirSync(varDir, { mode: 0o700 });
    writeFileSync(join(varDir, 'cell-key.secret'), `${'s'.repeat(64)}\n`);
    chmodSync(join(varDir, 'cell-key.secret'), 0o644);
    chownSync(join(varDir, 'cell-key.secret'), 65534, 65534);
    await expect(
      startServer({ port: 0, dataDir: FIXTURE_DIR, dbPath: join(varDir, 'atlas.duckdb'), cellKeySecretPath: join(varDir, 'cell-key.secret') }),
    ).rejects.toThrow(/cell-key\.secret is readable by other users \(mode 0644\).*chmod 0600/);
    rmSync(root, { recursive: true, force: true });
  });
});
