/**
 * `npm run bench:engines`: the same API and import measures on both engines, side by side — the embedded DuckDB file,
 * PostgreSQL with one API process, and PostgreSQL with two API processes on one database (the load split evenly) —
 * at BENCH_ROWS flow rows (default 10,000,000). Each run adds its row count to bench/out/engines.json, so runs at
 * 1 M, 10 M and 100 M rows build the cost curve; the BENCHMARKS.md section between the `engines` markers is rewritten
 * from all of them. `npm run bench` runs it after the main bench.
 *
 * Env: BENCH_ROWS, BENCH_DURATION (seconds per load run, default 8), BENCH_IMPORT_ROWS (default 1,000,000),
 * BENCH_ENGINES (a comma list of duckdb, postgres, postgres2; default all three: a run replaces the earlier results of
 * the engines it measures at its row count, and keeps the others).
 * PostgreSQL: a throwaway cluster (tests/support/pg-cluster.ts: initdb + pg_ctl in a temp folder; fsync off, as a
 * disposable benchmark cluster, said in the report).
 */
import { fork } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { runImport } from '../src/server/import/run';
import { openStore } from '../src/server/store/open-store';
import { ensureDatabase } from '../src/server/store/duckdb/seed';
import { startCluster } from '../tests/support/pg-cluster';
import { contextOf as apiContextOf, load, QUERY_TYPES, type Ctx, type LoadResult } from './api';
import { OUT, prepareData, ROOT } from './data';
import { writeFlowsImport } from './import-data';
import { MEASUREMENT_LOG_HEADING } from './report';

