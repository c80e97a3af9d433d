/**
 * In Chromium against the real server: a programme manager reads the share of minors among Nigeriens counted at
 * Agadez in 2018 from a headline card (and it is what the API answers for the same query); the skip links reach the
 * map and the tables; Escape closes a panel and gives focus back to where it was opened from (never <body>); on a
 * 375 × 812 phone the header, notice and filters leave the map above the fold.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, signIn, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function open(
  opts: { programme?: boolean; viewport?: { width: number; height: number }; path?: string } = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 } });
  if (opts.programme) await signIn(context, baseUrl, accounts.programme, password);
  const page = await context.newPage();
  await page.goto(new URL(opts.path ?? '/', baseUrl).href);
  await waitForMapReady(page);
  return { page, context };
}

/** What has focus: its test id, its data-select-ref, its tag, and whether it is <body>. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      testId: el?.getAttribute('data-testid') ?? null,
      ref: el?.getAttribute('data-select-ref') ?? null,
      tag: el?.tagName.toLowerCase() ?? null,
      className: typeof el?.className === 'string' ? el.className : '',
      inSide: !!el?.closest('#side-overview'),
      body: el === document.body || el === null,
    };
  });

describe('headline cards', () => {
  it('programme: minors among Nigeriens at Agadez in 2018, read from a card, are what the API answers', async () => {
    const { page, context } = await open({ programme: true });
    try {
      // Select Agadez's monitoring point with the place search, then the nationality and the year in the filter bar.
      await page.getByLabel('Find a place or route').fill('Agadez bus');
      await page
        .getByTestId('place-search')
        .getByRole('button', { name: /Agadez bus station \(FMP\)/ })
        .click();
      await page.getByTestId('panel-title').waitFor();
      await page.getByTestId('filter-nationality').selectOption('NER');
      await page.getByTestId('preset-2018').click();
      const cards = page.getByTestId('panel').getByTestId('headline-cards');
      await expect.poll(() => cards.getByTestId('cards-context').textContent()).toMatch(/Agadez bus station \(FMP\).*Jan 1, 2018 – Dec 31, 2018.*Niger/);
      const minors = cards.getByTestId('card-minors').locator('.card__value');
      await expect.poll(() => minors.textContent(), { timeout: 15_000 }).toMatch(/^\d+%$/);

      // The same query, asked of the API directly with the same session.
      const res = await context.request.get(
        new URL('/api/v1/flows?point=agadez-fmp&nationality=NER&from=2018-01-01&to=2018-12-31&groupBy=ageGroup', baseUrl).href,
      );
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { total: number; rows: Array<{ ageGroup: string; count: number }>; disclosure?: unknown };
      expect(body.disclosure).toBeUndefined();
      const minorCount = body.rows.find((r) => r.ageGroup === 'minor')?.count ?? 0;
      expect(body.total).toBeGreaterThan(0);
      const expected = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(minorCount / body.total);
      expect(await minors.textContent()).toBe(expected);
      // The card says what it is a share of.
      expect(await cards.getByTestId('card-minors').textContent()).toContain(
        `${new Intl.NumberFormat('en').format(minorCount)} of ${new Intl.NumberFormat('en').format(body.total)}`,
      );
      expect(new URL(page.url()).searchParams.get('select')).toBe('place:agadez-fmp');
    } finally {
      await context.close();
    }
  });
});

describe('keyboard', () => {
  it('the first Tab reaches "Skip to the map", which moves focus onto the map', async () => {
    const { page, context } = await open();
    try {
      await page.keyboard.press('Tab');
      expect((await focused(page)).testId).toBe('skip-map');
      expect(await page.getByTestId('skip-map').isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      expect((await focused(page)).className).toContain('maplibregl-canvas');
    } finally {
      await context.close();
    }
  });

  it('"Skip to the tables" moves focus to the first table of the side column; Escape closes a panel opened from a table row and gives focus back to that row, not <body>', async () => {
    const { page, context } = await open();
    try {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect((await focused(page)).testId).toBe('skip-tables');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).tag).toBe('table');
      expect((await focused(page)).inSide).toBe(true);

      // Escape closes a panel opened from a table row and gives focus back to that row, not <body>.
      const row = page.locator('[data-select-ref="route:R5"]');
      await row.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('panel-title').waitFor();
      await expect.poll(async () => (await focused(page)).testId).toBe('panel-title');
      await page.keyboard.press('Escape');
      await page.getByTestId('panel').waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).ref).toBe('route:R5');
      expect((await focused(page)).body).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('Escape on a panel opened from a link gives focus to its row, or the map, never <body>', async () => {
    const { page, context } = await open({ path: '/?select=place:arlit-fmp' });
    try {
      await page.getByTestId('panel-title').waitFor();
      await page.getByTestId('panel-close').focus();
      await page.keyboard.press('Escape');
      await page.getByTestId('panel').waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).body).toBe(false);
      const f = await focused(page);
      expect(f.ref === 'place:arlit-fmp' || f.className.includes('maplibregl-canvas')).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('phone, 375 × 812', () => {
  for (const programme of [false, true]) {
    it(`${programme ? 'programme' : 'signed out'}: header, notice and filters are compact and the map shows above the fold`, async () => {
      const { page, context } = await open({ programme, viewport: { width: 375, height: 812 } });
      try {
        const box = await page.evaluate(() => {
          const header = document.querySelector('header.header')!.getBoundingClientRect();
          const filters = document.querySelector('[data-testid="filter-bar"]')!.getBoundingClientRect();
          const map = document.querySelector('[data-testid="map-area"]')!.getBoundingClientRect();
          return {
            header: header.height,
            filtersBottom: filters.bottom,
            mapTop: map.top,
            mapHeight: map.height,
            scrollWidth: document.documentElement.scrollWidth,
          };
        });
        // Was 290 px of 812 for header, notice and filters.
        expect(box.filtersBottom).toBeLessThanOrEqual(180);
        expect(box.mapTop).toBeLessThanOrEqual(180);
        expect(box.mapHeight).toBeGreaterThanOrEqual(400);
        expect(box.scrollWidth).toBeLessThanOrEqual(375);
        if (!programme) {
          // Moved from views.test.ts (its own page load at 375 × 740): no sideways scrolling at that height either.
          await page.setViewportSize({ width: 375, height: 740 });
          await waitForMapReady(page);
          expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        }
        // The illustrative notice is still there for screen readers, and its badge is visible.
        expect(await page.getByTestId('illustrative-badge').isVisible()).toBe(true);
        expect(await page.getByTestId('illustrative-badge').textContent()).toMatch(/Illustrative data.+/);
      } finally {
        await context.close();
      }
    });
  }
});
