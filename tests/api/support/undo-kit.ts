/** What the undo tests share (tests/api/imports-undo*.test.ts): a server per test, requests, snapshots, fixtures. */
import { join, resolve } from 'node:path';
import { afterAll, expect } from 'vitest';
import { DuckDbStore } from '../../../src/server/store/duckdb/duckdb-store';
import { PgStore } from '../../../src/server/store/postgres/pg-store';
import { runImport, runUndo } from '../../../src/server/import/run';
import { aggregateResponse, importHistoryResponse, importResponse, metaResponse, placesResponse } from '../../../src/shared/api';
import { startTestApp, type Inject, type TestServer } from '../helpers';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const TSX = join(ROOT, 'node_modules/.bin/tsx');
export const FLOWS_HEADER = 'date,point,direction,nationality,sex,age_group,transport,count';
export const RETURNS_HEADER = 'date,centre,destination,count';
export const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

export const servers: TestServer[] = [];
export async function server(opts: Parameters<typeof startTestApp>[0] = {}): Promise<TestServer> {
  const s = await startTestApp({ role: 'admin', ...opts });
  servers.push(s);
  return s;
}
afterAll(async () => {
  for (const s of servers) await s.close();
});

export const post = (inject: Inject, dataset: string, payload: string) =>
  inject({
    method: 'POST',
    url: `/api/v1/imports/${dataset}`,
    headers: { 'content-type': dataset === 'places' ? 'application/geo+json' : 'text/csv' },
    payload,
  });
export const imported = async (inject: Inject, dataset: string, payload: string) => {
  const res = await post(inject, dataset, payload);
  expect(res.statusCode, res.body).toBe(200);
  return importResponse.parse(res.json());
};
export const undo = (inject: Inject, id: number | string, role?: Parameters<Inject>[1]) => inject({ method: 'POST', url: `/api/v1/imports/${id}/undo` }, role);
export const history = async (inject: Inject) => {
  const res = await inject('/api/v1/imports');
  expect(res.statusCode, res.body).toBe(200);
  return importHistoryResponse.parse(res.json());
};

/** Exact answers (admin) over the data's default period and a wide one, with and without the flow rollups. */
export const EXACT = [
  '/api/v1/flows',
  '/api/v1/flows?groupBy=point',
  '/api/v1/flows?groupBy=region,month',
  '/api/v1/flows?groupBy=transport,sex',
  '/api/v1/flows?groupBy=nationality,direction,ageGroup&from=2015-01-01&to=2030-12-31',
  '/api/v1/assistance?groupBy=centre,service',
  '/api/v1/returns?groupBy=destination,month&from=2015-01-01&to=2030-12-31',
];
/** Published answers (signed out): the cells rebuilt for the data version. */
export const PUBLISHED = ['/api/v1/flows?groupBy=point', '/api/v1/returns?groupBy=centre', '/api/v1/assistance?groupBy=region'];

export async function snapshot(inject: Inject, opts: { published?: boolean } = {}) {
  const m = metaResponse.parse((await inject('/api/v1/meta')).json());
  const exact = [];
  for (const url of EXACT) {
    const res = await inject(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    exact.push({ url, ...aggregateResponse.parse(res.json()) });
  }
  const published = [];
  for (const url of opts.published ? PUBLISHED : []) {
    const res = await inject(url, 'public');
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    published.push({ url, ...aggregateResponse.parse(res.json()) });
  }
  const places = placesResponse.parse((await inject('/api/v1/places')).json());
  return { meta: m, exact, published, places };
}
/** The same without the data version (to compare with another server over the same data). */
export const withoutVersion = (s: Awaited<ReturnType<typeof snapshot>>) => ({
  meta: { ...s.meta, dataVersion: undefined },
  exact: s.exact.map((r) => ({ ...r, dataVersion: undefined })),
  places: s.places,
});

/** Three returns imports (17, 20 and 3 people), the second undone; returns the data version then. */
export async function threeImportsSecondUndone(store: DuckDbStore | PgStore): Promise<string> {
  for (const line of ['2019-03-04,agadez-tc,GIN,17', '2019-03-05,agadez-tc,GIN,20', '2019-03-06,arlit-tc,MLI,3']) {
    expect((await runImport(store, 'returns', [csv(RETURNS_HEADER, line)], { dryRun: false })).ok).toBe(true);
  }
  await runUndo(store, 2);
  return store.info().dataVersion;
}

/** A monitoring point the fixture does not have. */
export const TILLIA = {
  type: 'Feature',
  properties: {
    id: 'tillia-fmp',
    name: 'Tillia FMP',
    kind: 'monitoring_point',
    countryIso3: 'NER',
    admin1Pcode: 'NE005',
    capacity: null,
    activeFrom: '2019-03-01',
    activeTo: null,
    routes: ['R3b'],
    source: 'test',
  },
  geometry: { type: 'Point', coordinates: [4.9, 16.2] },
};
