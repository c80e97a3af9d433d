/**
 * The browser the tests and the bench drive (browser.ts `launch`) runs the page under test and nothing of Chromium's
 * own UI: by default every new window (each Playwright context) preloads the omnibox popup's WebUI in a hidden
 * renderer, about 450 ms of CPU that competed with the page on this 2-core machine. Linux only (/proc); the e2e
 * files run one at a time, so every Chromium process found here is this file's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser';

function chromiumRenderers(): string[][] {
  const out: string[][] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let argv: string[];
    try {
      // Zygote-forked processes rewrite their command line as one space-separated string.
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    } catch {
      continue; // ended meanwhile
    }
    if (/chrom/.test(argv[0] ?? '') && argv.includes('--type=renderer')) out.push(argv);
  }
  return out;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.runIf(process.platform === 'linux')('the test browser', () => {
  it('opens windows without preloading a hidden Chrome UI renderer', async () => {
    const seen: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto('data:text/html,<title>t</title>');
      // The preload starts within a second of the window opening; look for a while after.
      for (let k = 0; k < 12; k++) {
        seen.push(...chromiumRenderers());
        await page.waitForTimeout(150);
      }
      await context.close();
    }
    expect(seen.length, 'the pages have renderers').toBeGreaterThan(0);
    expect(seen.filter((argv) => argv.includes('--top-chrome-webui')).length).toBe(0);
  });
});
