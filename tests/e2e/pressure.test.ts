/**
 * In Chromium against the real server (the repository's data): a programme manager opens the early warning and sees
 * which centres are forecast above the threshold in the next four weeks, each with its 80 % interval and backtest
 * error, as the API answers; the threshold control changes the list. A signed-out visitor sees the locked
 * explanation. In French the panel has none of the English catalogue's words. Screenshots go to .scratch/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pressureOpen, type PressureOpen } from '../../src/shared/api-pressure';
import * as pressureI18n from '../../src/client/features/pressure/i18n';
import { launch, signIn, waitForMapReady } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const password = inject('password');
const SHOTS = resolve(import.meta.dirname, '../../.scratch');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** The API's answer as the page's session sees it. */
async function apiAnswer(page: Page, threshold: number): Promise<PressureOpen> {
  const body = await page.evaluate(async (q) => (await fetch(`/api/v1/pressure?threshold=${q}&horizon=4&stayDays=7`)).json(), threshold);
  return pressureOpen.parse(body);
}

async function openPanel(page: Page) {
  const toggle = page.getByTestId('pressure').getByRole('button');
  await toggle.waitFor({ timeout: 30_000 });
  await toggle.click();
  await page.getByTestId('pressure-panel').waitFor();
}

describe('early warning of centre pressure', () => {
  it('programme manager: the centres forecast above the threshold in the next four weeks, with interval and backtest error', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await signIn(context, baseUrl, accounts.programme, password);
    const page = await context.newPage();
    await page.goto(new URL('/', baseUrl).href);
    await waitForMapReady(page);
    await openPanel(page);
    await page.getByTestId('pressure-table').waitFor();
    // 90 % first; if no centre is forecast above it in these data, lower the threshold until the list shows.
    let threshold = 0.9;
    let answer = await apiAnswer(page, threshold);
    for (const lower of [0.5, 0.3, 0.2, 0.1]) {
      if (answer.warnings.length > 0) break;
      threshold = lower;
      answer = await apiAnswer(page, threshold);
    }
    expect(answer.warnings.length).toBeGreaterThan(0);
    if (threshold !== 0.9) {
      await page.getByTestId('pressure-threshold').fill(String(threshold));
    }
    const list = page.getByTestId('pressure-warnings');
    await list.waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => list.locator('li').evaluateAll((lis) => lis.map((l) => l.getAttribute('data-centre'))))
      .toEqual(answer.warnings.map((w) => w.centre));
    for (const w of answer.warnings) {
      const text = await list.locator(`li[data-centre="${w.centre}"]`).textContent();
      expect(text).toContain(w.name);
      if (w.shareLow !== null) expect(text).toMatch(/80 % interval .+ – .+; backtest error MASE \d+\.\d\d/);
      if (w.method === 'baseline') expect(text).toContain('forecast not shipped');
    }
    await page.screenshot({ path: `${SHOTS}/pressure-programme.png` });
    await context.close();
  });

  it('signed-out visitor: the capability is locked and explained, no number', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(new URL('/', baseUrl).href);
    await waitForMapReady(page);
    await openPanel(page);
    const locked = page.getByTestId('pressure-locked');
    await locked.waitFor({ timeout: 30_000 });
    expect(await locked.textContent()).toMatch(/programme staff/);
    expect(await page.getByTestId('pressure-table').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/pressure-public.png` });
    await context.close();
  });

  it('French: the panel has no English words of its catalogue', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    await signIn(context, baseUrl, accounts.programme, password);
    const page = await context.newPage();
    await page.goto(new URL('/?lang=fr', baseUrl).href);
    await waitForMapReady(page);
    await openPanel(page);
    await page.getByTestId('pressure-table').waitFor({ timeout: 30_000 });
    const text = (await page.getByTestId('pressure').textContent()) ?? '';
    const english = Object.entries(pressureI18n.en)
      .filter(([k, v]) => typeof v === 'string' && v !== (pressureI18n.fr as Record<string, string>)[k])
      .map(([, v]) => (v as string).split('{{')[0]!.trim())
      .filter((s) => s.length > 3);
    for (const s of english) expect(text, s).not.toContain(s);
    await page.screenshot({ path: `${SHOTS}/pressure-fr.png` });
    await context.close();
  });
});
