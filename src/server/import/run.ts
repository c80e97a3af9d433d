/**
 * One import, start to end — the code path shared by the HTTP endpoints and `npm run import`:
 * stream + validate every row → staged, normalised file → the store merges it in one transaction (rolled back for a
 * dry run) → on commit the staged file becomes the journal entry. Imports into one store run one at a time.
 */
import { ImportTooLargeError, iteratorOf, validateCsv, type ImportInput } from './validate-csv';
import { stagePlaces, validatePlacesGeoJson } from './validate-geojson';
import { importDateWindow, type ImportDateSettings } from './limits';
import type { ImportDataset, ImportError, ImportHistoryEntry, ImportLookups, ImportOutcome, ImportTarget, UndoOutcome, UndoTarget } from './types';

export const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;
/** GeoJSON is parsed whole: a smaller cap. */
export const DEFAULT_GEOJSON_MAX_BYTES = 20 * 1024 * 1024;

export type ImportResult =
  { ok: true; outcome: ImportOutcome } | { ok: false; dataset: ImportDataset; rows: number; errorCount: number; errors: ImportError[] };

export interface RunImportOptions {
  dryRun: boolean;
  /** CSV byte limit (default 200 MB). */
  maxBytes?: number;
  /** GeoJSON byte limit (default 20 MB, and never above maxBytes). */
  geoJsonMaxBytes?: number;
  /** The plausible-date window (default: data start − 1 year … today + 31 days); `false`: any real date. */
  dates?: ImportDateSettings | false;
}

/** The server's import settings (config.ts: IMPORT_MAX_BYTES, IMPORT_DATE_MIN, IMPORT_MAX_DAYS_AHEAD). */
export interface ImportSettings {
  /** Byte limit of one file (default 200 MB). */
  maxBytes?: number;
  /** The plausible-date window (default: data start − 1 year … today + 31 days). */
  dates?: ImportDateSettings;
}

/** The lookups with the date window of this import. */
function withDateWindow(lookups: ImportLookups, dates: ImportDateSettings | false | undefined): ImportLookups {
  if (dates === false || !lookups.dataExtent) return lookups;
  return { ...lookups, dateWindow: importDateWindow(lookups.dataExtent.min, dates) };
}

const queues = new WeakMap<ImportTarget, Promise<unknown>>();

/** Runs `fn` after the target's previous import has finished. */
function exclusive<T>(target: ImportTarget, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(target) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  queues.set(
    target,
    next.catch(() => {}),
  );
  return next;
}

async function readAll(input: ImportInput, max: number): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  const it = iteratorOf(input); // by hand: stopping early must not destroy the source (see validate-csv.ts)
  for (let r = await it.next(); !r.done; r = await it.next()) {
    const chunk = r.value;
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    n += b.length;
    if (n > max) throw new ImportTooLargeError(max);
    parts.push(b);
  }
  return Buffer.concat(parts).toString('utf8');
}

export function runImport(target: ImportTarget, dataset: ImportDataset, input: ImportInput, opts: RunImportOptions): Promise<ImportResult> {
  return exclusive(target, async () => {
    const lookups = withDateWindow(await target.importLookups(), opts.dates);
    const maxBytes = opts.maxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
    if (dataset === 'places') {
      const limit = Math.min(opts.geoJsonMaxBytes ?? DEFAULT_GEOJSON_MAX_BYTES, maxBytes);
      const v = validatePlacesGeoJson(await readAll(input, limit), lookups);
      if (v.errorCount > 0) return { ok: false, dataset, rows: v.rows, errorCount: v.errorCount, errors: v.errors };
      const staged = await stagePlaces(target.stagingPath(dataset), v.features);
      return { ok: true, outcome: await target.applyImport(staged, { dryRun: opts.dryRun }) };
    }
    const v = await validateCsv(dataset, input, lookups, { stagePath: target.stagingPath(dataset), maxBytes });
    if (!v.staged) return { ok: false, dataset, rows: v.rows, errorCount: v.errorCount, errors: v.errors };
    return { ok: true, outcome: await target.applyImport(v.staged, { dryRun: opts.dryRun }) };
  });
}

/** Undoes import `id`, after any import under way (imports and undos of one store run one at a time). */
export function runUndo(target: UndoTarget, id: number): Promise<UndoOutcome> {
  return exclusive(target, () => target.undoImport(id));
}

/** The import history, newest first (committed state: an import under way shows once committed). */
export function listImports(target: UndoTarget): Promise<ImportHistoryEntry[]> {
  return target.importHistory();
}

/** A one-paragraph text report (the CLI's output). */
export function formatReport(r: ImportResult, file: string): string {
  if (r.ok) {
    const o = r.outcome;
    const head = o.dryRun ? `${file}: valid — ${o.rows} ${o.dataset} rows (dry run: nothing written)` : `${file}: imported ${o.rows} ${o.dataset} rows`;
    return [
      head,
      `  ${o.dryRun ? 'would replace' : 'replaced'} ${o.replaced} stored row(s), ${o.dryRun ? 'would write' : 'wrote'} ${o.inserted}`,
      ...(o.dryRun && o.after
        ? [`  would make the data ${o.after.dateRange.min} … ${o.after.dateRange.max}, data as of ${o.after.dataAsOf}${o.dataAsOfMoves ? ' (moves)' : ''}`]
        : []),
      `  data as of ${o.dataAsOf}, dates ${o.dateRange.min} … ${o.dateRange.max}, data version ${o.dataVersion}`,
      ...(o.warnings ?? []).map((w) => `  warning: ${w.message}`),
    ].join('\n');
  }
  const lines = [`${file}: ${r.errorCount} error(s) in ${r.rows} ${r.dataset} row(s); nothing was written`];
  for (const e of r.errors) lines.push(`  ${e.line !== undefined ? `line ${e.line}` : ''}${e.line !== undefined ? ', ' : ''}${e.field}: ${e.message}`);
  if (r.errorCount > r.errors.length) lines.push(`  … and ${r.errorCount - r.errors.length} more`);
  return lines.join('\n');
}
