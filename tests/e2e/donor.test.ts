/**
 * The donor's questions in a real browser (built SPA + real server + DuckDB, headless Chromium), signed in as a donor:
 * - "people assisted per centre and service in 2017, with totals": read from the centre × service matrix, every
 *   number exactly as the API publishes it to the donor (perturbed "≈", partial "†", withheld), the totals the API's;
 * - "the A4 brief fits one page": Chromium's own PDF of the page (format A4) has one page, and holds the map still,
 *   the matrix and the returns chart;
 * - voluntary returns read at a glance: labelled capitals, and arcs only from the centre chosen.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AggregateResponse } from '../../src/shared/api';
import { launch, signIn, waitForIdle, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext();
  await signIn(context, baseUrl, accounts.donor, password);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function api(path: string): Promise<AggregateResponse> {
  const res = await context.request.get(new URL(`/api/v1${path}`, baseUrl).href);
  expect(res.status()).toBe(200);
  return (await res.json()) as AggregateResponse;
}

/** How the page must write a count the API sent (English): "≈4,983", "≈1,975†", "withheld". */
function shown(row: { count: number | null; suppressed?: boolean; perturbed?: boolean; partial?: boolean } | undefined): string {
  if (!row) return '0';
  if (row.count === null || row.suppressed) return 'withheld';
  return `${row.perturbed ? '≈' : ''}${row.count.toLocaleString('en-US')}${row.partial ? '†' : ''}`;
}

async function openDonor(path: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(new URL(path, baseUrl).href);
  await waitForMapReady(page);
  await page.getByTestId('donor-matrix').waitFor({ state: 'attached' });
  return page;
}

const cellText = (page: Page, testId: string) => page.getByTestId(testId).textContent();

/** A link without v= (as people type it): it keeps its view and period. */
const DONOR_2017 = '/?view=donor&from=2017-01-01&to=2017-12-31';
let page2017: Page | undefined;
/**
 * The donor view for 2017, loaded once and read by the matrix, brief and returns tests in turn (each leaves it as it
 * found it: in English, on screen): a fresh load of the same URL would show the same page.
 */
async function donor2017(): Promise<Page> {
  if (!page2017) {
    page2017 = await openDonor(DONOR_2017);
    // Moved from views.test.ts (donor impact): a /?view=donor link opens Donor impact for a donor.
    expect(new URL(page2017.url()).searchParams.get('view')).toBe('donor');
  }
  return page2017;
}

