/**
 * `npm run bench`: Transit Atlas at benchmark volume, measured in one run, written to BENCHMARKS.md.
 *
 *   npm run bench                                   # ~10 M flow rows (generated once into bench/out/, then reused)
 *   BENCH_ROWS=1000000 BENCH_DURATION=3 npm run bench   # a quick run
 *
 * Env: BENCH_DIST (measure this existing SPA build instead of building one), BENCH_ROWS (default 10000000), BENCH_DURATION (seconds per autocannon run, default 8), BENCH_LOADS (cold
 * navigations per page, default 5), BENCH_CHANGES (filter changes, default 20), BENCH_OUT (report path, default
 * BENCHMARKS.md; results.json goes to bench/out/).
 *
 * Steps: generate data (bench/data.ts) → build the DuckDB file with the server's seeding code (seed.ts) → build the
 * SPA and the bare MapLibre page with Vite → start the real server (startServer, port 0) in a child process →
 * database vs API overhead → API load (autocannon) → browser (Chromium) → server RSS → report.
 */
import { fork } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as viteBuild } from 'vite';

// The bench reads the map and its readiness through the test hooks (src/client/map/map-instance.ts).
process.env.VITE_TEST_HOOKS = '1';
import { launch } from '../tests/e2e/browser';
import { ensureDatabase } from '../src/server/store/duckdb/seed';
import { addDays } from '../src/shared/calendar';
import { measureImport } from './import';
import { contextOf, load, overhead, QUERY_TYPES, type LoadResult } from './api';
import { bareServer, buildBarePage } from './bare-server';
import { canvasBox, filterChange, heapUsed, loadOnce, repaintOnly, waterfall } from './browser';
import { OUT, prepareData, ROOT } from './data';
import { writeReport, type Results } from './report';

const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const ROWS = env('BENCH_ROWS', 10_000_000);
const DURATION = env('BENCH_DURATION', 8);
const LOADS = env('BENCH_LOADS', 5);
const IMPORT_ROWS = env('BENCH_IMPORT_ROWS', 1_000_000);
const CHANGES = env('BENCH_CHANGES', 20);
const REPORT = process.env.BENCH_OUT ?? join(ROOT, 'BENCHMARKS.md');
const PASSWORD = 'bench password, long enough';

