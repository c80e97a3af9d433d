/**
 * `npx tsx bench/import.ts [ROWS] [DATA_DIR [DB_FILE]]`: times an import of ROWS (default 1,000,000) flow rows through
 * the same code path as the endpoint and the CLI (import/run.ts): a dry run, the import, then the same file again
 * (every row replacing one). Into a fresh database built from DATA_DIR (default data/), or a copy of DB_FILE (a
 * database already built from DATA_DIR, e.g. bench/out's 10 M-row one). Prints one JSON line:
 * { rows, bytes, storedRows, dryRunMs, importMs, reimportMs, rowsPerSecond, … }.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbStore } from '../src/server/store/duckdb/duckdb-store';
import { runImport } from '../src/server/import/run';
import { writeFlowsImport } from './import-data';

async function flowRows(dbPath: string): Promise<number> {
  const inst = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const c = await inst.connect();
  try {
    return Number((await c.runAndReadAll('SELECT COUNT(*) AS n FROM flow_observations')).getRowObjects()[0]?.n ?? 0);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

export interface ImportMeasure {
  rows: number;
  bytes: number;
  flowRowsAfter: number;
  dryRunMs: number;
  importMs: number;
  reimportMs: number;
  rowsPerSecond: number;
  inserted: number;
  replacedOnReimport: number;
}

/** Imports `rows` generated flow rows into a fresh database built from `dataDir` (or a copy of `dbFile`). */
export async function measureImport(rows: number, dataDir: string, dbFile?: string): Promise<ImportMeasure> {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-bench-import-'));
  try {
    if (dbFile) copyFileSync(dbFile, join(tmp, 'atlas.duckdb'));
    const store = await DuckDbStore.open({ dataDir, dbPath: join(tmp, 'atlas.duckdb') });
    const points = store.info().dictionaries.points;
    const file = join(tmp, 'flows.csv');
    await writeFlowsImport(file, rows, { points: [...points].sort(), nationalities: store.info().countries.map((c) => c.iso3) });
    const bytes = statSync(file).size;
    const t0 = performance.now();
    const dry = await runImport(store, 'flows', createReadStream(file), { dryRun: true });
    const t1 = performance.now();
    const res = await runImport(store, 'flows', createReadStream(file), { dryRun: false });
    const t2 = performance.now();
    const again = await runImport(store, 'flows', createReadStream(file), { dryRun: false });
    const t3 = performance.now();
    if (!dry.ok || !res.ok || !again.ok) throw new Error(`import failed: ${JSON.stringify(res).slice(0, 500)}`);
    await store.close();
    return {
      rows,
      bytes,
      flowRowsAfter: await flowRows(join(tmp, 'atlas.duckdb')),
      dryRunMs: Math.round(t1 - t0),
      importMs: Math.round(t2 - t1),
      reimportMs: Math.round(t3 - t2),
      rowsPerSecond: Math.round(rows / ((t2 - t1) / 1000)),
      inserted: res.outcome.inserted,
      replacedOnReimport: again.outcome.replaced,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dataDir = resolve(process.argv[3] ?? resolve(import.meta.dirname, '../data'));
  console.log(JSON.stringify({ dataDir, ...(await measureImport(rows, dataDir, process.argv[4])) }));
}
