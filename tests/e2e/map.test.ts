/**
 * The foundation slice in a real browser: built SPA + real server + real DuckDB, in headless Chromium (SwiftShader WebGL2).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LineString, MultiLineString, Point } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, sessionCookie, signIn, waitForIdle, waitForMapReady, watchRequests } from './browser';
import { differingPixels, screenshotRgba } from './pixels';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');
let cookie = '';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: Awaited<ReturnType<typeof watchRequests>>;

async function api<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, baseUrl), { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

interface Meta {
  defaultPeriod: { from: string; to: string };
}
interface Aggregate {
  rows: Array<Record<string, string | number | null>>;
  total: number | null;
}

/** Screen position where the top rendered place is `id` (places in one town are offset from each other). */
async function screenPointOfPlace(p: Page, id: string): Promise<{ x: number; y: number }> {
  const point = await p.evaluate((placeId) => {
    const map = window.__atlasMap!;
    const layers = map
      .getStyle()
      .layers.filter((l: { id: string; type: string; source?: string }) => l.source === 'places' && (l.type === 'circle' || l.type === 'symbol'))
      .map((l) => l.id);
    const src = map.getSource('places');
    const feats = map.querySourceFeatures('places').filter((f) => f.properties.id === placeId);
    if (!src || feats.length === 0) return null;
    const c = map.project((feats[0]!.geometry as Point).coordinates as [number, number]);
    for (let r = 0; r <= 24; r += 1) {
      for (let dx = -r; dx <= r; dx++) {
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          const hit = map.queryRenderedFeatures([c.x + dx, c.y + dy], { layers });
          if (hit[0]?.properties.id === placeId) {
            const rect = map.getCanvas().getBoundingClientRect();
            return { x: rect.left + c.x + dx, y: rect.top + c.y + dy };
          }
        }
      }
    }
    return null;
  }, id);
  if (!point) throw new Error(`place ${id} is not rendered anywhere clickable`);
  return point;
}

/** A screen box around the middle of a route's longest segment, and the pixels the route layer contributes there. */
async function routeInkPixels(p: Page, routeId: string): Promise<number> {
  const box = await p.evaluate((rid) => {
    const map = window.__atlasMap!;
    const f = map.querySourceFeatures('routes').find((x) => x.properties.id === rid)!;
    const g = f.geometry as LineString | MultiLineString;
    const coords = g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
    let best = 0;
    let mid = coords[0]!;
    for (let i = 1; i < coords.length; i++) {
      const p0 = coords[i - 1]!;
      const p1 = coords[i]!;
      const a = map.project(p0 as [number, number]);
      const b = map.project(p1 as [number, number]);
      const len = Math.hypot(a.x - b.x, a.y - b.y);
      if (len > best) {
        best = len;
        mid = [(p0[0]! + p1[0]!) / 2, (p0[1]! + p1[1]!) / 2];
      }
    }
    const c = map.project(mid as [number, number]);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: Math.round(rect.left + c.x - 20), y: Math.round(rect.top + c.y - 20), width: 40, height: 40 };
  }, routeId);
  const routeLayers: string[] = await p.evaluate(() =>
    window
      .__atlasMap!.getStyle()
      .layers.filter((l: { id: string; source?: string }) => l.source === 'routes')
      .map((l) => l.id),
  );
  const withRoutes = await screenshotRgba(p, box);
  await p.evaluate((ids) => {
    const map = window.__atlasMap!;
    for (const id of ids) map.setLayoutProperty(id, 'visibility', 'none');
  }, routeLayers);
  await waitForIdle(p);
  const without = await screenshotRgba(p, box);
  await p.evaluate((ids) => {
    const map = window.__atlasMap!;
    for (const id of ids) map.setLayoutProperty(id, 'visibility', 'visible');
  }, routeLayers);
  await waitForIdle(p);
  return differingPixels(withRoutes, without);
}

/**
 * Sets the period through the filter inputs and waits until the map shows it: the URL holds the period and route
 * `routeId` carries, as feature-state, the flow the API gives for it (answers may come from the client's cache, so
 * no network request is awaited).
 */
async function setPeriod(p: Page, from: string, to: string, routeId: string, expectedFlow: number) {
  // From, To, and From again: a From after the current To is refused until To has moved.
  await p.fill('[data-testid="filter-from"]', from);
  await p.fill('[data-testid="filter-to"]', to);
  await p.fill('[data-testid="filter-from"]', from);
  await p.locator('[data-testid="filter-from"]').blur();
  await p.waitForFunction(
    ([f, t, id, flow]) => {
      const u = new URL(window.location.href);
      const map = window.__atlasMap;
      const state = map?.getFeatureState({ source: 'routes', id });
      return window.__atlasReady === true && (u.searchParams.get('from') ?? f) === f && (u.searchParams.get('to') ?? t) === t && state?.flow === flow;
    },
    [from, to, routeId, expectedFlow] as const,
  );
  await waitForIdle(p);
}