const started = Date.now();
/** Other work on the machine skews every figure: the 1/5/15-minute load averages are recorded with the results. */
const loadStart = loadavg();
const log = (s: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Nearest-rank percentile. */
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

type Mem = { rss: number; heapUsed: number; external: number };
type ChildMsg = { type: 'ready'; url: string; startMs: number; log: string[]; mem: Mem } | { type: 'rss'; mem: Mem };

function startServerChild(dataDir: string, dbPath: string, staticDir: string) {
  const child = fork(join(ROOT, 'bench/server-child.ts'), [dataDir, dbPath, staticDir], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_PASSWORD: PASSWORD },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends ChildMsg['type']>(type: T) =>
    new Promise<Extract<ChildMsg, { type: T }>>((resolve, reject) => {
      const onMsg = (m: ChildMsg) => {
        if (m.type !== type) return;
        child.off('message', onMsg);
        child.off('exit', onExit);
        resolve(m as Extract<ChildMsg, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`server process exited (${code})`));
      child.on('message', onMsg);
      child.once('exit', onExit);
    });
  return {
    child,
    ready: next('ready'),
    async mem() {
      const p = next('rss');
      child.send({ type: 'rss' });
      return (await p).mem;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'stop' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  log(`rows target ${ROWS}, ${DURATION} s per load run, ${LOADS} loads per page, ${CHANGES} filter changes`);

  // ---- data and database ----
  const data = prepareData(ROWS, log);
  const dbPath = join(OUT, `atlas-${data.rows}.duckdb`);
  // Databases of other row counts from earlier runs: removed (each is rebuilt in seconds).
  for (const f of readdirSync(OUT)) if (/^atlas-\d+\.duckdb(\.wal)?$/.test(f) && !f.startsWith(`atlas-${data.rows}.`)) rmSync(join(OUT, f));
  const t0 = performance.now();
  const db = await ensureDatabase({ dataDir: data.dir, dbPath, log });
  const dbBuildMs = db.built ? performance.now() - t0 : null;

  // ---- import (issue 5): IMPORT_ROWS generated flow rows through the endpoint's code path, into a copy of the database ----
  log(`import of ${IMPORT_ROWS.toLocaleString('en')} flow rows …`);
  const imports = await measureImport(IMPORT_ROWS, data.dir, dbPath);
  log(`import: dry run ${imports.dryRunMs} ms, import ${imports.importMs} ms (${imports.rowsPerSecond} rows/s), again ${imports.reimportMs} ms`);

  // ---- builds: the SPA (the project's vite.config.ts) and the bare page (same config, bench/bare as root) ----
  const distDir = join(OUT, 'dist');
  const bareDir = join(OUT, 'bare-dist');
  if (process.env.BENCH_DIST && existsSync(join(process.env.BENCH_DIST, 'index.html'))) {
    // Measure an existing build instead (e.g. while the client does not build).
    log(`using the SPA build in ${process.env.BENCH_DIST}`);
    rmSync(distDir, { recursive: true, force: true });
    cpSync(process.env.BENCH_DIST, distDir, { recursive: true });
  } else {
    log('vite build (app) …');
    await viteBuild({ root: ROOT, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
  }
  log('vite build (bare page) …');
  await buildBarePage(bareDir);

  // ---- server ----
  log('starting the server …');
  const server = startServerChild(data.dir, dbPath, distDir);
  let bare: Awaited<ReturnType<typeof bareServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launch>> | undefined;
  try {
    const ready = await server.ready;
    const memAfterLoad = ready.mem;
    log(`server at ${ready.url} in ${ready.startMs.toFixed(0)} ms, RSS ${(memAfterLoad.rss / 2 ** 20).toFixed(0)} MiB`);
    const ctx = await contextOf(ready.url, 'bench', PASSWORD, data.dir);
    const meta = (await (await fetch(`${ready.url}/api/v1/meta`, { headers: { cookie: ctx.cookie } })).json()) as {
      defaultPeriod: { from: string; to: string };
    };

    // ---- database vs API, one request at a time ----
    log('database vs API overhead …');
    // The server holds its database file open (read-write when imports are enabled): the direct connection reads an
    // identical copy.
    const rawCopy = join(OUT, 'raw-copy.duckdb');
    copyFileSync(dbPath, rawCopy);
    const over = await overhead(ctx, rawCopy, 15);
    rmSync(rawCopy, { force: true });
    for (const o of over) log(`${o.type.padEnd(18)} DuckDB ${o.dbMs.toFixed(1)} ms (${o.table}), API ${o.apiMs.toFixed(1)} ms: ${o.ratio.toFixed(2)}×`);

    // ---- API load ----
    const loads: LoadResult[] = [];
    const warmTypes = new Set(['route', 'point-sex-age', 'weekly-point', 'assistance-centre']);
    for (const connections of [16, 64]) {
      for (const t of QUERY_TYPES) {
        for (const cache of ['cold', 'warm'] as const) {
          if (t.kind === 'meta' && cache === 'warm') continue;
          if (cache === 'warm' && !warmTypes.has(t.id)) continue;
          const r = await load(ctx, t, connections, t.kind === 'meta' ? 'warm' : cache, DURATION);
          loads.push(r);
          log(
            `${t.id.padEnd(18)} ${String(connections).padStart(2)} conn ${r.cache.padEnd(4)}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`,
          );
        }
      }
    }
    const memAfterApi = await server.mem();
    log(`RSS after the API runs ${(memAfterApi.rss / 2 ** 20).toFixed(0)} MiB`);

    // ---- browser ----
    log('browser …');
    bare = await bareServer(bareDir, ready.url);
    browser = await launch();
    const signInContext = async (c: import('playwright-core').BrowserContext) => {
      const r = await c.request.post(`${ready.url}/api/v1/session`, { data: { username: 'bench', password: PASSWORD } });
      if (r.status() !== 200) throw new Error(`browser sign-in answered ${r.status()}`);
    };
    // A first navigation to learn the map's box (the bare page draws a map of the same size), not counted.
    const first = await loadOnce(browser, { url: `${ready.url}/`, distDir, mapVar: '__atlasMap', readyVar: '__atlasReady', signIn: signInContext });
    const box = await canvasBox(first.page);
    const appWaterfall = { idle: Math.round(first.idleMs), ...(await waterfall(first.page)) };
    await first.context.close();
    const bareUrl = `${bare.url}/?x=${box.x}&y=${box.y}&w=${box.w}&h=${box.h}`;
    await (await loadOnce(browser, { url: bareUrl, distDir: bareDir, mapVar: '__bareMap', readyVar: null })).context.close();
    const appIdle: number[] = [];
    const bareIdle: number[] = [];
    const appCpu: number[] = [];
    const bareCpu: number[] = [];
    let appJs: { url: string; bytes: number; gzip: number }[] = [];
    let bareJs: { url: string; bytes: number; gzip: number }[] = [];
    let appHeap = 0;
    let bareHeap = 0;
    const changes: number[] = [];
    const changesReady: number[] = [];
    let appHeapAfter = 0;
    let appRepaint: number[] = [];
    let bareRepaint: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const a = await loadOnce(browser, { url: `${ready.url}/`, distDir, mapVar: '__atlasMap', readyVar: '__atlasReady', signIn: signInContext });
      appIdle.push(a.idleMs);
      if (a.cpuMs !== null) appCpu.push(a.cpuMs);
      appJs = a.js;
      if (i === LOADS - 1) {
        appHeap = await heapUsed(a.page);
        appRepaint = await repaintOnly(a.page, '__atlasMap', 10);
        // Filter changes: move "From" a day at a time from the default period's start (each a new query set).
        const from0 = meta.defaultPeriod.from;
        for (let k = 1; k <= CHANGES; k++) {
          const c = await filterChange(a.page, addDays(from0, k));
          changes.push(c.total);
          changesReady.push(c.ready);
        }
        appHeapAfter = await heapUsed(a.page);
      }
      await a.context.close();
      const b = await loadOnce(browser, { url: bareUrl, distDir: bareDir, mapVar: '__bareMap', readyVar: null });
      bareIdle.push(b.idleMs);
      if (b.cpuMs !== null) bareCpu.push(b.cpuMs);
      bareJs = b.js;
      if (i === LOADS - 1) {
        bareHeap = await heapUsed(b.page);
        bareRepaint = await repaintOnly(b.page, '__bareMap', 10);
      }
      await b.context.close();
      log(`load ${i + 1}/${LOADS}: app ${a.idleMs.toFixed(0)} ms, bare ${b.idleMs.toFixed(0)} ms`);
    }
    log(`filter → repaint p50 ${median(changes).toFixed(0)} ms, p95 ${pct(changes, 95).toFixed(0)} ms`);
    const chromium = browser.version();
    const memAfterBrowser = await server.mem();

    // ---- maplibre-gl reference: its own main (+ shared if imported) + worker, gzip -9 ----
    const mlDir = join(ROOT, 'node_modules/maplibre-gl/dist');
    const mainSrc = readFileSync(join(mlDir, 'maplibre-gl.mjs'), 'utf8');
    const mlFiles = ['maplibre-gl.mjs', ...(/from\s*["']\.\/maplibre-gl-shared/.test(mainSrc) ? ['maplibre-gl-shared.mjs'] : []), 'maplibre-gl-worker.mjs'];
    const maplibre = mlFiles.map((f) => {
      const bytes = readFileSync(join(mlDir, f));
      return { file: f, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    const mlVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/maplibre-gl/package.json'), 'utf8')) as { version: string }).version;

    const results: Results = {
      date: new Date().toISOString(),
      command:
        process.env.BENCH_ROWS || process.env.BENCH_DURATION
          ? `${['BENCH_ROWS', 'BENCH_DURATION', 'BENCH_LOADS', 'BENCH_CHANGES']
              .filter((k) => process.env[k])
              .map((k) => `${k}=${process.env[k]}`)
              .join(' ')} npm run bench`
          : 'npm run bench',
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGiB: totalmem() / 2 ** 30,
        node: process.version,
        chromium,
        loadAverage: { start: loadStart, end: loadavg() },
      },
      data: { rows: data.rows, bytes: data.bytes, options: data.options, generatedMs: data.generatedMs, dbBuildMs, dbBytes: statSync(dbPath).size },
      settings: { duration: DURATION, loads: LOADS, changes: CHANGES },
      server: { startMs: ready.startMs, memAfterLoad, memAfterApi, memAfterBrowser },
      overhead: over,
      imports,
      loads,
      queryLabels: Object.fromEntries(QUERY_TYPES.map((t) => [t.id, t.label])),
      filteredTypes: QUERY_TYPES.filter((t) => t.filtered).map((t) => t.id),
      browser: {
        viewport: box,
        appIdle,
        bareIdle,
        appCpu,
        bareCpu,
        changes,
        appHeap,
        appHeapAfter,
        bareHeap,
        appJs,
        bareJs,
        appWaterfall,
        appRepaint,
        bareRepaint,
        changesReady,
      },
      maplibre: { version: mlVersion, files: maplibre },
      totalMs: Date.now() - started,
    };
    writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
    writeReport(REPORT, results);
    log(`wrote ${REPORT} and ${join(OUT, 'results.json')}`);
  } finally {
    await browser?.close().catch(() => {});
    await bare?.app.close().catch(() => {});
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
