/**
 * The DuckDB side of imports: one transaction per file, natural-key replacement, rollups kept in step, and the
 * import journal.
 *
 * - Merge: the staged (validated, normalised) CSV is loaded with read_csv into a temporary table; then, in one
 *   transaction, stored rows with the natural key (src/shared/dataset-schema.ts) of a staged row are deleted and the staged rows inserted (with
 *   their region from `places`); the flow rollups (sql.ts FLOW_ROLLUPS) are recomputed for every (date, point) the
 *   file touches; a row is added to `import_log`. A dry run does all of it and rolls back.
 * - Journal: every committed import is kept as its staged file under the imports directory
 *   (`000001-flows.csv`, …, default `var/imports/` beside the database). The database is rebuilt from data/ when
 *   data/ changes; the rebuilt database has an empty import_log, so every journal entry is replayed, in order and
 *   through the same validation, when the store opens (see `reconcileJournal`).
 * - Undo (DuckDbStore.undoImport): the database is rebuilt from data/ beside the live one and every journal entry
 *   but the undone one replayed; the entry then moves to `undone/` (with a `.json` of what it was) and the rebuilt
 *   file replaces the database in one rename. A database that still holds an import the journal has undone (the
 *   process stopped between those two steps) is rebuilt and replayed when the store opens.
 * - Crash safety: the staged file is written (and fsynced) as `.NNNNNN-x.csv.pending` before the commit, which
 *   records its name in import_log; it is renamed to its journal name after. Opening finishes that rename, or drops a
 *   pending file the log does not know (the process stopped before its commit).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { columnsOf, csvColumnTypes, type MetricDatasetName } from '../../../shared/dataset-schema';
import { JOURNAL_NAME, type ImportDataset, type StagedImport } from '../../import/types';

export { JOURNAL_NAME };
import { mergePlaces, mergeStagedMetric, type MergeCounts, type Tx } from '../merge';
import { journalName } from '../journal-name';

export { journalName };

export const IMPORT_LOG_DDL = `CREATE TABLE IF NOT EXISTS import_log (
  seq INTEGER NOT NULL, dataset VARCHAR NOT NULL, journal VARCHAR NOT NULL, rows INTEGER NOT NULL,
  replaced INTEGER NOT NULL, max_date DATE, imported_at VARCHAR NOT NULL)`;

/** Columns added to import_log later (a database built before them gets them on its next read-write open). */
const IMPORT_LOG_COLUMNS = ['inserted INTEGER', 'added INTEGER', 'min_date DATE'];

/** Creates import_log, or brings an older one up to date. Read-write connections only. */
export async function ensureImportLog(c: DuckDBConnection): Promise<void> {
  await c.run(IMPORT_LOG_DDL);
  for (const col of IMPORT_LOG_COLUMNS) await c.run(`ALTER TABLE import_log ADD COLUMN IF NOT EXISTS ${col}`);
}

/** Where undone journal entries go (beside them, `NNNNNN-dataset.json` says what the import was and when it was undone). */
export const UNDONE_DIR = 'undone';
const UNDONE_META = /^(\d{6})-(flows|assistance|returns|places)\.json$/;

/** What an undone import was (undone/NNNNNN-dataset.json): its import_log row, and when it was undone. */
export interface UndoneRecord extends ImportLogRow {
  undoneAt: string;
}

/** The undone imports recorded in the journal (those whose file did reach undone/). */
export function undoneRecords(dir: string): UndoneRecord[] {
  const undone = join(dir, UNDONE_DIR);
  if (!existsSync(undone)) return [];
  const out: UndoneRecord[] = [];
  for (const f of readdirSync(undone).sort()) {
    if (!UNDONE_META.test(f)) continue;
    try {
      const r = JSON.parse(readFileSync(join(undone, f), 'utf8')) as UndoneRecord;
      if (existsSync(join(undone, r.journal))) out.push(r);
    } catch {
      // a record cut short by a crash: its import was not undone (its file is still in the journal)
    }
  }
  return out;
}

