/**
 * DATABASE_READ_URL: the dashboard's queries read from a streaming replica (a real one: pg_basebackup -R of a
 * throwaway cluster), imports and accounts stay on the primary, and a new data version is taken only once the
 * replica has replayed it — so no answer cached under the new version can come from a replica still behind.
 */
import { createReadStream, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/server/import/run';
import { openStore } from '../../src/server/store/open-store';
import type { Store } from '../../src/server/store/types';
import { startCluster, type Cluster } from '../support/pg-cluster';
import { FIXTURE_DIR, testEngine, tempDir } from './helpers';

if (testEngine() !== 'postgres') throw new Error('tests/api/read-replica.test.ts runs in the api-postgres project (npm run test:postgres)');

describe('a streaming replica for reads', () => {
  let cluster: Cluster;
  let replica: { url: string; stop(): Promise<void> };
  let primaryUrl: string;
  let store: Store;
  let tmp: string;
  beforeAll(async () => {
    tmp = tempDir('atlas-replica-');
    cluster = await startCluster();
    primaryUrl = await cluster.createDatabase('atlas');
    // The first start loads data/ on the primary; the replica is made from it afterwards.
    await (await openStore({ engine: 'postgres', url: primaryUrl, dataDir: FIXTURE_DIR })).close();
    replica = await cluster.startReplica('atlas');
    store = await openStore({ engine: 'postgres', url: primaryUrl, readUrl: replica.url, dataDir: FIXTURE_DIR, connections: 2 });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await cluster?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('the replica is a standby, and the queries run there', async () => {
    const r = new pg.Client({ connectionString: replica.url });
    await r.connect();
    try {
      expect((await r.query('SELECT pg_is_in_recovery() AS standby')).rows[0].standby).toBe(true);
      expect((await store.aggregateFlows({ groupBy: ['route'] })).total).toBeGreaterThan(0);
      const readers = await r.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'transit-atlas-read'`);
      expect(readers.rows[0].n).toBeGreaterThan(0);
    } finally {
      await r.end();
    }
  });

  it('answers as the primary alone does', async () => {
    const alone = await openStore({ engine: 'postgres', url: primaryUrl, dataDir: FIXTURE_DIR, connections: 2 });
    try {
      for (const q of [{}, { groupBy: ['week', 'direction'] as const }, { groupBy: ['nationality'] as const, route: ['R1'] }]) {
        expect(await store.aggregateFlows(q as never)).toEqual(await alone.aggregateFlows(q as never));
      }
    } finally {
      await alone.close();
    }
  });

  it('an import is in the replica-served answers as soon as the import has answered', async () => {
    const before = await store.aggregateReturns({});
    const file = join(tmp, 'returns.csv');
    writeFileSync(file, 'date,centre,destination,count\n2019-02-04,agadez-tc,GIN,13\n');
    const r = await runImport(store.imports!, 'returns', createReadStream(file), { dryRun: false, dates: false });
    expect(r.ok).toBe(true);
    expect((await store.aggregateReturns({})).total).toBe(before.total + 13);
  });
});
