/**
 * A focused browser run (not part of `npm run bench`): time from navigation to map idle, the app beside the bare
 * MapLibre page, alternating cold loads, with the app's request waterfall and its main-thread marks. For working on
 * the first map; `npm run bench` gives the reported figures.
 *
 *   FOCUS_DATA=bench/out/data FOCUS_DB=/tmp/focus/atlas.duckdb FOCUS_LOADS=9 npx tsx bench/focus-browser.ts
 *
 * FOCUS_DIST reuses an existing SPA build; FOCUS_SKIP_BARE_BUILD=1 reuses bench/out/bare-dist. FOCUS_COMPARE=DIR also
 * loads another build of the app (served beside, its API calls forwarded) in the same alternation, to compare two
 * builds on a machine whose speed drifts.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build as viteBuild } from 'vite';

// The bench reads the map and its readiness through the test hooks (src/client/map/map-instance.ts).
process.env.VITE_TEST_HOOKS = '1';
import { launch } from '../tests/e2e/browser';
import { bareServer, buildBarePage } from './bare-server';
import { addDays } from '../src/shared/calendar';
import { canvasBox, filterChange, loadOnce, waterfall } from './browser';

const ROOT = resolve(import.meta.dirname, '..');
const dataDir = resolve(process.env.FOCUS_DATA ?? join(ROOT, 'bench/out/data'));
const dbPath = resolve(process.env.FOCUS_DB ?? '/tmp/focus/atlas.duckdb');
const LOADS = Number(process.env.FOCUS_LOADS ?? 7);
/** Filter changes (the bench's "From" date input) timed on the last load of each build. */
const CHANGES = Number(process.env.FOCUS_CHANGES ?? 0);
const PASSWORD = 'bench password, long enough';
mkdirSync(dirname(dbPath), { recursive: true });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
async function changes(page: import('playwright-core').Page, label: string) {
  if (!CHANGES) return;
  const from0 = (await page.evaluate(() => new URL(location.href).searchParams.get('from'))) ?? '2019-01-01';
  const t: number[] = [];
  for (let k = 1; k <= CHANGES; k++) t.push((await filterChange(page, addDays(from0, k))).total);
  console.log(`${label}: filter → repaint p50 ${pct(t, 50).toFixed(0)} ms, p95 ${pct(t, 95).toFixed(0)} ms`);
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const distDir = process.env.FOCUS_DIST ? resolve(process.env.FOCUS_DIST) : '/tmp/focus/dist';
if (!process.env.FOCUS_DIST) await viteBuild({ root: ROOT, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
const bareDir = join(ROOT, 'bench/out/bare-dist');
if (!process.env.FOCUS_SKIP_BARE_BUILD || !existsSync(join(bareDir, 'index.html'))) {
  await buildBarePage(bareDir);
}

const child = fork(join(ROOT, 'bench/server-child.ts'), [dataDir, dbPath, distDir], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, BENCH_PASSWORD: PASSWORD },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ready = await new Promise<{ url: string }>((res, rej) => {
  child.on('message', (m: { type: string; url: string }) => m.type === 'ready' && res(m));
  child.once('exit', (c) => rej(new Error(`server exited ${c}`)));
});
const bare = await bareServer(bareDir, ready.url);
const other = process.env.FOCUS_COMPARE ? await bareServer(resolve(process.env.FOCUS_COMPARE), ready.url) : null;
const browser = await launch();
try {
  const signIn = async (c: import('playwright-core').BrowserContext) => {
    const r = await c.request.post(`${ready.url}/api/v1/session`, { data: { username: 'bench', password: PASSWORD } });
    if (r.status() !== 200) throw new Error(`sign-in answered ${r.status()}`);
  };
  const app = { url: `${ready.url}/`, distDir, mapVar: '__atlasMap', readyVar: '__atlasReady', signIn };
  const first = await loadOnce(browser, app);
  const box = await canvasBox(first.page);
  await first.context.close();
  const bareOpts = { url: `${bare.url}/?x=${box.x}&y=${box.y}&w=${box.w}&h=${box.h}`, distDir: bareDir, mapVar: '__bareMap', readyVar: null };
  await (await loadOnce(browser, bareOpts)).context.close();
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  const cpu = { app: [] as number[], bare: [] as number[], other: [] as number[] };
  const signInOther = async (ctx: import('playwright-core').BrowserContext) => {
    const r = await ctx.request.post(`${other!.url}/api/v1/session`, { data: { username: 'bench', password: PASSWORD } });
    if (r.status() !== 200) throw new Error(`sign-in (compare) answered ${r.status()}`);
  };
  const otherOpts = other
    ? { url: `${other.url}/`, distDir: resolve(process.env.FOCUS_COMPARE!), mapVar: '__atlasMap', readyVar: '__atlasReady', signIn: signInOther }
    : null;
  if (otherOpts) await (await loadOnce(browser, otherOpts)).context.close();
  for (let i = 0; i < LOADS; i++) {
    const x = await loadOnce(browser, app);
    a.push(x.idleMs);
    if (x.cpuMs !== null) cpu.app.push(x.cpuMs);
    if (i === LOADS - 1) {
      const w = await waterfall(x.page);
      const marks = await x.page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`));
      console.log(`DOMContentLoaded ${w.domContentLoaded} ms`);
      for (const r of w.resources.sort((p, q) => p.start - q.start)) console.log(`  ${String(r.start).padStart(5)}–${String(r.end).padEnd(5)} ${r.path}`);
      for (const m of marks) console.log(`  mark ${m}`);
      await changes(x.page, 'app');
    }
    await x.context.close();
    const y = await loadOnce(browser, bareOpts);
    b.push(y.idleMs);
    if (y.cpuMs !== null) cpu.bare.push(y.cpuMs);
    await y.context.close();
    let z: number | null = null;
    if (otherOpts) {
      const o = await loadOnce(browser, otherOpts);
      z = o.idleMs;
      c.push(z);
      if (o.cpuMs !== null) cpu.other.push(o.cpuMs);
      if (i === LOADS - 1) await changes(o.page, 'compared build');
      await o.context.close();
    }
    console.log(`load ${i + 1}: app ${x.idleMs.toFixed(0)} ms, bare ${y.idleMs.toFixed(0)} ms${z === null ? '' : `, compared build ${z.toFixed(0)} ms`}`);
  }
  console.log(`median: app ${median(a).toFixed(0)} ms, bare ${median(b).toFixed(0)} ms, ratio ${(median(a) / median(b)).toFixed(2)}×`);
  if (c.length) console.log(`compared build: median ${median(c).toFixed(0)} ms, ratio ${(median(c) / median(b)).toFixed(2)}×`);
  if (cpu.app.length && cpu.bare.length) {
    const line = `CPU of Chromium's processes per load, median: app ${median(cpu.app)} ms, bare ${median(cpu.bare)} ms (${(median(cpu.app) / median(cpu.bare)).toFixed(2)}×)`;
    console.log(cpu.other.length ? `${line}, compared build ${median(cpu.other)} ms (${(median(cpu.other) / median(cpu.bare)).toFixed(2)}×)` : line);
  }
} finally {
  await browser.close();
  await bare.app.close();
  await other?.app.close();
  child.kill();
}
