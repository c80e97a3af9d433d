/**
 * In Chromium against the real server (the repository's data): the time strip's coverage band is drawn after the first
 * map, the "Counting NN %" button states the share of the period covered and opens the coverage table by keyboard; a
 * signed-out visitor gets months. Screenshots go to .scratch/ for a look.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('coverage on the time strip', () => {
  it.each([
    ['programme', true],
    ['public', false],
  ])('%s: a band of steps, the share of the period, and the table by keyboard', async (who, programme) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    if (programme) await signIn(context, baseUrl, accounts.programme, password);
    const page = await context.newPage();
    await page.goto(new URL('/', baseUrl).href);
    await waitForMapReady(page);
    const toggle = page.getByTestId('coverage-toggle');
    await toggle.waitFor({ timeout: 30_000 });
    expect(await toggle.textContent()).toMatch(/^Counting \d+(\.\d+)?%$|^Not monitored$/);
    const steps = await page.getByTestId('coverage-band').locator('rect').count();
    // Weeks for programme staff (2015–2019: about 260), months for everyone else (about 60).
    if (programme) expect(steps).toBeGreaterThan(200);
    else expect(steps).toBeLessThan(80);
    await toggle.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('coverage-panel');
    await panel.waitFor();
    expect(await panel.getByRole('row').count()).toBeGreaterThan(2);
    await page.screenshot({ path: `${SHOTS}/coverage-${who}.png` });
    await context.close();
  });
});
