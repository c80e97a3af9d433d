/**
 * Stateless API processes on one PostgreSQL database (the scale-out path): two real server processes
 * (src/server/main.ts, as `npm start` runs it, configured by DATABASE_URL), and what a load balancer in front of them
 * needs: signed in on one, served by the other; a sign-in lock-out counted on one holds on the other; an import
 * through one is answered by the other within a second, and so is its undo; a process killed (SIGKILL) in the middle of
 * an import's transaction leaves the data exactly as before it, and one killed in the middle of an undo leaves the
 * import in place.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/server/access/cookies';
import { openPgUsers } from '../../src/server/store/postgres/pg-shared-state';
import { startApiProcess, stopApiProcess, type ApiProcess } from '../support/api-process';
import { FIXTURE_DIR, freshPgDatabase, PASSWORD, testEngine, tempDir } from './helpers';

if (testEngine() !== 'postgres') throw new Error('tests/api/replicas.test.ts runs in the api-postgres project (npm run test:postgres)');

type Proc = ApiProcess;
const startProcess = startApiProcess;

/** A large file (every point × 60 days × 40 rows): its transaction (and its undo's) runs long enough to be caught. */
function bigFlows(): string {
  const lines = ['date,point,direction,nationality,sex,age_group,transport,count'];
  const points = ['agadez-fmp', 'arlit-fmp', 'seguedine-fmp', 'madama-fmp'];
  const nats = ['NER', 'NGA', 'MLI', 'GIN', 'SEN', 'CIV', 'BFA', 'GMB', 'CMR', 'GHA'];
  for (let d = 0; d < 60; d++) {
    const date = new Date(Date.UTC(2019, 0, 1 + d)).toISOString().slice(0, 10);
    for (const p of points)
      for (const n of nats) for (const sex of ['f', 'm']) for (const age of ['adult', 'minor']) lines.push(`${date},${p},incoming,${n},${sex},${age},car,3`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Kills `p` (SIGKILL) once its import or undo transaction holds the import advisory lock (pg-store.ts IMPORT_LOCK =
 * 0x61746c6132), then waits until PostgreSQL has rolled the dead connection's transaction back.
 */
async function killInsideTransaction(p: Proc, watcher: pg.Client, request: Promise<unknown>): Promise<void> {
  let inside = false;
  for (let i = 0; i < 2000 && !inside; i++) {
    const r = await watcher.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 97 AND objid = 1953259826 AND granted`);
    inside = r.rows.length > 0;
  }
  expect(inside).toBe(true);
  p.child.kill('SIGKILL');
  expect(await request).toBeInstanceOf(Error);
  for (let i = 0; i < 200; i++) {
    const r = await watcher.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 1953259826`);
    if (r.rows.length === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await watcher.end();
}

/** The data version `p` answers once it is `version`, or after a second (what it answers then). */
async function versionSeenBy(p: Proc, version: string, before: string): Promise<string> {
  const t0 = Date.now();
  let seen = before;
  while (seen !== version && Date.now() - t0 < 1000) {
    seen = (await json(p, '/api/v1/meta')).body.dataVersion as string;
    if (seen !== version) await new Promise((r) => setTimeout(r, 25));
  }
  return seen;
}

const stop = stopApiProcess;

async function signInOn(p: Proc, username: string, password: string): Promise<Response> {
  return fetch(`${p.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}
const cookieOf = (res: Response) => {
  const set = res.headers.get('set-cookie') ?? '';
  const m = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(set);
  if (!m) throw new Error(`no session cookie in ${set}`);
  return `${SESSION_COOKIE}=${m[1]}`;
};
const json = async (p: Proc, path: string, cookie?: string) => {
  const res = await fetch(`${p.url}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('two API processes on one PostgreSQL database', () => {
  let url: string;
  let tmp: string;
  let a: Proc;
  let b: Proc;
  let c: Proc | undefined;
  let env: (name: string) => Record<string, string>;
  /** An admin's session (made in the import test; sessions live in the database). */
  let admin = '';
  beforeAll(async () => {
    url = await freshPgDatabase(true);
    tmp = tempDir('atlas-replicas-');
    const accounts = await openPgUsers(url);
    await accounts.users.add('ana', 'admin', PASSWORD);
    await accounts.users.add('pat', 'programme', PASSWORD);
    await accounts.close();
    env = (name: string) => ({
      DATABASE_URL: url,
      DATA_DIR: FIXTURE_DIR,
      DB_PATH: join(tmp, name, 'unused.duckdb'),
      USERS_PATH: join(tmp, name, 'users.json'),
      STATIC_DIR: join(tmp, 'no-spa'),
      CELL_KEY_SECRET: 'one secret shared by every API process, long enough',
    });
    [a, b] = await Promise.all([startProcess(env('a')), startProcess(env('b'))]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stop(a), stop(b), stop(c)]);
    rmSync(tmp, { recursive: true, force: true });
  });

  let versionAtStart = '';
  it('both are ready and serve the same data version', async () => {
    const [ra, rb] = await Promise.all([json(a, '/readyz'), json(b, '/readyz')]);
    expect(ra).toMatchObject({ status: 200, body: { status: 'ready', engine: 'postgres' } });
    expect(rb.body.dataVersion).toBe(ra.body.dataVersion);
    versionAtStart = ra.body.dataVersion as string;
  });

  it('a session made on one process is honoured by the other; signing out on the other ends it on both', async () => {
    const res = await signInOn(a, 'pat', PASSWORD);
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    expect((await json(b, '/api/v1/session', cookie)).body).toMatchObject({ username: 'pat', role: 'programme' });
    // Exact weekly counts are the programme's: the other process answers them for this cookie.
    expect((await json(b, '/api/v1/flows?groupBy=week', cookie)).status).toBe(200);
    expect((await fetch(`${b.url}/api/v1/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(200);
    expect((await json(a, '/api/v1/session', cookie)).body).toMatchObject({ username: null, role: 'public' });
  });

  it('an import through one process is answered by the other within a second', async () => {
    const pat = cookieOf(await signInOn(b, 'pat', PASSWORD)); // a programme manager: imports need an admin
    expect((await fetch(`${a.url}/api/v1/imports`, { headers: { cookie: pat } })).status).toBe(403);
    const ines = cookieOf(await signInOn(a, 'ana', PASSWORD));
    admin = ines;
    const before = (await json(b, '/api/v1/meta')).body.dataVersion;
    const csv = 'date,centre,destination,count\n2019-02-04,agadez-tc,GIN,11\n';
    const res = await fetch(`${a.url}/api/v1/imports/returns`, {
      method: 'POST',
      headers: { cookie: ines, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = ((await res.json()) as { dataVersion: string }).dataVersion;
    expect(after).not.toBe(before);
    expect(await versionSeenBy(b, after, before as string)).toBe(after);
    const history = await json(b, '/api/v1/imports', ines);
    expect((history.body.imports as unknown[]).length).toBe(1);
  });

  it('an undo through one process is answered by the other within a second', async () => {
    const list = (await json(b, '/api/v1/imports', admin)).body.imports as Array<{ id: number }>;
    const before = (await json(b, '/api/v1/meta')).body.dataVersion;
    const res = await fetch(`${a.url}/api/v1/imports/${list[0]!.id}/undo`, { method: 'POST', headers: { cookie: admin } });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = ((await res.json()) as { dataVersion: string }).dataVersion;
    expect(after).not.toBe(before);
    expect(after).toBe(versionAtStart);
    expect(await versionSeenBy(b, after, before as string)).toBe(after);
    expect((await json(b, '/api/v1/imports', admin)).body.imports).toEqual([expect.objectContaining({ id: list[0]!.id, undone: true })]);
  });

  it('wrong passwords counted on one process lock the name out on the other', async () => {
    for (let i = 0; i < 5; i++) expect((await signInOn(i % 2 ? a : b, 'pat', 'not the password at all')).status).toBe(401);
    const locked = await signInOn(a, 'pat', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('a process killed in the middle of an import leaves the data exactly as before', async () => {
    const cookie = admin;
    const total = async () => (await json(b, '/api/v1/flows', cookie)).body;
    const before = await total();
    const history = (await json(b, '/api/v1/imports', cookie)).body.imports as unknown[];
    const file = join(tmp, 'big.csv');
    writeFileSync(file, bigFlows());
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const request = fetch(`${a.url}/api/v1/imports/flows`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/csv' },
      body: bigFlows(),
    }).catch((e: Error) => e);
    await killInsideTransaction(a, watcher, request);
    expect(await total()).toEqual(before);
    expect(((await json(b, '/api/v1/imports', cookie)).body.imports as unknown[]).length).toBe(history.length);
  });

  it('a process killed in the middle of an undo leaves the import in place; a new process serves it and can undo it', async () => {
    const cookie = admin;
    const total = async (p: Proc) => (await json(p, '/api/v1/flows?groupBy=point', cookie)).body;
    const before = await total(b);
    const imported = await fetch(`${b.url}/api/v1/imports/flows`, { method: 'POST', headers: { cookie, 'content-type': 'text/csv' }, body: bigFlows() });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const id = ((await json(b, '/api/v1/imports', cookie)).body.imports as Array<{ id: number }>)[0]!.id;
    const withImport = await total(b);
    expect(withImport).not.toEqual(before);
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const request = fetch(`${b.url}/api/v1/imports/${id}/undo`, { method: 'POST', headers: { cookie } }).catch((e: Error) => e);
    await killInsideTransaction(b, watcher, request);
    c = await startProcess(env('c'));
    expect(await total(c)).toEqual(withImport);
    expect(((await json(c, '/api/v1/imports', cookie)).body.imports as Array<{ id: number; undone: boolean }>)[0]).toMatchObject({ id, undone: false });
    expect((await fetch(`${c.url}/api/v1/imports/${id}/undo`, { method: 'POST', headers: { cookie } })).status).toBe(200);
    expect(await total(c)).toEqual(before);
  });
});
