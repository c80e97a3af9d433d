/**
 * Who sees what, in a real browser (built SPA + real server + DuckDB, headless Chromium): what the SERVER
 * guarantees whatever the UI does, and what a signed-out visitor's page does.
 *
 * (a) Geography is public, numbers are protected: signed out, the corridors and every place are answered; flows per
 *     monitoring point by month are answered through disclosure control (cell-key: no published count in 1…9,
 *     withheld ones null); weekly flows are refused with 403 problem+json, hotspots with 401 (for accounts).
 * (b) The page runs with zero Content-Security-Policy violations, signed out and signed in as programme; signed out,
 *     it draws the corridors, offices, transit centres and monitoring points and its console has no 401 or 403.
 * (c) The session cookie is HttpOnly (invisible to scripts, SameSite=Lax, Path=/) and sign-out ends the session on
 *     the server: the old cookie value no longer signs anyone in.
 *
 * Sign-in and sign-out go through fetch here (the dialog has its own tests).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AggregateResponse, PlacesResponse, Problem, RoutesResponse, SessionResponse } from '../../src/shared/api';
import { launch, signIn, waitForIdle, waitForMapReady } from './browser';

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

interface Answer<T = unknown> {
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  /** The parsed JSON (the text when it is not JSON), taken to be `T`. */
  body: T;
}

/** fetch() from inside the page (same origin, the browser's cookies), JSON answer. */
function pageFetch<T = unknown>(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer<T>> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const res = await fetch(path, {
        method: method ?? 'GET',
        credentials: 'same-origin',
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: res.status, contentType: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control'), body: parsed };
    },
    { path, method: init.method, body: init.body },
  ) as Promise<Answer<T>>;
}

interface Csp {
  /** `securitypolicyviolation` events seen by the document. */
  events: () => Promise<string[]>;
  /** Console messages mentioning the Content Security Policy (Chromium logs every refusal). */
  console: string[];
  errors: string[];
}

/** A page that records every CSP violation from its very first byte. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; csp: Csp }> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        w.__cspViolations.push(
          `${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
        );
      },
      true,
    );
  });
  const consoleMessages: string[] = [];
  const errors: string[] = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) consoleMessages.push(`${msg.type()}: ${text}`);
  });
  page.on('pageerror', (err) => {
    errors.push(err.message);
    if (/Content[- ]Security[- ]Policy/i.test(err.message)) consoleMessages.push(`pageerror: ${err.message}`);
  });
  page.on('worker', (worker) => {
    // MapLibre's worker: a refusal inside it is logged there.
    worker.on('console', (msg) => {
      const text = msg.text();
      if (/Content[- ]Security[- ]Policy/i.test(text)) consoleMessages.push(`worker ${msg.type()}: ${text}`);
    });
  });
  const csp: Csp = {
    events: () => page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]),
    console: consoleMessages,
    errors,
  };
  return { page, csp };
}

/** The map exists and has gone idle (not __atlasReady: a CSP failure could keep a layer from ever being ready). */
async function waitForMapIdle(page: Page) {
  await page.waitForFunction(() => !!window.__atlasMap, null, { timeout: 60_000 });
  await waitForIdle(page, 45_000);
  // Let late requests (tiles, glyphs, the next API answers) land and report.
  await page.waitForTimeout(750);
  await waitForIdle(page, 20_000).catch(() => undefined);
}

const SESSION = '/api/v1/session';
const COOKIE = 'atlas_session';

