/**
 * Issue 15, "The map", in Chromium: the programme manager's question answered through the interface (the busiest route
 * in 2016 and its change after August 2016), and the map's controls working — zoom, fit to Niger, scale bar, the 8
 * region names, the legend collapsing (and not covering Niger), both directions with in / out / net in the tooltip,
 * and "not monitored" for a route whose monitoring point was not active yet.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LineString } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { previousPeriod } from '../../src/shared/calendar';
import { launch, sessionCookie, signIn, waitForIdle, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');

interface Aggregate {
  rows: Array<Record<string, string | number | null | boolean>>;
}

let browser: Browser;
let cookie = '';

async function api<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, baseUrl), { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** "1,234" / "≈1,234†" / "−12%" → the number; null for anything without digits. */
const numberIn = (text: string): number | null => {
  const m = text.replace(/\u2212/g, '-').match(/[-+]?[\d,.\u202f\u00a0]+/);
  if (!m || !/\d/.test(m[0])) return null;
  return Number(m[0].replace(/[,\u202f\u00a0]/g, ''));
};

/**
 * Sets the period through the filter inputs and waits until the app says the map shows it; returns the period applied
 * (the filter snaps a typed date to the start of its week for weekly data, as the time strip does).
 */
async function setPeriod(p: Page, from: string, to: string): Promise<{ from: string; to: string }> {
  // From, To, and From again: a From after the current To is refused until To has moved.
  await p.fill('[data-testid="filter-from"]', from);
  await p.fill('[data-testid="filter-to"]', to);
  await p.fill('[data-testid="filter-from"]', from);
  await p.locator('[data-testid="filter-from"]').blur();
  await p.waitForFunction(
    ([f, t]) => {
      const u = new URL(window.location.href);
      const applied = u.searchParams.get('from');
      // Within the week before the date typed.
      const near = applied !== null && applied <= f && Date.parse(f) - Date.parse(applied) < 7 * 86_400_000;
      return window.__atlasReady === true && near && u.searchParams.get('to') === t;
    },
    [from, to] as const,
  );
  await waitForIdle(p);
  const u = new URL(p.url());
  return { from: u.searchParams.get('from')!, to: u.searchParams.get('to')! };
}

/** Chooses a whole year with its preset button and waits until the map shows it. */
async function setYear(p: Page, year: number) {
  await p.getByTestId(`preset-${year}`).click();
  await p.waitForFunction(
    (y) => window.__atlasReady === true && (new URL(window.location.href).searchParams.get('from') ?? `${y}-01-01`) === `${y}-01-01`,
    year,
  );
  await waitForIdle(p);
}

/** Page coordinates of the middle of the route's longest segment in view (away from the places at its ends). */
async function routePoint(p: Page, routeId: string): Promise<{ x: number; y: number }> {
  const routes = await api<{ features: Array<{ properties: { id: string }; geometry: LineString }> }>('/api/v1/routes');
  const line = routes.features.find((f) => f.properties.id === routeId)!.geometry.coordinates as Array<[number, number]>;
  return p.evaluate((coords) => {
    const map = window.__atlasMap!;
    const canvas = map.getCanvas().getBoundingClientRect();
    let best = -1;
    let at = { x: 0, y: 0 };
    for (let i = 1; i < coords.length; i++) {
      const a = map.project(coords[i - 1]!);
      const b = map.project(coords[i]!);
      const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      // In the canvas, clear of the legend at its left edge.
      const inView = m.x > (canvas.width > 640 ? 300 : 20) && m.y > 40 && m.x < canvas.width - 60 && m.y < canvas.height - 40;
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      if (inView && len > best) {
        best = len;
        at = { x: Math.round(canvas.left + m.x), y: Math.round(canvas.top + m.y) };
      }
    }
    return at;
  }, line);
}

