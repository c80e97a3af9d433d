/**
 * Every card and panel states its data-as-of date and the share of the period counted (components/CoverageNote.tsx),
 * in English and in French, for a programme manager and an outside role (donor: months, as /coverage gives them).
 * The date shown is the one /api/v1/coverage answers; the share the one lib/coverage.ts folds from it.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launch, signIn, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');
/** SHOTS=dir: also save a screenshot of each case there (to look at them). */
const shots = process.env['SHOTS'];

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launch();
  if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

const WORDS = {
  en: { asOf: /^Data as of .+ · (counting \d+\s?% of (weeks|months)|partly monitored|not monitored)/, assistance: /^Data as of .+ · assistance records/ },
  fr: { asOf: /^Données au .+ · (comptage \d+\s?% des (semaines|mois)|suivi partiel|non suivi)/, assistance: /^Données au .+ · registres d’assistance/ },
};

describe.each(['programme', 'donor'] as const)('coverage notes as %s', (role) => {
  it.each(['en', 'fr'] as const)('%s: the cards and the route panel give the data-as-of date and the share counted', async (lang) => {
    const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    await signIn(context, baseUrl, accounts[role], password);
    const page = await context.newPage();
    const cov = page.waitForResponse((r) => r.url().includes('/api/v1/coverage') && r.status() === 200);
    await page.goto(new URL(`/?lang=${lang}&view=flows&select=route:R5`, baseUrl).href);
    await waitForMapReady(page);
    const answer = (await (await cov).json()) as { dataAsOf: string; unit: 'week' | 'month'; reporting: 'weeks' | 'months' | 'span' };
    expect(answer.unit).toBe(role === 'programme' ? 'week' : 'month');

    for (const id of ['cards-coverage', 'panel-coverage']) {
      const note = page.getByTestId(id).first();
      await note.waitFor();
      await expect.poll(() => note.getAttribute('data-monitoring'), { timeout: 15_000 }).not.toBe('pending');
      expect(await note.locator('time').getAttribute('datetime')).toBe(answer.dataAsOf);
      const text = (await note.textContent())!.replace(/\u202f|\u00a0/g, ' ');
      expect(text, id).toMatch(WORDS[lang].asOf);
      // The share's unit is the answer's: weeks reported (outside roles: months when the disclosure parameters require it).
      if (answer.reporting === 'weeks') expect(text, id).toMatch(lang === 'en' ? / of weeks/ : / des semaines/);
      if (answer.reporting === 'months') expect(text, id).toMatch(lang === 'en' ? / of months/ : / des mois/);
    }
    if (shots) await page.screenshot({ path: `${shots}/${role}-${lang}-route.png` });

    // A transit centre: assistance, not counted by monitoring points: the date and what the line refers to, no share.
    await page.goto(new URL(`/?lang=${lang}&view=flows&select=place:agadez-tc`, baseUrl).href);
    await waitForMapReady(page);
    const centre = page.getByTestId('panel-coverage').first();
    await centre.waitFor();
    expect((await centre.textContent())!.replace(/\u202f|\u00a0/g, ' ')).toMatch(WORDS[lang].assistance);
    if (shots) await page.screenshot({ path: `${shots}/${role}-${lang}-centre.png` });
  });
});