const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const ROWS = env('BENCH_ROWS', 10_000_000);
const DURATION = env('BENCH_DURATION', 8);
const IMPORT_ROWS = env('BENCH_IMPORT_ROWS', 1_000_000);
const PASSWORD = 'bench password, long enough';
const CONNECTIONS = 16;
/** Connections per API process to PostgreSQL (DATABASE_POOL_SIZE): one process 10, two processes 5 each. */
const PG_POOL = 10;
const ENGINES = new Set((process.env.BENCH_ENGINES ?? 'duckdb,postgres,postgres2').split(',').map((s) => s.trim()));
for (const e of ENGINES) if (!['duckdb', 'postgres', 'postgres2'].includes(e)) throw new Error(`BENCH_ENGINES: unknown engine '${e}'`);
const started = Date.now();
const log = (s: string) => console.log(`[engines ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

type Mem = { rss: number };
interface Child {
  url: string;
  startMs: number;
  mem(): Promise<Mem>;
  stop(): Promise<void>;
}

function serverChild(dataDir: string, dbPath: string, extraEnv: Record<string, string> = {}): Promise<Child> {
  const child = fork(join(ROOT, 'bench/server-child.ts'), [dataDir, dbPath, ''], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_PASSWORD: PASSWORD, ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`server process exited (${code})`)));
    child.on('message', (m: { type: string; url?: string; startMs?: number }) => {
      if (m.type !== 'ready') return;
      ok({
        url: m.url!,
        startMs: m.startMs!,
        mem: () =>
          new Promise((r) => {
            const on = (x: { type: string; mem?: Mem }) => {
              if (x.type !== 'rss') return;
              child.off('message', on);
              r(x.mem!);
            };
            child.on('message', on);
            child.send({ type: 'rss' });
          }),
        stop: async () => {
          if (child.exitCode !== null) return;
          child.removeAllListeners('exit');
          const exited = new Promise((r) => child.once('exit', r));
          child.send({ type: 'stop' });
          await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      });
    });
  });
}

const contextOf = (url: string, dataDir: string) => apiContextOf(url, 'bench', PASSWORD, dataDir);

/** The dashboard's filtered queries, cold (never-asked parameters), at 16 connections spread over the processes. */
async function loads(ctxs: Ctx[]): Promise<LoadResult[]> {
  const out: LoadResult[] = [];
  for (const t of QUERY_TYPES.filter((q) => q.filtered)) {
    const parts = await Promise.all(ctxs.map((c) => load(c, t, CONNECTIONS / ctxs.length, 'cold', DURATION)));
    const merged: LoadResult = {
      ...parts[0]!,
      connections: CONNECTIONS,
      p50: Math.max(...parts.map((p) => p.p50)),
      p99: Math.max(...parts.map((p) => p.p99)),
      rps: parts.reduce((s, p) => s + p.rps, 0),
      requests: parts.reduce((s, p) => s + p.requests, 0),
      non2xx: parts.reduce((s, p) => s + p.non2xx, 0),
      errors: parts.reduce((s, p) => s + p.errors, 0),
    };
    log(
      `${t.id.padEnd(18)} p50 ${merged.p50} ms, p99 ${merged.p99} ms, ${merged.rps.toFixed(0)} req/s${merged.non2xx + merged.errors ? `, ${merged.non2xx} non-2xx, ${merged.errors} errors` : ''}`,
    );
    out.push(merged);
  }
  return out;
}

interface ImportResult {
  rows: number;
  dryRunMs: number;
  importMs: number;
  reimportMs: number;
}

async function importMeasure(config: Parameters<typeof openStore>[0], dir: string): Promise<ImportResult> {
  const store = await openStore(config);
  try {
    const file = join(dir, `import-${config.engine}.csv`);
    await writeFlowsImport(file, IMPORT_ROWS, {
      points: [...store.info().dictionaries.points].sort(),
      nationalities: store.info().countries.map((c) => c.iso3),
    });
    const time = async (dryRun: boolean) => {
      const t0 = performance.now();
      const r = await runImport(store.imports!, 'flows', createReadStream(file), { dryRun });
      if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
      return Math.round(performance.now() - t0);
    };
    const dryRunMs = await time(true);
    const importMs = await time(false);
    const reimportMs = await time(false);
    rmSync(file, { force: true });
    return { rows: IMPORT_ROWS, dryRunMs, importMs, reimportMs };
  } finally {
    await store.close();
  }
}

interface EngineRun {
  engine: 'duckdb' | 'postgres' | 'postgres×2';
  rows: number;
  startMs: number;
  rssMiB: number;
  loads: LoadResult[];
  import: ImportResult | null;
  at: string;
  /** 1-minute load average when the run started (other work on the machine skews every figure). */
  load?: number;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const data = prepareData(ROWS, log);
  log(`${data.rows.toLocaleString('en')} flow rows; ${DURATION} s per load run; imports of ${IMPORT_ROWS.toLocaleString('en')} rows`);
  const runs: EngineRun[] = [];
  const at = new Date().toISOString();
  // The machine's load average as each engine's measures begin (the load column).
  const loadNow = () => Math.round(loadavg()[0]! * 10) / 10;

  // ---- DuckDB ----
  const dbPath = join(OUT, `atlas-${data.rows}.duckdb`);
  if (ENGINES.has('duckdb')) {
    const load = loadNow();
    await ensureDatabase({ dataDir: data.dir, dbPath, log });
    const s = await serverChild(data.dir, dbPath);
    log(`DuckDB server ready in ${s.startMs.toFixed(0)} ms`);
    const l = await loads([await contextOf(s.url, data.dir)]);
    const rss = (await s.mem()).rss;
    await s.stop();
    const tmp = join(OUT, 'engines-duckdb');
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const { copyFileSync } = await import('node:fs');
    copyFileSync(dbPath, join(tmp, 'atlas.duckdb'));
    const imp = await importMeasure({ engine: 'duckdb', dataDir: data.dir, dbPath: join(tmp, 'atlas.duckdb') }, tmp);
    log(`DuckDB import ${imp.importMs} ms`);
    rmSync(tmp, { recursive: true, force: true });
    runs.push({ engine: 'duckdb', rows: data.rows, startMs: s.startMs, rssMiB: rss / 2 ** 20, loads: l, import: imp, at, load });
  }

  // ---- PostgreSQL: first start loads data/ (COPY); one process, then two ----
  const cluster = ENGINES.has('postgres') || ENGINES.has('postgres2') ? await startCluster() : null;
  try {
    if (cluster) {
      const url = await cluster.createDatabase('bench');
      const load = loadNow();
      const pgEnv = (pool: number) => ({
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: String(pool),
        CELL_KEY_SECRET: 'one secret for every bench process, long enough',
      });
      const first = await serverChild(data.dir, join(OUT, 'unused.duckdb'), pgEnv(PG_POOL));
      log(`PostgreSQL server ready in ${first.startMs.toFixed(0)} ms (first start: schema + COPY of data/)`);
      const single: EngineRun = { engine: 'postgres', rows: data.rows, startMs: first.startMs, rssMiB: 0, loads: [], import: null, at, load };
      if (ENGINES.has('postgres')) {
        single.loads = await loads([await contextOf(first.url, data.dir)]);
        single.rssMiB = (await first.mem()).rss / 2 ** 20;
        runs.push(single);
      }
      await first.stop();
      if (ENGINES.has('postgres2')) {
        // Two processes with half the pool each: the database serves the same number of connections as one process.
        const load2 = loadNow();
        const a = await serverChild(data.dir, join(OUT, 'unused.duckdb'), pgEnv(PG_POOL / 2));
        const b = await serverChild(data.dir, join(OUT, 'unused.duckdb'), pgEnv(PG_POOL / 2));
        log(`two PostgreSQL processes ready in ${a.startMs.toFixed(0)} / ${b.startMs.toFixed(0)} ms (reusing the data)`);
        const two = await loads([await contextOf(a.url, data.dir), await contextOf(b.url, data.dir)]);
        const rss2 = Math.max((await a.mem()).rss, (await b.mem()).rss);
        await Promise.all([a.stop(), b.stop()]);
        runs.push({
          engine: 'postgres×2',
          rows: data.rows,
          startMs: Math.max(a.startMs, b.startMs),
          rssMiB: rss2 / 2 ** 20,
          loads: two,
          import: null,
          at,
          load: load2,
        });
      }
      if (ENGINES.has('postgres')) {
        const tmp = join(OUT, 'engines-pg');
        mkdirSync(tmp, { recursive: true });
        single.import = await importMeasure({ engine: 'postgres', url, dataDir: data.dir }, tmp);
        log(`PostgreSQL import ${single.import.importMs} ms`);
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  } finally {
    await cluster?.stop();
  }

  // ---- results: this run replaces earlier ones at the same row count ----
  const file = join(OUT, 'engines.json');
  const earlier: EngineRun[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EngineRun[]) : [];
  const measured = (r: EngineRun) => runs.some((x) => x.rows === r.rows && x.engine === r.engine);
  const order = ['duckdb', 'postgres', 'postgres×2'];
  const all = [...earlier.filter((r) => !measured(r)), ...runs].sort((a, b) => a.rows - b.rows || order.indexOf(a.engine) - order.indexOf(b.engine));
  writeFileSync(file, JSON.stringify(all, null, 2));
  await writeSection(all);
  log(`done; BENCHMARKS.md engines section rewritten (${statSync(file).size} bytes of results)`);
}

const fmtRows = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(n % 1e6 ? 1 : 0)} M` : n.toLocaleString('en'));

