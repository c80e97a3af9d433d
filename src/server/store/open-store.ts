/**
 * The one place an engine is chosen: DATABASE_URL set → PostgreSQL (the scale-out path: any number of stateless API
 * processes on one database); unset → the embedded DuckDB file (the default: one process, nothing to operate).
 */
import type { Log } from './duckdb/seed';
import type { Store } from './types';

export type StoreConfig =
  | {
      engine: 'duckdb';
      dataDir: string;
      dbPath: string;
      readOnly?: boolean;
      importsDir?: string;
      connections?: number;
      log?: Log;
    }
  | {
      engine: 'postgres';
      url: string;
      readUrl?: string | null;
      dataDir: string;
      connections?: number;
      log?: Log;
    };

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.engine === 'postgres') {
    const { PgStore } = await import('./postgres/pg-store');
    return PgStore.open(config);
  }
  const { DuckDbStore } = await import('./duckdb/duckdb-store');
  return DuckDbStore.open(config);
}

/** The store a process's configuration names: PostgreSQL when a database URL is given, else the DuckDB file. */
export function storeConfigOf(opts: {
  databaseUrl?: string | null;
  databaseReadUrl?: string | null;
  databasePoolSize?: number;
  dataDir: string;
  dbPath: string;
  readOnly?: boolean;
  log?: Log;
}): StoreConfig {
  if (opts.databaseUrl) {
    const pool = opts.databasePoolSize === undefined ? {} : { connections: opts.databasePoolSize };
    return { engine: 'postgres', url: opts.databaseUrl, readUrl: opts.databaseReadUrl ?? null, dataDir: opts.dataDir, log: opts.log, ...pool };
  }
  return { engine: 'duckdb', dataDir: opts.dataDir, dbPath: opts.dbPath, readOnly: opts.readOnly, log: opts.log };
}
