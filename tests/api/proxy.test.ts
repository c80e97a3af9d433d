/**
 * docs/deploy.md's reverse proxy, run: the guide's nginx block, taken from the guide itself, in front of two real API
 * processes on one PostgreSQL database. Changed only where a test must: `listen 443 ssl` becomes plain HTTP on a free
 * port of 127.0.0.1 (no certificate here), the upstream ports are the processes', and nginx's own files go to a temp
 * folder. Checked: requests are spread over both processes and a session made through the proxy is honoured by
 * either; an import body larger than nginx's 1 MB default passes (`client_max_body_size`); the processes accept the
 * public host the guide forwards (`ALLOWED_HOSTS`); with one process stopped, the other serves every request (no sticky sessions needed).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { findNginx } from '../../scripts/ensure-nginx.mjs';
import { SESSION_COOKIE } from '../../src/server/access/cookies';
import { openPgUsers } from '../../src/server/store/postgres/pg-shared-state';
import { startApiProcess, stopApiProcess, type ApiProcess } from '../support/api-process';
import { FIXTURE_DIR, freshPgDatabase, PASSWORD, testEngine, tempDir } from './helpers';

if (testEngine() !== 'postgres') throw new Error('tests/api/proxy.test.ts runs in the api-postgres project (npm run test:postgres)');

const HOST = 'atlas.example.org';

/** The ```nginx block of docs/deploy.md, as a reader copies it. */
export function guideNginxBlock(): string {
  const guide = readFileSync(resolve(import.meta.dirname, '../../docs/deploy.md'), 'utf8');
  const m = /```nginx\n([\s\S]*?)```/.exec(guide);
  if (!m) throw new Error('docs/deploy.md has no ```nginx block');
  return m[1]!;
}

