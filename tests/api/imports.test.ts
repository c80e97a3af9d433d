/**
 * Admin imports (POST /api/v1/imports/*) over a real DuckDB file built from the mini fixture: each dataset, replacing
 * by natural key (idempotent), every class of validation error with its line, nothing written on error, access,
 * 413, reads during an import, cache and meta after a commit, the journal replayed after a rebuild, kill -9 in the
 * middle of a merge, and the CLI.
 */
import { CSV_HEADERS } from '../../src/server/store/duckdb/seed';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/server/store/duckdb/duckdb-store';
import { FLOW_ROLLUPS } from '../../src/server/store/sql';
import { aggregateResponse, importProblem, importResponse, metaResponse, placesResponse, problem } from '../../src/shared/api';
import { writeFlowsImport } from '../../bench/import-data';
import { copyFixture, FIXTURE_DIR, flows, PROBLEM_JSON, startTestApp, sum, tempDir, type TestServer } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

const FLOWS_HEADER = CSV_HEADERS.flows;
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp({ role: 'admin' });
});
afterAll(async () => {
  await t?.close();
});

const post = (dataset: string, payload: string, opts: { dryRun?: boolean; type?: string; role?: Parameters<TestServer['inject']>[1] } = {}) =>
  t.inject(
    {
      method: 'POST',
      url: `/api/v1/imports/${dataset}${opts.dryRun ? '?dryRun=true' : ''}`,
      headers: { 'content-type': opts.type ?? (dataset === 'places' ? 'application/geo+json' : 'text/csv') },
      payload,
    },
    opts.role,
  );
const total = async (url: string) => aggregateResponse.parse((await t.inject(url)).json()).total;
const meta = async () => metaResponse.parse((await t.inject('/api/v1/meta')).json());