async function writeSection(all: EngineRun[]) {
  const lines: string[] = [];
  lines.push('## Engines side by side (`npm run bench:engines`)', '');
  lines.push(
    `Machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB. The dashboard's filtered queries, cold (parameters never asked before: ` +
      `the result cache cannot answer), ${CONNECTIONS} connections, ${DURATION} s each; "postgres×2" is two API processes on one database with ` +
      `the load generator's connections split evenly and ${PG_POOL / 2} database connections each, the same ${PG_POOL} as one process (DATABASE_POOL_SIZE; p99: the worse of the two; ` +
      `the processes share the machine's 2 cores with the database and the load generator, so this measures that any process serves any request, not added capacity). PostgreSQL 15 runs as a throwaway cluster on the same machine ` +
      '(fsync off: a disposable benchmark cluster, not a production setting). Targets: p99 ≤ 100 ms at 16 connections; 1 M rows imported in under 60 s.',
    '',
  );
  const types = QUERY_TYPES.filter((q) => q.filtered);
  lines.push(
    `| rows | engine | measured (load avg) | start | RSS | ${types.map((t) => `${t.id} p99 (req/s)`).join(' | ')} | worst p99 | import 1 M (dry run / import / again) |`,
  );
  lines.push(`| ---- | ------ | --- | ----- | --- | ${types.map(() => '---').join(' | ')} | --- | --- |`);
  for (const r of all) {
    const cells = types.map((t) => {
      const l = r.loads.find((x) => x.type === t.id);
      return l ? `${l.p99} ms (${l.rps.toFixed(0)})` : '–';
    });
    const worst = Math.max(...r.loads.map((l) => l.p99));
    const imp = r.import
      ? `${(r.import.dryRunMs / 1000).toFixed(1)} / ${(r.import.importMs / 1000).toFixed(1)} / ${(r.import.reimportMs / 1000).toFixed(1)} s`
      : '–';
    lines.push(
      `| ${fmtRows(r.rows)} | ${r.engine} | ${r.at.slice(0, 10)} (${r.load ?? '?'}) | ${(r.startMs / 1000).toFixed(1)} s | ${r.rssMiB.toFixed(0)} MiB | ${cells.join(' | ')} | ${worst} ms | ${imp} |`,
    );
  }
  lines.push('', `Rows measured so far: ${[...new Set(all.map((r) => fmtRows(r.rows)))].join(', ')} (each run at a new row count adds a line per engine).`);
  const path = resolve(ROOT, 'BENCHMARKS.md');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = '<!-- engines:start -->';
  const end = '<!-- engines:end -->';
  const block = `${start}\n${lines.join('\n')}\n${end}`;
  const logAt = text.search(new RegExp(`^${MEASUREMENT_LOG_HEADING}$`, 'm'));
  const next = text.includes(start)
    ? text.replace(new RegExp(`${start}[\\s\\S]*${end}`), block)
    : logAt >= 0
      ? `${text.slice(0, logAt)}${block}\n\n${text.slice(logAt)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  // Through the project's formatter, as `npm run format` would leave it (format:check runs in `npm test`).
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(next, { ...options, filepath: path }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
