/** Starts the real server: opens (building if needed) the DuckDB store, builds the app, listens. */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { DuckDbStore } from './db/duckdb-store';
import type { Log } from './db/seed';
import type { Store } from './db/store';

export interface StartOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  dataDir: string;
  dbPath: string;
  /** Built SPA; served at / when it contains index.html. */
  staticDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** Progress lines (database build, reuse). Default: silent. */
  log?: Log;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:43127 */
  url: string;
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const store = await DuckDbStore.open({ dataDir: opts.dataDir, dbPath: opts.dbPath, log: opts.log });
  const app = buildApp({ store, staticDir: opts.staticDir ?? null, logger: opts.logger ?? false });
  try {
    await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 8080 });
  } catch (e) {
    await app.close().catch(() => {});
    await store.close();
    throw e;
  }
  const addr = app.server.address();
  const host = opts.host ?? '127.0.0.1';
  const port = typeof addr === 'object' && addr ? addr.port : opts.port ?? 8080;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  let closed = false;
  return {
    url: `http://${shownHost}:${port}`,
    app,
    store,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
    },
  };
}
