/**
 * Issue 4 (and 11) in the browser: the sign-in dialog gives each role its view, and a hostile place name (imported by an
 * admin through the real import endpoint) is drawn as text in the search list, the panel and the tooltip.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, sessionCookie, signIn, waitForIdle, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');
const HOSTILE = '<img src=x onerror="window.__pwned=1">Bilma';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function hasRenderedRoutes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const map = window.__atlasMap!;
    const ids = map
      .getStyle()
      .layers.filter((l: { id: string; source?: string }) => l.source === 'routes')
      .map((l) => l.id);
    return map.queryRenderedFeatures({ layers: ids }).length;
  });
}

async function renderedPlaceKinds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = window.__atlasMap!;
    const ids = map
      .getStyle()
      .layers.filter((l: { id: string; source?: string }) => l.source === 'places')
      .map((l) => l.id);
    return [...new Set<string>(map.queryRenderedFeatures({ layers: ids }).map((f) => f.properties.kind))].sort();
  });
}

describe('sign-in dialog', () => {
  it('a visitor lands on Flows with every corridor and place, signs in through the dialog as a donor and lands on Donor impact', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByTestId('session-menu').waitFor();
    await expect.poll(() => page.getByTestId('view-flows').getAttribute('aria-pressed')).toBe('true');
    await waitForMapReady(page);
    // Geography is public: the corridors, offices, transit centres and monitoring points are drawn signed out.
    expect(await hasRenderedRoutes(page)).toBeGreaterThan(0);
    expect(await renderedPlaceKinds(page)).toEqual(expect.arrayContaining(['monitoring_point', 'office', 'transit_centre']));

    await page.getByTestId('sign-in-open').click();
    const dialog = page.getByTestId('sign-in-dialog');
    await dialog.waitFor();
    await page.getByTestId('sign-in-username').fill(accounts.donor);
    await page.getByTestId('sign-in-password').fill('not the password');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('sign-in-error').innerText()).toMatch(/wrong|incorrect/i);

    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('session-role').innerText()).toMatch(new RegExp(accounts.donor));
    // Nothing about the session is kept where scripts or links could read it.
    expect(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length, location.href])).toEqual([
      '',
      0,
      0,
      expect.not.stringContaining('session'),
    ]);

    // The view follows the role: a donor lands on Donor impact, offered Flows and Donor impact.
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('donor');
    expect(await page.getByTestId('view-switch').getByRole('button').allTextContents()).toEqual(['Flows', 'Donor impact']);
    await page.getByTestId('donor-centres').waitFor();

    await page.getByTestId('sign-out').click();
    await expect.poll(() => page.getByTestId('sign-in-open').isVisible()).toBe(true);
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('flows');
    await context.close();
  });
});

describe('hostile place names', () => {
  it('an imported place named with HTML is shown as text in the search list, the panel and the tooltip', async () => {
    const admin = await sessionCookie(baseUrl, accounts.admin, password);
    const body = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'bilma-hostile',
          properties: {
            id: 'bilma-hostile',
            name: HOSTILE,
            kind: 'hub',
            countryIso3: 'NER',
            admin1Pcode: 'NE001',
            capacity: null,
            activeFrom: null,
            activeTo: null,
            routes: [],
            source: 'e2e test',
          },
          geometry: { type: 'Point', coordinates: [12.9164, 18.6853] },
        },
      ],
    };
    const res = await fetch(new URL('/api/v1/imports/places', baseUrl), {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/geo+json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await signIn(context, baseUrl, accounts.programme, password);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(new URL('/?v=2&view=flows', baseUrl).href);
    await waitForMapReady(page);

    // Search list.
    await page.getByTestId('place-search').locator('input').fill('Bilma');
    const item = page.getByTestId('place-search').getByRole('button', { name: /Bilma/ });
    await expect.poll(() => item.first().innerText()).toContain(HOSTILE);
    await item.first().click();

    // Panel.
    await page.getByTestId('panel').waitFor();
    expect(await page.getByTestId('panel-title').innerText()).toContain(HOSTILE);

    // Tooltip: hover the place where the map draws it.
    await waitForIdle(page);
    const at = await page.evaluate(() => {
      const map = window.__atlasMap!;
      const c = map.project([12.9164, 18.6853]);
      const layers = map
        .getStyle()
        .layers.filter((l: { id: string; source?: string }) => l.source === 'places')
        .map((l) => l.id);
      for (let r = 0; r <= 20; r++)
        for (let dx = -r; dx <= r; dx++)
          for (let dy = -r; dy <= r; dy++) {
            const hit = map.queryRenderedFeatures([c.x + dx, c.y + dy], { layers });
            if (hit[0]?.properties.id === 'bilma-hostile') {
              const rect = map.getCanvas().getBoundingClientRect();
              return { x: rect.left + c.x + dx, y: rect.top + c.y + dy };
            }
          }
      return null;
    });
    expect(at, 'the imported place is drawn on the map').not.toBeNull();
    await page.mouse.move(at!.x, at!.y);
    await page.getByTestId('map-tooltip').waitFor();
    expect(await page.getByTestId('map-tooltip').innerText()).toContain(HOSTILE);

    // The markup never became an element and never ran.
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
