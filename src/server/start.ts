/** Starts the real server: opens (building if needed) the DuckDB store, builds the app, listens. */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import type { CellKeyParams } from './access/cell-key';
import { UserStore } from './access/users';
import { openStore, storeConfigOf } from './store/open-store';
import type { Log } from './store/duckdb/seed';
import type { Store } from './store/types';
import type { ServerLimits } from './lib/server-limits';
import { secureStateFiles } from './lib/state-files';
import type { ImportDateSettings } from './import/limits';

export interface StartOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  dataDir: string;
  dbPath: string;
  /** PostgreSQL instead of the DuckDB file at dbPath (config.ts DATABASE_URL); null/absent: the embedded default. */
  databaseUrl?: string | null;
  /** A streaming replica for queries (DATABASE_READ_URL). */
  databaseReadUrl?: string | null;
  /** Connections to PostgreSQL per pool (DATABASE_POOL_SIZE; default 10). */
  databasePoolSize?: number;
  /** Built SPA; served at / when it contains index.html. */
  staticDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** Progress lines (database build, reuse, setup token). Default: silent. */
  log?: Log;
  /** Accounts file (see access/users.ts). Default: accounts in memory only, none at start. */
  usersPath?: string | null;
  disclosure?: Partial<CellKeyParams>;
  /** The cell-key secret (config: CELL_KEY_SECRET, else var/cell-key.secret). Default: random for this process. */
  cellKeySecret?: string;
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Sessions end after this long without a request (default 8 h). */
  sessionIdleMs?: number;
  /** Sign-in attempts allowed per minute, per address and per (user name, address); the per-name ceiling (default 5). */
  signInMaxFailures?: number;
  /** Password checks running at once, server-wide (default 2; SIGNIN_CONCURRENCY). */
  signInConcurrency?: number;
  /** Header, body, idle and keep-alive timeouts (default lib/server-limits.ts DEFAULT_LIMITS). */
  limits?: Partial<ServerLimits>;
  /** Hosts requests may name (ALLOWED_HOSTS); default the listening host, localhost, 127.0.0.1 and [::1] on its port. */
  allowedHosts?: readonly string[];
  /** Where the cell-key secret is kept, when in a file (its mode is checked at start with the rest of the state). */
  cellKeySecretPath?: string | null;
  /** Receives the one-time admin setup token when no admin exists (default: printed through `log`). */
  onSetupToken?: (token: string) => void;
  /** Largest import file accepted, in bytes (default 200 MB). */
  importMaxBytes?: number;
  /** Plausible import dates (default: data start − 1 year … today + 31 days; config.ts IMPORT_DATE_MIN, IMPORT_MAX_DAYS_AHEAD). */
  importDates?: ImportDateSettings;
  /** Open the database read-only (imports refused with 503; other processes may read the file). Default false. */
  readOnly?: boolean;
  /** Origins of an online basemap, allowed by the CSP (config.ts: VITE_BASEMAP_STYLE_URL, BASEMAP_ORIGINS). */
  basemapOrigins?: readonly string[];
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:43127 */
  url: string;
  app: FastifyInstance;
  store: Store;
  /** The accounts the server checks sign-ins against (add users here or in the file; both take effect at once). */
  users: UserStore;
  close(): Promise<void>;
}

export function setupTokenMessage(token: string, where: string | null): string {
  return [
    'No admin account exists yet. Create the first one, once, with this one-time setup token:',
    `  ${token}`,
    `  POST /api/v1/setup  {"token": "<the token>", "username": "…", "password": "… (10 characters or more)"}`,
    `or from a shell: npm run users -- add NAME --role admin${where && where !== 'memory' ? `  (accounts: ${where})` : ''}`,
  ].join('\n');
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  // The state folder (var/) and its files are private to this user: checked (tightened or refused) before anything
  // is read or built there, and again once the database is open (it may just have been built).
  const state = { dbPath: opts.dbPath, usersPath: opts.usersPath, cellKeySecretPath: opts.cellKeySecretPath };
  secureStateFiles(state, opts.log);
  const fileUsers = opts.databaseUrl ? null : opts.usersPath ? UserStore.file(opts.usersPath) : UserStore.memory();
  // Read the accounts before the (possibly slow) database build: a broken users file stops the start at once.
  await fileUsers?.list();
  const store = await openStore(
    storeConfigOf({
      databaseUrl: opts.databaseUrl,
      databaseReadUrl: opts.databaseReadUrl,
      databasePoolSize: opts.databasePoolSize,
      dataDir: opts.dataDir,
      dbPath: opts.dbPath,
      readOnly: opts.readOnly,
      log: opts.log,
    }),
  );
  const log = opts.log;
  // PostgreSQL keeps accounts, sessions, sign-in back-off and setup tokens in the database (shared by every process).
  const users = store.sharedState?.({}).users ?? fileUsers ?? UserStore.memory();
  try {
    secureStateFiles(state, log); // again: the database file and its imports folder may just have been made
  } catch (e) {
    await store.close();
    throw e;
  }
  let app: FastifyInstance | undefined;
  try {
    app = buildApp({
      store,
      staticDir: opts.staticDir ?? null,
      logger: opts.logger ?? false,
      users,
      disclosure: opts.disclosure,
      cellKeySecret: opts.cellKeySecret,
      trustProxy: opts.trustProxy,
      sessions: opts.sessionIdleMs ? { idleMs: opts.sessionIdleMs } : undefined,
      signInLimit: opts.signInMaxFailures ? { max: opts.signInMaxFailures } : undefined,
      passwordChecks: opts.signInConcurrency ? { concurrency: opts.signInConcurrency } : undefined,
      limits: opts.limits,
      allowedHosts: opts.allowedHosts,
      listenHost: opts.host ?? '127.0.0.1',
      onSetupToken: opts.onSetupToken ?? (log ? (token) => log(setupTokenMessage(token, users.where)) : undefined),
      imports: { maxBytes: opts.importMaxBytes, dates: opts.importDates },
      basemapOrigins: opts.basemapOrigins,
      dataDir: opts.dataDir,
    });
    await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 8080 });
  } catch (e) {
    await app?.close().catch(() => {});
    await store.close();
    throw e;
  }
  const running = app;
  const addr = running.server.address();
  const host = opts.host ?? '127.0.0.1';
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 8080);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  let closed = false;
  return {
    url: `http://${shownHost}:${port}`,
    app: running,
    store,
    users,
    async close() {
      if (closed) return;
      closed = true;
      await running.close();
      await store.close();
    },
  };
}
