/**
 * The optional online basemap, in a real browser: the SPA built with VITE_BASEMAP_STYLE_URL pointing at a style on
 * another origin (a local stand-in for a tile host, on its own port), the real server started with that origin in
 * its CSP. The map draws the online style under the app's regions and overlay, with zero CSP violations; when the
 * host fails, the offline basemap is drawn and a note says so. The default build (every other browser test) never
 * asks anything of another origin.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/start';
import { launch, waitForFirstMap } from './browser';
import { buildSpa } from './build-spa';

const root = resolve(import.meta.dirname, '../..');

const STYLE = {
  version: 8,
  name: 'Stand-in online style',
  sources: { 'online-land': { type: 'geojson', data: 'land.geojson' } },
  layers: [
    { id: 'online-water', type: 'background', paint: { 'background-color': '#8fb8de' } },
    { id: 'online-land', type: 'fill', source: 'online-land', paint: { 'fill-color': '#e8dcc4' } },
  ],
};
const LAND = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-20, 0],
            [30, 0],
            [30, 38],
            [-20, 38],
            [-20, 0],
          ],
        ],
      },
    },
  ],
};

let host: Server;
let hostUp = true;
const hostRequests: string[] = [];
let tmp: string;
let app: RunningServer;
let browser: Browser;

beforeAll(async () => {
  host = createServer((req, res) => {
    hostRequests.push(req.url ?? '');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!hostUp) return void res.writeHead(503).end();
    if (req.url === '/styles/style.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(STYLE));
    if (req.url === '/styles/land.geojson') return void res.writeHead(200, { 'Content-Type': 'application/geo+json' }).end(JSON.stringify(LAND));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;

  tmp = mkdtempSync(join(tmpdir(), 'atlas-online-'));
  const staticDir = join(tmp, 'dist');
  buildSpa(staticDir, { VITE_BASEMAP_STYLE_URL: `${origin}/styles/style.json` });
  app = await startServer({ port: 0, dataDir: join(root, 'data'), dbPath: join(tmp, 'atlas.duckdb'), staticDir, basemapOrigins: [origin] });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((r) => host?.close(r));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function openPage(): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
  await page.goto(app.url);
  await waitForFirstMap(page);
  return { page, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
}

const layerIds = (page: Page) => page.evaluate(() => window.__atlasMap!.getStyle().layers.map((l) => l.id));

describe('an online basemap (VITE_BASEMAP_STYLE_URL)', () => {
  it('draws the online style under the app’s regions and overlay, within the CSP', async () => {
    hostUp = true;
    const { page, violations } = await openPage();
    const ids = await layerIds(page);
    expect(ids.slice(0, 2)).toEqual(['online-water', 'online-land']);
    expect(ids).toEqual(expect.arrayContaining(['regions-outline', 'regions-label', 'niger-outline', 'place-labels']));
    expect(ids).not.toContain('countries-fill');
    const drawn = await page.evaluate(() => {
      const map = window.__atlasMap!;
      return {
        land: map.queryRenderedFeatures({ layers: ['online-land'] }).length,
        regions: map.queryRenderedFeatures({ layers: ['regions-outline'] }).length,
      };
    });
    expect(drawn.land).toBeGreaterThan(0);
    expect(drawn.regions).toBeGreaterThan(0);
    // The style's relative data URL was made absolute against the style URL and fetched from the host.
    expect(hostRequests).toEqual(expect.arrayContaining(['/styles/style.json', '/styles/land.geojson']));
    expect(await violations()).toEqual([]);
    expect(await page.getByTestId('basemap-fallback').count()).toBe(0);
    await page.context().close();
  });

  it('falls back to the offline basemap, and says so, when the host fails', async () => {
    hostUp = false;
    const { page, violations } = await openPage();
    const ids = await layerIds(page);
    expect(ids).toEqual(expect.arrayContaining(['countries-fill', 'regions-outline']));
    expect(ids).not.toContain('online-land');
    await expect(page.getByTestId('basemap-fallback').textContent()).resolves.toMatch(/offline map/);
    expect(await violations()).toEqual([]);
    await page.context().close();
  });
});
