/**
 * A focused load run on a few query types (not part of `npm run bench`): builds (or reuses) a DuckDB file from an
 * existing bench data directory, starts the server in its own process and runs autocannon, cold cache, 16 connections.
 *
 *   FOCUS_DATA=bench/out/data FOCUS_DB=/tmp/focus/atlas.duckdb FOCUS_TYPES=route-dir-nat,returns npx tsx bench/focus.ts
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { load, QUERY_TYPES, type Ctx } from './api';

const ROOT = resolve(import.meta.dirname, '..');
const dataDir = resolve(process.env.FOCUS_DATA ?? join(ROOT, 'bench/out/data'));
const dbPath = resolve(process.env.FOCUS_DB ?? '/tmp/focus/atlas.duckdb');
const types = (process.env.FOCUS_TYPES ?? 'route-dir-nat,returns').split(',');
const seconds = Number(process.env.FOCUS_SECONDS ?? 8);
const connections = Number(process.env.FOCUS_CONN ?? 16);
const PASSWORD = 'bench password, long enough';
mkdirSync(dirname(dbPath), { recursive: true });

const child = fork(join(ROOT, 'bench/server-child.ts'), [dataDir, dbPath, ''], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, BENCH_PASSWORD: PASSWORD },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ready = await new Promise<{ url: string; startMs: number }>((res, rej) => {
  child.on('message', (m: { type: string; url: string; startMs: number }) => m.type === 'ready' && res(m));
  child.once('exit', (c) => rej(new Error(`server exited ${c}`)));
});
try {
  const signIn = await fetch(`${ready.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: PASSWORD }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const meta = (await (await fetch(`${ready.url}/api/v1/meta`, { headers: { cookie } })).json()) as {
    dateRange: { min: string; max: string };
    nationalities: { id: string }[];
  };
  const dataset = JSON.parse(readFileSync(join(dataDir, 'dataset.json'), 'utf8')) as { dateRange: { min: string; max: string } };
  const ctx: Ctx = {
    url: ready.url,
    cookie,
    dateRange: meta.dateRange,
    assistanceRange: dataset.dateRange,
    points: [],
    routes: [],
    nationalities: ['NGA', 'NER', 'MLI', 'SEN', 'GIN', 'CMR', 'CIV', 'GMB', 'BFA', 'GHA'].filter((n) => meta.nationalities.some((x) => x.id === n)),
  };
  for (const id of types) {
    const t = QUERY_TYPES.find((q) => q.id === id);
    if (!t) throw new Error(`unknown query type ${id}`);
    const r = await load(ctx, t, connections, 'cold', seconds);
    console.log(
      `${id.padEnd(16)} conn ${connections} cold: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s, ${r.requests} requests, non2xx ${r.non2xx}, errors ${r.errors}`,
    );
  }
} finally {
  child.once('exit', () => process.exit(0));
  child.send({ type: 'stop' });
  setTimeout(() => {
    child.kill('SIGKILL');
    process.exit(0);
  }, 10_000).unref();
}
