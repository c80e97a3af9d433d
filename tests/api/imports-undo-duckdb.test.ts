/**
 * Undo on DuckDB only (project `api`): the journal folder and the file swap, a crash between the journal move and
 * the swap repaired at the next start, data/ changed since the start, and the CLI on the file. The behaviour both
 * engines share is in imports-undo.test.ts.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/server/store/duckdb/duckdb-store';
import { moveToUndone } from '../../src/server/store/duckdb/duckdb-import';
import { listImports, runUndo } from '../../src/server/import/run';
import { problem } from '../../src/shared/api';
import { copyFixture, FIXTURE_DIR, tempDir, testEngine } from './helpers';

import { FLOWS_HEADER, RETURNS_HEADER, csv, server, imported, undo, history, threeImportsSecondUndone, TILLIA } from './support/undo-kit';

if (testEngine() !== 'duckdb') throw new Error('tests/api/imports-undo-duckdb.test.ts is about the DuckDB file: project api');
describe('DuckDB: the journal, data/ and the file', () => {
  it('the undone entry moves to undone/ with its record; no rebuilt or staged file is left behind, a refused undo included', async () => {
    const t = await server();
    await imported(t.inject, 'flows', csv(FLOWS_HEADER, '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,5'));
    expect((await undo(t.inject, 1)).statusCode).toBe(200);
    expect(readdirSync(join(t.tmp, 'imports')).filter((f) => !f.startsWith('.'))).toEqual(['undone']);
    expect(readdirSync(join(t.tmp, 'imports', 'undone'))).toEqual(['000001-flows.csv', '000001-flows.json']);
    expect(readdirSync(t.tmp).filter((f) => f.includes('.undo-'))).toEqual([]);

    await imported(t.inject, 'places', JSON.stringify({ type: 'FeatureCollection', features: [TILLIA] }));
    await imported(t.inject, 'flows', csv(FLOWS_HEADER, '2019-03-04,tillia-fmp,incoming,NGA,f,adult,car,9'));
    expect((await undo(t.inject, 2)).statusCode).toBe(409);
    expect(readdirSync(join(t.tmp, 'imports')).filter((f) => f !== 'undone')).toEqual(['000002-places.geojson', '000003-flows.csv']);
    expect(readdirSync(t.tmp).filter((f) => f.includes('.undo-') || f.includes('.building-'))).toEqual([]);
  });

  it('is refused while data/ has changed since the server started (restart first)', async () => {
    const dataDir = copyFixture();
    const t = await server({ dataDir });
    await imported(t.inject, 'returns', csv(RETURNS_HEADER, '2019-03-04,agadez-tc,GIN,17'));
    const ds = JSON.parse(readFileSync(join(dataDir, 'dataset.json'), 'utf8'));
    writeFileSync(join(dataDir, 'dataset.json'), JSON.stringify({ ...ds, title: `${ds.title} (revised)` }));
    const res = await undo(t.inject, 1);
    expect(res.statusCode).toBe(409);
    expect(problem.parse(res.json()).detail).toMatch(/changed since the server started/);
    expect((await history(t.inject)).imports[0]!.undone).toBe(false);
    expect(existsSync(join(t.tmp, 'imports', '000001-returns.csv'))).toBe(true);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an undo survives a restart; a crash after the journal move but before the database swap is repaired at the next start', async () => {
    const dir = tempDir('atlas-undo-');
    const dbPath = join(dir, 'atlas.duckdb');
    const store = await DuckDbStore.open({ dataDir: FIXTURE_DIR, dbPath });
    const base = store.info();
    const baseTotal = (await store.aggregateReturns({})).total;
    const afterUndo = await threeImportsSecondUndone(store);
    expect((await store.aggregateReturns({})).total).toBe(baseTotal + 20);
    const logged = (await listImports(store)).find((e) => e.id === 3)!;
    await store.close();

    const lines: string[] = [];
    const reopened = await DuckDbStore.open({ dataDir: FIXTURE_DIR, dbPath, log: (l) => lines.push(l) });
    expect(lines.join('\n')).not.toMatch(/Replaying|rebuilding/i);
    expect(reopened.info().dataVersion).toBe(afterUndo);
    expect((await reopened.aggregateReturns({})).total).toBe(baseTotal + 20);
    await reopened.close();

    // The process stops after moving import 3 to undone/ and before swapping the database in: the database still
    // holds import 3, the journal does not. The next start rebuilds and replays what the journal has.
    moveToUndone(join(dir, 'imports'), {
      seq: 3,
      dataset: 'returns',
      journal: '000003-returns.csv',
      rows: 1,
      replaced: 0,
      inserted: 1,
      minDate: '2019-03-06',
      maxDate: '2019-03-06',
      importedAt: logged.importedAt,
      undoneAt: new Date().toISOString(),
    });
    const lines2: string[] = [];
    const repaired = await DuckDbStore.open({ dataDir: FIXTURE_DIR, dbPath, log: (l) => lines2.push(l) });
    expect(lines2.join('\n')).toMatch(/holds import\(s\) undone in .*000003-returns\.csv.*rebuilding/);
    expect(repaired.info().generation).toBe(1);
    expect((await repaired.aggregateReturns({})).total).toBe(baseTotal + 17);
    expect((await listImports(repaired)).map((e) => [e.id, e.undone])).toEqual([
      [3, true],
      [2, true],
      [1, false],
    ]);
    await runUndo(repaired, 1);
    expect(repaired.info().dataVersion).toBe(base.dataVersion);
    expect((await repaired.aggregateReturns({})).total).toBe(baseTotal);
    await repaired.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