/** Hovers a route and returns its tooltip's text and rows (key → text). */
async function hoverRoute(p: Page, routeId: string) {
  await p.mouse.move(5, 5);
  const at = await routePoint(p, routeId);
  await p.mouse.move(at.x, at.y, { steps: 3 });
  const tooltip = p.getByTestId('map-tooltip');
  await tooltip.waitFor();
  await expect.poll(() => tooltip.innerText()).toContain(routeId);
  const rows: Record<string, string> = {};
  for (const key of ['incoming', 'outgoing', 'net']) {
    const row = p.getByTestId(`map-tooltip-${key}`);
    if ((await row.count()) > 0) rows[key] = (await row.locator('dd').innerText()).trim();
  }
  return { text: await tooltip.innerText(), rows };
}

describe('issue 15: the map, as a programme manager at 1440 × 900', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    cookie = await sessionCookie(baseUrl, accounts.programme, password);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await signIn(context, baseUrl, accounts.programme, password);
    page = await context.newPage();
    await page.goto(baseUrl);
    await waitForMapReady(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens framed on Niger (not Algiers to Lagos), all eight region names on it, with zoom, fit and scale controls', async () => {
    const view = await page.evaluate(() => {
      const b = window.__atlasMap!.getBounds();
      return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
    });
    // Niger (0.2–16 °E, 11.7–23.5 °N) is in view; Algiers (36.7 °N) and Lagos (6.5 °N) are not.
    expect(view.west).toBeLessThan(0.2);
    expect(view.east).toBeGreaterThan(16);
    expect(view.south).toBeLessThan(11.7);
    expect(view.north).toBeGreaterThan(23.5);
    expect(view.north).toBeLessThan(36.7);
    expect(view.south).toBeGreaterThan(6.5);
    // Niger is more than half of the map's width (it was a tenth of the map); the rest is its corridors (Gao, Kano,
    // Tamanrasset, Tummo) and the legend's strip, which the first view leaves free.
    expect((16 - 0.2) / (view.east - view.west)).toBeGreaterThan(0.5);

    const regions = await page.evaluate(() => {
      const names = window.__atlasMap!.queryRenderedFeatures({ layers: ['regions-label'] }).map((f) => String(f.properties['name']));
      return [...new Set(names)].sort();
    });
    expect(regions).toEqual(['Agadez', 'Diffa', 'Dosso', 'Maradi', 'Niamey', 'Tahoua', 'Tillabéri', 'Zinder']);

    // The controls load after the first map.
    await page.locator('.maplibregl-ctrl-zoom-in').waitFor();
    const zoom = () => page.evaluate(() => window.__atlasMap!.getZoom());
    const z0 = await zoom();
    await page.locator('.maplibregl-ctrl-zoom-in').click();
    await expect.poll(zoom).toBeGreaterThan(z0 + 0.9);
    await waitForIdle(page);
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await expect.poll(async () => Math.abs((await zoom()) - z0)).toBeLessThan(0.05);
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('aria-label')).toBe('Zoom in');

    const scale = page.locator('.maplibregl-ctrl-scale');
    await expect.poll(() => scale.innerText()).toMatch(/\d+\s*km/);

    // Away to Algiers, then "fit to Niger" brings Niger back whole.
    await page.evaluate(() => window.__atlasMap!.jumpTo({ center: [3.06, 36.75], zoom: 7 }));
    await waitForIdle(page);
    const fit = page.getByTestId('fit-niger');
    expect(await fit.getAttribute('aria-label')).toBe('Fit map to Niger');
    await fit.click();
    await page.waitForFunction(() => !window.__atlasMap!.isMoving());
    await waitForIdle(page);
    const after = await page.evaluate(() => {
      const b = window.__atlasMap!.getBounds();
      return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
    });
    expect(after.west).toBeLessThan(0.2);
    expect(after.east).toBeGreaterThan(16);
    expect(after.south).toBeLessThan(11.7);
    expect(after.north).toBeGreaterThan(23.5);
    expect(after.north).toBeLessThan(30);
  });

  it('the open legend does not cover Niger; it collapses to its title bar and stays collapsed in another view', async () => {
    const legend = page.getByTestId('legend');
    await legend.waitFor();
    const nigerWest = await page.evaluate(() => {
      const map = window.__atlasMap!;
      const rect = map.getCanvas().getBoundingClientRect();
      return rect.left + Math.min(map.project([0.17, 13.5]).x, map.project([1.0, 14.9]).x, map.project([0.5, 12.5]).x);
    });
    const open = (await legend.boundingBox())!;
    expect(open.x + open.width).toBeLessThanOrEqual(nigerWest);
    expect(await legend.getAttribute('data-open')).toBe('true');

    await page.getByTestId('legend-toggle').click();
    expect(await legend.getAttribute('data-open')).toBe('false');
    expect(await page.getByTestId('legend-toggle').getAttribute('aria-expanded')).toBe('false');
    const closed = (await legend.boundingBox())!;
    expect(closed.height).toBeLessThan(60);
    expect(closed.height * closed.width).toBeLessThan((open.height * open.width) / 5);

    await page.getByRole('button', { name: 'Donor impact' }).click();
    await page.waitForFunction(() => new URL(window.location.href).searchParams.get('view') === 'donor');
    expect(await page.getByTestId('legend').getAttribute('data-open')).toBe('false');
    await page.getByRole('button', { name: 'Flows' }).click();
    await page.waitForFunction(() => new URL(window.location.href).searchParams.get('view') !== 'donor');
    await waitForMapReady(page);
    expect(await page.getByTestId('legend').getAttribute('data-open')).toBe('false');
    await page.getByTestId('legend-toggle').click();
    expect(await page.getByTestId('legend').getAttribute('data-open')).toBe('true');
  });

  it('the busiest route in 2016 and its change after August 2016, read from the interface', async () => {
    await setYear(page, 2016);

    // The routes table, busiest first.
    const table = page.getByTestId('overview-routes');
    const rows = table.locator('tbody tr');
    const read = async () =>
      Promise.all(
        (await rows.all()).map(async (r) => ({
          name: (await r.locator('th').innerText()).trim(),
          count: numberIn(await r.locator('td').first().innerText()),
        })),
      );
    const lines = await read();
    const busiest = lines[0]!;
    const counted = lines.map((l) => l.count).filter((c): c is number => c !== null);
    expect(busiest.count).toBe(Math.max(...counted));
    // The same route and number as the API's, independently.
    const year = await api<Aggregate>('/api/v1/flows?groupBy=route&from=2016-01-01&to=2016-12-31');
    const top = [...year.rows].sort((a, b) => Number(b.count) - Number(a.count))[0]!;
    expect(busiest.name.startsWith(`${String(top['route'])} `)).toBe(true);
    expect(busiest.count).toBe(top.count);
    const routeId = String(top['route']);

    // Its two directions on the map, in the tooltip: in + out = the route's total, net = in − out.
    const year2016 = await hoverRoute(page, routeId);
    const [inn, out, net] = [year2016.rows['incoming'], year2016.rows['outgoing'], year2016.rows['net']].map((s) => numberIn(s ?? ''));
    expect(inn! + out!).toBe(busiest.count);
    expect(net).toBe(inn! - out!);

    // After August 2016: September to December, against the equal period before (the table's change column).
    const after = await setPeriod(page, '2016-09-01', '2016-12-31');
    const before = previousPeriod(after);
    await expect.poll(() => page.getByTestId('previous-period').innerText()).toMatch(/2016/);
    const row = table.locator('tbody tr', { has: page.getByRole('button', { name: new RegExp(`^${routeId} `) }) });
    const changeCell = row.getByTestId('change');
    await expect.poll(async () => numberIn(await changeCell.innerText())).not.toBeNull();
    const shown = numberIn(await changeCell.innerText())!;
    const now = await api<Aggregate>(`/api/v1/flows?groupBy=route&from=${after.from}&to=${after.to}`);
    const prev = await api<Aggregate>(`/api/v1/flows?groupBy=route&from=${before.from}&to=${before.to}`);
    const countOf = (a: Aggregate) => Number(a.rows.find((r) => r['route'] === routeId)?.count ?? 0);
    const expected = ((countOf(now) - countOf(prev)) / countOf(prev)) * 100;
    expect(Math.abs(shown - expected)).toBeLessThanOrEqual(1);
    await page.mouse.move(5, 5);
  });

  it('both directions are drawn side by side, in the Okabe–Ito blue and vermillion', async () => {
    await setYear(page, 2019);
    const lanes = await page.evaluate(() => {
      const map = window.__atlasMap!;
      return {
        in: map.getPaintProperty('routes-in', 'line-color'),
        out: map.getPaintProperty('routes-out', 'line-color'),
        drawn: map.queryRenderedFeatures({ layers: ['routes-in', 'routes-out'] }).length,
        r5: map.getFeatureState({ source: 'routes', id: 'R5' }),
      };
    });
    expect([lanes.in, lanes.out]).toEqual(['#0072b2', '#d55e00']);
    expect(lanes.drawn).toBeGreaterThan(0);
    expect(Number(lanes.r5['widthIn'])).toBeGreaterThan(0);
    expect(Number(lanes.r5['widthOut'])).toBeGreaterThan(0);
    // Coloured by change, one line per route again; its stable class is in the legend.
    await page.getByTestId('colour-change').click();
    await page.waitForFunction(() => !window.__atlasMap!.getLayer('routes-in') && window.__atlasReady === true);
    expect(await page.locator('[data-testid="legend-change"][data-stable="true"]').innerText()).toMatch(/stable/);
    await page.getByTestId('colour-direction').click();
    await page.waitForFunction(() => !!window.__atlasMap!.getLayer('routes-in') && window.__atlasReady === true);
  });

  it('a route whose monitoring point was not active yet says "not monitored", not 0 (map, tooltip, table)', async () => {
    // R2b is observed at Magaria, active from August 2018.
    await setYear(page, 2016);
    const state = await page.evaluate(() => window.__atlasMap!.getFeatureState({ source: 'routes', id: 'R2b' }));
    expect(state['monitored']).toBe(false);
    const { text, rows } = await hoverRoute(page, 'R2b');
    expect(text).toMatch(/not monitored in this period/);
    expect(text).not.toMatch(/\b0 people/);
    expect(rows).toEqual({});
    const row = page.getByTestId('overview-routes').locator('tbody tr', { has: page.getByRole('button', { name: /^R2b / }) });
    expect(await row.locator('td').first().innerText()).toMatch(/not monitored/);
    await page.mouse.move(5, 5);
  });
});

