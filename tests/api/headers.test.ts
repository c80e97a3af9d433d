/** Hardening: security headers on every response, no-store on the API, and error bodies without stack traces. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/lib/security-headers';
import type { Store } from '../../src/server/store/types';
import { PROBLEM_JSON, fakeSpaDir, startTestApp, type TestServer } from './helpers';

let t: TestServer;
let dist: string;
beforeAll(async () => {
  dist = fakeSpaDir();
  t = await startTestApp({ staticDir: dist });
});
afterAll(async () => {
  await t?.close();
  rmSync(dist, { recursive: true, force: true });
});

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

describe('security headers', () => {
  it.each([
    ['/api/v1/meta', 200],
    ['/api/v1/flows?groupBy=region&format=csv', 200],
    ['/api/v1/session', 200],
    ['/api/v1/hotspots', 401],
    ['/api/v1/flows?from=bad', 400],
    ['/api/v1/nope', 404],
    ['/', 200],
    ['/some/client/route', 200],
    ['/assets/index-abc123.js', 200],
    ['/assets/missing.js', 404],
  ])('%s (%i) carries CSP, nosniff, no-referrer, DENY', async (url, status) => {
    const res = await t.inject(url, url === '/api/v1/hotspots' ? 'public' : 'programme');
    expect(res.statusCode).toBe(status);
    const csp = res.headers['content-security-policy'] as string;
    for (const d of CSP_DIRECTIVES) expect(csp.split('; ')).toContain(d);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    // Data answers are revalidated (ETag, private, no-cache: src/server/lib/http-cache.ts); nothing else of the API is kept.
    const revalidated = status === 200 && /^\/api\/v1\/(meta|places|routes|regions)\b/.test(url);
    if (url.startsWith('/api/')) expect(res.headers['cache-control']).toBe(revalidated ? 'private, no-cache' : 'no-store');
  });

  it('with an online basemap, the CSP lets the page fetch from its origins (connect-src, img-src) and nothing more', async () => {
    const online = t.another({ basemapOrigins: ['https://tiles.example.org', 'https://fonts.example.org'] });
    const csp = (await online.inject('/api/v1/meta')).headers['content-security-policy'] as string;
    const directives = csp.split('; ');
    expect(directives).toContain("connect-src 'self' https://tiles.example.org https://fonts.example.org");
    expect(directives).toContain("img-src 'self' data: blob: https://tiles.example.org https://fonts.example.org");
    // Everything else as offline: scripts, workers, styles and fonts from this origin only.
    const others = (p: string) => p.split('; ').filter((d) => !/^(connect|img)-src/.test(d));
    expect(others(csp)).toEqual(others(CONTENT_SECURITY_POLICY));
  });

  it('counts are never kept; geography is kept by the browser and revalidated; hashed assets are kept for a year; the page is revalidated', async () => {
    expect((await t.inject('/api/v1/flows')).headers['cache-control']).toBe('no-store');
    expect((await t.inject('/api/v1/places')).headers['cache-control']).toBe('private, no-cache');
    expect((await t.inject('/api/v1/session')).headers['cache-control']).toBe('no-store');
    expect((await t.inject('/api/v1/flows?from=bad')).headers['cache-control']).toBe('no-store');
    expect((await t.inject('/assets/index-abc123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await t.inject('/')).headers['cache-control']).toBe('no-cache');
    expect((await t.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'x', password: 'y' } })).headers['cache-control']).toBe('no-store');
  });
});

describe('error bodies carry no stack traces', () => {
  const secret = 'disk on fire at /secret/path/store.ts:12:7';
  const boom = () => Promise.reject(new Error(secret));
  /**
   * A store that works while the app starts (the published cells are built before the first request) and then fails
   * at every call, reporting a new data version so that the published cells are rebuilt (and fail) too.
   */
  async function brokenAfterStart() {
    const s = t.store;
    let broken = false;
    const failing =
      <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
      (...a: A): Promise<R> =>
        broken ? boom() : f(...a);
    const store: Store = {
      engine: s.engine,
      imports: null,
      ping: () => s.ping(),
      info: () => (broken ? { ...s.info(), dataVersion: 'f00f00f00f00' } : s.info()),
      places: failing(() => s.places()),
      routes: failing(() => s.routes()),
      regions: failing(() => s.regions()),
      aggregateFlows: failing((q) => s.aggregateFlows(q)),
      aggregateAssistance: failing((q) => s.aggregateAssistance(q)),
      aggregateReturns: failing((q) => s.aggregateReturns(q)),
      cellRecords: failing((m, secret) => s.cellRecords(m, secret)),
      hotspotCounts: failing((p, w) => s.hotspotCounts(p, w)),
      close: async () => {},
    };
    const other = t.another({ store });
    await other.app.ready();
    broken = true;
    return other.inject;
  }

  it.each([
    ['/api/v1/flows', 'programme'],
    ['/api/v1/flows?groupBy=region&format=csv', 'public'],
    ['/api/v1/assistance?groupBy=service', 'donor'],
    ['/api/v1/returns', 'government'],
    ['/api/v1/places', 'programme'],
    ['/api/v1/routes', 'public'],
    ['/api/v1/regions', 'public'],
    ['/api/v1/hotspots', 'government'],
    ['/api/v1/hotspots', 'programme'],
  ] as const)('%s as %s → 500 problem without detail of the failure', async (url, role) => {
    const inject = await brokenAfterStart();
    const res = await inject(url, role);
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.type).toMatch(/internal/);
    expect(res.body).not.toContain('disk on fire');
    expect(res.body).not.toContain('/secret/');
    expect(res.body).not.toMatch(/\bat .*:\d+:\d+/);
    expect(Object.keys(body).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
  });

  it('a store that cannot build the published cells stops the app from starting, rather than answering without them', async () => {
    // the real store, but cellRecords fails
    const store: Store = Object.assign(Object.create(t.store) as Store, { cellRecords: boom });
    const { app } = t.another({ store });
    await expect(app.ready()).rejects.toThrow(/disk on fire/);
  });

  it('a malformed JSON body answers 400 without internals', async () => {
    const bad = await t.inject({ method: 'POST', url: '/api/v1/session', payload: '{"username": ', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/\bat .*:\d+:\d+|node_modules/);
  });
});
