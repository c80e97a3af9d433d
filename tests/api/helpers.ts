/**
 * Test helpers: a real DuckDB file built from tests/fixtures/mini in a temp dir, and an independent
 * reading of the fixture CSVs so expected numbers are computed here, not copied from the server.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { DuckDbStore } from '../../src/server/db/duckdb-store';
import type { Store } from '../../src/server/db/store';

export const FIXTURE_DIR = resolve(import.meta.dirname, '../fixtures/mini');

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  tmp: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'atlas-api-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the mini fixture in a fresh temp dir (for tests that modify data files). */
export function copyFixture(): string {
  const dir = join(tempDir('atlas-data-'), 'data');
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

export async function startTestApp(opts: { dataDir?: string; staticDir?: string } = {}): Promise<TestServer> {
  const tmp = tempDir();
  const store = await DuckDbStore.open({ dataDir: opts.dataDir ?? FIXTURE_DIR, dbPath: join(tmp, 'atlas.duckdb') });
  const app = buildApp({ store, staticDir: opts.staticDir ?? null });
  await app.ready();
  return {
    app,
    store,
    tmp,
    async close() {
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
