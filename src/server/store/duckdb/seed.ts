/**
 * Builds the DuckDB file from data/.
 *
 * On open: if the database file is missing, unreadable, or records a different data fingerprint
 * (SHA-256 of the data files' bytes), a fresh database is built into a temporary file in the same
 * directory and renamed over the old one only when complete. A failed build leaves the old file intact.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readSync, closeSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { placesResponse, regionsResponse, routesResponse } from '../../../shared/api';
import {
  columnsOf,
  csvColumnTypes,
  csvHeader,
  DATASET_SCHEMA,
  METRIC_DATASETS,
  placeColumn,
  storedColumns,
  type MetricDatasetName,
} from '../../../shared/dataset-schema';
import { ISO3_PATTERN } from '../../../shared/enums';
import { datasetFile } from '../dataset-file';
import { INSERT_PLACE, placeValues } from '../place-row';

export { datasetFile };
import { FLOW_ROLLUPS } from '../sql';

/** Bump when the schema or the loading rules change: a new version forces a rebuild. */
export const SCHEMA_VERSION = '4';

/** The files a database is built from, in fingerprint order. */
export const DATA_FILES = {
  places: 'places.geojson',
  routes: 'routes.geojson',
  regions: 'niger-admin1.geojson',
  countries: 'countries.csv',
  flows: 'flows.csv',
  assistance: 'assistance.csv',
  returns: 'returns.csv',
  dataset: 'dataset.json',
} as const;

/** The CSV files' headers; the metric datasets' come from src/shared/dataset-schema.ts. */
export const CSV_HEADERS = {
  countries: 'iso3,name,name_fr,capital,lon,lat,source',
  flows: csvHeader('flows'),
  assistance: csvHeader('assistance'),
  returns: csvHeader('returns'),
} as const;

/** The order each metric table is stored in (its most common lookups read few row groups). */
const STORED_ORDER: Record<MetricDatasetName, string> = {
  flows: 'point_id, date',
  assistance: 'centre_id, date',
  returns: 'destination_iso3, date',
};

export class DataBuildError extends Error {
  override name = 'DataBuildError';
}

export type Log = (line: string) => void;

export interface EnsureResult {
  built: boolean;
  fingerprint: string;
}

/** SHA-256 over the data files (name, length and bytes of each) and the schema version. */
export function fingerprintData(dataDir: string): string {
  const h = createHash('sha256');
  h.update(`transit-atlas schema ${SCHEMA_VERSION}\n`);
  for (const name of Object.values(DATA_FILES)) {
    const path = join(dataDir, name);
    if (!existsSync(path)) {
      const hint = ['flows.csv', 'assistance.csv', 'returns.csv', 'dataset.json'].includes(name) ? ' (run `npm run data:generate`)' : '';
      throw new DataBuildError(`Data file missing: ${path}${hint}`);
    }
    // Streamed in 1 MiB chunks: a benchmark-size flows.csv (500 MB+) is never held in memory.
    const size = statSync(path).size;
    h.update(`${name}\0${size}\0`);
    const fd = openSync(path, 'r');
    try {
      const chunk = Buffer.alloc(1 << 20);
      for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) h.update(chunk.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }
  return h.digest('hex');
}

/** The fingerprint recorded in an existing database, or null when there is none or it cannot be read. */
export async function readRecordedFingerprint(dbPath: string): Promise<string | null> {
  if (!existsSync(dbPath)) return null;
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  try {
    instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
    conn = await instance.connect();
    const r = await conn.runAndReadAll(`SELECT value FROM dataset_meta WHERE key = 'fingerprint'`);
    const v = r.getRows()[0]?.[0];
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  } finally {
    conn?.closeSync();
    instance?.closeSync();
  }
}

/** Makes sure dbPath holds a database built from dataDir's current files (`force`: build it again regardless). */
export async function ensureDatabase(opts: { dataDir: string; dbPath: string; log?: Log; force?: boolean }): Promise<EnsureResult> {
  const log = opts.log ?? (() => {});
  const fingerprint = fingerprintData(opts.dataDir);
  const recorded = await readRecordedFingerprint(opts.dbPath);
  if (recorded === fingerprint && !opts.force) {
    log(`Using database ${opts.dbPath} (data unchanged, version ${fingerprint.slice(0, 12)})`);
    return { built: false, fingerprint };
  }
  log(
    recorded === null
      ? `Building database ${opts.dbPath} from ${opts.dataDir} …`
      : recorded === fingerprint
        ? `Rebuilding database ${opts.dbPath} from ${opts.dataDir} …`
        : `Data in ${opts.dataDir} changed: rebuilding database ${opts.dbPath} …`,
  );
  const started = Date.now();
  mkdirSync(dirname(opts.dbPath), { recursive: true });
  const tmp = join(dirname(opts.dbPath), `.${basename(opts.dbPath)}.building-${process.pid}-${Date.now()}`);
  try {
    const counts = await buildDatabase(opts.dataDir, tmp, fingerprint);
    rmSync(`${opts.dbPath}.wal`, { force: true });
    renameSync(tmp, opts.dbPath);
    log(
      `Built database in ${Date.now() - started} ms: ${counts.flows} flow rows, ${counts.assistance} assistance rows, ` +
        `${counts.returns} return rows (version ${fingerprint.slice(0, 12)})`,
    );
    return { built: true, fingerprint };
  } catch (err) {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
    const msg = err instanceof Error ? err.message : String(err);
    throw new DataBuildError(
      `Could not build the database from ${opts.dataDir}: ${msg}` + (existsSync(opts.dbPath) ? ` (the existing ${opts.dbPath} was left untouched)` : ''),
    );
  }
}

function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return text.split(/\r?\n/)[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${basename(path)} is not valid JSON: ${(e as Error).message}`);
  }
}

function parseWith<T>(schema: z.core.$ZodType<T>, value: unknown, file: string): T {
  const r = z.safeParse(schema, value);
  if (!r.success) {
    const first = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${file} does not match the expected shape: ${first.join('; ')}`);
  }
  return r.data;
}

