/** BENCHMARKS.md from one bench run's results (bench/run.ts). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { OverheadResult, LoadResult } from './api';
import type { ImportMeasure } from './import';

type Mem = { rss: number; heapUsed: number; external: number };
type Js = { url: string; bytes: number; gzip: number };

export interface Results {
  date: string;
  command: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; chromium: string; loadAverage: { start: number[]; end: number[] } };
  data: { rows: number; bytes: number; options: object; generatedMs: number | null; dbBuildMs: number | null; dbBytes: number };
  settings: { duration: number; loads: number; changes: number };
  server: { startMs: number; memAfterLoad: Mem; memAfterApi: Mem; memAfterBrowser: Mem };
  overhead: OverheadResult[];
  imports: ImportMeasure;
  loads: LoadResult[];
  queryLabels: Record<string, string>;
  filteredTypes: string[];
  browser: {
    viewport: { x: number; y: number; w: number; h: number };
    appIdle: number[];
    bareIdle: number[];
    /** CPU time of all Chromium processes per navigation (ms); empty where /proc is not available (older results too). */
    appCpu?: number[];
    bareCpu?: number[];
    changes: number[];
    appHeap: number;
    appHeapAfter: number;
    bareHeap: number;
    appJs: Js[];
    bareJs: Js[];
    appRepaint: number[];
    changesReady: number[];
    bareRepaint: number[];
    appWaterfall: { idle: number; domContentLoaded: number; resources: { path: string; start: number; end: number }[] };
  };
  maplibre: { version: string; files: { file: string; bytes: number; gzip: number }[] };
  totalMs: number;
}

