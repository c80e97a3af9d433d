/**
 * Imports a data file into the database: `npm run import -- <dataset> FILE [--dry-run]`.
 *
 *   dataset   flows | assistance | returns (CSV) or places (GeoJSON FeatureCollection)
 *   --dry-run validate and count only; nothing is written
 *
 * `npm run import -- history` lists the committed imports; `npm run import -- undo N` undoes import N (as the admin
 * dialog's Undo does: the data is then as if it had never been made).
 *
 * The same code path as `POST /api/v1/imports/<dataset>`: every row validated, one transaction, natural keys replaced,
 * the import recorded for undo. Prints the validation report; exits 1 when the file has errors (nothing is written
 * then), 2 on a usage or configuration problem. Database: the one the server's configuration names (config.ts):
 * PostgreSQL when $DATABASE_URL is set — the servers running on it learn of the import at once — else the DuckDB
 * file $DB_PATH built from $DATA_DIR, opened read-write (stop the server first, or import through the API).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { loadConfigOrReport, type Config } from '../src/server/config';
import { openStore as openConfiguredStore, storeConfigOf } from '../src/server/store/open-store';
import type { Store, StoreImports } from '../src/server/store/types';
import { formatReport, listImports, runImport, runUndo } from '../src/server/import/run';
import { IMPORT_DATASETS, UndoRefusedError, type ImportDataset } from '../src/server/import/types';

const USAGE = `Usage: npm run import -- <dataset> FILE [--dry-run]
       npm run import -- history
       npm run import -- undo N
  dataset: ${IMPORT_DATASETS.join(' | ')}  (places: GeoJSON; the others: CSV)
  --dry-run  validate and count only; write nothing
  history    list the committed imports (N, dataset, when, rows, dates)
  undo N     undo import N: the data is then as if it had never been made`;

async function openStore(): Promise<{ store: StoreImports; db: Store; config: Config } | number> {
  const config = loadConfigOrReport();
  if (config === null) return 2;
  try {
    const store = await openConfiguredStore(storeConfigOf({ ...config, log: (l) => console.error(l) }));
    if (!store.imports) {
      await store.close();
      console.error('This database takes no imports (read-only).');
      return 2;
    }
    return { store: store.imports, db: store, config };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    console.error(/lock/i.test(msg) ? `The database ${config.dbPath} is in use (is the server running?): stop it, or use the API.\n${msg}` : msg);
    return 2;
  }
}

async function history(): Promise<number> {
  const opened = await openStore();
  if (typeof opened === 'number') return opened;
  try {
    const list = await listImports(opened.store);
    if (list.length === 0) console.log('No imports yet.');
    for (const e of list) {
      const dates = e.dateRange ? `${e.dateRange.min} … ${e.dateRange.max}` : '—';
      console.log(
        `${String(e.id).padStart(4)}  ${e.dataset.padEnd(10)} ${e.importedAt}  ${e.rows} rows (${e.replaced} replaced)  ${dates}${e.undone ? `  undone ${e.undoneAt}` : ''}`,
      );
    }
    return 0;
  } finally {
    await opened.db.close();
  }
}

async function undo(id: number): Promise<number> {
  const opened = await openStore();
  if (typeof opened === 'number') return opened;
  try {
    const r = await runUndo(opened.store, id);
    console.log(`Undid import ${r.id} (${r.journal}): data as of ${r.dataAsOf}, dates ${r.dateRange.min} … ${r.dateRange.max}, data version ${r.dataVersion}`);
    return 0;
  } catch (e) {
    if (e instanceof UndoRefusedError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await opened.db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((a) => a.startsWith('--'));
  const args = argv.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--dry-run' && f !== '--help');
  if (flags.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  if (flags.length === 0 && args.length === 1 && args[0] === 'history') return history();
  if (flags.length === 0 && args.length === 2 && args[0] === 'undo' && /^[1-9]\d{0,8}$/.test(args[1]!)) return undo(Number(args[1]));
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
  const opened = await openStore();
  if (typeof opened === 'number') return opened;
  try {
    const result = await runImport(opened.store, dataset, createReadStream(file), {
      dryRun: flags.includes('--dry-run'),
      maxBytes: opened.config.importMaxBytes,
      dates: opened.config.importDates,
    });
    const report = formatReport(result, file);
    if (result.ok) console.log(report);
    else console.error(report);
    return result.ok ? 0 : 1;
  } finally {
    await opened.db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
