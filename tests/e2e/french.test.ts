/**
 * French is complete: every view, signed out and as each role, with a panel open, read in French (the interface
 * language and the browser's locale), shows no English text of the catalogues: not in the page's text, nor in the
 * labels, titles and placeholders assistive technology reads.
 *
 * What is looked for: each English catalogue string that differs from its French one, cut at its `{{variables}}`,
 * keeping the fixed pieces of 5 or more characters that no French string contains (so proper names and words both
 * languages share, such as "Transit Atlas" or "GeoJSON", are not looked for), matched as whole words.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { common as commonEn } from '../../src/client/i18n/common.en';
import { common as commonFr } from '../../src/client/i18n/common.fr';
import * as admin from '../../src/client/features/admin/i18n';
import * as hotspots from '../../src/client/features/hotspots/i18n';
import * as session from '../../src/client/features/session/i18n';
import { launch, signIn, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');

function leaves(o: unknown, out: string[] = []): string[] {
  if (typeof o === 'string') out.push(o);
  else if (o && typeof o === 'object') for (const v of Object.values(o)) leaves(v, out);
  return out;
}

const FRENCH = [commonFr, admin.fr, hotspots.fr, session.fr].flatMap((c) => leaves(c)).join('\n');
/** The fixed pieces of the English strings that would betray an untranslated text. */
const ENGLISH_PIECES = [
  ...new Set(
    [commonEn, admin.en, hotspots.en, session.en]
      .flatMap((c) => leaves(c))
      .flatMap((s) => s.split(/\{\{[^}]*\}\}|\$t\([^)]*\)/))
      .flatMap((s) => s.split(/[:;·()\n]/))
      .map((s) => s.trim().replace(/[.,…]+$/, ''))
      .filter((s) => s.replace(/[^A-Za-z]/g, '').length >= 5 && !FRENCH.includes(s)),
  ),
];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PATTERNS = ENGLISH_PIECES.map((p) => ({ piece: p, re: new RegExp(`(^|[^A-Za-z])${escape(p)}($|[^A-Za-z])`) }));

/** Everything the page shows or says: its text and the accessible labels, titles, placeholders and alt texts. */
function pageWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder', 'alt', 'aria-description'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.title, document.body.innerText, ...attrs].join('\n');
  });
}

function englishIn(text: string): string[] {
  return PATTERNS.filter((p) => p.re.test(text)).map((p) => p.piece);
}

let browser: Browser;
const contexts: BrowserContext[] = [];

async function frenchContext(account?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  if (account) await signIn(context, baseUrl, account, password);
  return context;
}

async function visit(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(new URL(path, baseUrl).href);
  await page.getByTestId('view-switch').waitFor();
  await waitForMapReady(page);
  return page;
}

/**
 * Moves the loaded page to another of the app's URLs the way back/forward does (a history entry and popstate: the app
 * applies the URL to its state, useUrlSync.ts), instead of loading the whole app and its first map again.
 */
async function goInApp(page: Page, path: string): Promise<void> {
  const wanted = new URL(path, baseUrl).searchParams;
  const title = page.getByTestId('panel-title');
  const before = (await title.count()) ? await title.textContent() : null;
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  // The view the URL asks for is shown, or (a view the role cannot use) the notice saying whom it is for.
  const view = wanted.get('view');
  if (view) await page.locator(`[data-testid="view-${view}"][aria-pressed="true"], [data-testid="view-notice"]`).first().waitFor();
  if (wanted.get('select')) await expect.poll(async () => ((await title.count()) ? await title.textContent() : null)).not.toBe(before);
  else await title.waitFor({ state: 'detached' });
  // The new state's requests start in effects after the render: let them run before waiting for the map again.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await waitForMapReady(page);
  await page.waitForFunction(() => !document.querySelector('[data-testid="loading"], [aria-busy="true"]'));
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('French is complete', () => {
  it('the catalogues give the walk something to look for', () => {
    expect(ENGLISH_PIECES.length).toBeGreaterThan(200);
    expect(englishIn('People observed per week')).toContain('People observed per week');
    expect(englishIn('Personnes observées par semaine')).toEqual([]);
  });

  const walks: Array<{ who: string; account?: keyof typeof accounts; paths: string[] }> = [
    { who: 'signed out', paths: ['/?lang=fr', '/?lang=fr&select=route:R5', '/?lang=fr&select=place:agadez-tc'] },
    {
      who: 'programme',
      account: 'programme',
      paths: [
        '/?lang=fr&view=flows&from=2019-01-01&to=2019-12-31&select=route:R5',
        '/?lang=fr&view=flows&select=place:agadez-tc',
        '/?lang=fr&view=donor',
        '/?lang=fr&view=hotspots',
      ],
    },
    { who: 'donor', account: 'donor', paths: ['/?lang=fr', '/?lang=fr&view=hotspots'] },
    { who: 'government', account: 'government', paths: ['/?lang=fr', '/?lang=fr&view=flows&select=route:R3'] },
    { who: 'admin', account: 'admin', paths: ['/?lang=fr'] },
  ];
  for (const walk of walks) {
    it(`every view ${walk.who}: no English words of the catalogues`, async () => {
      const context = await frenchContext(walk.account ? accounts[walk.account] : undefined);
      // One page load per walk; the other screens are reached in the app (history), as a visitor goes from one to the next.
      const page = await visit(context, walk.paths[0]!);
      for (const [i, path] of walk.paths.entries()) {
        if (i > 0) await goInApp(page, path);
        expect(await page.evaluate(() => document.documentElement.lang), path).toBe('fr');
        if (i === 0 && !walk.account) {
          // A link with lang=fr and no v= keeps its language (moved here from views.test.ts, which loaded /?lang=fr too).
          expect(new URL(page.url()).searchParams.get('lang')).toBe('fr');
          expect(await page.getByTestId('view-flows').textContent()).toBe('Flux');
        }
        // Account names are data (e2e-government), not words of the interface.
        const words = Object.values(accounts).reduce((text, name) => text.replaceAll(name, ''), await pageWords(page));
        expect(englishIn(words), path).toEqual([]);
      }
      await page.close();
    });
  }

  it('after switching language on the page, the time strip and the legend are French at once', async () => {
    const context = await frenchContext(accounts.programme);
    const page = await visit(context, '/?view=flows&from=2019-01-01&to=2019-12-31');
    expect(englishIn(await pageWords(page)).length).toBeGreaterThan(0);
    await page.getByTestId('lang-fr').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expect.poll(async () => englishIn(await pageWords(page))).toEqual([]);
    await page.close();
  });
});
