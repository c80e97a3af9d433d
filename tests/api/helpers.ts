/**
 * Test helpers: a real DuckDB file built from tests/fixtures/mini in a temp dir, and an independent
 * reading of the fixture CSVs so expected numbers are computed here, not copied from the server.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject as provided } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../src/server/app';
import { SESSION_COOKIE } from '../../src/server/access/cookies';
import type { ScryptParams } from '../../src/server/access/passwords';
import { UserStore } from '../../src/server/access/users';
import type { SharedState } from '../../src/server/access/shared-state';
import { openStore } from '../../src/server/store/open-store';
import type { Store } from '../../src/server/store/types';
import { ACCOUNT_ROLES, type Role } from '../../src/shared/enums';

export const FIXTURE_DIR = resolve(import.meta.dirname, '../fixtures/mini');

/** Every test account has this password; each account role has one user named after it (programme, donor…). */
export const PASSWORD = 'a long test password';
/** Cheap scrypt for test accounts (the stored parameters travel with each hash). */
export const TEST_SCRYPT: ScryptParams = { ln: 10, r: 8, p: 1 };

/** A users file in `dir` holding one account per account role, named after the role. */
export async function usersWithEveryRole(dir: string): Promise<UserStore> {
  const users = UserStore.file(join(dir, 'users.json'), { scrypt: TEST_SCRYPT });
  for (const role of ACCOUNT_ROLES) await users.add(role, role, PASSWORD);
  return users;
}

/** Signs in through the API; returns the Cookie header value carrying the session. */
export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} answered ${res.statusCode}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('sign-in set no session cookie');
  return `${SESSION_COOKIE}=${cookie.value}`;
}

export type Inject = (req: string | InjectOptions, role?: Role) => Promise<LightMyRequestResponse>;

/** `inject` as a role: signs in (once per role and app) as the user named after it; `public` sends no cookie. */
export function injector(app: FastifyInstance, defaultRole: Role): Inject {
  const cookies = new Map<Role, Promise<string>>();
  return async (req, role = defaultRole) => {
    const opts: InjectOptions = typeof req === 'string' ? { url: req } : { ...req };
    if (role !== 'public') {
      if (!cookies.has(role)) cookies.set(role, signIn(app, role));
      const cookie = await cookies.get(role)!;
      opts.headers = { ...opts.headers, cookie };
    }
    return app.inject(opts);
  };
}

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  tmp: string;
  /** The accounts file, with one user per account role (see PASSWORD). */
  users: UserStore;
  /** `app.inject` as a role (default: the role given to startTestApp, `programme` unless said otherwise). */
  inject: Inject;
  /** Another app over the same store and accounts (e.g. with a wrapped store or a fresh cache), with its own inject. */
  another(opts?: Partial<BuildAppOptions>): { app: FastifyInstance; inject: Inject };
  close(): Promise<void>;
}

