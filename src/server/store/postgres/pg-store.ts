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
 *   process: a process killed mid-import leaves the data exactly as before. Undo is not available on this engine
 *   (declared: `canUndo` false; the answer says why).
 * - Several processes: each LISTENs on `atlas_data`; a committed import NOTIFYs it, and every process reloads its
 *   data version, extent and geography at once (their caches are keyed by the data version).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PlacesResponse, RegionsResponse, RoutesResponse } from '../../../shared/api';
import { columnsOf, type MetricDatasetName } from '../../../shared/dataset-schema';
import type { CellRecord } from '../../access/published-tables';
import { extentWarnings } from '../../import/limits';
import {
  ImportsUnavailableError,
  UndoRefusedError,
  type DataState,
  type ImportDataset,
  type ImportHistoryEntry,
  type ImportLookups,
  type ImportOutcome,
  type StagedImport,
  type UndoOutcome,
} from '../../import/types';
import type { Log } from '../duckdb/seed';
import { loadInfo, loadPlaces, loadRegions, loadRoutes, loadState, type Query } from '../catalogue';
import { buildCellsSql, postgresRecordKey, type CellMetric } from '../cells-sql';
import { buildHotspotAssistedSql, buildHotspotFlowsSql, buildHotspotWeeklySql } from '../hotspots-sql';
import { mergePlaces, mergeStagedMetric, type MergeCounts, type Tx } from '../merge';
import {
  buildAssistanceSql,
  buildFlowsSql,
  buildFlowsSqlWithTotal,
  buildReturnsSql,
  groupingDuplicatesRows,
  type PeriodDefaults,
  type SqlQuery,
  type SqlQueryWithTotal,
} from '../sql';
import type {
  AggregateCell,
  AggregateResult,
  AssistanceFilter,
  FlowsFilter,
  HotspotCounts,
  HotspotPeriods,
  ReturnsFilter,
  Store,
  StoreImports,
  StoreInfo,
} from '../types';
import { migrate } from './migrations';
import { pgSharedState, type SharedStateOptions } from './pg-shared-state';
import type { SharedState } from '../../access/shared-state';
import { loadDataIfEmpty } from './pg-load';

/** The channel a committed import notifies (its payload: the new data version). */
export const DATA_CHANNEL = 'atlas_data';
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

type Row = Record<string, unknown>;
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => Number(v ?? 0);