function csvSource(path: string, columns: Record<string, string>): string {
  const cols = Object.entries(columns)
    .map(([k, t]) => `'${k}': '${t}'`)
    .join(', ');
  // The path travels as a parameter ($1); the column map is a constant (of this module, or the dataset schema's).
  return `read_csv($1, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', dateformat = '%Y-%m-%d', columns = {${cols}})`;
}

async function all(conn: DuckDBConnection, sql: string, params: DuckDBValue[] = []): Promise<Record<string, DuckDBValue>[]> {
  const r = await conn.runAndReadAll(sql, params);
  return r.getRowObjects();
}

async function distinct(conn: DuckDBConnection, table: string, col: string): Promise<string[]> {
  const rows = await all(conn, `SELECT DISTINCT ${col} AS v FROM ${table} WHERE ${col} IS NOT NULL ORDER BY 1`);
  return rows.map((r) => String(r.v));
}

function expectValues(file: string, column: string, values: string[], ok: (v: string) => boolean, what: string) {
  const bad = values.filter((v) => !ok(v));
  if (bad.length > 0) {
    const shown = bad
      .slice(0, 5)
      .map((v) => `'${v}'`)
      .join(', ');
    throw new Error(`${file}: column ${column} has ${bad.length} unknown value(s) ${shown}${bad.length > 5 ? ' …' : ''}; expected ${what}`);
  }
}

async function loadMetricCsv(conn: DuckDBConnection, dataDir: string, key: MetricDatasetName): Promise<void> {
  const file = DATA_FILES[key];
  const path = join(dataDir, file);
  const header = firstLine(path);
  if (header !== CSV_HEADERS[key]) {
    throw new Error(`${file}: header must be '${CSV_HEADERS[key]}' but is '${header}'`);
  }
  try {
    await conn.run(`CREATE TEMP TABLE staging_${key} AS SELECT * FROM ${csvSource(path, csvColumnTypes(key))}`, [path]);
  } catch (e) {
    throw new Error(`${file} could not be read: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`);
  }
  const cols = columnsOf(key).map((c) => c.name);
  const nulls = await all(conn, `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM staging_${key} WHERE ${cols.map((c) => `${c} IS NULL`).join(' OR ')}`);
  if (Number(nulls[0]?.n) > 0) throw new Error(`${file}: ${nulls[0]?.n} row(s) have an empty value`);
  const neg = await all(conn, `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM staging_${key} WHERE count < 0`);
  if (Number(neg[0]?.n) > 0) throw new Error(`${file}: ${neg[0]?.n} row(s) have a negative count`);
}