export function tempDir(prefix = 'atlas-api-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the mini fixture in a fresh temp dir (for tests that modify data files). */
/** A minimal built SPA (index.html + one hashed asset) in a temp dir, for tests of static serving and headers. */
export function fakeSpaDir(): string {
  const dist = tempDir('atlas-dist-');
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Transit Atlas</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dist;
}

export function copyFixture(): string {
  const dir = join(tempDir('atlas-data-'), 'data');
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

/**
 * The engine the API tests run on: the embedded DuckDB file (project `api`), or PostgreSQL (project `api-postgres`,
 * which sets ATLAS_TEST_ENGINE and starts a cluster: tests/support/pg-global-setup.ts). Same tests, same expectations.
 * Read when asked, not once at import: the API projects do not isolate modules between files (vitest.config.ts), so a
 * value fixed at import could outlive the project that set it.
 */
export const testEngine = (): 'duckdb' | 'postgres' => (process.env.ATLAS_TEST_ENGINE === 'postgres' ? 'postgres' : 'duckdb');

let databases = 0;
/** A fresh PostgreSQL database: a copy of the template (mini fixture loaded), or empty for another data folder. */
export async function freshPgDatabase(fromTemplate: boolean): Promise<string> {
  const base = provided('pgUrl');
  const name = `atlas_${process.pid}_${++databases}_${Date.now() % 100000}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name}${fromTemplate ? ` TEMPLATE ${provided('pgTemplate')}` : ''}`);
        break;
      } catch (e) {
        // Another worker copying the template at this instant: try again shortly.
        if (attempt > 20 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } finally {
    await c.end();
  }
  return base.replace(/\/[^/]*$/, `/${name}`);
}

/** A store of the engine under test over `dataDir`, with the accounts it keeps (PostgreSQL) or null (DuckDB: a file). */
export async function openTestStore(dataDir: string, tmp: string): Promise<{ store: Store; shared: SharedState | null }> {
  if (testEngine() === 'postgres') {
    const url = await freshPgDatabase(dataDir === FIXTURE_DIR);
    const store = await openStore({ engine: 'postgres', url, dataDir, connections: 4 });
    return { store, shared: store.sharedState?.({ users: { scrypt: TEST_SCRYPT } }) ?? null };
  }
  return { store: await openStore({ engine: 'duckdb', dataDir, dbPath: join(tmp, 'atlas.duckdb') }), shared: null };
}

export async function startTestApp(opts: { dataDir?: string; staticDir?: string; role?: Role; app?: Partial<BuildAppOptions> } = {}): Promise<TestServer> {
  const tmp = tempDir();
  const { store, shared } = await openTestStore(opts.dataDir ?? FIXTURE_DIR, tmp);
  const users = shared?.users ?? UserStore.file(join(tmp, 'users.json'), { scrypt: TEST_SCRYPT });
  for (const role of ACCOUNT_ROLES) await users.add(role, role, PASSWORD);
  const app = buildApp({ store, staticDir: opts.staticDir ?? null, users, ...opts.app });
  await app.ready();
  const role = opts.role ?? 'programme';
  const others: FastifyInstance[] = [];
  return {
    app,
    store,
    tmp,
    users,
    inject: injector(app, role),
    another(more = {}) {
      const other = buildApp({ store, users, ...more });
      others.push(other);
      return { app: other, inject: injector(other, role) };
    },
    async close() {
      for (const o of others) await o.close();
      await app.close();
      await store.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// ---------- independent reading of the fixture ----------

export type CsvRow = Record<string, string>;

/** The fixture CSVs hold no quoted fields; a plain split is an independent, obviously-correct reader. */
export function readCsv(name: string, dir = FIXTURE_DIR): CsvRow[] {
  const [header, ...lines] = readFileSync(join(dir, name), 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

interface PlaceProps {
  id: string;
  kind: string;
  admin1Pcode: string | null;
  routes: string[];
}
export function readPlaces(dir = FIXTURE_DIR): PlaceProps[] {
  const fc = JSON.parse(readFileSync(join(dir, 'places.geojson'), 'utf8')) as { features: Array<{ properties: PlaceProps }> };
  return fc.features.map((f) => f.properties);
}

export const flows = () => readCsv('flows.csv');
export const assistance = () => readCsv('assistance.csv');
export const returns = () => readCsv('returns.csv');

const places = readPlaces();
export const regionOf = (id: string) => places.find((p) => p.id === id)?.admin1Pcode ?? null;
export const routesOf = (id: string) => places.find((p) => p.id === id)?.routes ?? [];

/** Monday of the ISO week of a YYYY-MM-DD date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
export const yearOf = (date: string) => `${date.slice(0, 4)}-01-01`;

export const sum = (rows: CsvRow[]) => rows.reduce((s, r) => s + Number(r.count), 0);

/**
 * Expected rows for a grouping: `keys(row)` returns the list of key tuples a row contributes to
 * (more than one for a point observing several routes). Sorted like the server: by key columns.
 */
export function expectedGroups(rows: CsvRow[], names: string[], keys: (r: CsvRow) => string[][]): Array<Record<string, string | number>> {
  const acc = new Map<string, { key: string[]; count: number }>();
  for (const r of rows) {
    for (const k of keys(r)) {
      const id = JSON.stringify(k);
      const e = acc.get(id) ?? { key: k, count: 0 };
      e.count += Number(r.count);
      acc.set(id, e);
    }
  }
  return [...acc.values()]
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) {
        const c = a.key[i]! < b.key[i]! ? -1 : a.key[i]! > b.key[i]! ? 1 : 0;
        if (c !== 0) return c;
      }
      return 0;
    })
    .map((e) => ({ ...Object.fromEntries(names.map((n, i) => [n, e.key[i]!])), count: e.count }));
}

/** Cartesian product of per-dimension value lists. */
export function product(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((acc, l) => acc.flatMap((a) => l.map((v) => [...a, v])), [[]]);
}

export function inPeriod(from?: string, to?: string) {
  return (r: CsvRow) => (!from || r.date! >= from) && (!to || r.date! <= to);
}

export const PROBLEM_JSON = /^application\/problem\+json/;