/** Switches the language with the header's button, on the page. */
async function switchLanguage(page: Page, lang: 'en' | 'fr') {
  await page.getByTestId(`lang-${lang}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  await waitForMapReady(page);
}

describe('donor: people assisted per centre and service in 2017, with totals', () => {
  it('the matrix shows what the API publishes to donors, cell by cell, with the API’s totals and the change on 2016', async () => {
    const page = await donor2017();
    const period = 'from=2017-01-01&to=2017-12-31';
    const [cells, byService, byCentre, prevCells] = await Promise.all([
      api(`/assistance?${period}&groupBy=centre,service`),
      api(`/assistance?${period}&groupBy=service`),
      api(`/assistance?${period}&groupBy=centre`),
      api('/assistance?from=2016-01-01&to=2016-12-31&groupBy=centre,service'),
    ]);
    // Donors get protected answers.
    expect(cells.disclosure?.method).toBe('cell-key');
    const caption = await page.getByTestId('donor-matrix').locator('caption').textContent();
    expect(caption).toContain('Jan 1, 2017 – Dec 31, 2017');

    const centres = [...new Set(cells.rows.map((r) => String(r['centre'])))];
    const services = [...new Set(cells.rows.map((r) => String(r['service'])))];
    expect(centres.length).toBe(4);
    expect(services).toContain('shelter_food');
    for (const c of centres) {
      for (const s of services) {
        const row = cells.rows.find((r) => r['centre'] === c && r['service'] === s);
        expect(await cellText(page, `matrix-${s}-${c}-count`), `${s} at ${c}`).toBe(shown(row));
      }
      expect(await cellText(page, `matrix-total-${c}-count`), `all services at ${c}`).toBe(shown(byCentre.rows.find((r) => r['centre'] === c)));
    }
    for (const s of services) {
      expect(await cellText(page, `matrix-${s}-total-count`), `${s} at all centres`).toBe(shown(byService.rows.find((r) => r['service'] === s)));
    }
    expect(await cellText(page, 'matrix-total-total-count')).toBe(shown({ count: byCentre.total, perturbed: true, partial: byCentre.totalPartial }));

    // People assisted at Agadez: the matrix's first row is the same published number as the centres table's.
    const assisted = await api(`/assistance?${period}&service=shelter_food&groupBy=centre`);
    expect(await cellText(page, 'matrix-shelter_food-agadez-tc-count')).toBe(shown(assisted.rows.find((r) => r['centre'] === 'agadez-tc')));
    const rowHeads = await page.getByTestId('donor-matrix').getByRole('rowheader').allTextContents();
    expect(rowHeads[0]).toBe('Shelter and food');

    // Change on 2016 from the published numbers (rounded to whole percent by the page).
    const now = cells.rows.find((r) => r['centre'] === 'agadez-tc' && r['service'] === 'shelter_food')!.count!;
    const before = prevCells.rows.find((r) => r['centre'] === 'agadez-tc' && r['service'] === 'shelter_food')!.count!;
    const pct = Math.round(((now - before) / before) * 100);
    expect(await cellText(page, 'matrix-shelter_food-agadez-tc-change')).toBe(`≈${pct > 0 ? '+' : ''}${pct}%`);
    expect(await page.getByTestId('matrix-change-note').textContent()).toContain('Jan 1, 2016 – Dec 31, 2016');
    // The centres table gives each centre's occupancy (moved from views.test.ts).
    expect(await page.getByTestId('donor-centres').getByTestId('occupancy').first().textContent()).toMatch(/%$/);
  });
});

describe.each(['en', 'fr'])('donor: the A4 brief (%s)', (lang) => {
  it('fits one A4 page with the map, the matrix, the returns chart and totals', async () => {
    const page = await donor2017();
    // French: chosen on the page with the header's button (the page is the English one the other tests read).
    if (lang === 'fr') await switchLanguage(page, 'fr');
    await page.getByTestId('donor-returns').getByRole('row').nth(2).waitFor();
    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => void (window.__printed = (window.__printed ?? 0) + 1);
    });
    await page.getByTestId('print-brief').click();
    expect(await page.evaluate(() => window.__printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const still = page.getByTestId('brief-map');
    expect(await still.isVisible()).toBe(true);
    expect(await still.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(300);
    for (const id of ['donor-matrix', 'donor-centres', 'donor-returns', 'donor-returns-total', 'illustrative-badge']) {
      expect(await page.getByTestId(id).isVisible(), id).toBe(true);
    }
    expect(await page.getByTestId('filter-bar').isVisible()).toBe(false);
    expect(await page.getByTestId('print-brief').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    if (lang === 'fr') await switchLanguage(page, 'en');
  });
});

describe('donor: voluntary returns', () => {
  it('labels the capitals with the API’s numbers; arcs only from the chosen centre', async () => {
    const page = await donor2017();
    await page.waitForFunction(() => window.__atlasMap!.getSource('returns-capitals') !== undefined);
    await waitForIdle(page);
    const all = await api('/returns?from=2017-01-01&to=2017-12-31&groupBy=destination');
    const labels = await page.evaluate(() =>
      window.__atlasMap!.querySourceFeatures('returns-capitals').map((f) => ({ id: String(f.properties['id']), label: String(f.properties['label']) })),
    );
    const nigeria = labels.find((l) => l.id === 'NGA');
    expect(nigeria?.label).toBe(`Nigeria\n${shown(all.rows.find((r) => r['destination'] === 'NGA'))}`);
    expect(await page.evaluate(() => window.__atlasMap!.querySourceFeatures('returns-arcs').length)).toBe(0);
    expect(await page.getByTestId('donor-returns-total').textContent()).toContain(shown({ count: all.total, perturbed: true, partial: all.totalPartial }));

    await page.getByTestId('returns-centre').selectOption('agadez-tc');
    await page.waitForFunction(() => window.__atlasMap!.querySourceFeatures('returns-arcs').length > 0);
    const centres = await page.evaluate(() => [...new Set(window.__atlasMap!.querySourceFeatures('returns-arcs').map((f) => String(f.properties['centre'])))]);
    expect(centres).toEqual(['agadez-tc']);
    // And drawn (moved from views.test.ts: the return arcs are in their own source and layer).
    await waitForIdle(page);
    expect(await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['returns-arcs-line'] }).length)).toBeGreaterThan(0);
    const agadez = await api('/returns?from=2017-01-01&to=2017-12-31&centre=agadez-tc&groupBy=destination');
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="donor-returns-total"]')?.textContent?.includes(want) === true,
      shown({ count: agadez.total, perturbed: true, partial: agadez.totalPartial }),
    );
  });

  it('phone (375 × 812): the matrix scrolls inside its own box, the page does not scroll sideways', async () => {
    const page = await openDonor(DONOR_2017, { width: 375, height: 812 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
