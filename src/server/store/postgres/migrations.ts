/**
 * The PostgreSQL schema, as versioned migrations applied in order, each once, in its own transaction, under an
 * advisory lock (several API processes may start at once against one database). Never edit a released migration:
 * add the next one. The tables mirror the DuckDB build (duckdb/seed.ts), so the portable SQL builders (../sql.ts,
 * ../cells-sql.ts, ../hotspots-sql.ts) read both.
 */
import type pg from 'pg';
import { inLockedTransaction } from './pg-transaction';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'data tables, rollups and import log',
    sql: `
CREATE TABLE dataset_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE countries (iso3 TEXT PRIMARY KEY, name TEXT NOT NULL, name_fr TEXT NOT NULL, capital TEXT NOT NULL,
  lon DOUBLE PRECISION NOT NULL, lat DOUBLE PRECISION NOT NULL, source TEXT NOT NULL);
CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country_iso3 TEXT NOT NULL, admin1_pcode TEXT,
  lon DOUBLE PRECISION NOT NULL, lat DOUBLE PRECISION NOT NULL, capacity INTEGER, active_from DATE, active_to DATE, source TEXT NOT NULL,
  ord INTEGER NOT NULL);
CREATE TABLE point_routes (point_id TEXT NOT NULL, route_id TEXT NOT NULL, PRIMARY KEY (point_id, route_id));
CREATE INDEX point_routes_route ON point_routes (route_id);
CREATE TABLE regions (pcode TEXT PRIMARY KEY, iso3166_2 TEXT NOT NULL, name TEXT NOT NULL, geometry_json TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE routes (id TEXT PRIMARY KEY, name TEXT NOT NULL, corridor TEXT NOT NULL, waypoints_json TEXT NOT NULL, length_km DOUBLE PRECISION NOT NULL,
  monitored_by_json TEXT NOT NULL, geometry_json TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE flow_observations (date DATE NOT NULL, point_id TEXT NOT NULL, region TEXT, direction TEXT NOT NULL, nationality_iso3 TEXT NOT NULL,
  sex TEXT NOT NULL, age_group TEXT NOT NULL, transport TEXT NOT NULL, count INTEGER NOT NULL);
CREATE INDEX flow_observations_date_point ON flow_observations (date, point_id);
CREATE INDEX flow_observations_point_date ON flow_observations (point_id, date);
CREATE TABLE flow_daily_point (date DATE NOT NULL, point_id TEXT NOT NULL, region TEXT, direction TEXT NOT NULL, count INTEGER NOT NULL);
CREATE INDEX flow_daily_point_date ON flow_daily_point (date, point_id);
CREATE TABLE flow_daily_sex_age (date DATE NOT NULL, point_id TEXT NOT NULL, region TEXT, direction TEXT NOT NULL, sex TEXT NOT NULL,
  age_group TEXT NOT NULL, count INTEGER NOT NULL);
CREATE INDEX flow_daily_sex_age_date ON flow_daily_sex_age (date, point_id);
CREATE TABLE flow_daily (date DATE NOT NULL, point_id TEXT NOT NULL, region TEXT, direction TEXT NOT NULL, nationality_iso3 TEXT NOT NULL,
  count INTEGER NOT NULL);
CREATE INDEX flow_daily_date ON flow_daily (date, point_id);
CREATE TABLE flow_daily_demographic (date DATE NOT NULL, point_id TEXT NOT NULL, region TEXT, direction TEXT NOT NULL, nationality_iso3 TEXT NOT NULL,
  sex TEXT NOT NULL, age_group TEXT NOT NULL, count INTEGER NOT NULL);
CREATE INDEX flow_daily_demographic_date ON flow_daily_demographic (date, point_id);
CREATE TABLE assistance (date DATE NOT NULL, centre_id TEXT NOT NULL, region TEXT, service TEXT NOT NULL, nationality_iso3 TEXT NOT NULL,
  sex TEXT NOT NULL, age_group TEXT NOT NULL, count INTEGER NOT NULL);
CREATE INDEX assistance_date_centre ON assistance (date, centre_id);
CREATE TABLE returns (date DATE NOT NULL, centre_id TEXT NOT NULL, destination_iso3 TEXT NOT NULL, count INTEGER NOT NULL);
CREATE INDEX returns_date ON returns (date, centre_id);
CREATE TABLE import_log (seq INTEGER PRIMARY KEY, dataset TEXT NOT NULL, journal TEXT NOT NULL, rows INTEGER NOT NULL, replaced INTEGER NOT NULL,
  max_date DATE, imported_at TEXT NOT NULL, inserted INTEGER, added INTEGER, min_date DATE);
`,
  },
  {
    version: 2,
    name: 'accounts, sessions, sign-in back-off and the setup token (stateless API processes)',
    sql: `
CREATE TABLE users (username TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE sessions (digest TEXT PRIMARY KEY, username TEXT NOT NULL, role TEXT NOT NULL, credential TEXT NOT NULL,
  created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL);
CREATE INDEX sessions_username ON sessions (username);
CREATE TABLE signin_state (key TEXT PRIMARY KEY, state TEXT NOT NULL, last BIGINT NOT NULL);
CREATE INDEX signin_state_last ON signin_state (last);
CREATE TABLE setup_tokens (digest TEXT PRIMARY KEY, created_at BIGINT NOT NULL);
`,
  },
  {
    version: 3,
    name: 'undo: before-images of every import and the undone imports',
    sql: `
ALTER TABLE import_log ADD COLUMN has_transport BOOLEAN;
ALTER TABLE import_log ADD COLUMN before_images BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE import_undone (LIKE import_log INCLUDING ALL, undone_at TEXT NOT NULL);
CREATE TABLE import_undo_flow_observations (seq INTEGER NOT NULL, inserted BOOLEAN NOT NULL, LIKE flow_observations);
CREATE INDEX import_undo_flow_observations_seq ON import_undo_flow_observations (seq, inserted);
CREATE TABLE import_undo_assistance (seq INTEGER NOT NULL, inserted BOOLEAN NOT NULL, LIKE assistance);
CREATE INDEX import_undo_assistance_seq ON import_undo_assistance (seq, inserted);
CREATE TABLE import_undo_returns (seq INTEGER NOT NULL, inserted BOOLEAN NOT NULL, LIKE returns);
CREATE INDEX import_undo_returns_seq ON import_undo_returns (seq, inserted);
CREATE TABLE import_undo_places (seq INTEGER NOT NULL, LIKE places);
CREATE INDEX import_undo_places_seq ON import_undo_places (seq);
CREATE TABLE import_undo_point_routes (seq INTEGER NOT NULL, LIKE point_routes);
CREATE INDEX import_undo_point_routes_seq ON import_undo_point_routes (seq);
CREATE TABLE import_undo_routes (seq INTEGER NOT NULL, id TEXT NOT NULL, monitored_by_json TEXT NOT NULL);
CREATE INDEX import_undo_routes_seq ON import_undo_routes (seq);
CREATE TABLE import_undo_geojson (seq INTEGER PRIMARY KEY, geojson TEXT NOT NULL);
`,
  },
  {
    version: 4,
    name: 'flow_daily by nationality: the filtered map queries (a nationality, a direction, a period) read a few index entries, not a year of rows',
    sql: `
CREATE INDEX flow_daily_nationality ON flow_daily (nationality_iso3, direction, date);
`,
  },
];

/** A fixed advisory-lock key of this schema (any 64-bit number; "atlas" in ASCII). */
export const SCHEMA_LOCK = 0x61746c6173;

/** Applies the migrations this database lacks; returns the versions applied. Safe to run from several processes at once. */
export async function migrate(pool: pg.Pool, log?: (line: string) => void): Promise<number[]> {
  return inLockedTransaction(pool, SCHEMA_LOCK, async (c) => {
    const applied: number[] = [];
    await c.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
      log?.(`PostgreSQL: applied migration ${m.version} (${m.name})`);
    }
    return applied;
  });
}