describe('access in the browser: what the server guarantees', () => {
  it('(a) signed out: corridors and places are public; monthly point flows are protected; weeks and hotspots are refused', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(new URL('/', baseUrl).href);
      const who = await pageFetch<SessionResponse>(page, SESSION);
      expect(who.status).toBe(200);
      expect(who.body).toMatchObject({ username: null, role: 'public' });
      expect(who.body.access.routes).toEqual({});
      expect(who.body.access.flows?.groupBy).toEqual(expect.arrayContaining(['point', 'route', 'month']));
      expect(who.body.access.flows?.groupBy).not.toContain('week');
      expect(who.body.access.hotspots).toBeUndefined();

      const routes = await pageFetch<RoutesResponse>(page, '/api/v1/routes');
      expect(routes.status).toBe(200);
      expect(routes.body.features.length).toBeGreaterThan(3);
      const places = await pageFetch<PlacesResponse>(page, '/api/v1/places');
      expect(places.status).toBe(200);
      const kinds = new Set<string>(places.body.features.map((f) => f.properties.kind));
      for (const k of ['office', 'transit_centre', 'monitoring_point']) expect(kinds.has(k), k).toBe(true);

      const weekly = await pageFetch<Problem>(page, '/api/v1/flows?groupBy=point,week&from=2019-01-01&to=2019-12-31');
      expect(weekly.status).toBe(403);
      expect(weekly.contentType).toMatch(/^application\/problem\+json/);
      expect(weekly.body).toMatchObject({ status: 403 });
      expect(String(weekly.body.detail)).toMatch(/week/);
      expect(JSON.stringify(weekly.body)).not.toMatch(/\bat .+\.(ts|js):\d+|"stack"/);
      expect((await pageFetch(page, '/api/v1/hotspots')).status).toBe(401);

      let counts = 0;
      for (const q of [
        '/api/v1/flows?groupBy=point&from=2019-01-01&to=2019-12-31',
        '/api/v1/flows?groupBy=route,month&from=2019-01-01&to=2019-12-31',
        '/api/v1/flows?groupBy=point,nationality&from=2019-01-01&to=2019-03-31',
        '/api/v1/assistance?groupBy=centre&service=shelter_food&from=2019-01-01&to=2019-12-31',
      ]) {
        const res = await pageFetch<AggregateResponse>(page, q);
        expect(res.status, q).toBe(200);
        expect(res.cacheControl, q).toMatch(/no-store/);
        expect(res.body.disclosure, q).toMatchObject({ method: 'cell-key', resolution: 'month' });
        for (const [i, row] of (res.body.rows as Array<{ count: number | null; suppressed?: boolean }>).entries()) {
          if (row.count === null) {
            expect(row.suppressed, `${q} row ${i}`).toBe(true);
            continue;
          }
          counts++;
          expect(row.count >= 1 && row.count <= 9, `${q}: published count ${row.count} is in 1…9`).toBe(false);
        }
      }
      expect(counts).toBeGreaterThan(8);
    } finally {
      await context.close();
    }
  });

  it('(b) signed out: the landing page draws corridors, offices, centres and points, nothing is refused (console too), zero CSP violations', async () => {
    const context = await browser.newContext();
    try {
      const { page, csp } = await watchedPage(context);
      const refused: string[] = [];
      const consoleErrors: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
      });
      page.on('console', (msg) => {
        // Chromium logs every failed request ("Failed to load resource: … status of 401").
        if (/\b40[13]\b|Failed to load resource/.test(msg.text())) consoleErrors.push(`${msg.type()}: ${msg.text()} ${msg.location().url}`);
      });
      await page.goto(baseUrl);
      await waitForMapReady(page);
      // Signed out, the visitor lands on Flows, offered that view only.
      expect(new URL(page.url()).searchParams.get('view')).toBe('flows');
      expect(await page.getByTestId('view-switch').getByRole('button').count()).toBe(1);
      const drawn = await page.evaluate(() => {
        const map = window.__atlasMap!;
        const kinds = (layer: string) => [...new Set(map.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties.kind))];
        return {
          routes: map.queryRenderedFeatures({ layers: ['routes-line'] }).length,
          centres: kinds('places-centres'),
          points: kinds('places-circle'),
          icons: kinds('places-icons'),
          width: map.getFeatureState({ source: 'routes', id: 'R5' }),
        };
      });
      expect(drawn.routes).toBeGreaterThan(0);
      expect(drawn.centres).toContain('transit_centre');
      expect(drawn.points).toContain('monitoring_point');
      expect(drawn.icons).toContain('office');
      // The corridors carry the period's (protected, monthly) flows.
      expect(typeof drawn.width.flow).toBe('number');
      await page.getByTestId('timestrip-svg').waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForTimeout(1000);
      expect(refused).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(await csp.events(), '/: securitypolicyviolation events').toEqual([]);
      expect(csp.console, '/: console').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('(b) signed out: a link to Hotspots opens Flows with a sentence saying who Hotspots is for, asks nothing refused, zero CSP violations', async () => {
    const context = await browser.newContext();
    try {
      const { page, csp } = await watchedPage(context);
      const refused: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
      });
      const path = '/?view=hotspots&from=2019-01-01&to=2019-12-31';
      await page.goto(new URL(path, baseUrl).href);
      await waitForMapReady(page);
      await waitForMapIdle(page);
      expect(await page.getByTestId('view-notice').textContent()).toMatch(/Hotspots is for government liaisons and programme staff — sign in to see it/);
      expect(new URL(page.url()).searchParams.get('view')).toBe('flows');
      expect(await page.getByTestId('error').count()).toBe(0);
      expect(await page.getByTestId('forbidden').count()).toBe(0);
      expect(refused).toEqual([]);
      expect(await csp.events(), `${path}: securitypolicyviolation events`).toEqual([]);
      expect(csp.console, `${path}: console`).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('(b) signed in as programme: the app and its map run with zero CSP violations', async () => {
    const context = await browser.newContext();
    try {
      await signIn(context, baseUrl, accounts.programme, password);
      const { page, csp } = await watchedPage(context);
      await page.goto(new URL('/', baseUrl).href);
      expect((await pageFetch(page, SESSION)).body).toMatchObject({ username: accounts.programme, role: 'programme' });
      await waitForMapIdle(page);
      expect(await csp.events(), 'securitypolicyviolation events').toEqual([]);
      expect(csp.console, 'console').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('(c) the session cookie is HttpOnly and sign-out ends the session on the server', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(new URL('/', baseUrl).href);

      // A wrong password: 401 problem+json, no cookie, and no hint which part was wrong.
      const wrong = await pageFetch<Problem>(page, SESSION, { method: 'POST', body: { username: accounts.programme, password: `${password}-not` } });
      expect(wrong.status).toBe(401);
      expect(wrong.contentType).toMatch(/^application\/problem\+json/);
      expect(String(wrong.body.detail)).not.toMatch(/password is wrong|no such user|unknown user/i);
      expect((await context.cookies()).some((c) => c.name === COOKIE)).toBe(false);

      // Sign in the way the dialog does: fetch POST JSON from the page.
      const ok = await pageFetch(page, SESSION, { method: 'POST', body: { username: accounts.programme, password } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ username: accounts.programme, role: 'programme' });
      expect(JSON.stringify(ok.body)).not.toContain(COOKIE);

      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === COOKIE);
      expect(session, 'the session cookie is set').toBeDefined();
      expect(session!.httpOnly).toBe(true);
      expect(session!.sameSite).toBe('Lax');
      expect(session!.path).toBe('/');
      expect(session!.value.length).toBeGreaterThanOrEqual(20);
      // Scripts cannot read it, and nothing about the session is put in web storage or the URL.
      const visible = await page.evaluate(() => ({
        cookie: document.cookie,
        local: Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`),
        session: Object.keys(sessionStorage).map((k) => `${k}=${sessionStorage.getItem(k)}`),
        href: location.href,
      }));
      expect(visible.cookie).not.toContain(COOKIE);
      expect(visible.cookie).not.toContain(session!.value);
      expect(visible.local.join('\n')).not.toContain(session!.value);
      expect(visible.session.join('\n')).not.toContain(session!.value);
      expect(visible.href).not.toContain(session!.value);

      // Signed in (programme), the page may ask for weekly point flows.
      expect((await pageFetch(page, '/api/v1/flows?groupBy=point,week&from=2019-01-07&to=2019-01-13')).status).toBe(200);

      // Sign out with fetch DELETE: the page is public again…
      const out = await pageFetch(page, SESSION, { method: 'DELETE' });
      expect(out.status).toBe(200);
      expect(out.body).toMatchObject({ username: null, role: 'public' });
      expect((await pageFetch(page, SESSION)).body).toMatchObject({ username: null, role: 'public' });
      expect((await pageFetch(page, '/api/v1/flows?groupBy=point,week')).status).toBe(403);
      expect((await context.cookies()).find((c) => c.name === COOKIE && c.value !== '')).toBeUndefined();

      // …and the old cookie value is dead on the server, not merely forgotten by this browser.
      await context.addCookies([{ name: COOKIE, value: session!.value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      expect((await pageFetch(page, SESSION)).body).toMatchObject({ username: null, role: 'public' });
      expect((await pageFetch(page, '/api/v1/flows?groupBy=point,week')).status).toBe(403);
      const replay = await fetch(new URL(SESSION, baseUrl), { headers: { cookie: `${COOKIE}=${session!.value}` } });
      expect(await replay.json()).toMatchObject({ username: null, role: 'public' });
    } finally {
      await context.close();
    }
  });
});
