/**
 * The import history and undo (issue 12): `GET /api/v1/imports` lists the committed imports; `POST
 * /api/v1/imports/{id}/undo` reverts one atomically, so that the data is exactly as if it had never been made: meta
 * (extent, data as of), exact and published answers, the store's fingerprint and data version as before the import;
 * an import in the middle is undone with the later ones kept (a server that never saw it agrees); an undo that would
 * leave a later import standing on nothing is refused; admins only; it survives a restart. On both engines (projects
 * `api` and `api-postgres`): DuckDB rebuilds its file from data/ and the journal; PostgreSQL rolls back from the
 * before-images each import kept (store/postgres/pg-undo.ts). What is about DuckDB's journal folder and file swap
 * (a crash between the journal move and the swap is repaired at the next start; data/ changed since the start; the
 * CLI on the file) is in the DuckDB-only describes at the end.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateResponse, importUndoResponse, problem } from '../../src/shared/api';
import { FIXTURE_DIR, flows, freshPgDatabase, PROBLEM_JSON, tempDir, testEngine, type TestServer } from './helpers';

import { FLOWS_HEADER, RETURNS_HEADER, ROOT, TSX, csv, server, imported, undo, history, snapshot, withoutVersion, TILLIA } from './support/undo-kit';

describe('undo restores exactly the data before', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await server();
  });

  it('the latest import: meta, exact and published answers, fingerprint and data version as before it', async () => {
    const before = await snapshot(t.inject, { published: true });
    const info = t.store.info();
    // replaces a stored row (its old value must come back), adds rows, and jumps the extent (data as of moves)
    const row = flows()[0]!;
    const key = `${row.date},${row.point},${row.direction},${row.nationality},${row.sex},${row.age_group},${row.transport}`;
    const res = await imported(
      t.inject,
      'flows',
      csv(FLOWS_HEADER, `${key},1234`, '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,5', '2021-01-07,agadez-fmp,outgoing,NER,m,minor,truck,11'),
    );
    expect(res).toMatchObject({ replaced: 1, added: 2, dataAsOf: '2021-01-07' });
    const during = await snapshot(t.inject, { published: true });
    expect(during.meta.dataAsOf).toBe('2021-01-07');
    expect(during.exact).not.toEqual(before.exact);

    const list = await history(t.inject);
    expect(list.dataVersion).toBe(res.dataVersion);
    expect(list.imports).toEqual([
      {
        id: 1,
        dataset: 'flows',
        journal: '000001-flows.csv',
        importedAt: expect.any(String),
        rows: 3,
        replaced: 1,
        inserted: 3,
        dateRange: { min: row.date, max: '2021-01-07' },
        undone: false,
        undoneAt: null,
      },
    ]);

    const u = await undo(t.inject, 1);
    expect(u.statusCode, u.body).toBe(200);
    expect(importUndoResponse.parse(u.json())).toEqual({
      id: 1,
      dataset: 'flows',
      journal: '000001-flows.csv',
      undone: true,
      dataVersion: info.dataVersion,
      dataAsOf: info.dataset.dataAsOf,
      dateRange: info.dateRange,
      generation: 0,
    });
    // exactly as before: same data, same version (so the same published cells), same fingerprint
    expect(await snapshot(t.inject, { published: true })).toEqual(before);
    expect(t.store.info().fingerprint).toBe(info.fingerprint);
    expect(t.store.info().dataVersion).toBe(info.dataVersion);
    expect(t.store.info().generation).toBe(0);

    const after = await history(t.inject);
    expect(after.imports).toEqual([expect.objectContaining({ id: 1, undone: true, undoneAt: expect.any(String), importedAt: list.imports[0]!.importedAt })]);
  });

  it('an undone import cannot be undone again (409); an unknown one is 404; a malformed id 400; a new import takes a new number', async () => {
    const again = await undo(t.inject, 1);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problem.parse(again.json()).detail).toMatch(/already been undone/);
    expect((await undo(t.inject, 99)).statusCode).toBe(404);
    const bad = await undo(t.inject, 'abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id/);
    const next = await imported(t.inject, 'returns', csv(RETURNS_HEADER, '2019-01-15,agadez-tc,GIN,3'));
    expect(next.generation).toBe(1);
    const list = await history(t.inject);
    expect(list.imports.map((e) => [e.id, e.journal, e.undone])).toEqual([
      [2, '000002-returns.csv', false],
      [1, '000001-flows.csv', true],
    ]);
    // imports {2} is not imports {1}: never the version "-1" the flows import had
    expect(next.dataVersion).not.toBe(`${t.store.info().fingerprint.slice(0, 12)}-1`);
  });
});

describe('undo of an import in the middle', () => {
  it('is as if it had never been made: a server that only saw the others agrees; later imports keep their values and times', async () => {
    const t = await server();
    const control = await server();
    const A = csv(FLOWS_HEADER, '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,5', '2019-03-04,arlit-fmp,incoming,NGA,m,adult,bus,7');
    // B replaces one of A's rows and adds one; C is another dataset
    const B = csv(FLOWS_HEADER, '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,100', '2019-03-05,agadez-fmp,outgoing,NER,f,minor,truck,1');
    const C = csv(RETURNS_HEADER, '2019-03-04,agadez-tc,GIN,17');
    const versions = [t.store.info().dataVersion];
    for (const file of [A, B]) versions.push((await imported(t.inject, 'flows', file)).dataVersion);
    versions.push((await imported(t.inject, 'returns', C)).dataVersion);
    const times = new Map((await history(t.inject)).imports.map((e) => [e.id, e.importedAt]));

    const u = importUndoResponse.parse((await undo(t.inject, 1)).json());
    expect(u.generation).toBe(2);
    expect(versions).not.toContain(u.dataVersion);
    // the key both set keeps B's value; A's other row is gone
    const total = async (url: string) => aggregateResponse.parse((await t.inject(url)).json()).total;
    expect(await total('/api/v1/flows?from=2019-03-04&to=2019-03-05')).toBe(101);

    await imported(control.inject, 'flows', B);
    await imported(control.inject, 'returns', C);
    expect(withoutVersion(await snapshot(t.inject))).toEqual(withoutVersion(await snapshot(control.inject)));

    const list = await history(t.inject);
    expect(list.imports.map((e) => [e.id, e.undone])).toEqual([
      [3, false],
      [2, false],
      [1, true],
    ]);
    for (const e of list.imports) expect(e.importedAt).toBe(times.get(e.id));
  });

  it('is refused (409, naming the later import) when a later import stands on it; nothing changes until that one is undone first', async () => {
    const t = await server();
    const before = await snapshot(t.inject);
    await imported(t.inject, 'places', JSON.stringify({ type: 'FeatureCollection', features: [TILLIA] }));
    await imported(t.inject, 'flows', csv(FLOWS_HEADER, '2019-03-04,tillia-fmp,incoming,NGA,f,adult,car,9'));
    const during = await snapshot(t.inject);

    const refused = await undo(t.inject, 1);
    expect(refused.statusCode).toBe(409);
    expect(problem.parse(refused.json()).detail).toMatch(/Import 1 cannot be undone on its own: .*000002-flows\.csv .*'tillia-fmp' is not a known place id/);
    expect(await snapshot(t.inject)).toEqual(during);
    expect((await history(t.inject)).imports.map((e) => [e.id, e.undone])).toEqual([
      [2, false],
      [1, false],
    ]);

    expect((await undo(t.inject, 2)).statusCode).toBe(200);
    expect((await undo(t.inject, 1)).statusCode).toBe(200);
    expect(await snapshot(t.inject)).toEqual(before);
  });

  it('a later places import is applied again: undoing the counts before it leaves the new place, as a server that only saw it has', async () => {
    const t = await server();
    const control = await server();
    await imported(t.inject, 'returns', csv(RETURNS_HEADER, '2019-03-04,agadez-tc,GIN,17'));
    await imported(t.inject, 'places', JSON.stringify({ type: 'FeatureCollection', features: [TILLIA] }));
    expect((await undo(t.inject, 1)).statusCode).toBe(200);
    await imported(control.inject, 'places', JSON.stringify({ type: 'FeatureCollection', features: [TILLIA] }));
    const after = await snapshot(t.inject);
    expect(after.places.features.map((f) => f.properties.id)).toContain('tillia-fmp');
    expect(withoutVersion(after)).toEqual(withoutVersion(await snapshot(control.inject)));
  });

  it('a places import that moves a point to another region, then a flows file without transport: undoing the places import keeps the flows, in the old region', async () => {
    const t = await server();
    const control = await server();
    const before = await snapshot(t.inject, { published: true });
    const agadez = before.places.features.find((f) => f.properties.id === 'agadez-fmp')!;
    expect(agadez.properties.admin1Pcode).not.toBe('NE005');
    const moved = { ...agadez, properties: { ...agadez.properties, admin1Pcode: 'NE005', routes: [...agadez.properties.routes, 'R3b'] } };
    const row = flows().find((r) => r.point === 'agadez-fmp')!;
    // Without a transport column the row stands for every transport of its key: it replaces them all.
    const D = csv(
      'date,point,direction,nationality,sex,age_group,count',
      `${row.date},agadez-fmp,${row.direction},${row.nationality},${row.sex},${row.age_group},40`,
    );
    await imported(t.inject, 'places', JSON.stringify({ type: 'FeatureCollection', features: [moved] }));
    const d = await imported(t.inject, 'flows', D);
    expect(d.replaced).toBeGreaterThan(0);
    const during = await snapshot(t.inject);
    expect(during.exact).not.toEqual(before.exact);

    expect((await undo(t.inject, 1)).statusCode).toBe(200);
    await imported(control.inject, 'flows', D);
    expect(withoutVersion(await snapshot(t.inject))).toEqual(withoutVersion(await snapshot(control.inject)));
    expect((await undo(t.inject, 2)).statusCode).toBe(200);
    expect(await snapshot(t.inject, { published: true })).toEqual(before);
  });
});

describe('access', () => {
  it('admins only: 401 signed out, 403 for every other role, cross-site refused; nothing undone', async () => {
    const t = await server();
    await imported(t.inject, 'returns', csv(RETURNS_HEADER, '2019-03-04,agadez-tc,GIN,17'));
    const version = t.store.info().dataVersion;
    expect((await t.inject('/api/v1/imports', 'public')).statusCode).toBe(401);
    expect((await undo(t.inject, 1, 'public')).statusCode).toBe(401);
    for (const role of ['donor', 'government', 'programme'] as const) {
      const list = await t.inject('/api/v1/imports', role);
      expect(list.statusCode).toBe(403);
      expect(list.headers['content-type']).toMatch(PROBLEM_JSON);
      expect((await undo(t.inject, 1, role)).statusCode).toBe(403);
    }
    const crossSite = await t.inject({ method: 'POST', url: '/api/v1/imports/1/undo', headers: { origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    const fetchSite = await t.inject({ method: 'POST', url: '/api/v1/imports/1/undo', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchSite.statusCode).toBe(403);
    expect(t.store.info().dataVersion).toBe(version);
    expect((await history(t.inject)).imports.map((e) => e.undone)).toEqual([false]);
  });
});

describe('npm run import (CLI)', () => {
  it('imports, lists the history and undoes import N, on the engine the configuration names', async () => {
    const dir = tempDir('atlas-cli-undo-');
    const database = testEngine() === 'postgres' ? { DATABASE_URL: await freshPgDatabase(true) } : { DB_PATH: join(dir, 'atlas.duckdb') };
    const env = { ...process.env, DATA_DIR: FIXTURE_DIR, ...database };
    const run = (...args: string[]) => spawnSync(TSX, [join(ROOT, 'scripts/import.ts'), ...args], { env, encoding: 'utf8', timeout: 60_000 });
    const file = join(dir, 'r.csv');
    writeFileSync(file, csv(RETURNS_HEADER, '2019-03-04,agadez-tc,GIN,17'));
    expect(run('returns', file).status).toBe(0);
    const list = run('history');
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^\s+1 {2}returns .* 1 rows \(0 replaced\) {2}2019-03-04 … 2019-03-04$/m);
    const done = run('undo', '1');
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Undid import 1 \(000001-returns\.csv\): data as of 2019-03-01/);
    const again = run('undo', '1');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already been undone/);
    expect(run('history').stdout).toMatch(/undone /);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
