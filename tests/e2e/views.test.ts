/**
 * The three views in a real browser (built SPA + real server + DuckDB, headless Chromium). Signed out, the visitor
 * is offered Flows only (monthly, protected numbers) and a link to another view says who that view is for; each
 * signed-in role lands on its own view (donor: Donor impact, government: Hotspots, programme: Flows).
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, sessionCookie, signIn, waitForMapReady, watchRequests } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');

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
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Switches the language with the header's button (in the app, no new page load) and waits for the map again. */
async function switchLanguage(page: Page, lang: 'en' | 'fr') {
  await page.getByTestId(`lang-${lang}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  await waitForMapReady(page);
}

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('signed out', () => {
  it('lands on Flows, offered that view only, with corridors drawn and monthly numbers on them; in French (switched in the page, kept on reload, back to English)', async () => {
    const { page, requests } = await open('/');
    await waitForMapReady(page);
    expect(search(page).get('view')).toBe('flows');
    expect(await page.getByTestId('view-switch').getByRole('button').allTextContents()).toEqual(['Flows']);
    const drawn = await page.evaluate(() => {
      const map = window.__atlasMap!;
      return { routes: map.queryRenderedFeatures({ layers: ['routes-line'] }).length, r5: map.getFeatureState({ source: 'routes', id: 'R5' }) };
    });
    expect(drawn.routes).toBeGreaterThan(0);
    expect(typeof drawn.r5.flow).toBe('number');
    // Months only: every period asked for is whole months, and no weekly series is asked for.
    const api = requests.all.map((u) => new URL(u)).filter((u) => u.pathname.startsWith('/api/v1/'));
    expect(api.some((u) => (u.searchParams.get('groupBy') ?? '').includes('week'))).toBe(false);
    expect(requests.external).toEqual([]);
    // French, chosen with the header's button: lang=fr in the URL, <html lang="fr">, French words and date format.
    // (axe-core scans Flows in the next test, on the page a Hotspots link opens: Flows and its notice.)
    await page.getByTestId('lang-fr').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(search(page).get('lang')).toBe('fr');
    expect(await page.getByTestId('view-flows').textContent()).toBe('Flux');
    expect(await page.getByTestId('data-as-of').textContent()).toMatch(/^Données au 31 déc\.? 2019$/);
    // It stays French on reload, and the English button takes lang= out of the URL.
    await page.reload();
    await page.getByTestId('view-switch').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(search(page).get('lang')).toBeNull();
    await page.close();
  });

  it('a link to a view signed-out visitors cannot use opens Flows with a sentence saying who it is for; axe-core finds nothing serious there in en and fr', async () => {
    for (const [view, sentence] of [
      ['hotspots', 'Hotspots is for government liaisons and programme staff — sign in to see it.'],
      ['donor', 'Donor impact is for donors and programme staff — sign in to see it.'],
    ] as const) {
      const { page } = await open(`/?view=${view}`);
      await expect.poll(() => page.getByTestId('view-notice').locator('p').textContent()).toBe(sentence);
      expect(search(page).get('view')).toBe('flows');
      expect(await page.getByTestId('forbidden').count()).toBe(0);
      expect(await page.getByTestId('view-switch').isVisible()).toBe(true);
      if (view === 'hotspots') {
        // The screen a Hotspots link shows (Flows with the notice: the landing screen plus the notice), in English and,
        // switched on the page, in French.
        await waitForMapReady(page);
        expect(await seriousViolations(page), `axe-core (en) at /?view=${view}`).toEqual([]);
        await switchLanguage(page, 'fr');
        expect(await page.getByTestId('view-notice').isVisible(), 'the notice stays after switching language').toBe(true);
        expect(await seriousViolations(page), `axe-core (fr) at /?view=${view}`).toEqual([]);
      }
      await page.close();
    }
  });

  it('one breakdown at a time: with a nationality set, the other filters are disabled and say why', async () => {
    const { page } = await open('/?view=flows&from=2017-01-01&to=2017-06-30');
    await page.getByTestId('filter-nationality').selectOption('NGA');
    await expect.poll(() => page.getByTestId('filter-sex').isDisabled()).toBe(true);
    expect(await page.getByTestId('filter-sex-why').textContent()).toBe('One breakdown at a time for signed-out visitors; clear Nationality first.');
    await expect.poll(() => search(page).get('nationality')).toBe('NGA');
    await waitForMapReady(page);
    await page.close();
  });

  it('links people type keep their meaning without v=: a period, a language', async () => {
    const { page } = await open('/?v=1&from=2017-01-01&to=2017-06-30&direction=outgoing');
    await expect.poll(() => search(page).get('v')).toBe('2');
    expect(Object.fromEntries(search(page))).toMatchObject({ view: 'flows', from: '2017-01-01', to: '2017-06-30', direction: 'outgoing' });
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2017-01-01');
    await page.goto(new URL('/?from=2018-01-01&to=2018-03-31', baseUrl).href);
    await expect.poll(() => search(page).get('v')).toBe('2');
    expect(search(page).get('from')).toBe('2018-01-01');
    expect(search(page).get('to')).toBe('2018-03-31');
    // A link with lang=fr and no v= (the language part): french.test.ts, signed-out walk, opens /?lang=fr.
    await page.close();
  });

  it('opening a link restores the exact viewport; panning replaces the URL without a new history entry; the time strip brush sets a whole-month period and play steps it forward', async () => {
    const { page } = await open('/?v=2&view=flows&map=5.5,15.25,5.5&from=2019-01-01&to=2019-12-31');
    await waitForMapReady(page);
    const view = await page.evaluate(() => {
      const m = window.__atlasMap!;
      return { lon: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() };
    });
    expect(view.lon).toBeCloseTo(5.5, 2);
    expect(view.lat).toBeCloseTo(15.25, 2);
    expect(view.zoom).toBeCloseTo(5.5, 2);
    const before = await page.evaluate(() => history.length);
    await page.evaluate(() => window.__atlasMap!.jumpTo({ center: [3, 14], zoom: 6 }));
    await expect.poll(() => search(page).get('map')).toBe('3,14,6');
    expect(await page.evaluate(() => history.length)).toBe(before);

    // The time strip, on the same page (its brush and play do not depend on the viewport).
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
});

describe('signed in', () => {
  let signed: BrowserContext;

  beforeAll(async () => {
    signed = await browser.newContext({ acceptDownloads: true });
  });
  afterAll(async () => {
    await signed?.close();
  });

  async function openAs(role: 'programme' | 'donor' | 'government', path: string) {
    await signed.clearCookies();
    await signIn(signed, baseUrl, accounts[role], password);
    const page = await signed.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(new URL(path, baseUrl).href);
    await waitForMapReady(page);
    return page;
  }

  it.each([
    ['programme', ['Flows', 'Donor impact', 'Hotspots'], 'flows', true],
    ['donor', ['Flows', 'Donor impact'], 'donor', true],
    ['government', ['Flows', 'Hotspots'], 'hotspots', false],
  ] as const)('%s: offered %j, lands on %s, and nothing it asks is refused (axe-core in en and fr: %s)', async (role, views, landing, axe) => {
    await signed.clearCookies();
    await signIn(signed, baseUrl, accounts[role], password);
    const page = await signed.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
    });
    await page.goto(baseUrl);
    await waitForMapReady(page);
    expect(search(page).get('view')).toBe(landing);
    expect(await page.getByTestId('view-switch').getByRole('button').allTextContents()).toEqual(views);
    await page.getByTestId(`side-${landing}`).waitFor();
    if (axe) {
      // The landing view, scanned in English and again after switching to French on the page.
      expect(await seriousViolations(page), `axe-core (en) for ${role} in the ${landing} view`).toEqual([]);
      await switchLanguage(page, 'fr');
      await page.getByTestId(`side-${landing}`).waitFor();
      expect(await seriousViolations(page), `axe-core (fr) for ${role} in the ${landing} view`).toEqual([]);
    } else {
      // Let late requests land and report.
      await page.waitForTimeout(750);
    }
    expect(refused).toEqual([]);
    await page.close();
  });

  it('hotspots (government): the choropleth is drawn from feature-state and the ranked table has the API numbers', async () => {
    const page = await openAs('government', '/?v=2&view=hotspots&from=2019-01-01&to=2019-12-31');
    const cookie = await sessionCookie(baseUrl, accounts.government, password);
    const api = (await (await fetch(new URL('/api/v1/hotspots?from=2019-01-01&to=2019-12-31', baseUrl), { headers: { cookie } })).json()) as Hotspots;
    const rows = page.getByTestId('hotspots-row');
    await expect.poll(() => rows.count()).toBe(api.regions.length);
    const first = api.regions[0]!;
    expect(await rows.first().getAttribute('data-pcode')).toBe(first.pcode);
    const flowsText = (await rows.first().getByTestId('hotspots-flows').textContent())!.replace(/\D/g, '');
    expect(Number(flowsText)).toBe(first.flows);
    const painted = await page.evaluate((pcode) => {
      const map = window.__atlasMap!;
      const feats = map.queryRenderedFeatures({ layers: ['regions-choropleth'] });
      const state = map.getFeatureState({ source: 'regions', id: pcode });
      return { n: feats.length, state };
    }, first.pcode);
    expect(painted.n).toBeGreaterThan(0);
    expect(painted.state.flows).toBe(first.flows);
    // A region with no monitoring point reporting reads "not monitored" in the table, not 0, and has no flows on the map.
    const unmonitored = api.regions.find((r) => !r.monitored);
    if (unmonitored) {
      const row = page.locator(`[data-testid="hotspots-row"][data-pcode="${unmonitored.pcode}"]`);
      expect(await row.getByTestId('hotspots-flows').textContent()).toBe('not monitored');
      const state = await page.evaluate((pcode) => window.__atlasMap!.getFeatureState({ source: 'regions', id: pcode }), unmonitored.pcode);
      expect(state.flows).toBeNull();
    }
    // The filters hotspots cannot apply are disabled, with the reason.
    expect(await page.getByTestId('filter-nationality').isDisabled()).toBe(true);
    expect(await page.getByTestId('filter-nationality-why').textContent()).toMatch(/^Not applied in Hotspots/);
    // Selecting a region in the table goes to the URL (a new history entry).
    await rows.nth(1).getByRole('button').click();
    await expect.poll(() => search(page).get('select')).toBe(`region:${api.regions[1]!.pcode}`);
    await page.close();
  });

  it('the view switch pushes history; back and forward restore the view; the state is in a v=2 URL (programme)', async () => {
    const page = await openAs('programme', '/?v=2&view=hotspots');
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

  it('a donor: a Hotspots link opens Donor impact and says whom Hotspots is for', async () => {
    // /?view=donor opening Donor impact: the donor impact test below opens /?view=donor&from=…&to=… (no v=).
    const page = await openAs('donor', '/?view=hotspots');
    await expect
      .poll(() => page.getByTestId('view-notice').locator('p').textContent())
      .toBe('Hotspots is for government liaisons and programme staff: your donor account does not include it.');
    expect(search(page).get('view')).toBe('donor');
    await page.close();
  });

  it('flows (programme): change column and colouring against the previous period, search selects on the map, exports', async () => {
    const page = await openAs('programme', '/?v=2&view=flows&from=2017-01-01&to=2017-06-30');
    await page.getByTestId('colour-change').click();
    await expect.poll(() => search(page).get('colour')).toBe('change');
    const paint = await page.evaluate(() => window.__atlasMap!.getPaintProperty('routes-line', 'line-color'));
    expect(JSON.stringify(paint)).toContain('change');
    const r5 = await page.evaluate(() => window.__atlasMap!.getFeatureState({ source: 'routes', id: 'R5' }));
    expect(typeof r5.change).toBe('number');
    const changeCells = page.getByTestId('overview-routes').getByTestId('change');
    expect(await changeCells.first().textContent()).toMatch(/%$/);
    // Keyboard route: search, choose, the panel opens and the URL holds the selection.
    await page.getByLabel('Find a place or route').fill('agadez transit');
    await page
      .getByRole('button', { name: /Agadez transit centre/ })
      .first()
      .click();
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
    expect(fc.features.find((f: { properties: { id: string } }) => f.properties.id === 'R5').properties.peopleObserved).toBeGreaterThan(0);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await (await import('node:fs/promises')).readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });
});
