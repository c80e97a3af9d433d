/**
 * Bundle budget: the JavaScript a browser loads until the first map is drawn (the app says its layers show the current
 * filters, `window.__atlasReady`, and the map is idle), gzip -9 of each file as served, summed. Fails when it grows past
 * BUDGET_BYTES. Also checks that assets come back compressed (vite.config.ts precompress + app.ts preCompressed).
 *
 * How the budget was set (`npm run bench` and this test, 2026-11-29): 587.2 kB after the legend's sqrt scale stopped
 * importing d3-scale (whose locale code was about 7 kB gzipped of the first load), + ~5.6 %. Earlier: 598–600 kB with
 * d3-scale; 610.6–614.5 kB before the time strip and the side content waited for the first map idle
 * (src/client/map/first-idle.ts).
 *
 * The target, ≤ 1.35× maplibre-gl's own main + worker files gzipped (≈ 600 kB for 6.17.0), is asserted too
 * (1.322× at the last measurement; zod, ~25 kB gzip, is in the first-load chunk: the URL state and the API answers are
 * validated with it).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, signIn, waitForFirstMap } from './browser';

export const BUDGET_BYTES = 620_000;
export const MAPLIBRE_RATIO = 1.35;

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');
const root = resolve(import.meta.dirname, '../..');

const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** maplibre-gl's distribution: main (+ the shared chunk when the main imports one) + worker, gzip -9. */
function maplibreBytes(): number {
  const dir = join(root, 'node_modules/maplibre-gl/dist');
  const main = readFileSync(join(dir, 'maplibre-gl.mjs'));
  const files = [main, readFileSync(join(dir, 'maplibre-gl-worker.mjs'))];
  if (/from\s*["']\.\/maplibre-gl-shared/.test(main.toString('utf8'))) files.push(readFileSync(join(dir, 'maplibre-gl-shared.mjs')));
  return files.reduce((s, b) => s + gzipSize(b), 0);
}

describe('bundle budget: JavaScript until the first map', () => {
  let browser: Browser;
  const scripts = new Set<string>();
  const sizes = new Map<string, number>();

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await signIn(context, baseUrl, accounts.programme, password);
    const page = await context.newPage();
    const requested: Request[] = [];
    const workers: string[] = [];
    const own = (url: string) => {
      const u = new URL(url);
      return u.origin === new URL(baseUrl).origin && /\.m?js$/.test(u.pathname) ? u.pathname : null;
    };
    page.on('request', (r) => requested.push(r));
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(baseUrl);
    await waitForFirstMap(page);
    // Until the app marked the first map drawn (map/first-idle.ts), by each request's own start time: the chunks that
    // wait for that moment load right after it, however late this test gets to look (a loaded machine).
    const firstIdle = await page.waitForFunction(() => (window.__atlasFirstIdleAt === undefined ? null : performance.timeOrigin + window.__atlasFirstIdleAt));
    const idleEpoch = (await firstIdle.jsonValue()) as number;
    for (const r of requested) {
      const path = own(r.url());
      if (!path) continue;
      await r.response();
      if (r.timing().startTime <= idleEpoch) scripts.add(path);
    }
    // The worker starts with the map, before its first draw.
    for (const w of workers) {
      const path = own(w);
      if (path) scripts.add(path);
    }
    for (const path of [...scripts]) {
      const res = await fetch(new URL(path, baseUrl), { headers: { 'accept-encoding': 'identity' } });
      expect(res.status, path).toBe(200);
      sizes.set(path, gzipSize(Buffer.from(await res.arrayBuffer())));
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  const total = () => [...sizes.values()].reduce((s, n) => s + n, 0);
  const table = () => [...sizes].map(([p, n]) => `${p}: ${n}`).join('\n');

  it('loads MapLibre, its worker and the app', () => {
    const paths = [...scripts];
    expect(
      paths.some((p) => /maplibre-gl-worker/.test(p)),
      paths.join(', '),
    ).toBe(true);
    expect(paths.length).toBeGreaterThanOrEqual(2);
  });

  it(`stays within ${BUDGET_BYTES} bytes gzipped`, () => {
    const t = total();
    console.info(`JS until the first map: ${t} B gzip (${(t / maplibreBytes()).toFixed(3)}× maplibre-gl main + worker)\n${table()}`);
    expect(t, `JavaScript until the first map is ${t} B gzipped, over the budget of ${BUDGET_BYTES} B:\n${table()}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it(`stays within ${MAPLIBRE_RATIO}× maplibre-gl's own main + worker files (gzipped)`, () => {
    const t = total();
    const ml = maplibreBytes();
    expect(t, `JavaScript until the first map is ${(t / ml).toFixed(3)}× maplibre-gl (${t} B vs ${ml} B gzipped):\n${table()}`).toBeLessThanOrEqual(
      MAPLIBRE_RATIO * ml,
    );
  });

  it('serves the scripts precompressed (brotli, gzip) with a year-long immutable cache', async () => {
    for (const path of scripts) {
      // Files under 1 KiB are not worth compressing (vite.config.ts) and go out as they are.
      if (!path.startsWith('/assets/') || (sizes.get(path) ?? 0) < 1024) continue;
      for (const enc of ['br', 'gzip']) {
        const res = await fetch(new URL(path, baseUrl), { headers: { 'accept-encoding': enc } });
        expect(res.headers.get('content-encoding'), `${path} (${enc})`).toBe(enc);
        expect(res.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
        await res.arrayBuffer();
      }
    }
    const html = await fetch(baseUrl, { headers: { 'accept-encoding': 'br' } });
    expect(html.headers.get('cache-control')).toBe('no-cache');
  });
});
