/** The DuckDB file: built once, reused while data/ is unchanged, rebuilt when it changes; a failed build keeps the old file. */
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/server/store/duckdb/duckdb-store';
import { DataBuildError, ensureDatabase, fingerprintData } from '../../src/server/store/duckdb/seed';
import { copyFixture, readCsv, sum, tempDir } from './helpers';

const cleanup: string[] = [];
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dataDir = copyFixture();
  const dbDir = tempDir('atlas-db-');
  cleanup.push(join(dataDir, '..'), dbDir);
  return { dataDir, dbPath: join(dbDir, 'var', 'atlas.duckdb'), dbDir };
}

async function totalFlows(dataDir: string, dbPath: string) {
  const store = await DuckDbStore.open({ dataDir, dbPath });
  try {
    return { built: store.built, version: store.info().dataVersion, total: (await store.aggregateFlows({})).total };
  } finally {
    await store.close();
  }
}

describe('database lifecycle', () => {
  it('builds on first open (creating the directory), reuses it while the data is unchanged', async () => {
    const { dataDir, dbPath } = setup();
    const lines: string[] = [];
    const first = await DuckDbStore.open({ dataDir, dbPath, log: (l) => lines.push(l) });
    expect(first.built).toBe(true);
    await first.close();
    expect(lines.join('\n')).toMatch(/Building database/);
    expect(lines.join('\n')).toMatch(/36 flow rows/);
    const stat1 = statSync(dbPath);

    lines.length = 0;
    const second = await DuckDbStore.open({ dataDir, dbPath, log: (l) => lines.push(l) });
    expect(second.built).toBe(false);
    expect(second.info().fingerprint).toBe(fingerprintData(dataDir));
    await second.close();
    expect(lines.join('\n')).toMatch(/data unchanged/);
    const stat2 = statSync(dbPath);
    expect(stat2.ino).toBe(stat1.ino);
    expect(stat2.mtimeMs).toBe(stat1.mtimeMs);
    // No temporary files left behind.
    expect(readdirSync(join(dbPath, '..')).filter((f) => f.includes('building'))).toEqual([]);
  });

  it('rebuilds when a data file changes, and the answers follow the new data', async () => {
    const { dataDir, dbPath } = setup();
    const before = await totalFlows(dataDir, dbPath);
    expect(before.built).toBe(true);
    expect(before.total).toBe(sum(readCsv('flows.csv', dataDir)));

    appendFileSync(join(dataDir, 'flows.csv'), '2019-02-25,arlit-fmp,incoming,NGA,m,adult,car,1000\n');
    const after = await totalFlows(dataDir, dbPath);
    expect(after.built).toBe(true);
    expect(after.version).not.toBe(before.version);
    expect(after.total).toBe(before.total + 1000);

    const again = await totalFlows(dataDir, dbPath);
    expect(again.built).toBe(false);
    expect(again.total).toBe(after.total);
  });

  it('rebuilds when dataset.json changes (it is part of the fingerprint)', async () => {
    const { dataDir, dbPath } = setup();
    await totalFlows(dataDir, dbPath);
    const ds = JSON.parse(readFileSync(join(dataDir, 'dataset.json'), 'utf8'));
    ds.title = 'Changed title';
    writeFileSync(join(dataDir, 'dataset.json'), JSON.stringify(ds));
    const store = await DuckDbStore.open({ dataDir, dbPath });
    expect(store.built).toBe(true);
    expect(store.info().dataset.title).toBe('Changed title');
    await store.close();
  });

  it('rebuilds over an unreadable database file', async () => {
    const { dataDir, dbPath } = setup();
    await totalFlows(dataDir, dbPath);
    writeFileSync(dbPath, 'not a database');
    const r = await totalFlows(dataDir, dbPath);
    expect(r.built).toBe(true);
    expect(r.total).toBe(sum(readCsv('flows.csv', dataDir)));
  });

  it.each<[string, (dataDir: string) => void, RegExp]>([
    [
      'a count that is not a number',
      (d) => appendFileSync(join(d, 'flows.csv'), '2019-02-25,arlit-fmp,incoming,NGA,m,adult,car,lots\n'),
      /flows\.csv could not be read/,
    ],
    [
      'an impossible date',
      (d) => appendFileSync(join(d, 'assistance.csv'), '2019-02-30,agadez-tc,health,NGA,m,adult,3\n'),
      /assistance\.csv could not be read/,
    ],
    ['a missing column', (d) => appendFileSync(join(d, 'returns.csv'), '2019-02-01,agadez-tc,5\n'), /returns\.csv could not be read/],
    [
      'a wrong header',
      (d) => writeFileSync(join(d, 'returns.csv'), 'month,centre,destination,count\n2019-02-01,agadez-tc,NGA,5\n'),
      /returns\.csv: header must be/,
    ],
    ['an unknown monitoring point', (d) => appendFileSync(join(d, 'flows.csv'), '2019-02-25,nowhere-fmp,incoming,NGA,m,adult,car,5\n'), /'nowhere-fmp'/],
    ['an unknown direction', (d) => appendFileSync(join(d, 'flows.csv'), '2019-02-25,arlit-fmp,sideways,NGA,m,adult,car,5\n'), /direction .*'sideways'/],
    ['an unknown service', (d) => appendFileSync(join(d, 'assistance.csv'), '2019-02-25,agadez-tc,massage,NGA,m,adult,5\n'), /service .*'massage'/],
    ['a negative count', (d) => appendFileSync(join(d, 'returns.csv'), '2019-02-01,agadez-tc,NGA,-5\n'), /negative count/],
    ['an empty value', (d) => appendFileSync(join(d, 'flows.csv'), '2019-02-25,arlit-fmp,incoming,,m,adult,car,5\n'), /empty value/],
    ['broken GeoJSON', (d) => writeFileSync(join(d, 'routes.geojson'), '{"type":"FeatureCollection","features":[{'), /routes\.geojson is not valid JSON/],
    ['a missing file', (d) => rmSync(join(d, 'assistance.csv')), /Data file missing: .*assistance\.csv/],
  ])('a failed build (%s) leaves the previous database intact with a clear error', async (_name, corrupt, message) => {
    const { dataDir, dbPath } = setup();
    const good = await totalFlows(dataDir, dbPath);
    const bytes = readFileSync(dbPath);

    corrupt(dataDir);
    const err = await DuckDbStore.open({ dataDir, dbPath }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataBuildError);
    expect((err as Error).message).toMatch(message);

    expect(readFileSync(dbPath).equals(bytes)).toBe(true);
    expect(readdirSync(join(dbPath, '..')).filter((f) => f !== 'atlas.duckdb')).toEqual([]);
    // The old database still opens (without the data check) and answers as before.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
    const conn = await inst.connect();
    const r = await conn.runAndReadAll('SELECT CAST(SUM(count) AS INTEGER) AS n FROM flow_observations');
    expect(r.getRowObjects()[0]?.n).toBe(good.total);
    conn.closeSync();
    inst.closeSync();
  });

  it('a failed first build leaves no database file behind', async () => {
    const { dataDir, dbPath } = setup();
    appendFileSync(join(dataDir, 'flows.csv'), 'garbage line without commas\n');
    await expect(ensureDatabase({ dataDir, dbPath })).rejects.toThrow(/flows\.csv/);
    expect(existsSync(dbPath)).toBe(false);
  });
});
