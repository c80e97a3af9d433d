/**
 * The production-shaped start (ADR 0021): the server compiled to JavaScript (scripts/build-server.mjs) runs with plain
 * node, answers /healthz and /readyz for load balancers, and logs each request as one JSON line at the default level.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, tempDir } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the compiled server', () => {
  let url = '';
  let child: ReturnType<typeof spawn> | undefined;
  const output: string[] = [];
  let tmp = '';
  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs')], { cwd: ROOT, stdio: 'pipe' });
    tmp = tempDir('atlas-compiled-');
    child = spawn(process.execPath, [join(ROOT, 'build/server/main.js')], {
      cwd: ROOT,
      // No LOG_LEVEL: the default (info) is what this test is about.
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DATA_DIR: FIXTURE_DIR,
        DB_PATH: join(tmp, 'atlas.duckdb'),
        USERS_PATH: join(tmp, 'users.json'),
        STATIC_DIR: join(tmp, 'none'),
        CELL_KEY_SECRET_PATH: join(tmp, 'secret'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
    child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
    for (let i = 0; i < 600 && !url; i++) {
      url = /listening on (http:\/\/\S+)/.exec(output.join(''))?.[1] ?? '';
      if (!url) await new Promise((r) => setTimeout(r, 100));
    }
    if (!url) throw new Error(`the compiled server did not start:\n${output.join('')}`);
  }, 90_000);
  afterAll(() => {
    child?.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is one JavaScript file run by node (no TypeScript at run time)', () => {
    expect(existsSync(join(ROOT, 'build/server/main.js'))).toBe(true);
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'alive' });
    expect(health.headers.get('cache-control')).toBe('no-store');
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', engine: 'duckdb' });
  });

  it('logs each API request as a JSON line at info level (and not the health checks)', async () => {
    await fetch(`${url}/api/v1/meta?probe=1`).catch(() => {});
    await fetch(`${url}/readyz`);
    await new Promise((r) => setTimeout(r, 200));
    const lines = output
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; req?: { url: string }; res?: { statusCode: number }; msg: string });
    const meta = lines.filter((l) => l.req?.url === '/api/v1/meta?probe=1');
    expect(meta.length).toBeGreaterThan(0);
    expect(meta.every((l) => l.level === 30)).toBe(true);
    expect(lines.some((l) => l.msg === 'request completed' && l.res?.statusCode === 400)).toBe(true);
    expect(lines.filter((l) => l.req?.url === '/readyz')).toEqual([]);
  });
});