/** Checks that every id in `table.col` is a place of an allowed kind that lies in a Niger region. */
async function expectPlaces(conn: DuckDBConnection, file: string, table: string, col: string, kinds: readonly string[]) {
  const rows = await all(
    conn,
    `SELECT DISTINCT s.${col} AS id, p.kind AS kind, p.admin1_pcode AS pcode FROM ${table} s LEFT JOIN places p ON p.id = s.${col} ORDER BY 1`,
  );
  const missing = rows.filter((r) => r.kind === null).map((r) => String(r.id));
  expectValues(file, col, missing, () => false, 'ids of places in places.geojson');
  const wrongKind = rows.filter((r) => !kinds.includes(String(r.kind))).map((r) => String(r.id));
  expectValues(file, col, wrongKind, () => false, `places of kind ${kinds.join(' or ')}`);
  const noRegion = rows.filter((r) => r.pcode === null).map((r) => String(r.id));
  expectValues(file, col, noRegion, () => false, 'places with an admin1Pcode (in Niger)');
}

/** Checks every column of a staged metric file against the dataset schema: places, enums, country codes. */
async function expectMetricValues(conn: DuckDBConnection, key: MetricDatasetName) {
  const file = DATA_FILES[key];
  const table = `staging_${key}`;
  for (const c of columnsOf(key)) {
    if (c.placeKinds) await expectPlaces(conn, file, table, c.name, c.placeKinds);
    else if (c.values) {
      const values = c.values;
      expectValues(file, c.name, await distinct(conn, table, c.name), (v) => values.includes(v), values.join('|'));
    } else if (c.country) expectValues(file, c.name, await distinct(conn, table, c.name), (v) => ISO3_PATTERN.test(v), 'ISO 3166-1 alpha-3 codes');
  }
}

/** Stores a checked metric file as its table (columns from the dataset schema; flows and assistance with their place's region). */
async function storeMetric(conn: DuckDBConnection, key: MetricDatasetName) {
  const schema = DATASET_SCHEMA[key];
  const select = storedColumns(key)
    .map((c) => `${c.from} AS ${c.name}`)
    .join(', ');
  const join = schema.region ? ` JOIN places p ON p.id = s.${placeColumn(key).name}` : '';
  await conn.run(`CREATE TABLE ${schema.table} AS SELECT ${select} FROM staging_${key} s${join} ORDER BY ${STORED_ORDER[key]}`);
}

