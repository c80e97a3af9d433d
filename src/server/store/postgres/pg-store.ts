/**
 * The Store over PostgreSQL (DATABASE_URL; optional DATABASE_READ_URL for a streaming replica). Chosen by
 * openStore (../open-store.ts); the embedded DuckDB file stays the default.
 *
 * - Schema: versioned migrations (migrations.ts) at open; data/ loaded on the first start against an empty
 *   database (pg-load.ts), reused afterwards.
 * - Queries: the same portable builders as DuckDB (../sql.ts, ../hotspots-sql.ts, ../cells-sql.ts with PostgreSQL's
 *   record key), as named prepared statements (pg keeps them per connection), on the read pool.
 * - Imports: validated by the same pipeline (../../import/), then streamed with COPY FROM STDIN into a temp table and
 *   merged by the same portable merge (../merge.ts) in one transaction, under an advisory lock shared by every
 *   process: a process killed mid-import leaves the data exactly as before. Each import keeps its before-images in
 *   that transaction; undo puts them back in one transaction (pg-undo.ts, ADR 0022).
 * - Several processes: each LISTENs on `atlas_data`; a committed import NOTIFYs it, and every process reloads its
 *   data version and extent (and the geography, after a places import) at once (their caches are keyed by the data
 *   version).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PlacesResponse, RegionsResponse, RoutesResponse } from '../../../shared/api';
import { columnsOf, pgType, type MetricDatasetName } from '../../../shared/dataset-schema';
import type { CellRecord } from '../../access/published-tables';
import {
  UndoRefusedError,
  type ImportError,
  type DataState,
  type ImportDataset,
  type ImportHistoryEntry,
  type ImportLookups,
  type ImportOutcome,
  type StagedImport,
  type UndoOutcome,
} from '../../import/types';
import type { Log } from '../duckdb/seed';
import { loadDataVersion, loadInfo, loadPlaces, loadRegions, loadRoutes, loadState, type Query } from '../catalogue';
import { buildCellsSql, postgresRecordKey, type CellMetric } from '../cells-sql';
import { aggregate, cellRecordsOf, flowsQueryOf, hotspotCounts, importLookupsOf, importOutcomeOf } from '../answers';
import { num, str, type Row } from '../values';
import { mergePlaces, mergeStagedMetric, type MergeCounts, type Tx } from '../merge';
import { validateCsv } from '../../import/validate-csv';
import { stagePlaces, validatePlacesGeoJson } from '../../import/validate-geojson';
import { journalName } from '../journal-name';
import { beforeImagesOf, dropBeforeImages, keepPlacesBeforeImages, refreshAfterRollBack, rollBack, startUndoKeys, writeImportFile } from './pg-undo';
import { buildAssistanceSql, buildReturnsSql, type PeriodDefaults, type SqlQuery, type SqlQueryWithTotal } from '../sql';
import type { AggregateResult, AssistanceFilter, FlowsFilter, HotspotCounts, HotspotPeriods, ReturnsFilter, Store, StoreImports, StoreInfo } from '../types';
import { migrate } from './migrations';
import { inLockedTransaction } from './pg-transaction';
import { pgSharedState, type SharedStateOptions } from './pg-shared-state';
import type { SharedState } from '../../access/shared-state';
import { loadDataIfEmpty } from './pg-load';

/** The channel a committed import notifies (its payload: the new data version, then ` geography` when places changed). */
export const DATA_CHANNEL = 'atlas_data';
const GEOGRAPHY = 'geography';
const notice = (version: string, geography: boolean) => (geography ? `${version} ${GEOGRAPHY}` : version);
const IMPORT_LOCK = 0x61746c6132;

export interface PgOpenOptions {
  url: string;
  /** A streaming replica for queries (default: the primary). */
  readUrl?: string | null;
  dataDir: string;
  log?: Log;
  /** Connections per pool (default 10). */
  connections?: number;
}

