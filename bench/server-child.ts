/**
 * The real server (startServer from src/server/start.ts, port 0) in its own process, so that its RSS is its own
 * and the load generator does not share its event loop. Driven by bench/run.ts over IPC.
 *
 * argv: dataDir dbPath staticDir; env BENCH_PASSWORD (the programme user's password).
 */
import { startServer } from '../src/server/start';

const [dataDir, dbPath, staticDir] = process.argv.slice(2);
if (!dataDir || !dbPath || !process.send) throw new Error('usage: run from bench/run.ts (IPC) with dataDir dbPath [staticDir]');

type Msg = { type: 'rss' } | { type: 'stop' };

const lines: string[] = [];
const t0 = performance.now();
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  dbPath,
  // bench/engines.ts: PostgreSQL when DATABASE_URL is set (the same switch as the server's configuration).
  databaseUrl: process.env.DATABASE_URL || null,
  ...(process.env.DATABASE_POOL_SIZE ? { databasePoolSize: Number(process.env.DATABASE_POOL_SIZE) } : {}),
  staticDir: staticDir || null,
  logger: false,
  log: (line) => lines.push(line),
  onSetupToken: () => {},
});
const startMs = performance.now() - t0;
// Point- and route-level data needs an internal role: a programme account, in memory only.
// (PostgreSQL: the account is in the database; a second process on it finds it there.)
if (!(await server.users.get('bench'))) await server.users.add('bench', 'programme', process.env.BENCH_PASSWORD ?? 'bench password long enough');
const mem = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
};
process.send({ type: 'ready', url: server.url, startMs, log: lines, mem: mem() });

process.on('message', (m: Msg) => {
  if (m.type === 'rss') process.send!({ type: 'rss', mem: mem() });
  if (m.type === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
