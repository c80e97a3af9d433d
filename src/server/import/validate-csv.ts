/**
 * Streams a CSV import file through the parser and checks every row; writes the valid rows, normalised, to the
 * staging file. Any error means nothing is staged (the file is removed) and the caller writes nothing.
 *
 * Formats: the dataset's columns in order (src/shared/dataset-schema.ts), an optional column (flows: transport)
 * also left out or moved last. With a row of HXL hashtags (`#date,#loc+name,…,#affected+num`) — under the text
 * header, above it, or alone — the columns are found by their hashtags instead (src/shared/hxl.ts matchHxlColumns:
 * any order, any case, other columns ignored), and a `#loc+name` column names places by name. Each value is checked
 * by its column's type in the schema.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import { DATE_PATTERN, isDate } from '../../shared/calendar';
import { columnsOf, importHeaders, type Column } from '../../shared/dataset-schema';
import { datasetCountKind, hxlTagOf, isHashtagRow, matchHxlColumns, normalisePlaceName } from '../../shared/hxl';
import { ISO3_PATTERN, type PlaceKind } from '../../shared/enums';
import { CsvParser } from './csv-parser';
import { dateOutsideWindow, TEXT_LIMITS, tooLong } from './limits';
import type { DateWindow, ImportError, ImportLookups, MetricDataset, StagedImport } from './types';

export const MAX_REPORTED_ERRORS = 100;
/** Counts are stored as 32-bit integers. */
export const MAX_COUNT = 2_147_483_647;

/** The headers accepted per dataset (src/shared/dataset-schema.ts); the first is the canonical (staged, journaled) form. */
export const CSV_IMPORT_HEADERS: Readonly<Record<MetricDataset, readonly (readonly string[])[]>> = {
  flows: importHeaders('flows'),
  assistance: importHeaders('assistance'),
  returns: importHeaders('returns'),
};

export class ImportTooLargeError extends Error {
  override name = 'ImportTooLargeError';
  constructor(readonly limit: number) {
    super(`The file is larger than the import limit of ${limit} bytes`);
  }
}

export interface CsvValidation {
  rows: number;
  errorCount: number;
  /** The first MAX_REPORTED_ERRORS errors, by line. */
  errors: ImportError[];
  staged: StagedImport | null;
  hxl: boolean;
}

const KIND_NAMES: Record<PlaceKind, string> = {
  office: 'an office',
  transit_centre: 'a transit centre',
  monitoring_point: 'a monitoring point',
  hub: 'a hub',
  border_crossing: 'a border crossing',
};

type Check = (v: string) => string | null;

