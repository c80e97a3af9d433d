/** Headless Debian Chromium through playwright-core, with WebGL2 from SwiftShader. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Playwright's own `--disable-features` list (playwright-core's chromiumSwitches.ts), repeated because Chromium takes
 * the last `--disable-features` switch only: passing ours would otherwise drop these.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AimEnabled',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'PaintHolding',
  'PreconnectToSearch',
  'ThirdPartyStoragePartitioning',
];

/**
 * Chromium preloads its own omnibox-popup WebUI in a hidden renderer for every new window, and every Playwright
 * context is a new window: about 450 ms of CPU each time, while the page under test loads, on a 2-core machine.
 * No visitor's page load pays that; the tests and the bench (both pages alike) should not either.
 */
const CHROME_UI_PRELOADS = ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...CHROME_UI_PRELOADS].join(',')}`,
];

export function chromiumPath(): string {
  const p = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((x) => x && existsSync(x));
  if (!p) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH');
  return p;
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** Records every URL the page requests; requests to anything but the loopback host are aborted and recorded. */
export async function watchRequests(page: Page, baseUrl: string) {
  const origin = new URL(baseUrl);
  const all: string[] = [];
  const external: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    all.push(url);
    const u = new URL(url);
    const local = u.protocol === 'data:' || u.protocol === 'blob:' || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
    if (!local) {
      external.push(url);
      return route.abort();
    }
    return route.continue();
  });
  page.on('websocket', (ws) => all.push(ws.url()));
  return { all, external, origin };
}

/** Waits for the first map: the app says its layers show the current filters and the map is idle. */
export async function waitForFirstMap(page: Page, timeout = 60_000) {
  await page.waitForFunction(() => window.__atlasReady === true && !!window.__atlasMap, null, { timeout });
  await waitForIdle(page, timeout);
}

/** Waits for the first map and for the page around it (time strip, side column) to be filled in. */
export async function waitForMapReady(page: Page, timeout = 60_000) {
  await waitForFirstMap(page, timeout);
  // The time strip and the side column load after the first map; wait for them too, so what a test measures on
  // screen (a feature's position, a panel) is not taken while the page is still filling in.
  await page.waitForFunction(() => !document.querySelector('.timestrip--pending, .side[aria-busy="true"]'), null, { timeout });
  await waitForIdle(page, timeout);
}

export async function waitForIdle(page: Page, timeout = 30_000) {
  await page.evaluate(
    (t) =>
      new Promise<void>((resolve, reject) => {
        const map = window.__atlasMap!;
        const timer = setTimeout(() => reject(new Error('map never became idle')), t);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) {
          // A repaint may still be pending; wait for the next idle if one comes quickly.
          map.once('idle', done);
          map.triggerRepaint();
        } else {
          map.once('idle', done);
        }
      }),
    timeout,
  );
}

/** Signs the browser context in (the session cookie is shared with its pages). */
export async function signIn(context: BrowserContext, baseUrl: string, username: string, password: string) {
  const res = await context.request.post(new URL('/api/v1/session', baseUrl).toString(), {
    data: { username, password },
    headers: { 'content-type': 'application/json' },
    // A kept-alive connection the server closes just as it is reused answers ECONNRESET: Playwright retries only that.
    maxRetries: 2,
  });
  if (res.status() !== 200) throw new Error(`sign-in as ${username} failed: ${res.status()} ${await res.text()}`);
}

/** Signs in from Node and returns the Cookie header to send with fetch. */
export async function sessionCookie(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(new URL('/api/v1/session', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie.split(';')[0]!;
}
