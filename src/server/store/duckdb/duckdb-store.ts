/**
 * The Store implemented over an embedded DuckDB file. Opened read-write by default so that admins can import data
 * (import/ and duckdb-import.ts): one DuckDB instance per process, reads on the pool's connections, each import on
 * its own connection (MVCC: reads go on during an import and see it only once committed). `readOnly: true` opens
 * the file read-only (other processes may then read it too) and refuses imports.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBValue } from '@duckdb/node-api';
import type { PlacesResponse, RegionsResponse, RoutesResponse } from '../../../shared/api';
import { ensureDatabase, fingerprintData, type Log } from './seed';
import { loadInfo, loadPlaces, loadRegions, loadRoutes, loadState, type Query } from '../catalogue';

export { dataVersionOf } from '../catalogue';
import { buildAssistanceSql, buildReturnsSql, type PeriodDefaults, type SqlQuery, type SqlQueryWithTotal } from '../sql';
import { buildCellsSql, type CellMetric } from '../cells-sql';
import type { CellRecord } from '../../access/published-tables';
import type { AggregateResult, AssistanceFilter, FlowsFilter, HotspotCounts, HotspotPeriods, ReturnsFilter, Store, StoreImports, StoreInfo } from '../types';
import {
  applyImportOn,
  ensureImportLog,
  finishPendingRenames,
  fsyncDir,
  importLogRows,
  journalEntries,
  loggedJournals,
  moveToUndone,
  tableExists,
  UNDONE_DIR,
  undoneRecords,
} from './duckdb-import';
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
import { aggregate, cellRecordsOf, flowsQueryOf, hotspotCounts, importLookupsOf, importOutcomeOf } from '../answers';
import { replayJournalEntry } from '../../import/journal-replay';

type Row = Record<string, DuckDBValue>;

/**
 * A few connections handed out one query at a time. `swap` replaces them all (an undo swaps the database file): new
 * queries wait, the running ones finish, then the new connections serve everyone waiting.
 */
class ConnectionPool {
  private idle: DuckDBConnection[] = [];
  private waiting: Array<(c: DuckDBConnection) => void> = [];
  private paused = false;
  private drained: (() => void) | null = null;
  constructor(private all: DuckDBConnection[]) {
    this.idle = [...all];
  }
  async use<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const free = this.paused ? undefined : this.idle.pop();
    const conn = free ?? (await new Promise<DuckDBConnection>((resolve) => this.waiting.push(resolve)));
    try {
      return await fn(conn);
    } finally {
      this.release(conn);
    }
  }
  private release(conn: DuckDBConnection) {
    const next = this.paused ? undefined : this.waiting.shift();
    if (next) return next(conn);
    this.idle.push(conn);
    if (this.paused && this.idle.length === this.all.length) this.drained?.();
  }
  /** Waits for the running queries, then `replace` closes the old connections and returns the new ones. */
  async swap(replace: (old: DuckDBConnection[]) => Promise<DuckDBConnection[]>): Promise<void> {
    this.paused = true;
    try {
      if (this.idle.length < this.all.length) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      const fresh = await replace(this.all);
      this.all = fresh;
      this.idle = [...fresh];
    } finally {
      this.paused = false;
      while (this.waiting.length > 0 && this.idle.length > 0) this.waiting.shift()!(this.idle.pop()!);
    }
  }
  closeAll() {
    for (const c of this.all) c.closeSync();
  }
}

/**
 * Prepared statements kept per pooled connection, keyed by SQL text. The builders (sql.ts, hotspots-sql.ts) write the
 * same text for the same query shape and pass every value as a parameter, so a dashboard's queries reuse a handful of
 * statements: parsing, binding and planning the text once per connection instead of on every request. A connection
 * is used by one query at a time (ConnectionPool), so is its statement. Bounded (least recently used out); cleared
 * after an import commits (the tables may have been rebuilt).
 */
export class PreparedCache {
  private byConn = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();
  constructor(private readonly perConnection = 64) {}

