/**
 * Browser measurements in headless Chromium (SwiftShader WebGL2, the e2e launch flags): time from navigation to the
 * map idle with all layers (the app) beside a bare MapLibre page drawing the same basemap (bench/bare), filter change
 * to repaint, JS heap, and the JavaScript loaded until the map is idle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The page's globals as the bench reads them: the map under its variable name (`__atlasMap`, `__bareMap`) and readiness flags. */
type PageGlobals = Record<string, MaplibreMap | boolean | undefined>;

export const VIEWPORT = { width: 1280, height: 800 };

/**
 * In the page: waits for `mapVar` (and `readyVar` === true), then for the map's next idle, then reads one pixel of the
 * map's WebGL canvas, which returns only once the GPU process has executed every draw queued so far (MapLibre's
 * 'idle' follows its last draw call, not the pixels: a hidden canvas, for one, can defer that work); returns
 * performance.now().
 */
async function waitIdleInPage(page: Page, mapVar: string, readyVar: string | null, timeout = 60_000): Promise<number> {
  return page.evaluate(
    async ({ mapVar, readyVar, timeout }) => {
      const w = window as unknown as PageGlobals;
      const deadline = performance.now() + timeout;
      while (!(w[mapVar] && (readyVar === null || w[readyVar] === true))) {
        if (performance.now() > deadline) throw new Error(`${mapVar}/${readyVar} never ready`);
        await new Promise((r) => setTimeout(r, 2));
      }
      const map = w[mapVar] as MaplibreMap;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('map never idle')), timeout);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        map.once('idle', done);
        if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) map.triggerRepaint();
      });
      const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext | null;
      gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      return performance.now();
    },
    { mapVar, readyVar, timeout },
  );
}

export interface PageLoad {
  idleMs: number;
  /** CPU time of all Chromium processes (browser, renderer, GPU, utility) from navigation to idle; null without /proc. */
  cpuMs: number | null;
  js: Array<{ url: string; bytes: number; gzip: number }>;
  canvas?: { x: number; y: number; w: number; h: number };
}

/** Gzip -9 size of the file a same-origin URL names inside `distDir`. */
function gzipOf(distDir: string, url: string): { bytes: number; gzip: number } {
  const bytes = readFileSync(join(distDir, decodeURIComponent(new URL(url).pathname)));
  return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/**
 * CPU time (user + system) used so far by every Chromium process on this machine, in ms, from /proc (Linux; null
 * elsewhere). The bench's browser is the only Chromium running, so the difference across a navigation is what that
 * navigation cost the machine: on 2 cores with software WebGL the page is CPU-bound, so this explains its wall time.
 */
export function chromiumCpuMs(): number | null {
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!/^chrom/.test(name)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while being read.
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** One cold navigation (fresh context: empty HTTP cache) until the map is idle. */
export async function loadOnce(
  browser: Browser,
  opts: { url: string; distDir: string; mapVar: string; readyVar: string | null; signIn?: (c: BrowserContext) => Promise<void> },
): Promise<PageLoad & { context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // tsx (esbuild keepNames) wraps named functions in __name(): give the page a no-op one for our evaluate callbacks.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  if (opts.signIn) await opts.signIn(context);
  const page = await context.newPage();
  const scripts = new Set<string>();
  const onUrl = (url: string) => {
    const p = new URL(url).pathname;
    if (/\.m?js$/.test(p) && new URL(url).origin === new URL(opts.url).origin) scripts.add(url);
  };
  page.on('request', (r) => onUrl(r.url()));
  page.on('worker', (w) => onUrl(w.url()));
  const cpu0 = chromiumCpuMs();
  await page.goto(opts.url, { waitUntil: 'commit' });
  const idleMs = await waitIdleInPage(page, opts.mapVar, opts.readyVar);
  const cpu1 = chromiumCpuMs();
  const cpuMs = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  const js = [...scripts].sort().map((url) => ({ url: new URL(url).pathname, ...gzipOf(opts.distDir, url) }));
  return { idleMs, cpuMs, js, context, page };
}

/** Frame cost alone: `n` times triggerRepaint → idle with nothing changed (SwiftShader draws every frame on the CPU). */
export async function repaintOnly(page: Page, mapVar: string, n: number): Promise<number[]> {
  return page.evaluate(
    async ({ mapVar, n }) => {
      const map = (window as unknown as PageGlobals)[mapVar] as MaplibreMap;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await new Promise<void>((resolve) => {
          map.once('idle', () => resolve());
          map.triggerRepaint();
        });
        out.push(performance.now() - t0);
      }
      return out;
    },
    { mapVar, n },
  );
}

/** The page's requests (resource timing) and its DOMContentLoaded, in ms since navigation start. */
export async function waterfall(page: Page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
      path: new URL(r.name).pathname + new URL(r.name).search,
      start: Math.round(r.startTime),
      end: Math.round(r.responseEnd),
    }));
    return { domContentLoaded: Math.round(nav?.domContentLoadedEventEnd ?? 0), resources: res };
  });
}

export async function canvasBox(page: Page) {
  return page.evaluate(() => {
    const r = document.querySelector('canvas.maplibregl-canvas')!.getBoundingClientRect();
    return { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) };
  });
}

export async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    return h.usedSize;
  } finally {
    await cdp.detach();
  }
}

/**
 * One filter change through the UI (the "From" date input, as typed), timed in the page from the input event until
 * the app says its layers show the new filters (`__atlasReady`) and the map has drawn them (next idle, pixels read).
 */
export async function filterChange(page: Page, from: string): Promise<{ total: number; ready: number }> {
  return page.evaluate(
    async ({ from }) => {
      const el = document.querySelector('[data-testid="filter-from"]') as HTMLInputElement | null;
      if (!el) throw new Error('no [data-testid="filter-from"] input');
      window.__atlasReady = false;
      // Read through a function: the app sets the flag, so it must not stay narrowed to the `false` set here.
      const isReady = () => window.__atlasReady === true;
      const t0 = performance.now();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, from);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      const deadline = t0 + 30_000;
      while (!isReady()) {
        if (performance.now() > deadline) throw new Error(`filter change to from=${from} never settled`);
        await new Promise((r) => setTimeout(r, 1));
      }
      const ready = performance.now() - t0;
      const map = window.__atlasMap!;
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) map.triggerRepaint();
      });
      // Until the pixels are drawn (see waitIdleInPage).
      const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext | null;
      gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      return { total: performance.now() - t0, ready };
    },
    { from },
  );
}
