/**
 * HTTP for the API's answers: revalidation and compression.
 *
 * - **ETag / 304**: a GET answer of the data endpoints (200) carries a weak ETag, the hash of its body — which already
 *   depends on the data version, the role and the query — and a request naming that ETag in `If-None-Match` gets 304
 *   with no body. Geography and the dataset's description (meta, places, routes, regions) are
 *   `Cache-Control: private, no-cache`: a browser keeps them and asks again. Counts of people (flows, assistance,
 *   returns, hotspots) stay `no-store` — numbers about vulnerable people are never written to a browser's disk
 *   cache, e.g. on a shared office computer — so only clients that keep answers themselves revalidate them. Session,
 *   setup, import and error answers are `no-store` and carry no ETag.
 * - **Compression**: answers of 1 kB or more go out brotli- or gzip-compressed, as the request's Accept-Encoding
 *   prefers (q-values honoured; `Vary: Accept-Encoding`). Built assets are precompressed at build time and served by
 *   @fastify/static, so they are not compressed again here. Compression runs off the event loop (zlib's thread pool).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/api';

/** GET endpoints whose answers are data (revalidated with an ETag); the rest of the API is never stored. */
const REVALIDATED = new Set(['meta', 'places', 'routes', 'regions', 'flows', 'assistance', 'returns', 'hotspots', 'coverage']);
/** Of those, the answers a browser may keep (no counts of people; coverage says whether counting happened, not how many). */
const KEPT = new Set(['meta', 'places', 'routes', 'regions', 'coverage']);
export const COMPRESS_MIN_BYTES = 1024;
/** zlib's asynchronous forms: the compression runs on libuv's thread pool, not on the event loop serving requests. */
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const endpointOf = (url: string): string | null => {
  if (!url.startsWith(`${API_PREFIX}/`)) return null;
  const path = url.slice(API_PREFIX.length + 1).split('?')[0]!;
  return path.includes('/') ? null : path;
};

/** Whether a route's GET answers carry an ETag and may be answered 304 (read by the OpenAPI document too). */
export const isRevalidated = (method: string, url: string): boolean => {
  const e = endpointOf(url);
  return method.toUpperCase() === 'GET' && e !== null && REVALIDATED.has(e);
};

/** The coding to send for an Accept-Encoding header: 'br', 'gzip' or null (identity), by q-value, br first on a tie. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const of = (c: string) => q.get(c) ?? q.get('*') ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br <= 0 && gzip <= 0) return null;
  return br >= gzip ? 'br' : 'gzip';
}

/** A weak ETag of a body (weak: the compressed forms of one answer share it). */
export const etagOf = (body: string | Buffer): string => `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

const matches = (ifNoneMatch: string, etag: string): boolean =>
  ifNoneMatch
    .split(',')
    .map((s) => s.trim())
    .some((s) => s === '*' || s.replace(/^W\//, '') === etag.replace(/^W\//, ''));

/** Registered after the security headers (whose `no-store` it replaces on revalidated answers). */
export function installHttpCache(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const endpoint = endpointOf(request.url);
    if (endpoint === null && !request.url.startsWith(`${API_PREFIX}/`)) return payload;
    let body: string | Buffer = payload;
    if ((request.method === 'GET' || request.method === 'HEAD') && reply.statusCode === 200 && endpoint !== null && REVALIDATED.has(endpoint)) {
      const etag = etagOf(body);
      reply.header('ETag', etag);
      if (KEPT.has(endpoint)) {
        reply.header('Cache-Control', 'private, no-cache');
        reply.removeHeader('Pragma');
      }
      reply.header('Vary', 'Cookie, Accept-Encoding');
      const asked = request.headers['if-none-match'];
      if (typeof asked === 'string' && matches(asked, etag)) {
        reply.code(304);
        reply.removeHeader('Content-Type');
        return '';
      }
    }
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    if (size < COMPRESS_MIN_BYTES || reply.hasHeader('Content-Encoding')) return body;
    const coding = chooseEncoding(request.headers['accept-encoding']);
    const vary = reply.getHeader('Vary');
    if (!vary) reply.header('Vary', 'Accept-Encoding');
    else if (!String(vary).includes('Accept-Encoding')) reply.header('Vary', `${String(vary)}, Accept-Encoding`);
    if (!coding) return body;
    body =
      coding === 'br'
        ? await brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: size } })
        : await gzipAsync(body, { level: 6 });
    reply.header('Content-Encoding', coding);
    reply.removeHeader('Content-Length');
    return body;
  });
}