  async rows(conn: DuckDBConnection, query: SqlQuery): Promise<Row[]> {
    let cache = this.byConn.get(conn);
    if (!cache) this.byConn.set(conn, (cache = new Map()));
    let stmt = cache.get(query.sql);
    if (stmt) cache.delete(query.sql);
    else stmt = await conn.prepare(query.sql);
    cache.set(query.sql, stmt);
    if (cache.size > this.perConnection) {
      const oldest = cache.keys().next().value!;
      cache.get(oldest)?.destroySync();
      cache.delete(oldest);
    }
    if (query.params.length > 0) stmt.bind(query.params);
    else stmt.clearBindings();
    return (await stmt.runAndReadAll()).getRowObjects();
  }

  /** Forgets every statement (they are destroyed with their connection or when collected). */
  clear() {
    this.byConn = new WeakMap();
  }
}

/** The catalogue's Query on a DuckDB connection. */
const queryOn =
  (c: DuckDBConnection): Query =>
  async (sql) =>
    (await c.runAndReadAll(sql)).getRowObjects();

export interface OpenOptions {
  dataDir: string;
  dbPath: string;
  log?: Log;
  /** Connections kept open for concurrent queries (default 4). */
  connections?: number;
  /** Open the file read-only: no imports (default false). */
  readOnly?: boolean;
  /** The import journal (default: `imports/` beside the database file). */
  importsDir?: string;
  /** How the journal is replayed into a fresh database (an undo rebuilds one without the undone entry). */
  replay?: ReplayOptions;
}

export interface ReplayOptions {
  /** Journal entries left out. */
  exclude?: ReadonlySet<string>;
  /** When each entry was imported (default: its file's time). */
  importedAt?: ReadonlyMap<string, string>;
  /** Finish interrupted renames and drop stale staged files in the journal (default true; false for a side build). */
  tidy?: boolean;
}

export class DuckDbStore implements Store, StoreImports {
  readonly engine = 'duckdb';
  readonly canUndo = true;
  private constructor(
    private instance: DuckDBInstance,
    private readonly pool: ConnectionPool,
    private storeInfo: StoreInfo,
    private geo: { places: PlacesResponse; routes: RoutesResponse; regions: RegionsResponse },
    private readonly opts: { readOnly: boolean; importsDir: string; dataDir: string; dbPath: string; connections: number },
    /** Whether opening the store (re)built the database file from data/. */
    readonly built: boolean,
  ) {}

  /** Imports, unless the file was opened read-only. */
  get imports(): StoreImports | null {
    return this.opts.readOnly ? null : this;
  }

  async ping(): Promise<void> {
    await this.pool.use((c) => c.run('SELECT 1'));
  }

  private readonly prepared = new PreparedCache();
  /** Runs a builder's query on a pooled connection through its prepared statement. */
  private run(query: SqlQuery): Promise<Row[]> {
    return this.pool.use((c) => this.prepared.rows(c, query));
  }