describe('issue 15: the map signed out, on a phone', () => {
  let phone: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    phone = await launch();
    context = await phone.newContext({ viewport: { width: 375, height: 812 } });
    page = await context.newPage();
    await page.goto(baseUrl);
    await waitForMapReady(page);
  });

  afterAll(async () => {
    await context?.close();
    await phone?.close();
  });

  it('frames Niger, starts with the legend collapsed, and its controls are not under the "Tables" button', async () => {
    const legend = page.getByTestId('legend');
    await legend.waitFor();
    expect(await legend.getAttribute('data-open')).toBe('false');
    await page.locator('.maplibregl-ctrl-zoom-in').waitFor();
    const zoomIn = (await page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
    const tables = await page.locator('.tables-toggle').boundingBox();
    if (tables) expect(zoomIn.y).toBeGreaterThanOrEqual(tables.y + tables.height);
    const view = await page.evaluate(() => {
      const b = window.__atlasMap!.getBounds();
      return { west: b.getWest(), east: b.getEast() };
    });
    expect(view.west).toBeLessThan(0.2);
    expect(view.east).toBeGreaterThan(16);
    expect(view.east - view.west).toBeLessThan(24);
  });

  it('the tooltip shows both directions as the API publishes them for the public (protected, marked)', async () => {
    const { rows } = await hoverRoute(page, 'R4');
    expect(Object.keys(rows)).toEqual(['incoming', 'outgoing', 'net']);
    // Outside roles get perturbed counts: every figure carries the ≈ mark (or reads withheld), none is exact.
    for (const v of Object.values(rows)) expect(v).toMatch(/≈|withheld/);
  });
});