function enumCheck(values: readonly string[]): Check {
  const set = new Set(values);
  const list = values.join(', ');
  return (v) => {
    if (set.has(v)) return null;
    if (v === '') return 'is empty';
    const guess = closest(v, values);
    return `'${clip(v)}' is not one of ${list}${guess ? ` (did you mean '${guess}'?)` : ''}`;
  };
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate a careless value most likely meant: the same text in another case, a candidate it begins (`Arlit` →
 * `arlit-fmp`), or one within a third of its length in edits. Null when none is close enough, or two are.
 */
export function closest(value: string, candidates: Iterable<string>): string | null {
  const v = value.trim().toLowerCase();
  if (v.length === 0 || v.length > 60) return null;
  const all = [...candidates];
  const exact = all.filter((c) => c.toLowerCase() === v);
  if (exact.length === 1) return exact[0]!;
  const prefixed = all.filter((c) => c.toLowerCase().startsWith(`${v}-`) || c.toLowerCase().startsWith(`${v}_`));
  if (prefixed.length === 1) return prefixed[0]!;
  const scored = all.map((c) => ({ c, d: distance(v, c.toLowerCase()) })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  if (!best || best.d > Math.max(1, Math.floor(v.length / 3))) return null;
  return scored[1] && scored[1].d === best.d ? null : best.c;
}

const clip = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max)}…` : s);

function dateCheck(window: DateWindow | undefined): Check {
  const seen = new Map<string, string | null>();
  return (v) => {
    const hit = seen.get(v);
    if (hit !== undefined) return hit;
    let msg: string | null = null;
    if (!DATE_PATTERN.test(v)) msg = v === '' ? 'is empty' : `'${clip(v)}' is not a date written YYYY-MM-DD`;
    else if (!isDate(v)) msg = `'${v}' is not a real calendar date`;
    else if (window) msg = dateOutsideWindow(v, window);
    if (seen.size < 100_000) seen.set(v, msg);
    return msg;
  };
}

function placeCheck(lookups: ImportLookups, kinds: readonly PlaceKind[]): Check {
  const what = kinds.map((k) => KIND_NAMES[k]).join(' or ');
  return (v) => {
    if (v === '') return 'is empty';
    const p = lookups.places.get(v);
    if (!p) {
      const guess = closest(
        v,
        [...lookups.places].filter(([, x]) => kinds.includes(x.kind)).map(([id]) => id),
      );
      return guess
        ? `'${clip(v)}' is not a known place id: did you mean '${guess}'?`
        : `'${clip(v)}' is not a known place id (import it with the places first)`;
    }
    if (!kinds.includes(p.kind)) return `'${v}' is ${KIND_NAMES[p.kind]}, not ${what}`;
    if (p.region === null) return `'${v}' has no Niger region (admin1Pcode), so its counts cannot be mapped`;
    return null;
  };
}

function countryCheck(lookups: ImportLookups): Check {
  return (v) => {
    if (v === '') return 'is empty';
    if (!ISO3_PATTERN.test(v)) return `'${clip(v)}' is not an ISO 3166-1 alpha-3 code in capitals (e.g. NGA)`;
    if (!lookups.countries.has(v)) return `'${v}' is not in the countries table (data/countries.csv)`;
    return null;
  };
}

const countCheck: Check = (v) => {
  if (!/^\d+$/.test(v)) return v === '' ? 'is empty' : `'${clip(v)}' is not a whole number of 0 or more`;
  if (v.length > 10 || Number(v) > MAX_COUNT) return `'${clip(v)}' is too large (at most ${MAX_COUNT})`;
  return null;
};

/** The check of each column, by its type in the dataset schema. */
function checksFor(dataset: MetricDataset, lookups: ImportLookups): Record<string, Check> {
  const date = dateCheck(lookups.dateWindow);
  const checkOf = (c: Column): Check => {
    if (c.type === 'date') return date;
    if (c.type === 'integer') return countCheck;
    if (c.values) return enumCheck(c.values);
    if (c.placeKinds) return placeCheck(lookups, c.placeKinds);
    if (c.country) return countryCheck(lookups);
    return (v) => (v === '' ? 'is empty' : null);
  };
  return Object.fromEntries(columnsOf(dataset).map((c) => [c.name, checkOf(c)]));
}

/**
 * A `#loc+name` column: the place's name (any case, accents or not, without its "(FMP)"-like note), or its id with
 * or without the kind suffix (`Arlit` → `arlit-tc` among transit centres) → its id; a key two places share is no
 * key. An id passes as itself; an unknown name is left as it is, for the place check to refuse with its "did you mean".
 */
export function placeNameResolver(lookups: ImportLookups, kinds: readonly PlaceKind[]): (v: string) => string {
  const byName = new Map<string, string | null>();
  for (const [id, p] of lookups.places) {
    if (!kinds.includes(p.kind)) continue;
    // The id, the name, and the id without its kind suffix (`arlit-tc` → "arlit").
    const keys = [id, id.replace(/-[a-z0-9]+$/, ''), ...(p.name ? [p.name] : [])].map(normalisePlaceName);
    for (const key of new Set(keys)) {
      const had = byName.get(key);
      byName.set(key, had === undefined || had === id ? id : null); // null: two places share the name
    }
  }
  return (v) => {
    if (lookups.places.has(v)) return v;
    const id = byName.get(normalisePlaceName(v));
    return id ?? v;
  };
}