  /**
   * Builds the database if needed (see seed.ts), opens it (read-write unless `readOnly`) and brings it in step with
   * the import journal. A database holding an import the journal has undone (in `undone/`) is rebuilt from data/ and
   * the journal replayed.
   */
  static async open(opts: OpenOptions): Promise<DuckDbStore> {
    const readOnly = opts.readOnly ?? false;
    const importsDir = opts.importsDir ?? join(dirname(opts.dbPath), 'imports');
    for (let attempt = 0; ; attempt++) {
      const { built, fingerprint } = await ensureDatabase({ ...opts, force: attempt > 0 });
      // One DuckDB thread per query: the dashboard sends many small queries at once, which then run side by side on
      // the pool's connections instead of each splitting across the cores (more requests per second, lower p99; bench/).
      const instance = await DuckDBInstance.create(opts.dbPath, { access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE', threads: '1' });
      const conns: DuckDBConnection[] = [];
      try {
        const connections = opts.connections ?? 4;
        for (let i = 0; i < connections; i++) conns.push(await instance.connect());
        const first = conns[0]!;
        const info = await loadInfo(queryOn(first), fingerprint, await tableExists(first, 'import_log'));
        const geo = { places: await loadPlaces(queryOn(first)), routes: await loadRoutes(queryOn(first)), regions: await loadRegions(queryOn(first)) };
        const store = new DuckDbStore(
          instance,
          new ConnectionPool(conns),
          info,
          geo,
          {
            readOnly,
            importsDir,
            dataDir: opts.dataDir,
            dbPath: opts.dbPath,
            connections,
          },
          built,
        );
        if (!readOnly) {
          const orphans = await store.reconcileJournal(opts.log, opts.replay);
          if (orphans.length > 0) {
            if (attempt > 0) throw new Error(`The rebuilt database still holds imports the journal does not have: ${orphans.join(', ')}`);
            opts.log?.(`The database holds import(s) undone in ${importsDir} (${orphans.join(', ')}): rebuilding it from ${opts.dataDir} …`);
            await store.close();
            continue;
          }
        } else {
          const logged = await loggedJournals(first);
          const unapplied = journalEntries(store.importsDir).filter((f) => !logged.has(f));
          if (unapplied.length > 0) {
            opts.log?.(`Warning: ${unapplied.length} import(s) in ${store.importsDir} are not in this database; open it read-write once to replay them.`);
          }
          const undone = journalEntries(join(store.importsDir, UNDONE_DIR)).filter((f) => logged.has(f));
          if (undone.length > 0) {
            opts.log?.(`Warning: this database still holds undone import(s) ${undone.join(', ')}; open it read-write once to rebuild it without them.`);
          }
        }
        return store;
      } catch (e) {
        for (const c of conns) c.closeSync();
        instance.closeSync();
        throw e;
      }
    }
  }

  info(): StoreInfo {
    return this.storeInfo;
  }

  // ---------- imports ----------

  get importsDir(): string {
    return this.opts.importsDir;
  }

  async importLookups(): Promise<ImportLookups> {
    this.assertWritable();
    return importLookupsOf(this.storeInfo, this.geo.places);
  }

  stagingPath(dataset: ImportDataset): string {
    mkdirSync(this.opts.importsDir, { recursive: true });
    return join(this.opts.importsDir, `.staging-${dataset}-${randomBytes(6).toString('hex')}.${dataset === 'places' ? 'geojson' : 'csv'}`);
  }

  async applyImport(staged: StagedImport, opts: { dryRun: boolean; replayOf?: string; importedAt?: string }): Promise<ImportOutcome> {
    this.assertWritable();
    const before: DataState = { dateRange: this.storeInfo.dateRange, dataAsOf: this.storeInfo.dataset.dataAsOf };
    let after: DataState = before;
    const conn = await this.instance.connect();
    let counts;
    try {
      counts = await applyImportOn(conn, staged, {
        dryRun: opts.dryRun,
        importsDir: this.opts.importsDir,
        replayOf: opts.replayOf,
        importedAt: opts.importedAt,
        // A dry run reads the data as the import would leave it, inside its transaction, before the rollback.
        inspect: async (c) => {
          after = await loadState(queryOn(c), true);
        },
      });
      if (!opts.dryRun) {
        // The new answers: info (extent, dictionaries, data version) and geography, swapped in at once.
        const info = await loadInfo(queryOn(conn), this.storeInfo.fingerprint, true);
        const geo =
          staged.dataset === 'places'
            ? { places: await loadPlaces(queryOn(conn)), routes: await loadRoutes(queryOn(conn)), regions: this.geo.regions }
            : this.geo;
        this.storeInfo = info;
        this.geo = geo;
        this.prepared.clear();
        after = { dateRange: info.dateRange, dataAsOf: info.dataset.dataAsOf };
        await conn.run('CHECKPOINT').catch(() => {});
      }
    } finally {
      conn.closeSync();
    }
    return importOutcomeOf(staged, counts, this.storeInfo, opts.dryRun, before, after);
  }

  /** Committed imports, newest first: those the database holds, and those undone (journal `undone/`). */
  async importHistory(): Promise<ImportHistoryEntry[]> {
    const logged = await this.pool.use((c) => importLogRows(c));
    const seqs = new Set(logged.map((r) => r.seq));
    const range = (min: string | null, max: string | null) => (max ? { min: min ?? max, max } : null);
    const entries: ImportHistoryEntry[] = logged.map((r) => ({
      id: r.seq,
      dataset: r.dataset,
      journal: r.journal,
      importedAt: r.importedAt,
      rows: r.rows,
      replaced: r.replaced,
      inserted: r.inserted,
      dateRange: range(r.minDate, r.maxDate),
      undone: false,
      undoneAt: null,
    }));
    for (const u of undoneRecords(this.importsDir)) {
      if (seqs.has(u.seq)) continue;
      entries.push({
        id: u.seq,
        dataset: u.dataset,
        journal: u.journal,
        importedAt: u.importedAt,
        rows: u.rows,
        replaced: u.replaced,
        inserted: u.inserted,
        dateRange: range(u.minDate, u.maxDate),
        undone: true,
        undoneAt: u.undoneAt,
      });
    }
    return entries.sort((a, b) => b.id - a.id);
  }

  /**
   * Undoes import `id`: the data afterwards is exactly as if it had never been made. The database is rebuilt from
   * data/ beside the live one and every other journal entry replayed in order through the same validation (an entry
   * that no longer stands without this one — e.g. counts at a place it added — refuses the undo, 409, naming it);
   * then the entry moves to `undone/` and the rebuilt file replaces the database in one rename. Reads go on against
   * the old file meanwhile and wait only for the swap. Call through runUndo (one import or undo at a time).
   */
  async undoImport(id: number): Promise<UndoOutcome> {
    this.assertWritable();
    const dir = this.importsDir;
    const log = await this.pool.use((c) => importLogRows(c));
    const entry = log.find((r) => r.seq === id);
    if (!entry) {
      if (undoneRecords(dir).some((u) => u.seq === id)) throw new UndoRefusedError(409, `Import ${id} has already been undone`);
      throw new UndoRefusedError(404, `There is no import ${id}`);
    }
    if (!existsSync(join(dir, entry.journal))) throw new UndoRefusedError(409, `Import ${id}'s journal file ${entry.journal} is missing from ${dir}`);

    const { dbPath, dataDir } = this.opts;
    const changed = () =>
      new UndoRefusedError(
        409,
        `The files in ${dataDir} changed since the server started: restart it (the database is rebuilt and the journal replayed), then undo`,
      );
    if (fingerprintData(dataDir) !== this.storeInfo.fingerprint) throw changed();
    const tmp = join(dirname(dbPath), `.${basename(dbPath)}.undo-${process.pid}-${randomBytes(4).toString('hex')}`);
    const dropTmp = () => {
      rmSync(tmp, { force: true });
      rmSync(`${tmp}.wal`, { force: true });
    };
    try {
      let rebuilt: DuckDbStore;
      try {
        rebuilt = await DuckDbStore.open({
          dataDir,
          dbPath: tmp,
          importsDir: dir,
          connections: 1,
          replay: { exclude: new Set([entry.journal]), importedAt: new Map(log.map((r) => [r.journal, r.importedAt])), tidy: false },
        });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new UndoRefusedError(409, `Import ${id} cannot be undone on its own: ${msg.replace(/ \(fix data\/ or move the file.*$/, '')}`);
      }
      const fingerprint = rebuilt.info().fingerprint;
      await rebuilt.close();
      if (fingerprint !== this.storeInfo.fingerprint) throw changed(); // data/ changed during the rebuild
      // The journal first: should the process stop before the rename below, the database still holds an import the
      // journal has undone, and the next start rebuilds it (DuckDbStore.open). After the rename, both agree.
      moveToUndone(dir, {
        seq: entry.seq,
        dataset: entry.dataset,
        journal: entry.journal,
        rows: entry.rows,
        replaced: entry.replaced,
        inserted: entry.inserted,
        minDate: entry.minDate,
        maxDate: entry.maxDate,
        importedAt: entry.importedAt,
        undoneAt: new Date().toISOString(),
      });
      await this.pool.swap(async (old) => {
        for (const c of old) c.closeSync();
        this.instance.closeSync();
        rmSync(`${dbPath}.wal`, { force: true }); // the old file's log must not be replayed onto the new one
        renameSync(tmp, dbPath);
        fsyncDir(dirname(dbPath));
        this.instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_WRITE', threads: '1' });
        const conns: DuckDBConnection[] = [];
        for (let i = 0; i < this.opts.connections; i++) conns.push(await this.instance.connect());
        const first = conns[0]!;
        this.storeInfo = await loadInfo(queryOn(first), this.storeInfo.fingerprint, true);
        this.geo = { places: await loadPlaces(queryOn(first)), routes: await loadRoutes(queryOn(first)), regions: await loadRegions(queryOn(first)) };
        this.prepared.clear();
        return conns;
      });
    } finally {
      dropTmp();
    }
    const info = this.storeInfo;
    return {
      id,
      dataset: entry.dataset,
      journal: entry.journal,
      dataVersion: info.dataVersion,
      dataAsOf: info.dataset.dataAsOf,
      dateRange: info.dateRange,
      generation: info.generation,
    };
  }

  private assertWritable() {
    if (this.opts.readOnly) throw new ImportsUnavailableError('The database is open read-only: imports are disabled');
  }

  /**
   * Brings the database in step with the import journal: finishes interrupted journal renames, then replays (through
   * the same validation) every journal entry the database has not applied — all of them after a rebuild from data/.
   * Returns the imports the database holds but the journal has undone (the caller rebuilds); replays nothing then.
   */
  private async reconcileJournal(log?: (line: string) => void, replay: ReplayOptions = {}): Promise<string[]> {
    const dir = this.opts.importsDir;
    const conn = await this.instance.connect();
    try {
      await ensureImportLog(conn);
      const logged = await loggedJournals(conn);
      if (replay.tidy !== false) finishPendingRenames(dir, logged);
      const present = new Set(journalEntries(dir));
      // Undone while this database held it (the process stopped between the journal move and the swap): the
      // database must be rebuilt without it.
      const undone = new Set(journalEntries(join(dir, UNDONE_DIR)));
      const orphans = [...logged.keys()].filter((f) => (!present.has(f) && undone.has(f)) || replay.exclude?.has(f)).sort();
      if (orphans.length > 0) return orphans;
      const missing = [...present].filter((f) => !logged.has(f) && !replay.exclude?.has(f));
      if (missing.length === 0) return [];
      log?.(`Replaying ${missing.length} import(s) from ${dir} …`);
      for (const name of missing) await replayJournalEntry(this, dir, name, replay.importedAt?.get(name));
      log?.(`Replayed imports; data version ${this.storeInfo.dataVersion}`);
      return [];
    } finally {
      conn.closeSync();
    }
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

  private get defaults(): PeriodDefaults {
    return { from: this.storeInfo.dateRange.min, to: this.storeInfo.dateRange.max };
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

  async hotspotCounts(periods: HotspotPeriods, weeklyFrom: string): Promise<HotspotCounts> {
    return hotspotCounts((q) => this.run(q), periods, weeklyFrom);
  }

  async cellRecords(metric: CellMetric, secret: string): Promise<CellRecord[]> {
    const q = buildCellsSql(metric, secret);
    return cellRecordsOf(await this.pool.use(async (c) => (await c.runAndReadAll(q.sql, q.params)).getRowObjects()));
  }

  private aggregate(query: SqlQuery | SqlQueryWithTotal, q: { from?: string | undefined; to?: string | undefined; groupBy?: readonly string[] | undefined }) {
    return aggregate((x) => this.run(x), query, q, this.defaults);
  }

  async close(): Promise<void> {
    if (!this.opts.readOnly) await this.pool.use((c) => c.run('CHECKPOINT')).catch(() => {});
    this.pool.closeAll();
    this.instance.closeSync();
  }
}

export async function openDuckDbStore(opts: OpenOptions): Promise<Store> {
  return DuckDbStore.open(opts);
}
