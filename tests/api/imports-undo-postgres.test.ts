/**
 * Undo on PostgreSQL only (project `api-postgres`): the before-images kept in the database survive a restart, and an
 * import made before they were kept cannot be undone. The behaviour both engines share is in imports-undo.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { PgStore } from '../../src/server/store/postgres/pg-store';
import { listImports, runUndo } from '../../src/server/import/run';
import { FIXTURE_DIR, freshPgDatabase, testEngine } from './helpers';

import { threeImportsSecondUndone } from './support/undo-kit';

if (testEngine() !== 'postgres') throw new Error('tests/api/imports-undo-postgres.test.ts runs in the api-postgres project');
describe('PostgreSQL: kept in the database', () => {
  it('an undo survives a restart; an import made before the before-images were kept cannot be undone, nor one before it (409)', async () => {
    const url = await freshPgDatabase(true);
    const store = await PgStore.open({ url, dataDir: FIXTURE_DIR });
    const base = store.info();
    const baseTotal = (await store.aggregateReturns({})).total;
    const afterUndo = await threeImportsSecondUndone(store);
    await store.close();

    const reopened = await PgStore.open({ url, dataDir: FIXTURE_DIR });
    expect(reopened.loaded).toBe(false);
    expect(reopened.info().dataVersion).toBe(afterUndo);
    expect((await reopened.aggregateReturns({})).total).toBe(baseTotal + 20);
    expect((await listImports(reopened)).map((e) => [e.id, e.undone])).toEqual([
      [3, false],
      [2, true],
      [1, false],
    ]);
    // As an import made before schema migration 3 (no before-images): it cannot be undone, nor can any before it.
    await reopened.pool.query('UPDATE import_log SET before_images = FALSE WHERE seq = 3');
    await expect(runUndo(reopened, 1)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/000003-returns\.csv was imported before/) });
    await reopened.pool.query('UPDATE import_log SET before_images = TRUE WHERE seq = 3');
    await runUndo(reopened, 3);
    await runUndo(reopened, 1);
    expect(reopened.info().dataVersion).toBe(base.dataVersion);
    expect((await reopened.aggregateReturns({})).total).toBe(baseTotal);
    await reopened.close();
  }, 60_000);
});
