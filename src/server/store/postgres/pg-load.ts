/**
 * The first start against an empty PostgreSQL database: data/ is read and checked by the same build as the embedded
 * default (duckdb/seed.ts buildDatabase, into a temporary file: one set of loading rules, not two), each table is
 * written out as CSV and streamed into PostgreSQL with COPY FROM STDIN, all in one transaction under an advisory lock.
 * A process that stops half-way leaves the database empty (the next start loads it again); a second process starting
 * at the same time waits for the lock and then finds the data loaded. Later starts reuse the data (imports included).
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildDatabase, fingerprintData, type Log } from '../duckdb/seed';
import { FLOW_ROLLUPS } from '../sql';

/** Every data table, with its columns in the order both engines store them. */
export const LOADED_TABLES: ReadonlyArray<{ table: string; columns: readonly string[] }> = [
  { table: 'dataset_meta', columns: ['key', 'value'] },
  { table: 'countries', columns: ['iso3', 'name', 'name_fr', 'capital', 'lon', 'lat', 'source'] },
  {
    table: 'places',
    columns: ['id', 'name', 'kind', 'country_iso3', 'admin1_pcode', 'lon', 'lat', 'capacity', 'active_from', 'active_to', 'source', 'ord'],
  },
  { table: 'point_routes', columns: ['point_id', 'route_id'] },
  { table: 'regions', columns: ['pcode', 'iso3166_2', 'name', 'geometry_json', 'ord'] },
  { table: 'routes', columns: ['id', 'name', 'corridor', 'waypoints_json', 'length_km', 'monitored_by_json', 'geometry_json', 'ord'] },
  {
    table: 'flow_observations',
    columns: ['date', 'point_id', 'region', 'direction', 'nationality_iso3', 'sex', 'age_group', 'transport', 'count'],
  },
  ...FLOW_ROLLUPS.map((r) => ({ table: r.table, columns: [...r.columns, 'count'] })),
  { table: 'assistance', columns: ['date', 'centre_id', 'region', 'service', 'nationality_iso3', 'sex', 'age_group', 'count'] },
  { table: 'returns', columns: ['date', 'centre_id', 'destination_iso3', 'count'] },
];

const LOAD_LOCK = 0x61746c6131;

export interface LoadResult {
  /** Whether this start loaded data/ (false: the database held data already). */
  loaded: boolean;
  /** The fingerprint of the data/ files the database was loaded from. */
  fingerprint: string;
}

export async function loadDataIfEmpty(pool: pg.Pool, dataDir: string, log?: Log): Promise<LoadResult> {
  const c = await pool.connect();
  let tmp: string | null = null;
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [LOAD_LOCK]);
    const stored = (await c.query<{ value: string }>(`SELECT value FROM dataset_meta WHERE key = 'fingerprint'`)).rows[0]?.value;
    if (stored) {
      await c.query('COMMIT');
      let current: string | null = null;
      try {
        current = fingerprintData(dataDir);
      } catch {
        // data/ need not be present once the database is loaded
      }
      if (current && current !== stored) {
        log?.(`PostgreSQL: data/ changed since the database was loaded; the database is kept (with its imports). Load changes with \`npm run import\`.`);
      }
      log?.(`PostgreSQL: using the loaded data (version ${stored.slice(0, 12)})`);
      return { loaded: false, fingerprint: stored };
    }
    const started = Date.now();
    const fingerprint = fingerprintData(dataDir);
    log?.(`PostgreSQL: loading ${dataDir} into an empty database …`);
    tmp = mkdtempSync(join(tmpdir(), 'atlas-pg-load-'));
    const dbPath = join(tmp, 'load.duckdb');
    await buildDatabase(dataDir, dbPath, fingerprint);
    const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
    const duck = await instance.connect();
    try {
      for (const t of LOADED_TABLES) {
        const file = join(tmp, `${t.table}.csv`);
        await duck.run(`COPY (SELECT ${t.columns.join(', ')} FROM ${t.table}) TO '${file}' (FORMAT csv, HEADER false)`);
        const into = c.query(copyFrom(`COPY ${t.table} (${t.columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(createReadStream(file), into);
      }
    } finally {
      duck.closeSync();
      instance.closeSync();
    }
    await c.query('COMMIT');
    for (const t of LOADED_TABLES) await c.query(`ANALYZE ${t.table}`);
    const n = (await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM flow_observations')).rows[0]?.n;
    log?.(`PostgreSQL: loaded ${n} flow rows in ${Date.now() - started} ms (version ${fingerprint.slice(0, 12)})`);
    return { loaded: true, fingerprint };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