/** Moves a journal entry to undone/, its record written (and fsynced) first. */
export function moveToUndone(dir: string, record: UndoneRecord): void {
  const undone = join(dir, UNDONE_DIR);
  mkdirSync(undone, { recursive: true, mode: 0o700 });
  const meta = join(undone, record.journal.replace(/\.(csv|geojson)$/, '.json'));
  writeFileSync(meta, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  fsyncFile(meta);
  renameSync(join(dir, record.journal), join(undone, record.journal));
  fsyncDir(undone);
  fsyncDir(dir);
}

/** import_log as the history reads it. */
export interface ImportLogRow {
  seq: number;
  dataset: ImportDataset;
  journal: string;
  rows: number;
  replaced: number;
  inserted: number | null;
  minDate: string | null;
  maxDate: string | null;
  importedAt: string;
}

export async function importLogRows(c: DuckDBConnection): Promise<ImportLogRow[]> {
  if (!(await tableExists(c, 'import_log'))) return [];
  const cols = new Set((await rows(c, `SELECT column_name FROM duckdb_columns() WHERE table_name = 'import_log'`)).map((r) => String(r.column_name)));
  const opt = (col: string, cast = '') => (cols.has(col) ? (cast ? `CAST(${col} AS ${cast})` : col) : 'NULL');
  return (
    await rows(
      c,
      `SELECT seq, dataset, journal, rows, replaced, ${opt('inserted')} AS inserted, ${opt('min_date', 'VARCHAR')} AS min_date,
              CAST(max_date AS VARCHAR) AS max_date, imported_at FROM import_log ORDER BY seq`,
    )
  ).map((r) => ({
    seq: Number(r.seq),
    dataset: String(r.dataset) as ImportDataset,
    journal: String(r.journal),
    rows: Number(r.rows),
    replaced: Number(r.replaced),
    inserted: r.inserted === null ? null : Number(r.inserted),
    minDate: r.min_date === null ? null : String(r.min_date),
    maxDate: r.max_date === null ? null : String(r.max_date),
    importedAt: String(r.imported_at),
  }));
}

export const pendingName = (journal: string) => `.${journal}.pending`;

async function rows(c: DuckDBConnection, sql: string, params: DuckDBValue[] = []) {
  return (await c.runAndReadAll(sql, params)).getRowObjects();
}

export async function tableExists(c: DuckDBConnection, name: string): Promise<boolean> {
  const r = await rows(c, `SELECT COUNT(*) AS n FROM duckdb_tables() WHERE table_name = $1 AND NOT temporary`, [name]);
  return Number(r[0]?.n ?? 0) > 0;
}

/** Journal files in the imports directory, in order. */
export function journalEntries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => JOURNAL_NAME.test(f))
    .sort();
}

export async function loggedJournals(c: DuckDBConnection): Promise<Map<string, number>> {
  if (!(await tableExists(c, 'import_log'))) return new Map();
  return new Map((await rows(c, `SELECT journal, seq FROM import_log`)).map((r) => [String(r.journal), Number(r.seq)]));
}

export async function nextSeq(c: DuckDBConnection, dir: string): Promise<number> {
  const logged = [...(await loggedJournals(c)).values()];
  const files = journalEntries(dir).map((f) => Number(JOURNAL_NAME.exec(f)![1]));
  // An undone import keeps its number: a later import never takes it (the history would name two imports alike).
  const undone = journalEntries(join(dir, UNDONE_DIR)).map((f) => Number(JOURNAL_NAME.exec(f)![1]));
  return Math.max(0, ...logged, ...files, ...undone) + 1;
}

/** Finishes renames the last process did not, drops staged files of imports that never committed. */
export function finishPendingRenames(dir: string, logged: Map<string, number>): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    const m = /^\.(.+)\.pending$/.exec(f);
    if (m && logged.has(m[1]!) && !existsSync(join(dir, m[1]!))) renameSync(join(dir, f), join(dir, m[1]!));
    else if (m || f.startsWith('.staging-')) rmSync(join(dir, f), { force: true });
  }
}