/** Dates stay text (YYYY-MM-DD), as DuckDB's casts give them; BIGINT sums are read as numbers by the callers. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => (oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'))) as never,
};

export class PgStore implements Store, StoreImports {
  readonly engine = 'postgres';
  readonly canUndo = true;
  private listener: pg.Client | null = null;
  private closed = false;
  private readonly statementNames = new Map<string, string>();

  private constructor(
    readonly pool: pg.Pool,
    private readonly readPool: pg.Pool,
    private storeInfo: StoreInfo,
    private geo: { places: PlacesResponse; routes: RoutesResponse; regions: RegionsResponse },
    private readonly opts: PgOpenOptions,
    /** Whether this start loaded data/ into an empty database. */
    readonly loaded: boolean,
  ) {}

  static async open(opts: PgOpenOptions): Promise<PgStore> {
    const max = opts.connections ?? 10;
    const pool = new pg.Pool({ connectionString: opts.url, max, types: TYPES, application_name: 'transit-atlas' });
    pool.on('error', (e) => opts.log?.(`PostgreSQL: idle connection error: ${e.message}`));
    const readPool = opts.readUrl ? new pg.Pool({ connectionString: opts.readUrl, max, types: TYPES, application_name: 'transit-atlas-read' }) : pool;
    if (readPool !== pool) readPool.on('error', (e) => opts.log?.(`PostgreSQL replica: idle connection error: ${e.message}`));
    try {
      await migrate(pool, opts.log);
      const { loaded, fingerprint } = await loadDataIfEmpty(pool, opts.dataDir, opts.log);
      const q = queryOn(pool);
      const info = await loadInfo(q, fingerprint, true);
      const geo = { places: await loadPlaces(q), routes: await loadRoutes(q), regions: await loadRegions(q) };
      const store = new PgStore(pool, readPool, info, geo, opts, loaded);
      await store.listen();
      return store;
    } catch (e) {
      await pool.end().catch(() => {});
      if (readPool !== pool) await readPool.end().catch(() => {});
      throw e;
    }
  }

  get imports(): StoreImports {
    return this;
  }

  info(): StoreInfo {
    return this.storeInfo;
  }

  async ping(): Promise<void> {
    await this.readPool.query('SELECT 1');
  }

  async places() {
    return this.geo.places;
  }
  async routes() {
    return this.geo.routes;
  }
  async regions() {
    return this.geo.regions;
  }

  /**
   * Reloads what the store keeps in memory (info, geography) from the primary. With a replica, the new data version is
   * taken only once the replica has replayed the primary's WAL up to now: answers are cached under the data version,
   * so a replica still behind must never answer for the new one.
   */
  async reload(geography = true): Promise<void> {
    if (this.readPool !== this.pool) await this.replicaCaughtUp();
    const q = queryOn(this.pool);
    const info = await loadInfo(q, this.storeInfo.fingerprint, true);
    // Only a places import changes the geography (places and the routes' monitoring points; regions never change).
    const geo = geography ? { places: await loadPlaces(q), routes: await loadRoutes(q), regions: this.geo.regions } : this.geo;
    this.storeInfo = info;
    this.geo = geo;
  }

  /** Waits (up to 30 s) until the replica has replayed the primary's WAL as it stands now. */
  private async replicaCaughtUp(): Promise<void> {
    const lsn = (await this.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await this.readPool.query<{ ok: boolean | null }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
      // null: the read URL is not a standby (e.g. the primary itself): nothing to wait for.
      if (r.rows[0]?.ok !== false) return;
      if (Date.now() > deadline) {
        this.opts.log?.(`PostgreSQL replica: still behind ${lsn} after 30 s; serving the new data version anyway`);
        return;
      }
      await new Promise((done) => setTimeout(done, 10));
    }
  }

  /** LISTEN for other processes' imports; on a lost connection, reload and listen again. */
  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.opts.url, application_name: 'transit-atlas-listen' });
    const retry = () => {
      if (this.closed || this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => {});
      setTimeout(() => {
        this.listen()
          .then(() => this.reload())
          .catch((e: Error) => this.opts.log?.(`PostgreSQL: listening again failed: ${e.message}`));
      }, 1000).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (n) => {
      const [version, what] = (n.payload ?? '').split(' ');
      if (n.channel !== DATA_CHANNEL || version === this.storeInfo.dataVersion) return;
      this.reload(what === GEOGRAPHY).catch((e: Error) => this.opts.log?.(`PostgreSQL: reloading after an import failed: ${e.message}`));
    });
    await client.connect();
    await client.query(`LISTEN ${DATA_CHANNEL}`);
    this.listener = client;
  }

  private get defaults(): PeriodDefaults {
    return { from: this.storeInfo.dateRange.min, to: this.storeInfo.dateRange.max };
  }

  /** A builder's query as a named prepared statement (parsed and planned once per connection). */
  private async run(query: SqlQuery): Promise<Row[]> {
    let name = this.statementNames.get(query.sql);
    if (!name) {
      name = `q${createHash('sha1').update(query.sql).digest('hex').slice(0, 16)}`;
      this.statementNames.set(query.sql, name);
    }
    return (await this.readPool.query({ name, text: query.sql, values: query.params })).rows;
  }

  async aggregateFlows(q: FlowsFilter): Promise<AggregateResult> {
    return this.aggregate(flowsQueryOf(q, this.defaults), q);
  }
  async aggregateAssistance(q: AssistanceFilter): Promise<AggregateResult> {
    return this.aggregate(buildAssistanceSql(q, this.defaults), q);
  }
  async aggregateReturns(q: ReturnsFilter): Promise<AggregateResult> {
    return this.aggregate(buildReturnsSql(q, this.defaults), q);
  }

  private aggregate(query: SqlQuery | SqlQueryWithTotal, q: { from?: string | undefined; to?: string | undefined; groupBy?: readonly string[] | undefined }) {
    return aggregate((x) => this.run(x), query, q, this.defaults);
  }

  async hotspotCounts(periods: HotspotPeriods, weeklyFrom: string): Promise<HotspotCounts> {
    return hotspotCounts((q) => this.run(q), periods, weeklyFrom);
  }

  async cellRecords(metric: CellMetric, secret: string): Promise<CellRecord[]> {
    const q = buildCellsSql(metric, secret, postgresRecordKey);
    return cellRecordsOf((await this.readPool.query(q.sql, q.params)).rows as Row[]);
  }

  // ---------- imports ----------

  async importLookups(): Promise<ImportLookups> {
    return importLookupsOf(this.storeInfo, this.geo.places);
  }

  stagingPath(dataset: ImportDataset): string {
    const dir = join(tmpdir(), 'transit-atlas-imports');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return join(dir, `.staging-${dataset}-${randomBytes(6).toString('hex')}.${dataset === 'places' ? 'geojson' : 'csv'}`);
  }

  async applyImport(staged: StagedImport, opts: { dryRun: boolean; importedAt?: string }): Promise<ImportOutcome> {
    const before: DataState = { dateRange: this.storeInfo.dateRange, dataAsOf: this.storeInfo.dataset.dataAsOf };
    let after: DataState = before;
    let counts: MergeCounts;
    try {
      // One import (or undo) at a time across every process on this database.
      counts = await inLockedTransaction(
        this.pool,
        IMPORT_LOCK,
        async (c) => {
          // An undone import keeps its number: a later import never takes it (the history would name two imports alike).
          const seq = num(
            (await c.query('SELECT GREATEST((SELECT MAX(seq) FROM import_log), (SELECT MAX(seq) FROM import_undone), 0) + 1 AS seq')).rows[0]?.seq,
          );
          const merged = await mergeKeepingBeforeImages(c, staged, seq);
          await c.query(
            `INSERT INTO import_log (seq, dataset, journal, rows, replaced, max_date, imported_at, inserted, added, min_date, has_transport, before_images)
             VALUES ($1, $2, $3, $4, $5, CAST($6 AS DATE), $7, $8, $9, CAST($10 AS DATE), $11, TRUE)`,
            [
              seq,
              staged.dataset,
              journalName(seq, staged.dataset),
              staged.rows,
              merged.replaced,
              staged.maxDate,
              opts.importedAt ?? new Date().toISOString(),
              merged.inserted,
              merged.added,
              staged.minDate ?? null,
              staged.hasTransport,
            ],
          );
          if (opts.dryRun) after = await loadState(queryOn(c), true);
          else {
            if (staged.dataset === 'flows') for (const t of ['flow_observations', 'flow_daily_point']) await c.query(`ANALYZE ${t}`);
            const version = await loadDataVersion(queryOn(c), this.storeInfo.fingerprint);
            await c.query('SELECT pg_notify($1, $2)', [DATA_CHANNEL, notice(version, staged.dataset === 'places')]);
          }
          return merged;
        },
        { commit: !opts.dryRun },
      );
    } finally {
      await rm(staged.path, { force: true });
    }
    if (!opts.dryRun) {
      await this.reload(staged.dataset === 'places');
      after = { dateRange: this.storeInfo.dateRange, dataAsOf: this.storeInfo.dataset.dataAsOf };
    }
    return importOutcomeOf(staged, counts, this.storeInfo, opts.dryRun, before, after);
  }

  /** Committed imports, newest first: those the data holds (import_log), and those undone (import_undone). */
  async importHistory(): Promise<ImportHistoryEntry[]> {
    const cols = `seq, dataset, journal, rows, replaced, inserted, CAST(min_date AS TEXT) AS min_date, CAST(max_date AS TEXT) AS max_date, imported_at`;
    const rows = (
      await this.pool.query(`SELECT ${cols}, NULL AS undone_at FROM import_log UNION ALL SELECT ${cols}, undone_at FROM import_undone ORDER BY seq DESC`)
    ).rows as Row[];
    return rows.map((r) => ({
      id: num(r.seq),
      dataset: str(r.dataset) as ImportDataset,
      journal: str(r.journal),
      importedAt: str(r.imported_at),
      rows: num(r.rows),
      replaced: num(r.replaced),
      inserted: r.inserted === null ? null : num(r.inserted),
      dateRange: r.max_date ? { min: str(r.min_date ?? r.max_date), max: str(r.max_date) } : null,
      undone: r.undone_at !== null,
      undoneAt: r.undone_at === null ? null : str(r.undone_at),
    }));
  }

  /**
   * Undoes import `id` in one transaction (pg-undo.ts): the imports from the latest down to `id` rolled back from their
   * before-images, `id` moved to import_undone, the later ones applied again in order through the same validation
   * (one that no longer stands without `id` refuses the undo, 409, naming it), the rollups refreshed, the data version
   * notified to every process. The data is then exactly as if import `id` had never been made.
   */
  async undoImport(id: number): Promise<UndoOutcome> {
    const files: string[] = [];
    let undone: { entry: Row; geography: boolean };
    try {
      undone = await inLockedTransaction(this.pool, IMPORT_LOCK, (c) => this.undoIn(c, id, files));
    } finally {
      for (const f of files) await rm(f, { force: true });
    }
    await this.reload(undone.geography);
    const info = this.storeInfo;
    return {
      id,
      dataset: str(undone.entry.dataset) as ImportDataset,
      journal: str(undone.entry.journal),
      dataVersion: info.dataVersion,
      dataAsOf: info.dataset.dataAsOf,
      dateRange: info.dateRange,
      generation: info.generation,
    };
  }

  /** undoImport's transaction (under the import lock); the files it writes are listed in `files` for the caller to remove. */
  private async undoIn(c: pg.PoolClient, id: number, files: string[]): Promise<{ entry: Row; geography: boolean }> {
    const log = (await c.query(`SELECT seq, dataset, journal, has_transport, before_images FROM import_log WHERE seq >= $1 ORDER BY seq DESC`, [id]))
      .rows as Row[];
    const entry = log.find((r) => num(r.seq) === id);
    if (!entry) {
      if ((await c.query('SELECT 1 FROM import_undone WHERE seq = $1', [id])).rows.length > 0)
        throw new UndoRefusedError(409, `Import ${id} has already been undone`);
      throw new UndoRefusedError(404, `There is no import ${id}`);
    }
    const without = log.filter((r) => r.before_images !== true).map((r) => str(r.journal));
    if (without.length > 0) {
      throw new UndoRefusedError(
        409,
        `Import ${id} cannot be undone: ${without.reverse().join(', ')} ${without.length > 1 ? 'were' : 'was'} imported before this database kept what each import replaces (schema migration 3). Import a corrected file instead (rows with the same key replace the stored ones).`,
      );
    }
    const datasetOf = (r: Row) => str(r.dataset) as ImportDataset;
    const tx = txOn(c);
    // The later imports' files, written again from the rows they wrote, before their before-images go.
    const later: Array<{ row: Row; path: string }> = [];
    for (const row of log.filter((r) => num(r.seq) !== id).reverse()) {
      const path = this.stagingPath(datasetOf(row));
      files.push(path);
      await writeImportFile(c, num(row.seq), datasetOf(row), { hasTransport: row.has_transport !== false, path });
      later.push({ row, path });
    }
    // Newest first: each import finds the data exactly as it left it.
    await startUndoKeys(tx);
    let regionsChanged = false;
    for (const r of log) {
      if ((await rollBack(tx, num(r.seq), datasetOf(r))).regionsChanged) regionsChanged = true;
      await dropBeforeImages(tx, num(r.seq));
    }
    await refreshAfterRollBack(tx, regionsChanged);
    await c.query('INSERT INTO import_undone SELECT l.*, $2 FROM import_log l WHERE seq = $1', [id, new Date().toISOString()]);
    await c.query('DELETE FROM import_log WHERE seq = $1', [id]);
    // The later ones again, in order, through the same validation against the data as it now stands.
    for (const { row, path } of later) {
      const q = queryOn(c);
      const lookups = importLookupsOf(await loadInfo(q, this.storeInfo.fingerprint, true), await loadPlaces(q));
      const stagePath = this.stagingPath(datasetOf(row));
      files.push(stagePath);
      const staged = await revalidate(datasetOf(row), path, lookups, stagePath);
      if ('errors' in staged) {
        throw new UndoRefusedError(
          409,
          `Import ${id} cannot be undone on its own: the later import ${str(row.journal)} no longer validates without it: ${staged.errors}. Undo that one first.`,
        );
      }
      const counts = await mergeKeepingBeforeImages(c, staged, num(row.seq));
      await c.query('UPDATE import_log SET rows = $2, replaced = $3, inserted = $4, added = $5 WHERE seq = $1', [
        num(row.seq),
        staged.rows,
        counts.replaced,
        counts.inserted,
        counts.added,
      ]);
    }
    const geography = log.some((r) => r.dataset === 'places');
    const version = await loadDataVersion(queryOn(c), this.storeInfo.fingerprint);
    await c.query('SELECT pg_notify($1, $2)', [DATA_CHANNEL, notice(version, geography)]);
    return { entry, geography };
  }

  sharedState(opts: SharedStateOptions = {}): SharedState {
    return pgSharedState(this.pool, opts);
  }

  async close(): Promise<void> {
    this.closed = true;
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => {});
    await this.pool.end();
    if (this.readPool !== this.pool) await this.readPool.end();
  }
}