/** The guide's block with the test's only changes (each must match, or the guide changed and this test must follow). */
function testConfig(block: string, port: number, upstreams: number[], dir: string): string {
  const swap = (s: string, from: RegExp, to: string) => {
    if (!from.test(s)) throw new Error(`docs/deploy.md's nginx block no longer has ${from}`);
    return s.replace(from, to);
  };
  let server = swap(block, /listen 443 ssl;/, `listen 127.0.0.1:${port};`);
  server = swap(server, /upstream atlas \{[^}]*\}/, `upstream atlas { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} }`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(dir, t)};`).join('\n  ');
  return `daemon off;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\nevents {}\nhttp {\n  access_log off;\n  ${temp}\n${server}\n}\n`;
}

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request to nginx naming the public host (fetch may not set Host). */
function viaProxy(port: number, path: string, opts: { method?: string; cookie?: string; body?: string; type?: string } = {}): Promise<Answer> {
  return new Promise((ok, fail) => {
    const headers: Record<string, string> = { host: HOST };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.body !== undefined) {
      headers['content-type'] = opts.type ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(opts.body));
    }
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

/** Requests a process logged (one JSON line per request at LOG_LEVEL=info), for `path`. */
const served = (p: ApiProcess, path: string) =>
  p.output
    .join('')
    .split('\n')
    .filter((l) => l.includes('"incoming request"') && l.includes(`"url":"${path}"`)).length;

describe("docs/deploy.md's nginx in front of two API processes", () => {
  let tmp: string;
  let a: ApiProcess;
  let b: ApiProcess;
  let nginx: ChildProcess;
  let port: number;
  let cookie = '';

  beforeAll(async () => {
    const bin = findNginx() as string | null;
    if (!bin) throw new Error('nginx not found: run `node scripts/ensure-nginx.mjs` (Debian: apt-get install nginx) or set NGINX_BIN');
    const url = await freshPgDatabase(true);
    tmp = tempDir('atlas-proxy-');
    const accounts = await openPgUsers(url);
    await accounts.users.add('ana', 'admin', PASSWORD);
    await accounts.close();
    const env = (name: string) => ({
      DATABASE_URL: url,
      DATA_DIR: FIXTURE_DIR,
      DB_PATH: join(tmp, name, 'unused.duckdb'),
      USERS_PATH: join(tmp, name, 'users.json'),
      STATIC_DIR: join(tmp, 'no-spa'),
      CELL_KEY_SECRET: 'one secret shared by every API process, long enough',
      // As the guide exports them for every process.
      TRUST_PROXY: '1',
      ALLOWED_HOSTS: HOST,
      LOG_LEVEL: 'info',
    });
    [a, b] = await Promise.all([startApiProcess(env('a')), startApiProcess(env('b'))]);
    port = await freePort();
    const dir = join(tmp, 'nginx');
    mkdirSync(dir, { recursive: true });
    // Started as root, nginx's workers run as `nobody`: they must reach their temp folders (bodies over 16 kB go there).
    for (const d of [tmp, dir]) chmodSync(d, 0o711);
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, testConfig(guideNginxBlock(), port, [Number(new URL(a.url).port), Number(new URL(b.url).port)], dir));
    // The configuration is valid as nginx reads it…
    execFileSync(bin, ['-t', '-q', '-p', dir, '-c', conf], { stdio: 'pipe' });
    nginx = spawn(bin, ['-p', dir, '-c', conf], { stdio: 'ignore' });
    // … and answers once it listens.
    for (let i = 0; i < 200; i++) {
      const up = await viaProxy(port, '/healthz').then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  }, 120_000);

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    await Promise.all([stopApiProcess(a), stopApiProcess(b)]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is ready through the proxy', async () => {
    const r = await viaProxy(port, '/readyz');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ status: 'ready', engine: 'postgres' });
  });

  it('spreads requests over both processes, and a session made through it is honoured by either', async () => {
    const res = await viaProxy(port, '/api/v1/session', { method: 'POST', body: JSON.stringify({ username: 'ana', password: PASSWORD }) });
    expect(res.status, res.body).toBe(200);
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';');
    cookie = `${SESSION_COOKIE}=${new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(set)![1]}`;
    const before = [served(a, '/api/v1/session'), served(b, '/api/v1/session')];
    for (let i = 0; i < 8; i++) {
      const r = await viaProxy(port, '/api/v1/session', { cookie });
      expect(JSON.parse(r.body)).toMatchObject({ username: 'ana', role: 'admin' });
    }
    // Round robin: each process answered some of the eight, each for the same signed-in admin.
    expect(served(a, '/api/v1/session') - before[0]!).toBeGreaterThan(0);
    expect(served(b, '/api/v1/session') - before[1]!).toBeGreaterThan(0);
  });

  it('passes an import body larger than nginx’s 1 MB default (client_max_body_size) to the API', async () => {
    // Returns of four centres to six countries, daily for five years from the fixture's first month: ≈ 43,800 distinct rows, ≈ 1.2 MB.
    const lines = ['date,centre,destination,count'];
    for (let d = 0; d < 1826; d++) {
      const date = new Date(Date.UTC(2017, 11, 1 + d)).toISOString().slice(0, 10);
      for (const c of ['agadez-tc', 'arlit-tc', 'dirkou-tc', 'niamey-tc'])
        for (const iso of ['BFA', 'GIN', 'MLI', 'NGA', 'SEN', 'CIV']) lines.push(`${date},${c},${iso},12`);
    }
    const body = `${lines.join('\n')}\n`;
    expect(body.length).toBeGreaterThan(1 << 20);
    const r = await viaProxy(port, '/api/v1/imports/returns?dryRun=true', { method: 'POST', cookie, body, type: 'text/csv' });
    expect(r.status, r.body.slice(0, 300)).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ dryRun: true, rows: lines.length - 1 });
  });

  it('with one process stopped, the other serves every request', async () => {
    await stopApiProcess(a);
    for (let i = 0; i < 6; i++) {
      const r = await viaProxy(port, '/api/v1/session', { cookie });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ username: 'ana', role: 'admin' });
    }
  });
});
