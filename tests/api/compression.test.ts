/**
 * Built assets go out compressed: vite build writes .br and .gz beside each text asset (vite.config.ts) and the
 * server sends the one the browser accepts (@fastify/static preCompressed), with a year-long immutable cache for
 * hashed files; index.html is always revalidated.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tempDir, type TestServer } from './helpers';

const JS = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
const HTML = `<!doctype html><title>Transit Atlas</title><div id="root"></div>${'<!-- padding -->'.repeat(100)}`;

describe('compressed static assets', () => {
  let t: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = tempDir('atlas-dist-');
    mkdirSync(join(dist, 'assets'));
    const files: Record<string, string> = { 'index.html': HTML, 'assets/index-abc123.js': JS };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dist, name), text);
      writeFileSync(join(dist, `${name}.gz`), gzipSync(text));
      writeFileSync(join(dist, `${name}.br`), brotliCompressSync(text));
    }
    t = await startTestApp({ staticDir: dist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) => t.app.inject({ url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends brotli when accepted, with the long cache lifetime of hashed files', async () => {
    const res = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(JS);
  });

  it('sends gzip when only gzip is accepted', async () => {
    const res = await get('/assets/index-abc123.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toBe(JS);
  });

  it('sends the file as it is when nothing is accepted', async () => {
    const res = await get('/assets/index-abc123.js');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(JS);
  });

  it('index.html is no-cache, compressed or not, at / and as the SPA fallback', async () => {
    for (const url of ['/', '/index.html', '/flows']) {
      const plain = await get(url);
      expect(plain.statusCode, url).toBe(200);
      expect(plain.headers['cache-control'], url).toBe('no-cache');
      expect(plain.body, url).toBe(HTML);
      const br = await get(url, 'br');
      expect(br.statusCode, url).toBe(200);
      expect(br.headers['cache-control'], url).toBe('no-cache');
      const body = br.headers['content-encoding'] === 'br' ? brotliDecompressSync(br.rawPayload).toString() : br.body;
      expect(body, url).toBe(HTML);
    }
    const root = await get('/', 'br');
    expect(root.headers['content-encoding']).toBe('br');
  });
});