function fsyncFile(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename in `dir` durable (best effort: some file systems refuse to fsync a folder). */
export function fsyncDir(dir: string) {
  try {
    fsyncFile(dir);
  } catch {
    // not supported here
  }
}

/** The merge's transaction on a DuckDB connection. */
const txOn = (c: DuckDBConnection): Tx => ({
  run: async (sql, params = []) => (await c.run(sql, params as DuckDBValue[])).rowsChanged,
  rows: async (sql, params = []) => (await c.runAndReadAll(sql, params as DuckDBValue[])).getRowObjects(),
});

/** DuckDB's reader of a staged CSV (canonical header) at `path`, a string literal. */
function readStaged(staged: StagedImport, path: string): string {
  const cols = Object.entries(csvColumnTypes(staged.dataset as MetricDatasetName))
    .map(([k, t]) => `'${k}': '${t}'`)
    .join(', ');
  return `read_csv(${path}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', dateformat = '%Y-%m-%d', columns = {${cols}})`;
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Loads the staged CSV into import_stage with DuckDB's CSV reader, then merges it (merge.ts). Call inside a transaction. */
async function mergeMetric(c: DuckDBConnection, staged: StagedImport): Promise<MergeCounts> {
  await c.run(`CREATE OR REPLACE TEMP TABLE import_stage AS SELECT * FROM ${readStaged(staged, '$1')}`, [staged.path]);
  return mergeStagedMetric(txOn(c), staged);
}

/**
 * Writes the journal entry of a staged file whose import left out optional columns (flows without transport) without
 * them, as the file was: a replay (a rebuild, an undo) then reads it as such, and its rows again stand for every value
 * of the column left out (the staged file holds the column's absent value, which would replace only that value's rows).
 */
async function writeAsImported(c: DuckDBConnection, staged: StagedImport, path: string): Promise<void> {
  const cols = columnsOf(staged.dataset as MetricDatasetName).filter((col) => col.absentValue === undefined);
  await c.run(
    `COPY (SELECT ${cols.map((col) => (col.type === 'date' ? `strftime(${col.name}, '%Y-%m-%d') AS ${col.name}` : col.name)).join(', ')}
           FROM ${readStaged(staged, literal(staged.path))}) TO ${literal(path)} (FORMAT csv, HEADER true)`,
  );
}

export interface ApplyOptions {
  dryRun: boolean;
  importsDir: string;
  /** Replaying an existing journal entry: its name (no new journal file). */
  replayOf?: string;
  /** When the import was made (a replay keeps the original time; default now). */
  importedAt?: string;
  /** A dry run: called inside the transaction, after the merge and before the rollback (to read the data as it would be). */
  inspect?: (c: DuckDBConnection) => Promise<void>;
}

/**
 * Runs one import on its own connection: merge in a transaction, log, commit (or roll back for a dry run), then
 * journal. Returns the counts and the import's sequence number.
 */
export async function applyImportOn(c: DuckDBConnection, staged: StagedImport, opts: ApplyOptions): Promise<MergeCounts & { seq: number }> {
  mkdirSync(opts.importsDir, { recursive: true });
  await ensureImportLog(c);
  const seq = opts.replayOf ? Number(JOURNAL_NAME.exec(opts.replayOf)![1]) : await nextSeq(c, opts.importsDir);
  const journal = opts.replayOf ?? journalName(seq, staged.dataset);
  const pending = join(opts.importsDir, pendingName(journal));
  let committed = false;
  try {
    const leftOut = staged.dataset !== 'places' && !staged.hasTransport;
    if (!opts.dryRun && !opts.replayOf) {
      if (leftOut) await writeAsImported(c, staged, pending);
      else renameSync(staged.path, pending);
      fsyncFile(pending);
    }
    const source = opts.dryRun || opts.replayOf || leftOut ? staged : { ...staged, path: pending };
    await c.run('BEGIN TRANSACTION');
    let counts: MergeCounts;
    try {
      counts = staged.dataset === 'places' ? await mergePlaces(txOn(c), source) : await mergeMetric(c, source);
      await c.run(
        `INSERT INTO import_log (seq, dataset, journal, rows, replaced, max_date, imported_at, inserted, added, min_date)
         VALUES ($1, $2, $3, $4, $5, CAST($6 AS DATE), $7, $8, $9, CAST($10 AS DATE))`,
        [
          seq,
          staged.dataset,
          journal,
          staged.rows,
          counts.replaced,
          staged.maxDate,
          opts.importedAt ?? new Date().toISOString(),
          counts.inserted,
          counts.added,
          staged.minDate ?? null,
        ],
      );
      if (opts.dryRun && opts.inspect) await opts.inspect(c);
    } catch (e) {
      await c.run('ROLLBACK');
      throw e;
    }
    if (opts.dryRun) {
      await c.run('ROLLBACK');
      return { ...counts, seq };
    }
    await c.run('COMMIT');
    committed = true;
    if (!opts.replayOf) renameSync(pending, join(opts.importsDir, journal));
    return { ...counts, seq };
  } finally {
    if (!committed || opts.replayOf) rmSync(pending, { force: true });
    rmSync(staged.path, { force: true }); // renamed to the journal entry already, unless it was rewritten or not committed
    await c.run('DROP TABLE IF EXISTS import_stage').catch(() => {});
    await c.run('DROP TABLE IF EXISTS import_keys').catch(() => {});
  }
}