/** The check of a `#loc+name` value left unresolved by placeNameResolver: "did you mean" by name. */
function placeNameCheck(lookups: ImportLookups, kinds: readonly PlaceKind[], byId: Check): Check {
  const names = new Map<string, string>();
  for (const [id, p] of lookups.places) if (kinds.includes(p.kind) && p.name) names.set(p.name, id);
  const what = kinds.map((k) => KIND_NAMES[k]).join(' or ');
  return (v) => {
    if (v === '' || lookups.places.has(v)) return byId(v);
    const guess = closest(
      v,
      [...names.keys()].map((n) => n.replace(/\s*\([^)]*\)\s*/g, ' ').trim()),
    );
    const id = guess ? [...names].find(([n]) => n.replace(/\s*\([^)]*\)\s*/g, ' ').trim() === guess)?.[1] : undefined;
    return `'${clip(v)}' is not the name of ${what}${id ? `: did you mean '${guess}' (${id})?` : ' known to the map (import it with the places first)'}`;
  };
}

/** Whether a row under a hashtag row is the text header (hashtag first, then header): its date and count are not data. */
const looksLikeHeader = (fields: readonly string[], dateAt: number, countAt: number) =>
  !/^\d/.test(fields[dateAt]?.trim() ?? '') && !/^\d+$/.test(fields[countAt]?.trim() ?? '');

/** Writes text in large batches. */
class BatchWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fh: FileHandle) {}
  add(line: string) {
    this.parts.push(line);
    this.size += line.length;
  }
  get full(): boolean {
    return this.size >= 1 << 20;
  }
  async flush() {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.fh.write(text);
  }
}

/**
 * What is wrong with a header, in words naming the column: a file separated by semicolons or tabs (French Excel), a
 * column the dataset does not have (with the one it most likely meant), a column missing, or the right columns in
 * another order. '' when none of these explains it.
 */
export function headerProblem(header: readonly string[], canonical: readonly string[], optional: readonly string[] = []): string {
  if (header.length === 1) {
    const only = header[0] ?? '';
    if (only.includes(';')) return ': the file is separated by semicolons (;); save it as "CSV UTF-8 (comma delimited)" or replace the semicolons by commas';
    if (only.includes('\t')) return ': the file is separated by tabs; save it as "CSV UTF-8 (comma delimited)"';
  }
  const known = new Set(canonical);
  const parts: string[] = [];
  const unknown = header.filter((h) => !known.has(h));
  for (const u of unknown.slice(0, 5)) {
    const guess = closest(
      u,
      canonical.filter((c) => !header.includes(c)),
    );
    parts.push(`unknown column '${clip(u)}'${guess ? ` (did you mean '${guess}'?)` : ''}`);
  }
  const missing = canonical.filter((c) => !header.includes(c) && !optional.includes(c));
  if (missing.length > 0) parts.push(`missing ${missing.map((m) => `'${m}'`).join(', ')}`);
  if (parts.length === 0 && header.length === canonical.length) parts.push(`columns out of place: write them in the order ${canonical.join(',')}`);
  return parts.length > 0 ? ` — ${parts.join('; ')}` : '';
}

/** Chunks of a file: a stream (any async iterable) or, in tests, an array of strings. */
export type ImportInput = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** The input's iterator, to be read by hand (see validateCsv). */
export function iteratorOf(input: ImportInput): AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string> {
  return Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
}

export interface ValidateOptions {
  /** Where to write the normalised rows; null validates only. */
  stagePath: string | null;
  /** Bytes accepted before ImportTooLargeError. */
  maxBytes?: number;
}

