/**
 * Imports a data file into the database: `npm run import -- <dataset> FILE [--dry-run]`.
 *
 *   dataset   flows | assistance | returns (CSV) or places (GeoJSON FeatureCollection)
 *   --dry-run validate and count only; nothing is written
 *
 * The same code path as `POST /api/v1/imports/<dataset>`: every row validated, one transaction, natural keys replaced,
 * the file journaled under var/imports/. Prints the validation report; exits 1 when the file has errors (nothing is
 * written then), 2 on a usage or configuration problem. Database: $DB_PATH built from $DATA_DIR (see config.ts).
 * The database is opened read-write, so stop the server first, or import through the API while it runs.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { ConfigError, loadConfig } from '../src/server/config';
import { DuckDbStore } from '../src/server/db/duckdb-store';
import { formatReport, runImport } from '../src/server/import/run';
import { IMPORT_DATASETS, type ImportDataset } from '../src/server/import/types';

const USAGE = `Usage: npm run import -- <dataset> FILE [--dry-run]
  dataset: ${IMPORT_DATASETS.join(' | ')}  (places: GeoJSON; the others: CSV)
  --dry-run  validate and count only; write nothing`;

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((a) => a.startsWith('--'));
  const args = argv.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--dry-run' && f !== '--help');
  if (flags.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  if (unknown.length > 0 || args.length !== 2 || !(IMPORT_DATASETS as readonly string[]).includes(args[0]!)) {
    console.error(unknown.length ? `Unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const dataset = args[0] as ImportDataset;
  const file = args[1]!;
  if (!existsSync(file) || !statSync(file).isFile()) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  let store: DuckDbStore;
  try {
    store = await DuckDbStore.open({ dataDir: config.dataDir, dbPath: config.dbPath, log: (l) => console.error(l) });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    console.error(/lock/i.test(msg) ? `The database ${config.dbPath} is in use (is the server running?): stop it, or import through the API.\n${msg}` : msg);
    return 2;
  }
  try {
    const result = await runImport(store, dataset, createReadStream(file), { dryRun: flags.includes('--dry-run'), maxBytes: config.importMaxBytes });
    const report = formatReport(result, file);
    if (result.ok) console.log(report);
    else console.error(report);
    return result.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