export const TARGETS = {
  p99Ms: 100,
  repaintP95Ms: 150,
  idleRatio: 1.3,
  jsRatio: 1.35,
  rssBytes: 1e9,
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const kb = (b: number) => `${(b / 1000).toFixed(1)} kB`;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const ok = (pass: boolean) => (pass ? '✅ met' : '❌ missed');

export function renderReport(r: Results): string {
  const L: string[] = [];
  const b = r.browser;
  const appIdle = median(b.appIdle);
  const bareIdle = median(b.bareIdle);
  const idleRatio = appIdle / bareIdle;
  const rep50 = median(b.changes);
  const rep95 = pct(b.changes, 95);
  const appJs = b.appJs.reduce((s, f) => s + f.gzip, 0);
  const bareJs = b.bareJs.reduce((s, f) => s + f.gzip, 0);
  const mlJs = r.maplibre.files.reduce((s, f) => s + f.gzip, 0);
  const jsRatio = appJs / mlJs;
  const rssMax = Math.max(r.server.memAfterLoad.rss, r.server.memAfterApi.rss, r.server.memAfterBrowser.rss);
  const find = (type: string, connections: number, cache: string) => r.loads.find((x) => x.type === type && x.connections === connections && x.cache === cache);
  const filteredCold16 = r.filteredTypes.map((t) => find(t, 16, 'cold')).filter((x): x is LoadResult => !!x);
  const worstP99 = Math.max(...filteredCold16.map((x) => x.p99));

  L.push('# Benchmarks', '');
  L.push(
    `Written by \`${r.command}\` (bench/run.ts) on ${r.date.slice(0, 16).replace('T', ' ')} UTC; the whole run took ${(r.totalMs / 1000).toFixed(0)} s. Do not edit by hand above the measurement log: run the bench again.`,
    '',
  );
  L.push(
    `**Machine**: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB.toFixed(0)} GiB memory, Node ${r.machine.node}, Chromium ${r.machine.chromium} (headless, WebGL2 through SwiftShader: software rendering, so compare ratios rather than absolute frame times).`,
    '',
  );
  const la = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
  L.push(
    `**Load average** (1 / 5 / 15 min) at the start ${la(r.machine.loadAverage.start)}, at the end ${la(r.machine.loadAverage.end)}: ` +
      `on ${r.machine.cores} cores, anything well above the bench's own load means other work shared the machine and the timings are pessimistic.`,
    '',
  );
  const gen = r.data.generatedMs === null ? 'reused from an earlier run' : `generated in ${(r.data.generatedMs / 1000).toFixed(0)} s`;
  L.push(
    `**Data**: ${r.data.rows.toLocaleString('en')} flow observation rows (daily, \`scripts/generate-data.ts\` with \`${JSON.stringify(r.data.options)}\`, ${(r.data.bytes / 1e6).toFixed(0)} MB of CSV, ${gen}); ` +
      `the other files from data/. DuckDB file ${(r.data.dbBytes / 1e6).toFixed(0)} MB` +
      (r.data.dbBuildMs === null ? ' (reused).' : `, built by the server's seeding code in ${(r.data.dbBuildMs / 1000).toFixed(1)} s.`) +
      ` Server start on it: ${ms(r.server.startMs)} ms.`,
    '',
  );

  L.push('## Targets', '');
  L.push('| target | measured | |', '| --- | --- | --- |');
  L.push(
    `| p99 ≤ ${TARGETS.p99Ms} ms at 16 connections, filtered queries, cold cache | worst ${ms(worstP99)} ms (${filteredCold16.find((x) => x.p99 === worstP99)?.type}) | ${ok(worstP99 <= TARGETS.p99Ms)} |`,
  );
  L.push(
    `| filter change → repaint p95 ≤ ${TARGETS.repaintP95Ms} ms | p95 ${ms(rep95)} ms (p50 ${ms(rep50)} ms, ${b.changes.length} changes) | ${ok(rep95 <= TARGETS.repaintP95Ms)} |`,
  );
  L.push(
    `| time to map idle ≤ ${TARGETS.idleRatio}× the bare MapLibre page | ${idleRatio.toFixed(2)}× (${ms(appIdle)} ms vs ${ms(bareIdle)} ms, medians) | ${ok(idleRatio <= TARGETS.idleRatio)} |`,
  );
  L.push(
    `| JS until map idle ≤ ${TARGETS.jsRatio}× maplibre-gl main + worker (gzip) | ${jsRatio.toFixed(3)}× (${kb(appJs)} vs ${kb(mlJs)}) | ${ok(jsRatio <= TARGETS.jsRatio)} |`,
  );
  L.push(`| server RSS ≤ 1 GB with the data loaded | max ${mib(rssMax)} (${(rssMax / 1e9).toFixed(2)} GB) | ${ok(rssMax <= TARGETS.rssBytes)} |`);
  L.push('');

  L.push('## API', '');
  L.push(
    `autocannon, ${r.settings.duration} s per row, signed in as a programme user (point- and route-level data). **Cold**: every request asks a parameter set not asked before in the run ` +
      '(12-month periods moving through the whole range, × filter values), so the result cache cannot answer and DuckDB does the work; **warm**: 8 parameter sets over and over (answered from the result cache). ' +
      'The load generator runs on the same 2 cores as the server.',
    '',
  );
  L.push(
    '| query | conn. | cache | p50 ms | p99 ms | req/s | requests | target p99 ≤ 100 ms (16 conn., cold) |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |',
  );
  for (const x of r.loads) {
    const target = x.connections === 16 && x.cache === 'cold' && r.filteredTypes.includes(x.type) ? ok(x.p99 <= TARGETS.p99Ms) : '';
    const bad = x.non2xx || x.errors ? ` (${x.non2xx} non-2xx, ${x.errors} errors)` : '';
    L.push(
      `| ${r.queryLabels[x.type]} | ${x.connections} | ${x.type === 'meta' ? '—' : x.cache} | ${ms(x.p50)} | ${ms(x.p99)} | ${x.rps.toFixed(0)} | ${x.requests}${bad} | ${target} |`,
    );
  }
  L.push('');

  L.push('## Database vs API', '');
  L.push(
    'One request at a time, medians over 15 parameter sets per query: the raw DuckDB time of the SQL the server runs (same builders, src/server/db/sql.ts; for groupBy=route with its de-duplicated total in the same statement) on a direct connection without prepared statements (the server caches them per connection), beside the API end to end (HTTP, validation, access policy, cache miss, DuckDB, JSON) for fresh parameter sets of the same shape.',
    '',
  );
  L.push('| query | table read | DuckDB ms | API ms | API / DuckDB |', '| --- | --- | ---: | ---: | ---: |');
  for (const o of r.overhead) L.push(`| ${r.queryLabels[o.type]} | \`${o.table}\` | ${ms(o.dbMs)} | ${ms(o.apiMs)} | ${o.ratio.toFixed(2)}× |`);
  L.push('');

  const im = r.imports;
  L.push('## Import', '');
  L.push(
    `${im.rows.toLocaleString('en')} generated flow rows (${(im.bytes / 1e6).toFixed(1)} MB of CSV) through the import endpoint's code path (src/server/import/run.ts), into a copy of the benchmark database: validation only (dry run), the import (one transaction), then the same file again (every row replacing one).`,
    '',
  );
  L.push('| step | ms | rows/s |', '| --- | ---: | ---: |');
  L.push(`| dry run (validate + merge, rolled back) | ${im.dryRunMs} | ${Math.round(im.rows / (im.dryRunMs / 1000)).toLocaleString('en')} |`);
  L.push(`| import | ${im.importMs} | ${im.rowsPerSecond.toLocaleString('en')} |`);
  L.push(`| same file again | ${im.reimportMs} | ${Math.round(im.rows / (im.reimportMs / 1000)).toLocaleString('en')} |`);
  L.push('', `Target (issue 5): 1,000,000 rows in under a minute: ${ok(im.rows >= 1_000_000 && im.importMs < 60_000)}.`, '');

  L.push('## Browser', '');
  L.push(
    `Headless Chromium, viewport 1280×800, a fresh context (empty cache) per navigation, ${b.appIdle.length} navigations per page alternating; Chromium's preload of its own omnibox-popup UI in a hidden renderer for every new window (about 450 ms of CPU per context, competing with both pages) is switched off (tests/e2e/browser.ts). Time to idle: navigation start → the app says all layers show the current filters (\`window.__atlasReady\`), the map is idle and its pixels are drawn (one pixel of the WebGL canvas read back: MapLibre's idle follows its last draw call, the GPU process may still be drawing). ` +
      `The bare page (bench/bare: maplibre-gl alone, the same basemap style, countries GeoJSON, regions from the API and font, a ${b.viewport.w}×${b.viewport.h} map like the app's) → map idle, pixels drawn.`,
    '',
  );
  L.push('| measure | app | bare MapLibre | ratio | target |', '| --- | ---: | ---: | ---: | --- |');
  L.push(
    `| navigation → map idle, median ms | ${ms(appIdle)} | ${ms(bareIdle)} | ${idleRatio.toFixed(2)}× | ≤ ${TARGETS.idleRatio}× ${ok(idleRatio <= TARGETS.idleRatio)} |`,
  );
  L.push(`| navigation → map idle, all runs ms | ${b.appIdle.map(ms).join(', ')} | ${b.bareIdle.map(ms).join(', ')} | | |`);
  if (b.appCpu?.length && b.bareCpu?.length) {
    const ac = median(b.appCpu);
    const bc = median(b.bareCpu);
    L.push(
      `| CPU time of the browser's processes per navigation (browser, renderer, GPU: /proc), median ms | ${ms(ac)} | ${ms(bc)} | ${(ac / bc).toFixed(2)}× | |`,
      `| CPU used / wall time until idle (cores busy on average, of ${r.machine.cores}) | ${(ac / appIdle).toFixed(2)} | ${(bc / bareIdle).toFixed(2)} | | |`,
    );
  }
  L.push(
    `| one repaint with nothing changed (triggerRepaint → idle), median ms | ${ms(median(b.appRepaint))} | ${ms(median(b.bareRepaint))} | ${(median(b.appRepaint) / median(b.bareRepaint)).toFixed(2)}× | |`,
  );
  L.push(`| JS heap used after load (CDP, after GC) | ${mib(b.appHeap)} | ${mib(b.bareHeap)} | ${(b.appHeap / b.bareHeap).toFixed(2)}× | |`);
  L.push(`| JS heap used after ${b.changes.length} filter changes | ${mib(b.appHeapAfter)} | | | |`);
  L.push('');
  L.push(
    `Filter change → repaint (the "From" date input, a new day each time, so every change asks the server new queries; until \`__atlasReady\`, the next map idle and the pixels drawn): p50 **${ms(rep50)} ms**, p95 **${ms(rep95)} ms** (target p95 ≤ ${TARGETS.repaintP95Ms} ms: ${ok(rep95 <= TARGETS.repaintP95Ms)}); all: ${b.changes.map((x) => x.toFixed(0)).join(', ')} ms. ` +
      `Of which input → \`__atlasReady\` (new queries answered, React rendered, feature-state set): p50 ${ms(median(b.changesReady))} ms, p95 ${ms(pct(b.changesReady, 95))} ms; the rest is the map drawing the change.`,
    '',
  );

  L.push(
    'What the time to idle is made of, measured build against build with `bench/focus-browser.ts` (`FOCUS_COMPARE`), is in the [measurement log](#measurement-log) below.',
    '',
  );
  L.push("### Where the app's time to idle goes (first navigation, ms since navigation start)", '');
  L.push(`DOMContentLoaded ${b.appWaterfall.domContentLoaded} ms; map idle with all layers ${b.appWaterfall.idle} ms.`, '');
  L.push('| request | start | end |', '| --- | ---: | ---: |');
  for (const x of b.appWaterfall.resources) L.push(`| \`${x.path.length > 90 ? `${x.path.slice(0, 90)}…` : x.path}\` | ${x.start} | ${x.end} |`);
  L.push('');

  L.push('## Bundle', '');
  L.push("JavaScript requested until the map is idle (gzip -9 of each file), beside maplibre-gl's own distribution files gzipped the same way.", '');
  L.push('| file | bytes | gzip |', '| --- | ---: | ---: |');
  for (const f of b.appJs) L.push(`| app: \`${f.url}\` | ${f.bytes.toLocaleString('en')} | ${f.gzip.toLocaleString('en')} |`);
  L.push(`| **app total** | ${b.appJs.reduce((s, f) => s + f.bytes, 0).toLocaleString('en')} | **${appJs.toLocaleString('en')}** |`);
  for (const f of r.maplibre.files)
    L.push(`| maplibre-gl ${r.maplibre.version}: \`${f.file}\` | ${f.bytes.toLocaleString('en')} | ${f.gzip.toLocaleString('en')} |`);
  L.push(`| **maplibre-gl main + worker** | ${r.maplibre.files.reduce((s, f) => s + f.bytes, 0).toLocaleString('en')} | **${mlJs.toLocaleString('en')}** |`);
  L.push(`| bare page total (for reference) | ${b.bareJs.reduce((s, f) => s + f.bytes, 0).toLocaleString('en')} | ${bareJs.toLocaleString('en')} |`);
  L.push('');
  L.push(
    `Ratio app / maplibre-gl: **${jsRatio.toFixed(3)}×** (target ≤ ${TARGETS.jsRatio}×: ${ok(jsRatio <= TARGETS.jsRatio)}). The budget test (tests/e2e/bundle-budget.test.ts) measures the same sum in \`npm test\`.`,
    '',
  );

  L.push('## Server memory', '');
  L.push('| when | RSS | JS heap used | external |', '| --- | ---: | ---: | ---: |');
  for (const [label, m] of [
    ['after start (data loaded)', r.server.memAfterLoad],
    ['after the API runs', r.server.memAfterApi],
    ['after the browser runs', r.server.memAfterBrowser],
  ] as const) {
    L.push(`| ${label} | ${mib(m.rss)} | ${mib(m.heapUsed)} | ${mib(m.external)} |`);
  }
  L.push('', `Target: RSS ≤ 1 GB: ${ok(rssMax <= TARGETS.rssBytes)}.`, '');
  return `${L.join('\n')}\n`;
}

/** The hand-kept section at the end of BENCHMARKS.md: the bench rewrites everything above it and keeps it as it is. */
export const MEASUREMENT_LOG_HEADING = '## Measurement log';

/** The measurement log of an existing report (from its heading to the end), or '' when there is none. */
export function measurementLog(existing: string): string {
  const at = existing.search(new RegExp(`^${MEASUREMENT_LOG_HEADING}$`, 'm'));
  return at < 0 ? '' : existing.slice(at);
}

/** The engines section (bench/engines.ts), kept as it is between its markers when the main report is rewritten. */
export function enginesSection(existing: string): string {
  const m = /<!-- engines:start -->[\s\S]*<!-- engines:end -->\n?/.exec(existing);
  return m ? `${m[0].trimEnd()}\n\n` : '';
}

export function writeReport(path: string, r: Results): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileSync(path, `${renderReport(r)}${enginesSection(existing)}${measurementLog(existing)}`);
}