/** The catalogue's Query on a pool or a client. */
const queryOn =
  (c: pg.Pool | pg.PoolClient): Query =>
  async (sql) =>
    (await c.query(sql)).rows as Row[];

/** The merge's transaction on a client. */
const txOn = (c: pg.PoolClient): Tx => ({
  run: async (sql, params = []) => (await c.query(sql, params as unknown[])).rowCount ?? 0,
  rows: async (sql, params = []) => (await c.query(sql, params as unknown[])).rows as Row[],
});

/** Merges `staged` as import `seq` in the client's transaction, keeping its before-images (pg-undo.ts). */
async function mergeKeepingBeforeImages(c: pg.PoolClient, staged: StagedImport, seq: number): Promise<MergeCounts> {
  const tx = txOn(c);
  if (staged.dataset === 'places') {
    await keepPlacesBeforeImages(tx, seq, await readFile(staged.path, 'utf8'));
    return mergePlaces(tx, staged);
  }
  await stageCsv(c, staged);
  return mergeStagedMetric(tx, staged, beforeImagesOf(seq));
}

/** Validates an import's file again against the data as it stands (an undo applies the later imports again). */
async function revalidate(dataset: ImportDataset, path: string, lookups: ImportLookups, stagePath: string): Promise<StagedImport | { errors: string }> {
  const said = (errors: ImportError[]) =>
    errors
      .slice(0, 3)
      .map((e) => `${e.line ? `line ${e.line}, ` : ''}${e.field}: ${e.message}`)
      .join('; ');
  if (dataset === 'places') {
    const v = validatePlacesGeoJson(await readFile(path, 'utf8'), lookups);
    return v.errorCount === 0 ? stagePlaces(stagePath, v.features) : { errors: said(v.errors) };
  }
  const v = await validateCsv(dataset, createReadStream(path), lookups, { stagePath });
  return v.staged ?? { errors: said(v.errors) };
}

/** Streams the staged CSV (canonical header) into the temp table import_stage with COPY FROM STDIN. */
async function stageCsv(c: pg.PoolClient, staged: StagedImport): Promise<void> {
  const cols = columnsOf(staged.dataset as MetricDatasetName);
  const types = cols.map((col) => `${col.name} ${pgType(col)}`);
  await c.query('DROP TABLE IF EXISTS import_stage');
  await c.query(`CREATE TEMP TABLE import_stage (${types.join(', ')}) ON COMMIT DROP`);
  const into = c.query(copyFrom(`COPY import_stage (${cols.map((col) => col.name).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`));
  await pipeline(createReadStream(staged.path), into);
  // Temp tables are never auto-analysed: without statistics the planner guesses a few rows, and the merge's
  // DELETE … USING a million staged rows took 54 s instead of 6 (1 M rows re-imported, measured 2026-12-04).
  await c.query('ANALYZE import_stage');
}
