/**
 * One contract, two engines: the embedded DuckDB file and PostgreSQL answer the same, compared as data (not SQL
 * text). Exact answers of the store for a spread of groupings, filters and periods; the published cells outside roles
 * read (so the attacker suite, run on DuckDB, holds on PostgreSQL too); the answers of the HTTP API for every role;
 * and an import applied to both leaves both answering the same.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { UserStore } from '../../src/server/access/users';
import { runImport } from '../../src/server/import/run';
import { hotspotsData } from '../../src/server/analytics/hotspot-data';
import { openStore } from '../../src/server/store/open-store';
import { CELL_METRICS } from '../../src/server/store/cells-sql';
import type { Store } from '../../src/server/store/types';
import { ACCOUNT_ROLES, type Role } from '../../src/shared/enums';
import { FIXTURE_DIR, freshPgDatabase, injector, PASSWORD, testEngine, TEST_SCRYPT, tempDir } from './helpers';

// Runs in the api-postgres project only (it needs the cluster; vitest.config.ts keeps it out of the DuckDB project).
if (testEngine() !== 'postgres') throw new Error('tests/api/engines.test.ts runs in the api-postgres project (npm run test:postgres)');

const FLOW_QUERIES = [
  {},
  { groupBy: ['route'] as const },
  { groupBy: ['route', 'direction'] as const, from: '2019-01-01', to: '2019-03-31' },
  { groupBy: ['week', 'direction'] as const },
  { groupBy: ['month', 'region'] as const, nationality: ['NER', 'MLI'] },
  { groupBy: ['nationality', 'sex', 'ageGroup'] as const, direction: 'incoming' as const },
  { groupBy: ['point', 'transport'] as const },
  { groupBy: ['year'] as const, route: ['R1'] },
];
const ASSISTANCE_QUERIES = [{}, { groupBy: ['centre', 'service'] as const }, { groupBy: ['month', 'sex', 'ageGroup'] as const, from: '2019-02-01' }];
const RETURNS_QUERIES = [{}, { groupBy: ['destination'] as const }, { groupBy: ['centre', 'month'] as const }];

describe('DuckDB and PostgreSQL answer the same', () => {
  let duck: Store;
  let pg: Store;
  let tmp: string;
  beforeAll(async () => {
    tmp = tempDir('atlas-engines-');
    duck = await openStore({ engine: 'duckdb', dataDir: FIXTURE_DIR, dbPath: join(tmp, 'atlas.duckdb') });
    pg = await openStore({ engine: 'postgres', url: await freshPgDatabase(true), dataDir: FIXTURE_DIR, connections: 4 });
  });
  afterAll(async () => {
    await duck?.close();
    await pg?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('describe the same data: version, extent, dictionaries, geography', async () => {
    expect(pg.engine).toBe('postgres');
    expect(duck.engine).toBe('duckdb');
    expect(pg.info()).toEqual(duck.info());
    expect(await pg.places()).toEqual(await duck.places());
    expect(await pg.routes()).toEqual(await duck.routes());
    expect(await pg.regions()).toEqual(await duck.regions());
  });

  it('give the same exact counts for every grouping, filter and period tried', async () => {
    for (const q of FLOW_QUERIES) expect(await pg.aggregateFlows(q as never), JSON.stringify(q)).toEqual(await duck.aggregateFlows(q as never));
    for (const q of ASSISTANCE_QUERIES) expect(await pg.aggregateAssistance(q as never), JSON.stringify(q)).toEqual(await duck.aggregateAssistance(q as never));
    for (const q of RETURNS_QUERIES) expect(await pg.aggregateReturns(q as never), JSON.stringify(q)).toEqual(await duck.aggregateReturns(q as never));
    const sample = await duck.aggregateFlows({});
    expect(sample.total).toBeGreaterThan(0);
  });

  it('give the same hotspot counts', async () => {
    for (const period of [{}, { from: '2019-01-01', to: '2019-03-31' }]) expect(await hotspotsData(pg, period)).toEqual(await hotspotsData(duck, period));
  });

  it('publish the same cells (same keys, same record-key sums) for outside roles', async () => {
    for (const m of CELL_METRICS) {
      const sort = (rows: Awaited<ReturnType<Store['cellRecords']>>) =>
        [...rows].sort((a, b) => `${a.grain}${a.start}${a.place}${a.attr}${a.value}`.localeCompare(`${b.grain}${b.start}${b.place}${b.attr}${b.value}`));
      const [a, b] = await Promise.all([duck.cellRecords(m, 'a secret of the test'), pg.cellRecords(m, 'a secret of the test')]);
      expect(a.length).toBeGreaterThan(0);
      expect(sort(b)).toEqual(sort(a));
    }
  });

  it('answer the HTTP API the same for every role', async () => {
    const apps = await Promise.all(
      [duck, pg].map(async (store) => {
        const users = store.sharedState?.({ users: { scrypt: TEST_SCRYPT } }).users ?? UserStore.memory({ scrypt: TEST_SCRYPT });
        for (const role of ACCOUNT_ROLES) await users.add(role, role, PASSWORD);
        const app = buildApp({ store, users, cellKeySecret: 'the same secret on both engines, long enough' });
        await app.ready();
        return app;
      }),
    );
    const urls = [
      '/api/v1/meta',
      '/api/v1/flows?groupBy=route',
      '/api/v1/flows?groupBy=month,direction&from=2019-01-01&to=2019-03-31',
      '/api/v1/assistance?groupBy=centre,service',
      '/api/v1/returns?groupBy=destination',
      '/api/v1/hotspots',
      '/api/v1/coverage?from=2019-01-01&to=2019-06-30',
    ];
    const roles: Role[] = ['public', 'donor', 'government', 'programme'];
    for (const role of roles) {
      const [a, b] = apps.map((app) => injector(app, role));
      for (const url of urls) {
        const [ra, rb] = await Promise.all([a!(url), b!(url)]);
        expect(rb.statusCode, `${role} ${url}`).toBe(ra.statusCode);
        expect(rb.body, `${role} ${url}`).toBe(ra.body);
      }
    }
    for (const app of apps) await app.close();
  });

  it('take the same import the same way, and answer the same after it', async () => {
    const file = join(tmp, 'returns.csv');
    writeFileSync(file, 'date,centre,destination,count\n2019-03-01,agadez-tc,GIN,7\n2019-03-01,agadez-tc,MLI,3\n');
    const outcomes = [];
    for (const store of [duck, pg]) {
      const { createReadStream } = await import('node:fs');
      const r = await runImport(store.imports!, 'returns', createReadStream(file), { dryRun: false, dates: false });
      expect(r.ok).toBe(true);
      outcomes.push(r.ok ? { ...r.outcome, dataVersion: undefined } : null);
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(pg.info().dataVersion).toBe(duck.info().dataVersion);
    expect(await pg.aggregateReturns({ groupBy: ['destination', 'month'] })).toEqual(await duck.aggregateReturns({ groupBy: ['destination', 'month'] }));
    const [ha, hb] = await Promise.all([duck.imports!.importHistory(), pg.imports!.importHistory()]);
    expect(hb.map((h) => ({ ...h, importedAt: '' }))).toEqual(ha.map((h) => ({ ...h, importedAt: '' })));
  });
});