/** Dates stay text (YYYY-MM-DD), as DuckDB's casts give them; BIGINT sums are read as numbers by the callers. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => (oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'))) as never,
};

const PG_TYPE: Record<string, string> = { DATE: 'DATE', INTEGER: 'BIGINT', VARCHAR: 'TEXT' };

export class PgStore implements Store, StoreImports {
  readonly engine = 'postgres';
  readonly canUndo = false;
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
  async reload(): Promise<void> {
    if (this.readPool !== this.pool) await this.replicaCaughtUp();
    const q = queryOn(this.pool);
    const info = await loadInfo(q, this.storeInfo.fingerprint, true);
    const geo = { places: await loadPlaces(q), routes: await loadRoutes(q), regions: await loadRegions(q) };
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
      if (n.channel !== DATA_CHANNEL || n.payload === this.storeInfo.dataVersion) return;
      this.reload().catch((e: Error) => this.opts.log?.(`PostgreSQL: reloading after an import failed: ${e.message}`));
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
    if (groupingDuplicatesRows(q.groupBy)) return this.aggregate(buildFlowsSqlWithTotal(q, this.defaults), q);
    return this.aggregate(buildFlowsSql(q, this.defaults), q);
  }
  async aggregateAssistance(q: AssistanceFilter): Promise<AggregateResult> {
    return this.aggregate(buildAssistanceSql(q, this.defaults), q);
  }
  async aggregateReturns(q: ReturnsFilter): Promise<AggregateResult> {
    return this.aggregate(buildReturnsSql(q, this.defaults), q);
  }

  private async aggregate(
    query: SqlQuery | SqlQueryWithTotal,
    q: { from?: string | undefined; to?: string | undefined; groupBy?: readonly string[] | undefined },
  ): Promise<AggregateResult> {
    const groupBy = [...(q.groupBy ?? [])];
    let rows = await this.run(query);
    let total: number | null = null;
    if ('totalRow' in query) {
      total = num(rows.find((r) => num(r.__total) === 1)?.count ?? 0);
      rows = rows.filter((r) => num(r.__total) !== 1);
    }
    const cells: AggregateCell[] = rows.map((r) => {
      const cell: Record<string, string | number> = {};
      for (const g of groupBy) cell[g] = str(r[g]);
      cell.count = num(r.count);
      return cell as AggregateCell;
    });
    total ??= cells.reduce((s, c) => s + (c.count ?? 0), 0);
    return { groupBy, rows: cells, total, from: q.from ?? this.defaults.from, to: q.to ?? this.defaults.to };
  }

  async hotspotCounts(periods: HotspotPeriods, weeklyFrom: string): Promise<HotspotCounts> {
    const [flowRows, weeklyRows, assistedRows] = await Promise.all([
      this.run(buildHotspotFlowsSql(periods)),
      this.run(buildHotspotWeeklySql(weeklyFrom, periods.to)),
      this.run(buildHotspotAssistedSql(periods)),
    ]);
    return {
      flows: flowRows.map((r) => ({ region: str(r.region), flows: num(r.flows), previous: num(r.previous) })),
      weekly: weeklyRows.map((r) => ({ region: str(r.region), week: str(r.week), count: num(r.count) })),
      assisted: assistedRows.map((r) => ({ region: str(r.region), count: num(r.count) })),
    };
  }

  async cellRecords(metric: CellMetric, secret: string): Promise<CellRecord[]> {
    const q = buildCellsSql(metric, secret, postgresRecordKey);
    const rows = (await this.readPool.query(q.sql, q.params)).rows as Row[];
    return rows.map((r) => ({
      grain: str(r.grain) === 'year' ? ('year' as const) : ('month' as const),
      start: str(r.start),
      place: str(r.place),
      region: strOrNull(r.region),
      attr: str(r.attr),
      value: str(r.value),
      count: num(r.count),
      keySum: num(r.key_sum),
    }));
  }

  // ---------- imports ----------

  async importLookups(): Promise<ImportLookups> {
    return {
      places: new Map(
        this.geo.places.features.map((f) => [f.properties.id, { kind: f.properties.kind, region: f.properties.admin1Pcode, name: f.properties.name }]),
      ),
      countries: new Set(this.storeInfo.countries.map((c) => c.iso3)),
      routes: new Set(this.storeInfo.dictionaries.routes),
      regions: new Set(this.storeInfo.dictionaries.regions),
      dataExtent: this.storeInfo.dateRange,
    };
  }

  stagingPath(dataset: ImportDataset): string {
    const dir = join(tmpdir(), 'transit-atlas-imports');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return join(dir, `.staging-${dataset}-${randomBytes(6).toString('hex')}.${dataset === 'places' ? 'geojson' : 'csv'}`);
  }

  async applyImport(staged: StagedImport, opts: { dryRun: boolean; importedAt?: string }): Promise<ImportOutcome> {
    const before: DataState = { dateRange: this.storeInfo.dateRange, dataAsOf: this.storeInfo.dataset.dataAsOf };
    let after: DataState = before;
    const c = await this.pool.connect();
    let counts: MergeCounts;
    try {
      await c.query('BEGIN');
      try {
        // One import at a time across every process on this database.
        await c.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
        const seq = num((await c.query('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM import_log')).rows[0]?.seq);
        const tx = txOn(c);
        if (staged.dataset === 'places') counts = await mergePlaces(tx, staged);
        else {
          await stageCsv(c, staged);
          counts = await mergeStagedMetric(tx, staged);
        }
        const journal = `${String(seq).padStart(6, '0')}-${staged.dataset}.${staged.dataset === 'places' ? 'geojson' : 'csv'}`;
        await c.query(
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
        if (opts.dryRun) {
          after = await loadState(queryOn(c), true);
          await c.query('ROLLBACK');
        } else {
          if (staged.dataset === 'flows') for (const t of ['flow_observations', 'flow_daily_point']) await c.query(`ANALYZE ${t}`);
          const version = (await loadInfo(queryOn(c), this.storeInfo.fingerprint, true)).dataVersion;
          await c.query('SELECT pg_notify($1, $2)', [DATA_CHANNEL, version]);
          await c.query('COMMIT');
        }
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    } finally {
      c.release();
      await import('node:fs/promises').then((fs) => fs.rm(staged.path, { force: true }));
    }
    if (!opts.dryRun) {
      await this.reload();
      after = { dateRange: this.storeInfo.dateRange, dataAsOf: this.storeInfo.dataset.dataAsOf };
    }
    const info = this.storeInfo;
    return {
      dataset: staged.dataset,
      dryRun: opts.dryRun,
      rows: staged.rows,
      replaced: counts.replaced,
      inserted: counts.inserted,
      dataVersion: info.dataVersion,
      dataAsOf: info.dataset.dataAsOf,
      dateRange: info.dateRange,
      generation: info.generation,
      added: counts.added,
      fileDateRange: staged.maxDate ? { min: staged.minDate ?? staged.maxDate, max: staged.maxDate } : null,
      before,
      after,
      dataAsOfMoves: after.dataAsOf !== before.dataAsOf,
      warnings: extentWarnings(before, after),
    };
  }

  async importHistory(): Promise<ImportHistoryEntry[]> {
    const rows = (
      await this.pool.query(
        `SELECT seq, dataset, journal, rows, replaced, inserted, CAST(min_date AS TEXT) AS min_date, CAST(max_date AS TEXT) AS max_date, imported_at
         FROM import_log ORDER BY seq DESC`,
      )
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
      undone: false,
      undoneAt: null,
    }));
  }

  async undoImport(id: number): Promise<UndoOutcome> {
    const known = (await this.pool.query('SELECT 1 FROM import_log WHERE seq = $1', [id])).rows.length > 0;
    if (!known) throw new UndoRefusedError(404, `There is no import ${id}`);
    throw new ImportsUnavailableError(
      'Undo is not available on PostgreSQL yet: the embedded DuckDB store rebuilds its file without the import, which has no PostgreSQL counterpart here. Import a corrected file instead (rows with the same key replace the stored ones).',
    );
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

/** Streams the staged CSV (canonical header) into the temp table import_stage with COPY FROM STDIN. */
async function stageCsv(c: pg.PoolClient, staged: StagedImport): Promise<void> {
  const cols = columnsOf(staged.dataset as MetricDatasetName);
  const types = cols.map((col) => `${col.name} ${PG_TYPE[col.type === 'date' ? 'DATE' : col.type === 'integer' ? 'INTEGER' : 'VARCHAR']}`);
  await c.query('DROP TABLE IF EXISTS import_stage');
  await c.query(`CREATE TEMP TABLE import_stage (${types.join(', ')}) ON COMMIT DROP`);
  const into = c.query(copyFrom(`COPY import_stage (${cols.map((col) => col.name).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`));
  await pipeline(createReadStream(staged.path), into);
}
