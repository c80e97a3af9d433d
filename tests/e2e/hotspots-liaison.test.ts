/**
 * The government liaison's question (issue 15): "why is Tahoua flagged in December 2019?", answered in its panel.
 * Signed in as the government role, in the built app over the real server and data: the latest month, a click on
 * Tahoua on the map, the panel with the plain-language reason, the score, the chart of the two windows and the points,
 * each number the hotspots answer's (published, protected), and the map zoomed to the region.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hotspotsResponse, type HotspotsResponse } from '../../src/shared/api';
import { launch, sessionCookie, signIn, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');

let browser: Browser;
let context: BrowserContext;
let api: HotspotsResponse;

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext();
  await signIn(context, baseUrl, accounts.government, password);
  const cookie = await sessionCookie(baseUrl, accounts.government, password);
  const res = await fetch(new URL('/api/v1/hotspots?from=2019-12-01&to=2019-12-31', baseUrl), { headers: { cookie } });
  api = hotspotsResponse.parse(await res.json());
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** A pixel inside the region on the map (the choropleth answers it there). */
async function pixelIn(page: Page, pcode: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((id) => {
    const map = window.__atlasMap!;
    const canvas = map.getCanvas();
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    for (let gy = 0.1; gy < 0.95; gy += 0.04) {
      for (let gx = 0.05; gx < 0.95; gx += 0.03) {
        const pt: [number, number] = [w * gx, h * gy];
        const f = map.queryRenderedFeatures(pt, { layers: ['regions-choropleth'] });
        if (f.some((x) => x.id === id || x.properties?.pcode === id)) return { x: pt[0], y: pt[1] };
      }
    }
    return null;
  }, pcode);
  expect(p, `no pixel of ${pcode} on the map`).not.toBeNull();
  return p!;
}

describe('government liaison: why is Tahoua flagged in December 2019?', () => {
  it('the answer flags Tahoua in December 2019 (the premise of the question)', () => {
    const tahoua = api.regions.find((r) => r.name === 'Tahoua')!;
    expect(tahoua.anomaly.flag).toBe(true);
    expect(api.windows).toMatchObject({ unit: 'month', recentFrom: '2019-12-01', recentTo: '2019-12-31' });
  });

  it('latest month, a click on Tahoua on the map: its panel says why, with the score, the two windows and the points', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(new URL('/?v=2&view=hotspots', baseUrl).href);
    await waitForMapReady(page);
    // "now" in one click: the data's latest month (this role sees whole months)
    await page.getByTestId('hotspots-latest').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('2019-12-01');
    await waitForMapReady(page);
    // both comparisons are said above the table
    expect(await page.getByTestId('hotspots-baselines').textContent()).toMatch(
      /previous period \(Nov 1, 2019 – Nov 30, 2019\).*the last month \(Dec 1, 2019 – Dec 31, 2019\)/,
    );
    const tahoua = api.regions.find((r) => r.name === 'Tahoua')!;
    const row = page.locator(`[data-testid="hotspots-row"][data-pcode="${tahoua.pcode}"]`);
    expect(await row.getByTestId('hotspots-anomaly').textContent()).toMatch(/^⚠ Unusual rise \(z \+\d/);

    const zoomBefore = await page.evaluate(() => window.__atlasMap!.getZoom());
    const at = await pixelIn(page, tahoua.pcode);
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    const panel = page.getByTestId('region-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('panel-title').textContent()).toBe('Tahoua');
    await expect.poll(() => new URL(page.url()).searchParams.get('select')).toBe(`region:${tahoua.pcode}`);

    const d = tahoua.detail!;
    const fmt = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(n);
    // levels in whole people from 100 up (a median of two months may end in .5)
    const lvl = (n: number) => (n >= 100 ? new Intl.NumberFormat('en').format(Math.round(n)) : fmt(n));
    // the reason in plain words, with the answer's (protected) numbers
    const reason = (await panel.getByTestId('region-reason').textContent())!;
    expect(reason).toBe(
      `Dec 2019: ≈${lvl(d.recentLevel!)} people, ≈${fmt(d.ratio!)}× the median month of the 6 months before (≈${lvl(d.baselineMedian!)} a month).`,
    );
    const z = new Intl.NumberFormat('en', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(tahoua.anomaly.score!);
    expect(await panel.getByTestId('region-verdict').textContent()).toBe(`⚠ Flagged as an unusual rise: robust z-score ${z}, beyond ±3.5.`);
    expect(await panel.getByTestId('region-score').textContent()).toBe(`${z} (flag beyond ±3.5)`);
    // the chart: six baseline months and the recent one, the median and the level drawn
    const bars = panel.getByTestId('region-bar');
    expect(await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-window')))).toEqual([...Array(6).fill('baseline'), 'recent']);
    await panel.getByTestId('region-median').waitFor();
    await panel.getByTestId('region-level').waitFor();
    // the contributing monitoring points, with their published counts
    const points = await panel.getByTestId('region-point').allTextContents();
    expect(points.length).toBe(d.points.length);
    expect(points.join(' ')).toMatch(/Tahoua/);
    // the map zoomed to the region
    await expect.poll(() => page.evaluate(() => window.__atlasMap!.getZoom()), { timeout: 5_000 }).toBeGreaterThan(zoomBefore + 0.5);
    const centre = await page.evaluate(() => window.__atlasMap!.getCenter().toArray());
    expect(centre[0]).toBeGreaterThan(3);
    expect(centre[0]).toBeLessThan(7);
    expect(centre[1]).toBeGreaterThan(13);
    expect(centre[1]).toBeLessThan(18.5);
    // Escape closes the panel and the table is back
    await page.keyboard.press('Escape');
    await page.getByTestId('hotspots-table').waitFor();
    // … with the focus on Tahoua's button, where a keyboard user left off
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-pcode'))).toBe(tahoua.pcode);
    await page.close();
  });
});