describe('Transit Atlas in Chromium, signed in as a programme manager', () => {
  beforeAll(async () => {
    cookie = await sessionCookie(baseUrl, accounts.programme, password);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await signIn(context, baseUrl, accounts.programme, password);
    page = await context.newPage();
    requests = await watchRequests(page, baseUrl);
    await page.goto(baseUrl);
    await waitForMapReady(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the routes and the places on the map', async () => {
    const counts = await page.evaluate(() => {
      const map = window.__atlasMap!;
      const layers = map.getStyle().layers;
      const ids = (src: string) => layers.filter((l: { id: string; source?: string }) => l.source === src).map((l) => l.id);
      const routes = map.queryRenderedFeatures({ layers: ids('routes') });
      const places = map.queryRenderedFeatures({ layers: ids('places') });
      const countries = map.queryRenderedFeatures({ layers: ids('countries') });
      return {
        routes: new Set(routes.map((f) => f.properties.id)).size,
        places: new Set(places.map((f) => f.properties.id)).size,
        placeKinds: [...new Set(places.map((f) => f.properties.kind))].sort(),
        countries: countries.length,
      };
    });
    expect(counts.routes).toBeGreaterThanOrEqual(8);
    expect(counts.places).toBeGreaterThanOrEqual(15);
    expect(counts.placeKinds).toEqual(expect.arrayContaining(['hub', 'monitoring_point', 'office', 'transit_centre']));
    expect(counts.countries).toBeGreaterThan(5);
  });

  it('draws the map at one size from its creation, through the time strip and side column arriving', async () => {
    const fresh = await context.newPage();
    try {
      // Every size the map's canvas takes from its creation on (a resize while the page loads means a second canvas
      // and a full redraw, and an initial view fitted to the wrong size; one while the chunks of the strip or the side
      // column load would move every feature under the pointer).
      await fresh.addInitScript(() => {
        const sizes: NonNullable<Window['__mapSizes']> = [];
        window.__mapSizes = sizes;
        const watch = () => {
          const el = document.querySelector('canvas.maplibregl-canvas');
          if (!el) return void requestAnimationFrame(watch);
          new ResizeObserver(() => {
            const r = el.getBoundingClientRect();
            sizes.push({ top: r.top, width: r.width, height: r.height });
          }).observe(el);
        };
        watch();
      });
      await fresh.goto(baseUrl);
      await fresh.waitForFunction(() => window.__atlasReady === true && !!window.__atlasMap, null, { timeout: 60_000 });
      const size = () =>
        fresh.evaluate(() => {
          const r = window.__atlasMap!.getCanvas().getBoundingClientRect();
          return { top: r.top, width: r.width, height: r.height };
        });
      const atFirstMap = await size();
      await fresh.getByTestId('timestrip-svg').waitFor({ state: 'visible', timeout: 30_000 });
      await fresh.getByTestId('side-flows').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await size()).toEqual(atFirstMap);
      const sizes = await fresh.evaluate(() => window.__mapSizes ?? []);
      expect(sizes.length).toBeGreaterThan(0);
      for (const s of sizes) expect(s).toEqual(atFirstMap);
    } finally {
      await fresh.close();
    }
  });

  it('says the data is illustrative and when it is from', async () => {
    await expect(page.locator('[data-testid="illustrative-badge"]').innerText()).resolves.toMatch(/illustrative/i);
    await expect(page.locator('[data-testid="data-as-of"]').innerText()).resolves.toMatch(/2019/);
  });

  it('highlights the route and the place a link opens with, once their geometry has arrived', async () => {
    for (const [select, source, id] of [
      ['route:R5', 'routes', 'R5'],
      ['place:agadez-tc', 'places', 'agadez-tc'],
    ] as const) {
      const linked = await context.newPage();
      await linked.goto(`${baseUrl}/?v=2&view=flows&select=${select}`);
      await waitForMapReady(linked);
      const state = await linked.evaluate(([s, i]) => window.__atlasMap!.getFeatureState({ source: s, id: i }), [source, id] as const);
      expect(state.selected, select).toBe(true);
      await linked.close();
    }
  });

  it('credits each source of the map once: Natural Earth for the basemap, GeoNames for the places', async () => {
    const text = await page.locator('.maplibregl-ctrl-attrib-inner').textContent();
    expect(text?.match(/Natural Earth/g)?.length).toBe(1);
    expect(text?.match(/GeoNames \(CC BY 4\.0\)/g)?.length).toBe(1);
  });

  it('opens the Agadez transit centre panel with the number the API returns', async () => {
    const meta = await api<Meta>('/api/v1/meta');
    const { from, to } = meta.defaultPeriod;
    const expected = await api<Aggregate>(`/api/v1/assistance?centre=agadez-tc&service=shelter_food&from=${from}&to=${to}`);
    expect(expected.total).toBeGreaterThan(0);

    const at = await screenPointOfPlace(page, 'agadez-tc');
    await page.mouse.click(at.x, at.y);
    const panel = page.locator('[data-testid="panel"]');
    await panel.waitFor({ state: 'visible' });
    await expect(page.locator('[data-testid="panel-title"]').innerText()).resolves.toMatch(/Agadez transit centre/i);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="panel-total"]')?.textContent ?? ''));
    const shown = await page.locator('[data-testid="panel-total"]').innerText();
    expect(Number(shown.replace(/\D/g, ''))).toBe(expected.total);
  });

  it('changing the period re-paints a route with the width of its new flow', async () => {
    // R5 (Agadez–Libya) carried far more people in 2016 than in 2019.
    const r5 = async (from: string, to: string) =>
      (await api<Aggregate>(`/api/v1/flows?groupBy=route&from=${from}&to=${to}`)).rows.find((r) => r.route === 'R5')!.count as number;
    // The ISO weeks of each year: typed dates snap to whole weeks.
    const y2016 = await r5('2016-01-04', '2017-01-01');
    const y2019 = await r5('2018-12-31', '2019-12-29');
    expect(y2016).toBeGreaterThan(y2019 * 1.5);

    const sourceBefore = await page.evaluate(() => window.__atlasMap!.getStyle().sources.routes);
    await setPeriod(page, '2016-01-04', '2017-01-01', 'R5', y2016);
    const ink2016 = await routeInkPixels(page, 'R5');
    await setPeriod(page, '2018-12-31', '2019-12-29', 'R5', y2019);
    const ink2019 = await routeInkPixels(page, 'R5');
    expect(ink2016).toBeGreaterThan(0);
    expect(ink2016).toBeGreaterThan(ink2019 * 1.2);
    // The geometry source is the same object description: metrics re-paint, geometry is not rebuilt.
    const sourceAfter = await page.evaluate(() => window.__atlasMap!.getStyle().sources.routes);
    expect(sourceAfter).toEqual(sourceBefore);
  });

  it("binds a filter change's answers in one go, once they have all arrived", async () => {
    await waitForIdle(page);
    await page.evaluate(() => {
      const map = window.__atlasMap!;
      const log: NonNullable<Window['__bindLog']> = { states: [], answers: [] };
      window.__bindLog = log;
      const set = map.setFeatureState.bind(map);
      map.setFeatureState = (f: { source: string }, s: unknown) => {
        log.states.push({ t: performance.now(), source: f.source });
        return set(f, s);
      };
      const fetchBefore = window.fetch;
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
        fetchBefore(input, init).then((res) => {
          log.answers.push({ t: performance.now(), url: String(input instanceof Request ? input.url : input) });
          return res;
        });
    });
    // A period not asked for before in this file: its answers come from the server.
    await page.fill('[data-testid="filter-from"]', '2017-03-06');
    await page.locator('[data-testid="filter-from"]').blur();
    await page.waitForFunction(() => window.__atlasReady === true && new URL(location.href).searchParams.get('from') === '2017-03-06');
    await waitForIdle(page);
    const log = (await page.evaluate(() => window.__bindLog))!;
    const mapAnswers = log.answers.filter((a) => /from=2017-03-06/.test(a.url) && /groupBy=(route|point|centre)(&|$)/.test(a.url));
    expect(mapAnswers.length).toBe(3); // route and point flows, people assisted per centre
    expect(log.states.filter((x) => x.source === 'routes').length).toBeGreaterThan(0);
    // Nothing was re-bound before the last of the three answers arrived (that would cost a frame and hold them up).
    const lastAnswer = Math.max(...mapAnswers.map((a) => a.t));
    expect(Math.min(...log.states.map((x) => x.t))).toBeGreaterThanOrEqual(lastAnswer);
    await page.evaluate(() => {
      // Leave the page's map as it was for the next tests.
      Reflect.deleteProperty(window.__atlasMap!, 'setFeatureState');
    });
  });

  it('never sends a request beyond 127.0.0.1', async () => {
    expect(requests.all.length).toBeGreaterThan(5);
    expect(requests.external).toEqual([]);
    for (const url of requests.all) {
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:') continue;
      expect(u.host).toBe(new URL(baseUrl).host);
    }
  });
});
