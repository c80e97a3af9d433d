/**
 * In Chromium against the real server (the repository's data): the question answered from the pathway view —
 * "of the people observed coming back from Libya through Séguédine in March 2017, how many were helped at Dirkou, with
 * what, and how many went home?" — as a programme manager (exact counts, the same as /api/v1/pathway), as a donor
 * (protected values and their note), and in French (no English). Screenshots go to .scratch/ for a look.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pathwayResponse, type PathwayResponse } from '../../src/shared/api-pathway';
import { launch, sessionCookie, signIn, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');
const SHOTS = resolve(import.meta.dirname, '../../.scratch');
const QUESTION = '/?v=2&from=2017-03-01&to=2017-03-31&select=route:R5';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** The API's answer for the same question and role (what the view must show). */
async function apiAnswer(account: string | null): Promise<PathwayResponse> {
  const headers: Record<string, string> = account ? { cookie: await sessionCookie(baseUrl, account, password) } : {};
  const res = await fetch(new URL('/api/v1/pathway?route=R5&from=2017-03-01&to=2017-03-31', baseUrl), { headers });
  expect(res.status).toBe(200);
  return pathwayResponse.parse(await res.json());
}

async function openQuestion(context: BrowserContext, lang = 'en'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(new URL(`${QUESTION}&lang=${lang}`, baseUrl).href);
  await waitForMapReady(page);
  await page.getByTestId('pathway-chain').waitFor({ timeout: 30_000 });
  return page;
}

const digits = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

describe('pathway view', () => {
  it('programme manager: observed at Séguédine, helped at Dirkou with what, and returns home, March 2017', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signIn(context, baseUrl, accounts.programme, password);
    const page = await openQuestion(context);
    const api = await apiAnswer(accounts.programme);
    const march = api.routes[0]!.months[0]!;
    const dirkou = march.centres.find((c) => c.centre === 'dirkou-tc')!;
    expect(await page.getByTestId('pathway-month-title').textContent()).toMatch(/Mar.*2017/);
    if (march.monitoring === 'not_monitored') await page.getByTestId('pathway-not-monitored').first().waitFor();
    else expect(digits(await page.getByTestId('pathway-observed').textContent())).toBe(march.observed.count);
    expect(digits(await page.getByTestId('pathway-assisted-dirkou-tc').textContent())).toBe(dirkou.assisted.count);
    for (const s of dirkou.services) {
      const row = page.getByTestId(`pathway-service-dirkou-tc-${s.service}`);
      expect(digits(await row.locator('.count').textContent()), s.service).toBe(s.count);
    }
    expect(digits(await page.getByTestId('pathway-returns-dirkou-tc').textContent())).toBe(dirkou.returns.count);
    for (const d of dirkou.destinations ?? []) {
      expect(digits(await page.getByTestId(`pathway-destination-dirkou-tc-${d.destination}`).locator('.count').textContent())).toBe(d.count);
    }
    expect(await page.getByTestId('pathway-reach').textContent()).toMatch(/Reach ratio/);
    // The table alternative holds the same numbers and is keyboard reachable.
    const table = page.getByTestId('pathway-table');
    expect(await table.getByRole('row').count()).toBe(2);
    await page.locator('.pathway__table-wrap').focus();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('pathway__table-wrap'))).toBe(true);
    await page.getByTestId('pathway').screenshot({ path: `${SHOTS}/pathway-programme.png` });
    await page.screenshot({ path: `${SHOTS}/pathway-programme-page.png` });
    // Choosing another corridor in the view selects it (the panel follows).
    await page.getByTestId('pathway-route').selectOption('R4');
    await page.getByTestId('pathway-centre-arlit-tc').waitFor();
    expect(await page.getByTestId('panel-title').textContent()).toMatch(/^R4/);
    await context.close();
  });

  it('donor: protected values as the API publishes them, with the protection note; never an error', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signIn(context, baseUrl, accounts.donor, password);
    const page = await openQuestion(context);
    const api = await apiAnswer(accounts.donor);
    expect(api.protected).toBe(true);
    const dirkou = api.routes[0]!.months[0]!.centres.find((c) => c.centre === 'dirkou-tc')!;
    const shown = await page.getByTestId('pathway-assisted-dirkou-tc').textContent();
    if (dirkou.assisted.count === null) expect(shown).toMatch(/withheld/);
    else {
      expect(shown).toMatch(/^≈/);
      expect(digits(shown)).toBe(dirkou.assisted.count);
    }
    await page.getByTestId('pathway').getByTestId('protection-note').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByTestId('pathway').screenshot({ path: `${SHOTS}/pathway-donor.png` });
    await context.close();
  });

  it('signed out, in French: the view in French only, destinations explained as not published', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
    const page = await openQuestion(context, 'fr');
    const text = (await page.getByTestId('pathway').innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/Parcours/);
    expect(text).toMatch(/Rapport de portée/);
    for (const word of ['Pathway', 'Observed', 'Assisted at', 'Returns', 'withheld', 'Reach ratio', 'not monitored', 'Table of', 'one person can get']) {
      expect(text, word).not.toContain(word);
    }
    await page.getByTestId('pathway').screenshot({ path: `${SHOTS}/pathway-public-fr.png` });
    await context.close();
  });
});