/** Validates a CSV import. Throws ImportTooLargeError past maxBytes (the staging file removed). */
export async function validateCsv(dataset: MetricDataset, input: ImportInput, lookups: ImportLookups, opts: ValidateOptions): Promise<CsvValidation> {
  const parser = new CsvParser();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const checks = checksFor(dataset, lookups);
  const errors: ImportError[] = [];
  let errorCount = 0;
  const report = (e: ImportError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  const fh = opts.stagePath ? await open(opts.stagePath, 'w') : null;
  const out = fh ? new BatchWriter(fh) : null;
  const canonical = CSV_IMPORT_HEADERS[dataset][0]!;
  /** What a column left out of the file holds (the schema's absentValue). */
  const absent = columnsOf(dataset).map((c) => c.absentValue ?? '');
  const optionalColumns = columnsOf(dataset)
    .filter((c) => c.absentValue !== undefined)
    .map((c) => c.name);
  let columns: string[] | null = null;
  let order: number[] = []; // canonical column i ← input field order[i]
  let hasTransport = true;
  let records = 0;
  let rows = 0;
  let hxl = false;
  let maxDate: string | null = null;
  let minDate: string | null = null;
  let bytes = 0;
  let stop = false;
  let notText = false;
  const keys = new Map<string, number>();
  const keyCols: number[] = []; // canonical indices forming the natural key (the schema's key columns the file has)

  const columnDefs = columnsOf(dataset);
  /** Per canonical column, a function turning the file's value into what is checked (a place name → its id). */
  let convert: ((v: string) => string)[] = [];
  /** Per canonical column, its check (a `#loc+name` column's says "did you mean" by name). */
  const colChecks: Check[] = canonical.map((c) => checks[c]!);
  /** The first record, when it is not a hashtag row: the text header, unless a hashtag row follows it. */
  let pendingHeader: { line: number; fields: string[] } | null = null;
  let ready = false;
  /** The hashtag row came first: the next row may be the text header. */
  let headerMayFollow = false;
  /** The last of the file's columns read (an HXL file's rows may stop after it). */
  let lastSource = 0;

  const startColumns = (source: number[], width: number) => {
    order = source;
    lastSource = Math.max(...source);
    columns = new Array<string>(width).fill('');
    hasTransport = order.every((src) => src >= 0);
    columnDefs.forEach((c, i) => {
      if (c.key && order[i]! >= 0) keyCols.push(i);
    });
    if (out) out.add(`${canonical.join(',')}\n`);
    ready = true;
  };

  /** The columns by the file's hashtag row (HXL); false (reported) when it cannot be read. */
  const setupHxl = (line: number, tagRow: string[]): boolean => {
    hxl = true;
    const m = matchHxlColumns(canonical, datasetCountKind(dataset), tagRow, optionalColumns);
    if (m.problems.length > 0) {
      const tags = tagRow.map((c) => c.trim()).filter((c) => c !== '');
      const expected = canonical.map((c) => `${hxlTagOf(c, datasetCountKind(dataset))}${optionalColumns.includes(c) ? ' (optional)' : ''}`);
      report({
        line,
        field: 'hxl',
        message: `the HXL hashtag row '${clip(tags.join(','), 120)}' cannot be read — ${m.problems.join('; ')} (the hashtags read: ${expected.join(', ')})`,
      });
      return false;
    }
    startColumns(m.source, tagRow.length);
    convert = columnDefs.map((c, i) => (m.byName[i] && c.placeKinds ? placeNameResolver(lookups, c.placeKinds) : (v: string) => v));
    columnDefs.forEach((c, i) => {
      if (m.byName[i] && c.placeKinds) colChecks[i] = placeNameCheck(lookups, c.placeKinds, colChecks[i]!);
    });
    return true;
  };

  /** The columns by the text header; false (reported) when it is not one of the accepted headers. */
  const setupText = (line: number, fields: string[], quiet = false): boolean => {
    const header = fields.map((f) => f.trim());
    const match = CSV_IMPORT_HEADERS[dataset].find((h) => h.length === header.length && h.every((c, i) => c === header[i]));
    if (!match && quiet) return false;
    if (!match) {
      const forms = CSV_IMPORT_HEADERS[dataset].map((h) => h.join(',')).join("' or '");
      report({
        line,
        field: 'header',
        message: `must be '${forms}' but is '${clip(header.join(','), 120)}'${headerProblem(header, canonical, optionalColumns)}`,
      });
      return false;
    }
    // A file without an optional column (flows: transport) has rows standing for every value of it (hasTransport).
    startColumns(
      canonical.map((c) => match.indexOf(c)),
      match.length,
    );
    convert = columnDefs.map(() => (v: string) => v);
    return true;
  };

  const onRecord = (line: number, fields: string[]) => {
    records++;
    if (!ready) {
      if (records === 1) {
        if (isHashtagRow(fields)) {
          if (setupHxl(line, fields)) headerMayFollow = true;
          else stop = true;
        } else pendingHeader = { line, fields };
        return;
      }
      // The second record: a hashtag row under the text header, or the first data row.
      const header = pendingHeader!;
      pendingHeader = null;
      if (isHashtagRow(fields)) {
        // Our own header with any hashtag row under it reads as always; another header is read by its hashtags.
        if (setupText(header.line, header.fields, true)) hxl = true;
        else if (!setupHxl(line, fields)) stop = true;
        return;
      }
      if (!setupText(header.line, header.fields)) {
        stop = true;
        return;
      }
    }
    if (headerMayFollow) {
      headerMayFollow = false;
      if (looksLikeHeader(fields, order[0]!, order[order.length - 1]!)) return;
    }
    // A row of empty cells (Excel leaves `,,,,` lines after the data) is a blank line.
    if (fields.every((f) => f.trim() === '')) return;
    rows++;
    const cols = columns!;
    if (fields.length !== cols.length && !(hxl && fields.length > lastSource)) {
      report({ line, field: 'row', message: `has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${cols.length}` });
      return;
    }
    const values: string[] = new Array<string>(canonical.length);
    let bad = false;
    for (let i = 0; i < canonical.length; i++) {
      const src = order[i]!;
      const name = canonical[i]!;
      if (src < 0) {
        values[i] = absent[i]!; // flows without a transport column: see hasTransport
        continue;
      }
      const v = convert[i]!(fields[src]!.trim());
      if (v.length > TEXT_LIMITS.csvField) {
        report({ line, field: name, message: tooLong(v.length, TEXT_LIMITS.csvField) });
        bad = true;
        values[i] = '';
        continue;
      }
      const msg = colChecks[i]!(v);
      if (msg !== null) {
        report({ line, field: name, message: msg });
        bad = true;
      }
      values[i] = v;
    }
    if (bad) return;
    let key = '';
    for (const i of keyCols) key += `${values[i]}\u001f`;
    const first = keys.get(key);
    if (first !== undefined) {
      report({ line, field: 'row', message: `repeats the key (${keyCols.map((i) => canonical[i]).join(', ')}) of line ${first}` });
      return;
    }
    keys.set(key, line);
    const date = values[0]!;
    if (maxDate === null || date > maxDate) maxDate = date;
    if (minDate === null || date < minDate) minDate = date;
    if (out && errorCount === 0) out.add(`${values.join(',')}\n`);
  };

  const drain = async (recs: { line: number; fields: string[] }[]) => {
    for (const e of parser.takeErrors()) report({ line: e.line, field: 'row', message: e.message });
    for (const r of recs) {
      if (stop) return;
      onRecord(r.line, r.fields);
    }
    if (out?.full) await out.flush();
  };

  try {
    try {
      // Read by hand: leaving the loop early must not destroy the source (an HTTP request then still gets its answer).
      const it = iteratorOf(input);
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const chunk = r.value;
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
        if (opts.maxBytes !== undefined && bytes > opts.maxBytes) throw new ImportTooLargeError(opts.maxBytes);
        const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
        await drain(parser.push(text));
        if (stop) break;
      }
      if (!stop) {
        const tail = decoder.decode();
        await drain([...(tail ? parser.push(tail) : []), ...parser.end()]);
      }
    } catch (e) {
      if (e instanceof TypeError && /encod|decod/i.test(e.message)) {
        report({ line: parser.currentLine, field: 'file', message: 'is not UTF-8 text (save the spreadsheet as "CSV UTF-8")' });
        notText = true;
      } else throw e;
    }
    // A file of a text header alone: is it a header at all?
    const leftover = pendingHeader as { line: number; fields: string[] } | null; // set by onRecord
    if (!ready && leftover && !stop && !notText) setupText(leftover.line, leftover.fields);
    // A file that is not UTF-8 gets that one error, not also "empty" or "no rows".
    if (!notText && records === 0) report({ line: 1, field: 'header', message: `is missing: the file is empty (expected '${canonical.join(',')}')` });
    else if (!notText && rows === 0 && errorCount === 0) report({ line: records + 1, field: 'row', message: 'the file has a header but no rows' });
    if (out) await out.flush();
  } catch (e) {
    await fh?.close();
    if (opts.stagePath) await rm(opts.stagePath, { force: true });
    throw e;
  }
  await fh?.close();
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (errorCount > 0 || !opts.stagePath) {
    if (opts.stagePath) await rm(opts.stagePath, { force: true });
    return { rows, errorCount, errors, staged: null, hxl };
  }
  return { rows, errorCount, errors, hxl, staged: { dataset, path: opts.stagePath, rows, hasTransport, maxDate, minDate } };
}
