/**
 * Child process of the kill -9 test (imports.test.ts): opens the store, validates a file, says "merging", merges it
 * (the same calls as import/run.ts), says "committed". The test kills it with SIGKILL in between.
 *   tsx tests/api/support/import-child.ts DATA_DIR DB_PATH DATASET FILE
 */
import { createReadStream } from 'node:fs';
import { DuckDbStore } from '../../../src/server/store/duckdb/duckdb-store';
import { validateCsv } from '../../../src/server/import/validate-csv';
import type { MetricDataset } from '../../../src/server/import/types';

const [dataDir, dbPath, dataset, file] = process.argv.slice(2) as [string, string, MetricDataset, string];
const store = await DuckDbStore.open({ dataDir, dbPath });
const v = await validateCsv(dataset, createReadStream(file), await store.importLookups(), { stagePath: store.stagingPath(dataset) });
if (!v.staged) throw new Error(JSON.stringify(v.errors.slice(0, 3)));
process.stdout.write('merging\n');
await store.applyImport(v.staged, { dryRun: false });
process.stdout.write('committed\n');
await store.close();
