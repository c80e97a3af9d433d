/**
 * The three views in a real browser (built SPA + real server + DuckDB, headless Chromium), as a signed-out
 * visitor — the server's policy lets that role see admin-1 data only, so the hotspots view is the one with
 * numbers and the flows and donor views must explain the 403 instead of crashing.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, signIn, waitForIdle, waitForMapReady, watchRequests } from './browser';

const baseUrl = inject('baseUrl');

let browser: Browser;
let context: BrowserContext;

interface Hotspots {
  regions: Array<{ pcode: string; name: string; monitored: boolean; flows: number | null; change: number | null }>;
}

async function open(path: string, viewport = { width: 1280, height: 860 }): Promise<{ page: Page; requests: Awaited<ReturnType<typeof watchRequests>> }> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const requests = await watchRequests(page, baseUrl);
  await page.goto(new URL(path, baseUrl).href);
  await page.getByTestId('view-switch').waitFor();
  return { page, requests };
}

const search = (p: Page) => new URL(p.url()).searchParams;

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page: page as never }).exclude('.maplibregl-canvas').analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('views', () => {
  it('hotspots: the choropleth is drawn from feature-state and the ranked table has the API numbers', async () => {
    const { page, requests } = await open('/?v=2&view=hotspots&from=2019-01-01&to=2019-12-31');
    await waitForMapReady(page);
    const api = (await (await fetch(new URL('/api/v1/hotspots?from=2019-01-01&to=2019-12-31', baseUrl))).json()) as Hotspots;
    const rows = page.getByTestId('hotspots-row');
    await expect.poll(() => rows.count()).toBe(api.regions.length);
    const first = api.regions[0]!;
    expect(await rows.first().getAttribute('data-pcode')).toBe(first.pcode);
    const flowsText = (await rows.first().getByTestId('hotspots-flows').textContent())!.replace(/\D/g, '');
    expect(Number(flowsText)).toBe(first.flows);
    const painted = await page.evaluate((pcode) => {
      const map = (window as any).__atlasMap;
      const feats = map.queryRenderedFeatures({ layers: ['regions-choropleth'] });
      const state = map.getFeatureState({ source: 'regions', id: pcode });
      return { n: feats.length, state };
    }, first.pcode);
    expect(painted.n).toBeGreaterThan(0);
    expect(painted.state.flows).toBe(first.flows);
    // A region with no monitoring point reporting reads "not monitored" in the table, not 0, and has no flows on the map.
    const unmonitored = api.regions.find((r) => !r.monitored)!;
    expect(unmonitored).toBeDefined();
    const row = page.locator(`[data-testid="hotspots-row"][data-pcode="${unmonitored.pcode}"]`);
    expect(await row.getByTestId('hotspots-flows').textContent()).toBe('not monitored');
    const unmonitoredState = await page.evaluate((pcode) => (window as any).__atlasMap.getFeatureState({ source: 'regions', id: pcode }), unmonitored.pcode);
    expect(unmonitoredState.flows).toBeNull();
    // Selecting a region in the table goes to the URL (a new history entry).
    await rows.nth(1).getByRole('button').click();
    await expect.poll(() => search(page).get('select')).toBe(`region:${api.regions[1]!.pcode}`);
    expect(requests.external).toEqual([]);
    await page.close();
  });

  it('the view switch pushes history; back and forward restore the view; the state is in a v=2 URL', async () => {
    const { page } = await open('/?v=2&view=hotspots');
    await page.getByTestId('view-flows').click();
    await expect.poll(() => search(page).get('view')).toBe('flows');
    await page.getByTestId('view-donor').click();
    await expect.poll(() => search(page).get('view')).toBe('donor');
    expect(search(page).get('v')).toBe('2');
    await page.goBack();
    await expect.poll(() => search(page).get('view')).toBe('flows');
    expect(await page.getByTestId('view-flows').getAttribute('aria-pressed')).toBe('true');
    await page.goBack();
    await expect.poll(() => search(page).get('view')).toBe('hotspots');
    await page.getByTestId('hotspots-table').waitFor();
    await page.goForward();
    await expect.poll(() => search(page).get('view')).toBe('flows');
    await page.close();
  });

  it('a v=1 link (and one without v) is migrated to v=2 and restores its period', async () => {
    const { page } = await open('/?v=1&from=2017-01-01&to=2017-06-30&direction=outgoing');
    await expect.poll(() => search(page).get('v')).toBe('2');
    expect(Object.fromEntries(search(page))).toMatchObject({ view: 'flows', from: '2017-01-01', to: '2017-06-30', direction: 'outgoing' });
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2017-01-01');
    await page.goto(new URL('/?from=2018-01-01&to=2018-03-31', baseUrl).href);
    await expect.poll(() => search(page).get('v')).toBe('2');
    expect(search(page).get('from')).toBe('2018-01-01');
    await page.close();
  });

  it('opening a link restores the exact viewport; panning replaces the URL without a new history entry', async () => {
    const { page } = await open('/?v=2&view=hotspots&map=5.5,15.25,5.5');
    await waitForMapReady(page);
    const view = await page.evaluate(() => {
      const m = (window as any).__atlasMap;
      return { lon: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() };
    });
    expect(view.lon).toBeCloseTo(5.5, 2);
    expect(view.lat).toBeCloseTo(15.25, 2);
    expect(view.zoom).toBeCloseTo(5.5, 2);
    const before = await page.evaluate(() => history.length);
    await page.evaluate(() => (window as any).__atlasMap.jumpTo({ center: [3, 14], zoom: 6 }));
    await expect.poll(() => search(page).get('map')).toBe('3,14,6');
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.close();
  });

  it('French: lang=fr in the URL, <html lang="fr">, French words and number formats', async () => {
    const { page } = await open('/?v=2&view=hotspots&from=2019-01-01&to=2019-12-31');
    await page.getByTestId('lang-fr').click();
    await expect.poll(() => search(page).get('lang')).toBe('fr');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.getByTestId('view-donor').textContent()).toBe('Impact pour les bailleurs');
    expect(await page.getByTestId('data-as-of').textContent()).toMatch(/^Données au 31 déc\.? 2019$/);
    await page.reload();
    await page.getByTestId('view-switch').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(search(page).get('lang')).toBeNull();
    await page.close();
  });

  it('flows and donor views answer a signed-out visitor with a clear message (403), not a crash', async () => {
    for (const view of ['flows', 'donor']) {
      const { page } = await open(`/?v=2&view=${view}`);
      const msg = page.getByTestId('forbidden').first();
      await msg.waitFor({ timeout: 20_000 });
      expect(await msg.textContent()).toMatch(/signed-in account/);
      expect(await page.getByTestId('view-switch').isVisible()).toBe(true);
      await page.close();
    }
  });

  it('the time strip brush sets a snapped period (months for a signed-out visitor) and play steps it forward', async () => {
    const { page } = await open('/?v=2&view=hotspots&from=2019-01-01&to=2019-12-31');
    const svg = page.getByTestId('timestrip-svg');
    await svg.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="timestrip-svg"] path')?.getAttribute('d')?.length);
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.36, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => search(page).get('from')).not.toBe('2019-01-01');
    const from = search(page).get('from')!;
    const to = search(page).get('to')!;
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    const end = new Date(`${to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    expect(end.getUTCDate()).toBe(1);
    expect(await page.getByTestId('timestrip-event').count()).toBeGreaterThan(0);
    await page.getByTestId('play').click();
    await expect.poll(() => search(page).get('from'), { timeout: 10_000 }).not.toBe(from);
    expect(await page.getByTestId('play').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('play').click();
    await page.close();
  });

  it('works on a 375 px wide phone without sideways scrolling', async () => {
    const { page } = await open('/?v=2&view=hotspots', { width: 375, height: 740 });
    await waitForMapReady(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  describe.each(['en', 'fr'])('axe-core (%s)', (lang) => {
    it.each(['flows', 'donor', 'hotspots'])('no serious or critical violation in the %s view', async (view) => {
      const { page } = await open(`/?v=2&view=${view}${lang === 'fr' ? '&lang=fr' : ''}`);
      await page.waitForTimeout(view === 'hotspots' ? 0 : 500);
      if (view === 'hotspots') await page.getByTestId('hotspots-table').waitFor();
      else await page.getByTestId('forbidden').first().waitFor({ timeout: 20_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  });
});

describe('signed in', () => {
  const accounts = inject('accounts');
  const password = inject('password');
  let signed: BrowserContext;

  beforeAll(async () => {
    signed = await browser.newContext({ acceptDownloads: true });
  });
  afterAll(async () => {
    await signed?.close();
  });

  async function openAs(role: 'programme' | 'donor', path: string) {
    await signed.clearCookies();
    await signIn(signed, baseUrl, accounts[role], password);
    const page = await signed.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(new URL(path, baseUrl).href);
    await waitForMapReady(page);
    return page;
  }

  it('flows (programme): change column and colouring against the previous period, search selects on the map, exports', async () => {
    const page = await openAs('programme', '/?v=2&view=flows&from=2017-01-01&to=2017-06-30');
    await page.getByTestId('colour-change').click();
    await expect.poll(() => search(page).get('colour')).toBe('change');
    const paint = await page.evaluate(() => (window as any).__atlasMap.getPaintProperty('routes-line', 'line-color'));
    expect(JSON.stringify(paint)).toContain('change');
    const r5 = await page.evaluate(() => (window as any).__atlasMap.getFeatureState({ source: 'routes', id: 'R5' }));
    expect(typeof r5.change).toBe('number');
    const changeCells = page.getByTestId('overview-routes').getByTestId('change');
    expect(await changeCells.first().textContent()).toMatch(/%$/);
    // Keyboard route: search, choose, the panel opens and the URL holds the selection.
    await page.getByLabel('Find a place or route').fill('agadez transit');
    await page.getByRole('button', { name: /Agadez transit centre/ }).first().click();
    await page.getByTestId('panel-title').waitFor();
    expect(search(page).get('select')).toBe('place:agadez-tc');
    await page.getByTestId('panel-close').click();
    // Exports: CSV link to the API, GeoJSON and PNG downloads built in the browser.
    const csv = await page.getByTestId('export-csv').first().getAttribute('href');
    expect(csv).toMatch(/^\/api\/v1\/flows\?.*format=csv/);
    const res = await signed.request.get(new URL(csv!, baseUrl).href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/text\/csv/);
    const [geo] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-geojson').click()]);
    const fc = JSON.parse(await (await import('node:fs/promises')).readFile((await geo.path())!, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.find((f: any) => f.properties.id === 'R5').properties.peopleObserved).toBeGreaterThan(0);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await (await import('node:fs/promises')).readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });

  it('donor impact (donor): return arcs in their own source, centres table with occupancy, print brief', async () => {
    const page = await openAs('donor', '/?v=2&view=donor&from=2017-01-01&to=2017-12-31');
    await page.getByTestId('donor-centres').waitFor();
    await page.waitForFunction(() => (window as any).__atlasMap.getSource('returns-arcs') !== undefined);
    await waitForIdle(page);
    const arcs = await page.evaluate(() => (window as any).__atlasMap.queryRenderedFeatures({ layers: ['returns-arcs-line'] }).length);
    expect(arcs).toBeGreaterThan(0);
    expect(await page.getByTestId('donor-centres').getByTestId('occupancy').first().textContent()).toMatch(/%$/);
    expect(await page.getByTestId('donor-returns').getByRole('row').count()).toBeGreaterThan(2);
    await page.evaluate(() => {
      (window as any).__printed = 0;
      window.print = () => void ((window as any).__printed += 1);
    });
    await page.getByTestId('print-brief').click();
    expect(await page.evaluate(() => (window as any).__printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('filter-bar').isVisible()).toBe(false);
    expect(await page.getByTestId('illustrative-badge').isVisible()).toBe(true);
    expect(await page.getByTestId('donor-centres').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  describe.each(['en', 'fr'])('axe-core signed in (%s)', (lang) => {
    it.each([
      ['programme', 'flows'],
      ['donor', 'donor'],
    ] as const)('no serious or critical violation for %s in the %s view', async (role, view) => {
      const page = await openAs(role, `/?v=2&view=${view}${lang === 'fr' ? '&lang=fr' : ''}`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  });
});