/** Builds a complete database at `path`. Returns row counts. */
export async function buildDatabase(dataDir: string, path: string, fingerprint: string) {
  const places = parseWith(placesResponse, readJson(join(dataDir, DATA_FILES.places)), DATA_FILES.places);
  const routes = parseWith(routesResponse, readJson(join(dataDir, DATA_FILES.routes)), DATA_FILES.routes);
  const regions = parseWith(regionsResponse, readJson(join(dataDir, DATA_FILES.regions)), DATA_FILES.regions);
  const dataset = parseWith(datasetFile, readJson(join(dataDir, DATA_FILES.dataset)), DATA_FILES.dataset);

  const placeIds = new Set<string>();
  for (const f of places.features) {
    if (placeIds.has(f.properties.id)) throw new Error(`${DATA_FILES.places}: duplicate place id '${f.properties.id}'`);
    placeIds.add(f.properties.id);
  }
  const routeIds = new Set(routes.features.map((f) => f.properties.id));
  if (routeIds.size !== routes.features.length) throw new Error(`${DATA_FILES.routes}: duplicate route id`);
  const pcodes = new Set(regions.features.map((f) => f.properties.pcode));
  for (const f of places.features) {
    const p = f.properties;
    if (p.admin1Pcode !== null && !pcodes.has(p.admin1Pcode)) {
      throw new Error(`${DATA_FILES.places}: place '${p.id}' has admin1Pcode '${p.admin1Pcode}', not a region in ${DATA_FILES.regions}`);
    }
    for (const r of p.routes) {
      if (!routeIds.has(r)) throw new Error(`${DATA_FILES.places}: place '${p.id}' observes unknown route '${r}'`);
    }
  }
  for (const f of routes.features) {
    for (const id of f.properties.monitoredBy) {
      if (!placeIds.has(id)) throw new Error(`${DATA_FILES.routes}: route '${f.properties.id}' is monitored by unknown place '${id}'`);
    }
  }

  const countriesPath = join(dataDir, DATA_FILES.countries);
  if (firstLine(countriesPath) !== CSV_HEADERS.countries) {
    throw new Error(`${DATA_FILES.countries}: header must be '${CSV_HEADERS.countries}'`);
  }

  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    await conn.run(`CREATE TABLE places (
      id VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, country_iso3 VARCHAR NOT NULL,
      admin1_pcode VARCHAR, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, capacity INTEGER,
      active_from DATE, active_to DATE, source VARCHAR NOT NULL, ord INTEGER NOT NULL)`);
    const placeRows = places.features.map((f, i) => ({ f, i })).sort((a, b) => a.f.properties.id.localeCompare(b.f.properties.id));
    for (const { f, i } of placeRows) {
      await conn.run(INSERT_PLACE, placeValues(f, i));
    }

    await conn.run(`CREATE TABLE point_routes (point_id VARCHAR NOT NULL, route_id VARCHAR NOT NULL)`);
    const pairs = new Set<string>();
    for (const f of places.features) for (const r of f.properties.routes) pairs.add(`${f.properties.id}\t${r}`);
    for (const f of routes.features) for (const p of f.properties.monitoredBy) pairs.add(`${p}\t${f.properties.id}`);
    for (const pair of [...pairs].sort()) {
      const [pointId, routeId] = pair.split('\t');
      await conn.run(`INSERT INTO point_routes VALUES ($1, $2)`, [pointId ?? '', routeId ?? '']);
    }

    await conn.run(`CREATE TABLE routes (
      id VARCHAR NOT NULL, name VARCHAR NOT NULL, corridor VARCHAR NOT NULL, waypoints_json VARCHAR NOT NULL,
      length_km DOUBLE NOT NULL, monitored_by_json VARCHAR NOT NULL, geometry_json VARCHAR NOT NULL, ord INTEGER NOT NULL)`);
    for (const [i, f] of routes.features.entries()) {
      const p = f.properties;
      await conn.run(`INSERT INTO routes VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        p.id,
        p.name,
        p.corridor,
        JSON.stringify(p.waypoints),
        p.lengthKm,
        JSON.stringify(p.monitoredBy),
        JSON.stringify(f.geometry),
        i,
      ]);
    }

    await conn.run(
      `CREATE TABLE regions (pcode VARCHAR NOT NULL, iso3166_2 VARCHAR NOT NULL, name VARCHAR NOT NULL, geometry_json VARCHAR NOT NULL, ord INTEGER NOT NULL)`,
    );
    for (const [i, f] of regions.features.entries()) {
      const p = f.properties;
      await conn.run(`INSERT INTO regions VALUES ($1, $2, $3, $4, $5)`, [p.pcode, p.iso3166_2, p.name, JSON.stringify(f.geometry), i]);
    }

    try {
      await conn.run(
        `CREATE TABLE countries AS SELECT * FROM ${csvSource(countriesPath, {
          iso3: 'VARCHAR',
          name: 'VARCHAR',
          name_fr: 'VARCHAR',
          capital: 'VARCHAR',
          lon: 'DOUBLE',
          lat: 'DOUBLE',
          source: 'VARCHAR',
        })} ORDER BY iso3`,
        [countriesPath],
      );
    } catch (e) {
      throw new Error(`${DATA_FILES.countries} could not be read: ${(e as Error).message.split('\n')[0]}`);
    }
    expectValues(DATA_FILES.countries, 'iso3', await distinct(conn, 'countries', 'iso3'), (v) => ISO3_PATTERN.test(v), 'ISO 3166-1 alpha-3 codes');

    // ---- metrics: staged, checked, then stored sorted by their lookup keys (columns: src/shared/dataset-schema.ts) ----
    for (const key of METRIC_DATASETS) {
      await loadMetricCsv(conn, dataDir, key);
      await expectMetricValues(conn, key);
      await storeMetric(conn, key);
      if (key !== 'flows') continue;
      // Rollups for the common map queries (sql.ts picks one when a query needs none of the detail it drops).
      for (const r of FLOW_ROLLUPS) {
        const cols = r.columns.join(', ');
        await conn.run(
          `CREATE TABLE ${r.table} AS SELECT ${cols}, CAST(SUM(count) AS INTEGER) AS count FROM flow_observations GROUP BY ${cols} ORDER BY date, point_id`,
        );
      }
    }

    const counts = { flows: 0, assistance: 0, returns: 0 };
    for (const k of METRIC_DATASETS) {
      const r = await all(conn, `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${DATASET_SCHEMA[k].table}`);
      counts[k] = Number(r[0]?.n ?? 0);
    }

    await conn.run(`CREATE TABLE dataset_meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL)`);
    const meta: Array<[string, string]> = [
      ['fingerprint', fingerprint],
      ['schema_version', SCHEMA_VERSION],
      ['dataset_json', JSON.stringify(dataset)],
      ['built_at', new Date().toISOString()],
    ];
    for (const [k, v] of meta) await conn.run(`INSERT INTO dataset_meta VALUES ($1, $2)`, [k, v]);
    for (const t of METRIC_DATASETS) await conn.run(`DROP TABLE staging_${t}`);
    await conn.run('CHECKPOINT');
    return counts;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export { INSERT_PLACE, placeValues };
