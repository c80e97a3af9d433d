/** Entry point: `tsx src/server/main.ts` (npm run serve / npm start). */
import { loadCellKeySecret } from './access/cell-key-secret';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrReport } from './config';
import { startServer } from './start';

/** TRUST_PROXY=n: trust the n closest proxies. */
const trustHops = (n: number) => (_address: string, hop: number) => hop < n;

async function main() {
  // Everything this process creates (database, WAL, imports, secrets) is private to its user: 0600 files, 0700 folders.
  process.umask(0o077);
  const config = loadConfigOrReport();
  if (config === null) process.exit(1);
  const log = (line: string) => console.log(line);
  const hasSpa = existsSync(join(config.staticDir, 'index.html'));
  if (!hasSpa) log(`No built SPA in ${config.staticDir} (run \`npm run build\`): serving the API only.`);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      host: config.host,
      port: config.port,
      dataDir: config.dataDir,
      dbPath: config.dbPath,
      databaseUrl: config.databaseUrl,
      databaseReadUrl: config.databaseReadUrl,
      databasePoolSize: config.databasePoolSize,
      staticDir: hasSpa ? config.staticDir : null,
      logger: { level: config.logLevel },
      log,
      usersPath: config.usersPath,
      disclosure: config.disclosure,
      cellKeySecret: loadCellKeySecret({ env: config.cellKeySecret, path: config.cellKeySecretPath, log }),
      trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
      sessionIdleMs: config.sessionIdleMinutes * 60_000,
      signInMaxFailures: config.signInMaxFailures,
      signInConcurrency: config.signInConcurrency,
      limits: { requestMs: config.requestTimeoutMs, importRequestMs: config.importTimeoutMs },
      allowedHosts: config.allowedHosts ?? undefined,
      cellKeySecretPath: config.cellKeySecret ? null : config.cellKeySecretPath,
      importMaxBytes: config.importMaxBytes,
      importDates: config.importDates,
      basemapOrigins: config.basemapOrigins,
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  log(`Transit Atlas listening on ${server.url}  (API: ${server.url}/api/v1/meta, OpenAPI: ${server.url}/api/v1/openapi.json)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server
      .close()
      .then(() => process.exit(0))
      .catch((e) => {
        console.error(e);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