describe('importing each dataset', () => {
  it('flows (with transport): rows are added, counted exactly, and a re-import changes nothing', async () => {
    const file = csv(
      FLOWS_HEADER,
      '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,5',
      '2019-03-04,arlit-fmp,incoming,NGA,m,adult,bus,7',
      '2019-03-05,agadez-fmp,outgoing,NER,f,minor,truck,11',
    );
    const before = await meta();
    const res = await post('flows', file);
    expect(res.statusCode, res.body).toBe(200);
    const body = importResponse.parse(res.json());
    expect(body).toMatchObject({ dataset: 'flows', dryRun: false, rows: 3, inserted: 3, replaced: 0, dataAsOf: '2019-03-05' });
    expect(body.dataVersion).not.toBe(before.dataVersion);
    expect(await total('/api/v1/flows?from=2019-03-04&to=2019-03-05')).toBe(23);
    // the rollups (groupBy=point reads one) agree with the raw observations (groupBy=transport does not)
    expect(await total('/api/v1/flows?from=2019-03-04&to=2019-03-05&groupBy=point')).toBe(23);
    expect(await total('/api/v1/flows?from=2019-03-04&to=2019-03-05&groupBy=transport')).toBe(23);

    const again = importResponse.parse((await post('flows', file)).json());
    expect(again).toMatchObject({ rows: 3, inserted: 3, replaced: 3 });
    expect(await total('/api/v1/flows?from=2019-03-04&to=2019-03-05')).toBe(23);
    expect(await total('/api/v1/flows')).toBe(sum(flows()) + 23);
  });

  it('flows: a stored value is replaced by its natural key, not added to', async () => {
    const row = flows()[0]!;
    const key = `${row.date},${row.point},${row.direction},${row.nationality},${row.sex},${row.age_group},${row.transport}`;
    const stored = flows().filter((r) => `${r.date},${r.point},${r.direction},${r.nationality},${r.sex},${r.age_group},${r.transport}` === key);
    const q = `/api/v1/flows?from=${row.date}&to=${row.date}&point=${row.point}&direction=${row.direction}&nationality=${row.nationality}&sex=${row.sex}&ageGroup=${row.age_group}&transport=${row.transport}`;
    expect(await total(q)).toBe(sum(stored));
    const res = importResponse.parse((await post('flows', csv(FLOWS_HEADER, `${key},1234`))).json());
    expect(res.replaced).toBe(stored.length);
    expect(await total(q)).toBe(1234);
  });

  it('flows without a transport column: one row replaces every transport of its key', async () => {
    const file = csv('date,point,direction,nationality,sex,age_group,count', '2019-03-04,arlit-fmp,incoming,NGA,f,adult,40');
    const res = importResponse.parse((await post('flows', file)).json());
    expect(res.replaced).toBe(1); // the car row of the first test
    const q = '/api/v1/flows?from=2019-03-04&to=2019-03-04&point=arlit-fmp&sex=f';
    expect(await total(q)).toBe(40);
    // stored as transport "other"
    const byTransport = aggregateResponse.parse((await t.inject(`${q}&groupBy=transport`)).json());
    expect(byTransport.rows).toEqual([{ transport: 'other', count: 40 }]);
  });

  it('assistance and returns', async () => {
    const a = await post(
      'assistance',
      csv(
        'date,centre,service,nationality,sex,age_group,count',
        '2019-03-04,agadez-tc,health,NGA,f,adult,9',
        '2019-03-04,niamey-office,counselling,MLI,m,minor,3',
      ),
    );
    expect(a.statusCode, a.body).toBe(200);
    expect(await total('/api/v1/assistance?from=2019-03-04&to=2019-03-04')).toBe(12);
    const march = '/api/v1/returns?from=2019-03-01&to=2019-03-31&groupBy=centre';
    const publicBefore = aggregateResponse.parse((await t.inject(march, 'public')).json());
    expect(publicBefore.rows).toEqual([]);
    const r = await post('returns', csv('date,centre,destination,count', '2019-03-04,agadez-tc,GIN,17', '2019-03-04,arlit-tc,MLI,0'));
    expect(r.statusCode, r.body).toBe(200);
    expect(importResponse.parse(r.json())).toMatchObject({ rows: 2, inserted: 2 });
    expect(await total('/api/v1/returns?from=2019-03-01&to=2019-03-31')).toBe(17);
    // Outside roles: the published cells of the new data version (the new month is there, perturbed: 17 ± 3).
    const publicAfter = aggregateResponse.parse((await t.inject(march, 'public')).json());
    expect(publicAfter.dataVersion).toBe(importResponse.parse(r.json()).dataVersion);
    expect(publicAfter.rows).toHaveLength(1);
    expect(publicAfter.rows[0]).toMatchObject({ centre: 'agadez-tc', perturbed: true });
    expect(Math.abs(publicAfter.rows[0]!.count! - 17)).toBeLessThanOrEqual(3);
  });

  it('places (GeoJSON): a new monitoring point becomes known, its route lists it, and flows can then use it', async () => {
    const place = {
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
      geometry: { type: 'Point', coordinates: [4.6, 16.1] },
    };
    // groupBy=route before and after: the same statement shape (prepared, duckdb-store.ts) sees the new point's routes.
    const byRoute = async () => aggregateResponse.parse((await t.inject('/api/v1/flows?from=2019-03-06&to=2019-03-06&groupBy=route')).json());
    const routesBefore = await byRoute();
    const r3bBefore = routesBefore.rows.find((r) => r.route === 'R3b')?.count ?? 0;
    const flowsFirst = await post('flows', csv(FLOWS_HEADER, '2019-03-06,tillia-fmp,incoming,NGA,f,adult,car,8'));
    expect(flowsFirst.statusCode).toBe(400);
    const res = await post('places', JSON.stringify({ type: 'FeatureCollection', features: [place] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(importResponse.parse(res.json())).toMatchObject({ dataset: 'places', rows: 1, inserted: 1, replaced: 0 });
    const places = placesResponse.parse((await t.inject('/api/v1/places')).json());
    expect(places.features.find((f) => f.properties.id === 'tillia-fmp')?.geometry.coordinates).toEqual([4.6, 16.1]);
    const routes = (await t.inject('/api/v1/routes')).json() as { features: Array<{ properties: { id: string; monitoredBy: string[] } }> };
    expect(routes.features.find((f) => f.properties.id === 'R3b')?.properties.monitoredBy).toContain('tillia-fmp');
    expect((await post('flows', csv(FLOWS_HEADER, '2019-03-06,tillia-fmp,incoming,NGA,f,adult,car,8'))).statusCode).toBe(200);
    expect(await total('/api/v1/flows?from=2019-03-06&to=2019-03-06&route=R3b')).toBe(8);
    const routesAfter = await byRoute();
    expect(routesAfter.rows.find((r) => r.route === 'R3b')?.count).toBe(r3bBefore + 8);
    expect(routesAfter.total).toBe((routesBefore.total ?? 0) + 8);
    // application/json is accepted too; re-importing replaces by id
    const again = await post('places', JSON.stringify({ type: 'FeatureCollection', features: [place] }), { type: 'application/json' });
    expect(importResponse.parse(again.json())).toMatchObject({ replaced: 1, inserted: 1 });
  });

  it('accepts an HXL hashtag row under the header, a BOM, CRLF line ends and quoted fields', async () => {
    const file = '\uFEFFdate,centre,destination,count\r\n#date,#loc+code,#country+code,#affected\r\n"2019-03-11",agadez-tc,"NGA",4\r\n';
    const res = await post('returns', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(importResponse.parse(res.json()).rows).toBe(1);
  });

  it('dryRun validates and counts without writing', async () => {
    const before = await meta();
    const res = await post('returns', csv('date,centre,destination,count', '2019-04-01,agadez-tc,GIN,100'), { dryRun: true });
    expect(importResponse.parse(res.json())).toMatchObject({ dryRun: true, rows: 1, inserted: 1, dataVersion: before.dataVersion });
    expect(await total('/api/v1/returns?from=2019-04-01&to=2019-04-30')).toBe(0);
    expect((await meta()).dataVersion).toBe(before.dataVersion);
  });
});

describe('validation: nothing is written, every bad line is named', () => {
  const expectRejected = async (dataset: string, file: string, expected: Array<{ line?: number; field: string; message: RegExp }>, count?: number) => {
    const before = await meta();
    const totals = await Promise.all(['flows', 'assistance', 'returns'].map((d) => total(`/api/v1/${d}`)));
    const res = await post(dataset, file);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    const p = importProblem.parse(res.json());
    expect(p.detail).toMatch(/nothing was written/);
    expect(p.errors).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(p.errors![i]).toMatchObject({ field: e.field, ...(e.line !== undefined ? { line: e.line } : {}) });
      expect(p.errors![i]!.message).toMatch(e.message);
    });
    expect(p.errorCount).toBe(count ?? expected.length);
    expect((await meta()).dataVersion).toBe(before.dataVersion);
    expect(await Promise.all(['flows', 'assistance', 'returns'].map((d) => total(`/api/v1/${d}`)))).toEqual(totals);
    expect(readdirSync(join(t.tmp, 'imports')).filter((f) => f.startsWith('.'))).toEqual([]); // no staged file left
  };

  it('the header must be exactly as documented', () =>
    expectRejected('flows', csv('date,point,direction,nationality,sex,age,count', '2019-03-04,arlit-fmp,incoming,NGA,f,adult,5'), [
      { line: 1, field: 'header', message: /must be 'date,point,direction,nationality,sex,age_group,transport,count' or/ },
    ]));

  it('dates, places, kinds, countries, enums and counts, each with its line; good rows do not get through', () =>
    expectRejected(
      'flows',
      csv(
        FLOWS_HEADER,
        '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,5', // good
        '2019-02-30,arlit-fmp,incoming,NGA,f,adult,car,5',
        '04/03/2019,arlit-fmp,incoming,NGA,f,adult,car,5',
        '2019-03-04,nowhere-fmp,incoming,NGA,f,adult,car,5',
        '2019-03-04,agadez-tc,incoming,NGA,f,adult,car,5',
        '2019-03-04,arlit-fmp,sideways,NGA,f,adult,car,5',
        '2019-03-04,arlit-fmp,incoming,nga,f,adult,car,5',
        '2019-03-04,arlit-fmp,incoming,FRA,f,adult,car,5',
        '2019-03-04,arlit-fmp,incoming,NGA,x,adult,car,5',
        '2019-03-04,arlit-fmp,incoming,NGA,f,elder,car,5',
        '2019-03-04,arlit-fmp,incoming,NGA,f,adult,plane,5',
        '2019-03-04,arlit-fmp,incoming,NGA,f,adult,bus,-5',
        '2019-03-04,arlit-fmp,incoming,NGA,f,adult,truck,2.5',
        '2019-03-04,arlit-fmp,incoming,NGA,f,adult,motorbike,',
        '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,5,extra',
        '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,6',
        '2019-03-04,arlit-fmp,incoming,NGA,f,ad"ult,other,5',
      ),
      [
        { line: 3, field: 'date', message: /'2019-02-30' is not a real calendar date/ },
        { line: 4, field: 'date', message: /not a date written YYYY-MM-DD/ },
        { line: 5, field: 'point', message: /'nowhere-fmp' is not a known place id/ },
        { line: 6, field: 'point', message: /'agadez-tc' is a transit centre, not a monitoring point/ },
        { line: 7, field: 'direction', message: /'sideways' is not one of incoming, outgoing/ },
        { line: 8, field: 'nationality', message: /not an ISO 3166-1 alpha-3 code/ },
        { line: 9, field: 'nationality', message: /'FRA' is not in the countries table/ },
        { line: 10, field: 'sex', message: /'x' is not one of f, m/ },
        { line: 11, field: 'age_group', message: /not one of adult, minor/ },
        { line: 12, field: 'transport', message: /not one of car, bus, truck, motorbike, other/ },
        { line: 13, field: 'count', message: /'-5' is not a whole number of 0 or more/ },
        { line: 14, field: 'count', message: /'2.5' is not a whole number/ },
        { line: 15, field: 'count', message: /is empty/ },
        { line: 16, field: 'row', message: /has 9 fields; the header has 8/ },
        { line: 17, field: 'row', message: /repeats the key .* of line 2/ },
        { line: 18, field: 'row', message: /a quote \(\"\) inside unquoted field 6/ },
      ],
    ));

  it('assistance at a monitoring point, returns to an unknown country', async () => {
    await expectRejected('assistance', csv('date,centre,service,nationality,sex,age_group,count', '2019-03-04,arlit-fmp,health,NGA,f,adult,1'), [
      { line: 2, field: 'centre', message: /a monitoring point, not a transit centre or an office/ },
    ]);
    await expectRejected('returns', csv('date,centre,destination,count', '2019-03-04,agadez-tc,ZZZ,1', '2019-03-04,agadez-tc,GIN,99999999999'), [
      { line: 2, field: 'destination', message: /'ZZZ' is not in the countries table/ },
      { line: 3, field: 'count', message: /too large/ },
    ]);
  });

  it('an unclosed quote, an empty file and a header-only file', async () => {
    await expectRejected('returns', 'date,centre,destination,count\n2019-03-04,agadez-tc,"GIN,1\n', [{ line: 2, field: 'row', message: /not closed/ }]);
    await expectRejected('returns', '', [{ line: 1, field: 'header', message: /the file is empty/ }]);
    await expectRejected('returns', 'date,centre,destination,count\n', [{ field: 'row', message: /no rows/ }]);
  });

  it('lists the first 100 errors and counts them all', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `2019-03-04,agadez-tc,GIN,-${i}`);
    const res = await post('returns', csv('date,centre,destination,count', ...lines));
    const p = importProblem.parse(res.json());
    expect(p.errors).toHaveLength(100);
    expect(p.errorCount).toBe(250);
    expect(p.errors!.map((e) => e.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(p.detail).toMatch(/250 errors in 250 returns rows; nothing was written \(the first 100 are listed\)/);
  });

  it('GeoJSON places: RFC 7946 and the places schema', async () => {
    const good = {
      type: 'Feature',
      properties: {
        id: 'x-fmp',
        name: 'X',
        kind: 'monitoring_point',
        countryIso3: 'NER',
        admin1Pcode: 'NE001',
        capacity: null,
        activeFrom: null,
        activeTo: null,
        routes: [],
        source: 's',
      },
      geometry: { type: 'Point', coordinates: [8, 17] },
    };
    const fc = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    const res = await post(
      'places',
      fc(
        { ...good, properties: { ...good.properties, id: 'u-fmp' }, geometry: { type: 'Point', coordinates: [200, 17] } },
        {
          ...good,
          properties: { ...good.properties, id: 'v-fmp' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
        },
        { ...good, properties: { ...good.properties, id: 'agadez-tc' } },
        { ...good, properties: { ...good.properties, id: 'y-fmp', admin1Pcode: 'XX9' } },
        { ...good, properties: { ...good.properties, id: 'z-fmp', routes: ['R99'] } },
        { ...good, properties: { ...good.properties, id: 'w-fmp', kind: 'volcano' } },
        good,
        good,
      ),
    );
    expect(res.statusCode).toBe(400);
    const p = importProblem.parse(res.json());
    expect(p.errors!.map((e) => e.field)).toEqual([
      'features[0].geometry.coordinates[0]',
      'features[1].geometry.type',
      'features[2].properties.kind',
      'features[3].properties.admin1Pcode',
      'features[4].properties.routes',
      'features[5].properties.kind',
      'features[7].properties.id',
    ]);
    expect(p.errors![2]!.message).toMatch(/cannot change from transit_centre to monitoring_point/);
    const notJson = importProblem.parse((await post('places', '{"type":')).json());
    expect(notJson.errors![0]!.message).toMatch(/not valid JSON/);
    const crs = importProblem.parse((await post('places', JSON.stringify({ type: 'FeatureCollection', crs: {}, features: [good] }))).json());
    expect(crs.errors![0]).toMatchObject({ field: 'crs' });
    expect(placesResponse.parse((await t.inject('/api/v1/places')).json()).features.some((f) => f.properties.id === 'x-fmp')).toBe(false);
  });

  it('a body of the wrong type is 415', async () => {
    const res = await post('flows', '{}', { type: 'application/json' });
    expect(res.statusCode).toBe(415);
    expect(problem.parse(res.json()).detail).toMatch(/text\/csv/);
    expect((await post('places', 'a,b', { type: 'text/csv' })).statusCode).toBe(415);
    expect((await post('flows', 'a', { type: 'text/plain' })).statusCode).toBe(415);
  });
});

describe('access, size, concurrency, cache', () => {
  it('anonymous 401, every other role 403; nothing written', async () => {
    const file = csv('date,centre,destination,count', '2019-05-01,agadez-tc,GIN,100');
    expect((await post('returns', file, { role: 'public' })).statusCode).toBe(401);
    for (const role of ['donor', 'government', 'programme'] as const) {
      const res = await post('returns', file, { role });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    }
    expect(await total('/api/v1/returns?from=2019-05-01&to=2019-05-31')).toBe(0);
  });

  it('a cross-site upload is refused', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/imports/returns',
      headers: { 'content-type': 'text/csv', origin: 'https://evil.example' },
      payload: csv('date,centre,destination,count', '2019-05-01,agadez-tc,GIN,100'),
    });
    expect(res.statusCode).toBe(403);
  });

  it('a file over the byte limit is 413 (declared or streamed), and nothing is written', async () => {
    const small = t.another({ imports: { maxBytes: 2000 } });
    const big = csv(
      'date,centre,destination,count',
      ...Array.from({ length: 200 }, (_, i) => `2019-06-${String((i % 28) + 1).padStart(2, '0')},agadez-tc,GIN,${i}`),
    );
    const declared = await small.inject({ method: 'POST', url: '/api/v1/imports/returns', headers: { 'content-type': 'text/csv' }, payload: big });
    expect(declared.statusCode).toBe(413);
    expect(declared.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problem.parse(declared.json()).detail).toMatch(/larger than the import limit of 2000 bytes/);
    // without a Content-Length (chunked): counted while streaming
    const { Readable } = await import('node:stream');
    const streamed = await small.inject({
      method: 'POST',
      url: '/api/v1/imports/returns',
      headers: { 'content-type': 'text/csv' },
      payload: Readable.from([big.slice(0, 1500), big.slice(1500)]),
    });
    expect(streamed.statusCode).toBe(413);
    expect(await total('/api/v1/returns?from=2019-06-01&to=2019-06-30')).toBe(0);
    expect(readdirSync(join(t.tmp, 'imports')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('answers reads during an import; then the cache and meta move to the new data', async () => {
    const file = join(t.tmp, 'many.csv');
    await writeFlowsImport(file, 150_000, { points: ['agadez-fmp', 'arlit-fmp'], nationalities: ['NGA', 'NER', 'MLI'], start: '2019-07-01' });
    const q = '/api/v1/flows?groupBy=region';
    const before = aggregateResponse.parse((await t.inject(q)).json());
    const metaBefore = await meta();
    let finished = 0;
    const importing = post('flows', readFileSync(file, 'utf8')).then((r) => {
      finished = performance.now();
      return r;
    });
    const reads: Array<{ at: number; total: number | null }> = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 40));
      const r = aggregateResponse.parse((await t.inject(`/api/v1/flows?groupBy=point&to=2019-0${(i % 3) + 4}-30`)).json());
      reads.push({ at: performance.now(), total: r.total });
    }
    const res = await importing;
    expect(res.statusCode, res.body).toBe(200);
    expect(reads.filter((r) => r.at < finished).length).toBeGreaterThan(0); // answered while the import ran
    // the cached answer from before is not served any more
    const after = aggregateResponse.parse((await t.inject(q)).json());
    const added = importResponse.parse(res.json());
    expect(after.total).toBe(before.total! + (await total('/api/v1/flows?from=2019-07-01&to=2100-01-01'))!);
    expect(after.dataVersion).toBe(added.dataVersion);
    expect(after.dataVersion).not.toBe(before.dataVersion);
    const m = await meta();
    expect(m.dataVersion).toBe(added.dataVersion);
    expect(m.dataAsOf > metaBefore.dataAsOf).toBe(true);
    expect(m.dataAsOf).toBe(m.dateRange.max);
    expect(m.dateRange.max).toBe(added.dateRange.max);
  });
});

describe('journal, rebuilds and crashes', () => {
  async function counts(dbPath: string): Promise<Record<string, number>> {
    const inst = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
    const c = await inst.connect();
    const out: Record<string, number> = {};
    try {
      for (const table of ['flow_observations', 'assistance', 'returns', 'places', ...FLOW_ROLLUPS.map((r) => r.table)]) {
        const r = (
          await c.runAndReadAll(`SELECT COUNT(*) AS n, COALESCE(SUM(${table === 'places' ? 'lon' : 'count'}), 0) AS s FROM ${table}`)
        ).getRowObjects()[0]!;
        out[`${table}.rows`] = Number(r.n);
        out[`${table}.sum`] = Number(r.s);
      }
    } finally {
      c.closeSync();
      inst.closeSync();
    }
    return out;
  }

  it('imported rows survive a rebuild from a changed data/ (the journal is replayed); a journal that no longer validates stops the start', async () => {
    const dataDir = copyFixture();
    const dir = tempDir('atlas-journal-');
    const dbPath = join(dir, 'atlas.duckdb');
    const store = await DuckDbStore.open({ dataDir, dbPath });
    const { runImport } = await import('../../src/server/import/run');
    const r1 = await runImport(store, 'returns', [csv('date,centre,destination,count', '2019-03-04,agadez-tc,GIN,17')], { dryRun: false });
    const r2 = await runImport(store, 'returns', [csv('date,centre,destination,count', '2019-03-04,agadez-tc,GIN,20', '2019-03-05,niamey-office,TGO,3')], {
      dryRun: false,
    });
    expect(r1.ok && r2.ok).toBe(true);
    await store.close();
    expect(readdirSync(join(dir, 'imports'))).toEqual(['000001-returns.csv', '000002-returns.csv']);
    const imported = await counts(dbPath);

    // data/ changes: the database is rebuilt and both imports replayed, in order (the second value wins)
    const ds = JSON.parse(readFileSync(join(dataDir, 'dataset.json'), 'utf8'));
    writeFileSync(join(dataDir, 'dataset.json'), JSON.stringify({ ...ds, title: `${ds.title} (revised)` }));
    const lines: string[] = [];
    const rebuilt = await DuckDbStore.open({ dataDir, dbPath, log: (l) => lines.push(l) });
    expect(rebuilt.built).toBe(true);
    expect(lines.join('\n')).toMatch(/Replaying 2 import\(s\)/);
    expect(rebuilt.info().generation).toBe(2);
    const res = await rebuilt.aggregateReturns({ from: '2019-03-04', to: '2019-03-04' });
    expect(res.total).toBe(20);
    expect((await rebuilt.aggregateReturns({ from: '2019-03-05', to: '2019-03-05' })).total).toBe(3);
    await rebuilt.close();
    expect(await counts(dbPath)).toEqual(imported);

    // a place the journal refers to disappears from data/: the start fails, naming the journal file
    const places = JSON.parse(readFileSync(join(dataDir, 'places.geojson'), 'utf8'));
    places.features = places.features.filter((f: { properties: { id: string } }) => f.properties.id !== 'niamey-office');
    writeFileSync(join(dataDir, 'places.geojson'), JSON.stringify(places));
    await expect(DuckDbStore.open({ dataDir, dbPath })).rejects.toThrow(
      /000002-returns\.csv no longer validates.*line 3, centre: 'niamey-office' is not a known place/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 in the middle of a merge leaves the data exactly as before', async () => {
    const dir = tempDir('atlas-kill-');
    const dataDir = join(dir, 'data');
    cpSync(FIXTURE_DIR, dataDir, { recursive: true });
    const dbPath = join(dir, 'atlas.duckdb');
    const file = join(dir, 'big.csv');
    const store = await DuckDbStore.open({ dataDir, dbPath });
    const { runImport } = await import('../../src/server/import/run');
    // one committed import first, so the journal is not empty
    expect((await runImport(store, 'returns', [csv('date,centre,destination,count', '2019-03-04,agadez-tc,GIN,17')], { dryRun: false })).ok).toBe(true);
    const points = [...store.info().dictionaries.points].sort();
    await store.close();
    await writeFlowsImport(file, 400_000, { points, nationalities: ['NGA', 'NER', 'MLI', 'SEN'], start: '2018-12-01' });
    const before = await counts(dbPath);

    const child = spawn(TSX, [join(ROOT, 'tests/api/support/import-child.ts'), dataDir, dbPath, 'flows', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolvePromise, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('merging')) setTimeout(() => (child.kill('SIGKILL'), resolvePromise()), 150);
      });
      child.on('exit', () => (out.includes('merging') ? resolvePromise() : reject(new Error(`child exited early: ${err}`))));
    });
    await new Promise((r) => child.once('exit', r).once('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(out).not.toContain('committed');
    // killed inside applyImport: its staged file had become the pending journal entry
    expect(readdirSync(join(dir, 'imports'))).toContain('.000002-flows.csv.pending');
    // as if another import had been killed while still validating: its staged file is left too
    writeFileSync(join(dir, 'imports', '.staging-flows-0123456789ab.csv'), `${FLOWS_HEADER}\n`);

    // re-opening: no trace of the import (the pending journal file is dropped), the earlier import still applied
    const reopened = await DuckDbStore.open({ dataDir, dbPath });
    expect(reopened.info().generation).toBe(1);
    await reopened.close();
    expect(readdirSync(join(dir, 'imports'))).toEqual(['000001-returns.csv']);
    expect(await counts(dbPath)).toEqual(before);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('npm run import (CLI)', () => {
  it('dry run, errors (exit 1 with the lines) and a real import, through the same code path', () => {
    const dir = tempDir('atlas-cli-');
    const env = { ...process.env, DATA_DIR: FIXTURE_DIR, DB_PATH: join(dir, 'atlas.duckdb') };
    const run = (...args: string[]) => spawnSync(TSX, [join(ROOT, 'scripts/import.ts'), ...args], { env, encoding: 'utf8', timeout: 60_000 });
    const good = join(dir, 'good.csv');
    writeFileSync(good, csv('date,centre,destination,count', '#date,#loc+code,#country+code,#affected', '2019-03-04,agadez-tc,GIN,17'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, csv('date,centre,destination,count', '2019-03-04,agadez-tc,GIN,17', '2019-13-01,agadez-tc,GIN,1'));

    const dry = run('returns', good, '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/valid — 1 returns rows \(dry run: nothing written\)/);
    expect(existsSync(join(dir, 'imports', '000001-returns.csv'))).toBe(false);

    const failed = run('returns', bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/1 error\(s\) in 2 returns row\(s\); nothing was written/);
    expect(failed.stderr).toMatch(/line 3, date: '2019-13-01' is not a real calendar date/);

    const done = run('returns', good);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/imported 1 returns rows/);
    expect(done.stdout).toMatch(/data as of 2019-03-04/);
    expect(existsSync(join(dir, 'imports', '000001-returns.csv'))).toBe(true);

    const usage = run('nonsense', good);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Usage: npm run import/);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
