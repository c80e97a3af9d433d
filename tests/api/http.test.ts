/**
 * HTTP of the API's answers (src/server/lib/http-cache.ts): brotli or gzip as the client prefers, above 1 kB only;
 * weak ETags and 304 on data GETs, per role and query; GeoJSON as application/geo+json.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/server/lib/http-cache';
import { startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const BIG = '/api/v1/flows?groupBy=week,point';

describe('compression', () => {
  it('answers brotli or gzip as asked, decompressing to the same body', async () => {
    const plain = await t.inject({ url: BIG, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await t.inject({ url: BIG, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await t.inject({ url: BIG, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const geo = await t.inject({ url: '/api/v1/places', headers: { 'accept-encoding': 'gzip' } });
    expect(geo.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(geo.rawPayload).toString()).type).toBe('FeatureCollection');
  });

  it('leaves small answers alone', async () => {
    // A problem answer: a few hundred bytes (the session answer grows with every endpoint of the policy).
    const small = await t.inject({ url: '/api/v1/meta?lang=fr', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.statusCode).toBe(400);
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('honours q-values', () => {
    expect(chooseEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0')).toBeNull();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});

describe('revalidation', () => {
  it('a data answer carries an ETag; asking with it gets 304 and no body', async () => {
    const first = await t.inject('/api/v1/flows?groupBy=route');
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    // Counts of people are never kept by a browser; they revalidate for clients that keep answers themselves.
    expect(first.headers['cache-control']).toBe('no-store');
    const places = await t.inject('/api/v1/places');
    expect(places.headers['cache-control']).toBe('private, no-cache');
    expect(places.headers['etag']).toMatch(/^W\//);
    const again = await t.inject({ url: '/api/v1/flows?groupBy=route', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['etag']).toBe(etag);
  });

  it('another query or another role whose answer differs gets the answer, not 304', async () => {
    const etag = (await t.inject('/api/v1/flows?groupBy=route')).headers['etag'] as string;
    const other = await t.inject({ url: '/api/v1/flows?groupBy=point', headers: { 'if-none-match': etag } });
    expect(other.statusCode).toBe(200);
    const publicAnswer = await t.inject({ url: '/api/v1/flows?groupBy=route', headers: { 'if-none-match': etag } }, 'public');
    expect(publicAnswer.statusCode).toBe(200);
    expect(publicAnswer.headers['etag']).not.toBe(etag);
  });

  it('session and error answers are never kept and carry no ETag', async () => {
    const session = await t.inject('/api/v1/session');
    expect(session.headers['etag']).toBeUndefined();
    expect(session.headers['cache-control']).toBe('no-store');
    const bad = await t.inject('/api/v1/flows?from=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['etag']).toBeUndefined();
    expect(bad.headers['cache-control']).toBe('no-store');
  });
});

describe('media types', () => {
  it.each(['/api/v1/places', '/api/v1/routes', '/api/v1/regions'])('%s is application/geo+json', async (url) => {
    const res = await t.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(res.json().type).toBe('FeatureCollection');
  });
});
